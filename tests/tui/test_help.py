"""The help screen explains the screen it was opened from."""

from backprop_tui.demos import DEMOS
from backprop_tui.tui.screens.help import HelpScreen

from .conftest import text_of


async def test_a_demos_help_is_about_the_demo(make_app, small_demos):
    app = make_app(demo="gradient-check")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        intro = text_of(app.screen.query_one("#help-intro"))
        assert DEMOS["gradient-check"].title in intro
        assert "upstream × local = downstream" not in intro  # the lesson screen's intro


async def test_a_lessons_help_is_about_stepping_and_questions(make_app, apple_tax):
    app = make_app(first=apple_tax, review=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        intro = " ".join(text_of(app.screen.query_one("#help-intro")).split())
        assert "upstream × local = downstream" in intro and "Esc leaves the box" in intro
