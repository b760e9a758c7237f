"""Text from a lesson file is shown as written on every screen: never parsed as markup."""

import pytest
from textual.style import Style
from textual.visual import RenderOptions
from textual.widgets import OptionList

from backprop_tui.tui.screens.help import HelpScreen
from backprop_tui.tui.screens.lesson import LessonScreen
from backprop_tui.tui.screens.opening import OpeningScreen
from backprop_tui.tui.screens.picker import LessonPicker
from backprop_tui.tui.screens.quiz import QuizScreen
from backprop_tui.tui.screens.resume import ResumePrompt
from tests.hostile_lesson import hostile, write_hostile_lesson
from tests.tui.conftest import wait_until

SIZE = (160, 40)


@pytest.fixture
def hostile_app(make_app, tmp_path):
    folder, target = tmp_path / "lessons", tmp_path / "target"
    folder.mkdir()
    target.mkdir()
    write_hostile_lesson(folder, target)
    app = make_app(lesson_dirs=[folder])
    app.hostile_target = target
    return app


def shown(widget) -> str:
    """The plain text a widget paints (markup, if it were parsed, would be gone from it)."""
    return widget.render().plain


def plain(widget, row) -> str:
    """What a picker row (a Textual Visual) shows in `widget`, on one wide line."""
    strips = row.render_strips(2000, None, Style(), RenderOptions(widget._get_style, widget.styles))
    return "\n".join(strip.text for strip in strips)


def expect(app, where: str) -> str:
    return hostile(app.hostile_target, where)


async def open_hostile(app, pilot) -> None:
    app.open_lesson(app.catalog.find("hostile-text"))
    await wait_until(pilot, lambda: not isinstance(app.screen, (LessonPicker, OpeningScreen)))
    await pilot.pause()


async def test_picker_shows_title_summary_and_tags_as_written(hostile_app):
    app = hostile_app
    async with app.run_test(size=SIZE) as pilot:
        options = app.screen.query_one(OptionList)
        options.highlighted = options.get_option_index("hostile-text")
        await pilot.pause()
        details = shown(app.screen.query_one("#details"))
        for where in ("title", "summary", "tag"):
            assert expect(app, where) in details
        assert expect(app, "title") in plain(options, options.get_option("hostile-text").prompt)


async def test_lesson_screen_shows_every_text_as_written_and_a_click_runs_nothing(hostile_app):
    app = hostile_app
    async with app.run_test(size=SIZE) as pilot:
        await open_hostile(app, pilot)
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        assert screen.sub_title == expect(app, "title")
        assert shown(screen.query_one("#narration")) == expect(app, "note")
        await pilot.click("#narration", offset=(2, 0))  # "CLICK HERE", were it a link
        await pilot.pause()
        assert list(app.hostile_target.iterdir()) == []
        screen.go(screen.trace.step("forward.f").index)
        await pilot.pause()
        question = shown(screen.query_one("#question"))
        for where in ("ask pick", "choice a", "choice b"):
            assert expect(app, where) in question
        await pilot.press("escape")
        screen.go(screen.trace.step("backward.f").index)
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        question = shown(screen.query_one("#question"))
        assert expect(app, "ask") in question and expect(app, "hint") in question
        await pilot.press("x", "enter")
        await pilot.pause()
        assert expect(app, "misconception") in shown(screen.query_one("#feedback"))
        await pilot.press("f3")
        await pilot.pause()
        assert expect(app, "explain") in shown(screen.query_one("#feedback"))
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_resume_prompt_shows_the_title_as_written(hostile_app):
    app = hostile_app
    app.store.save_position("hostile-text", 2, "forward.f", 6)
    async with app.run_test(size=SIZE) as pilot:
        await open_hostile(app, pilot)
        assert isinstance(app.screen, ResumePrompt)
        assert expect(app, "title") in shown(app.screen.query_one("#resume-box Static"))


async def test_quiz_shows_the_question_and_the_missed_list_as_written(hostile_app):
    app = hostile_app
    async with app.run_test(size=SIZE) as pilot:
        app.open_quiz(app.catalog.find("hostile-text"))
        await wait_until(pilot, lambda: isinstance(app.screen, QuizScreen))
        await pilot.pause()  # the screen is mounted
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        assert expect(app, "summary") in shown(quiz.query_one("#quiz-context"))
        assert expect(app, "ask") in shown(quiz.query_one("#question"))
        await pilot.press("f3", "f4", "f3", "f4")
        await pilot.pause()
        assert expect(app, "ask pick") in shown(quiz.query_one("#quiz-result"))


async def test_command_palette_shows_lesson_titles_as_written(hostile_app):
    app = hostile_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"hostile")
        await pilot.pause()
        await app.workers.wait_for_complete()  # the palette's search
        await pilot.pause()
        palette_list = app.screen.query_one("CommandList")
        prompts = [str(palette_list.get_option_at_index(i).prompt) for i in range(palette_list.option_count)]
        assert any(expect(app, "title") in prompt for prompt in prompts)
        await pilot.press("escape")
