"""A screen's start does Textual's work once (tui/textual_speedups.py)."""

from collections import Counter

from textual.app import App
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen
from textual.widgets import Static

from backprop_tui.tui import textual_speedups


class Cells(Screen):
    def compose(self):
        for number in range(5):
            yield Static(str(number))


async def test_a_pushed_screen_styles_each_widget_once(monkeypatch):
    textual_speedups.apply()
    styled = Counter()
    apply = Stylesheet.apply

    def counting(self, node, *args, **kwargs):
        if isinstance(node, Static):
            styled[node] += 1
        return apply(self, node, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", counting)
    app = App()
    async with app.run_test(size=(40, 10)) as pilot:
        await app.push_screen(Cells())
        await pilot.pause()
        assert len(styled) == 5
        assert set(styled.values()) == {1}, "a widget styled again when its screen was first shown"
        await app.push_screen(Cells())
        await pilot.pause()
        await app.pop_screen()
        await pilot.pause()
        assert app.screen.query_one(Static).region.height == 1  # the screen beneath shows again
