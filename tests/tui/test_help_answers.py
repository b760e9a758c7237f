"""The `?` help shows how to type an answer, literally, below the keys."""

from __future__ import annotations

from backprop_tui.answers.syntax import ANSWER_SYNTAX
from backprop_tui.tui.screens.help import HelpScreen

from .conftest import text_of


async def test_help_shows_the_answer_syntax(make_app, apple_tax):
    app = make_app(first=apple_tax, review=True)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = " ".join(text_of(app.screen.query_one("#help-answers")).split())
        assert "Typing an answer" in shown
        for example, _ in ANSWER_SYNTAX:
            assert " ".join(example.split()) in shown  # [0.5, -1] shown, not read as markup
