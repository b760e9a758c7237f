"""KeyFooter shows the screen's keys like Textual's Footer, but rebuilds them only when they change."""

from textual.app import App
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets._footer import FooterKey

from backprop_tui.tui.widgets.key_footer import KeyFooter

from .conftest import wait_until


class Keys(App):
    BINDINGS = [Binding("a", "alpha", "Alpha"), Binding("b", "beta", "Beta")]
    beta_shown = False

    def compose(self):
        yield KeyFooter()

    def check_action(self, action: str, parameters) -> bool:
        return self.beta_shown if action == "beta" else True

    def action_alpha(self) -> None:
        pass

    def action_beta(self) -> None:
        pass


def shown(app: App) -> list[FooterKey]:
    return [key for key in app.screen.query(FooterKey) if not key.has_class("-command-palette")]


async def test_the_keys_are_rebuilt_when_they_change_and_only_then():
    app = Keys()
    async with app.run_test(size=(80, 10)) as pilot:
        await wait_until(pilot, lambda: shown(app))  # the footer builds its keys after a refresh
        keys = shown(app)
        assert [key.description for key in keys] == ["Alpha"]

        app.screen.refresh_bindings()  # the same keys: nothing rebuilt
        await pilot.pause()
        assert shown(app) == keys

        app.beta_shown = True
        app.screen.refresh_bindings()
        await wait_until(pilot, lambda: len(shown(app)) == 2)
        assert [key.description for key in shown(app)] == ["Alpha", "Beta"]


async def test_the_keys_are_built_with_the_screen_and_kept_when_focus_brings_no_other_key():
    """Textual's Footer builds its keys after the screen's first frame (one more layout and
    repaint); a focused widget whose bindings are not shown changes no key."""

    class RecordingFooter(KeyFooter):
        def on_mount(self) -> None:
            self.built = shown(self.app)

    class Focusing(Keys):
        def compose(self):
            yield VerticalScroll()  # focused: binds up, down, right, left and more, none shown
            yield RecordingFooter()

    app = Focusing()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, VerticalScroll)
        built = app.query_one(RecordingFooter).built
        assert [key.description for key in built] == ["Alpha"]
        assert shown(app) == built  # the same widgets: not rebuilt
