import subprocess
import sys

from textual.screen import Screen

from backprop_tui.progress import ProgressStore
from backprop_tui.progress.cards import Rating
from backprop_tui.tui.screens.lesson import LessonScreen
from backprop_tui.tui.screens.picker import LessonPicker
from backprop_tui.tui.screens.quiz import QuizScreen
from backprop_tui.tui.widgets.quiz_panel import AnswerBox

from .conftest import submit, text_of, type_quickly, wait_until


async def test_picker_lists_bundled_lessons_and_opens_one(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        picker = app.screen
        assert isinstance(picker, LessonPicker)
        assert app.catalog.find("apple-tax") is not None
        details = text_of(picker.query_one("#details"))
        assert "not started" in details
        await pilot.press("enter")  # loaded in a worker: a loading screen shows meanwhile
        await wait_until(pilot, lambda: isinstance(app.screen, LessonScreen))
        await pilot.pause()  # the screen is mounted
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is picker


async def test_picker_shows_progress_after_a_lesson(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, LessonScreen))
        await pilot.pause()  # the screen is mounted
        lesson = app.screen
        lesson.go(3)
        await pilot.press("escape")
        await pilot.pause()
        first = app.catalog.lessons[0]
        assert app.store.lesson_status(first.id).status.value == "in progress"
        assert "in progress" in text_of(app.screen.query_one("#details"))


async def test_quiz_from_the_picker_scores_and_lists_missed(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("k")
        await wait_until(pilot, lambda: isinstance(app.screen, QuizScreen) and not app.screen.drawing)
        await pilot.pause()  # the screen is mounted
        quiz = app.screen
        total = len(quiz.walkthrough.questions)
        first = quiz.walkthrough.questions[0]
        await submit(pilot, str(first.question.answer))
        box = quiz.query_one(AnswerBox)
        assert not box.display  # nothing to type once the question is settled
        await pilot.press("n")
        await pilot.pause()
        assert box.display and app.focused is box
        type_quickly(app, ["f4"] * total)  # the next question (skips the unanswered ones)
        await pilot.pause()
        result = text_of(quiz.query_one("#quiz-result"))
        assert f"1 of {total} right the first time" in result
        assert "To review" in result


async def test_command_palette_lists_actions_and_lessons(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert any(t.startswith("Open lesson: ") for t in titles)
        assert "Quiz" in titles


async def test_the_picker_starts_on_the_next_unfinished_lesson(make_app, data_dir):
    first = make_app()
    lessons = first.catalog.lessons
    first.store.mark_completed(lessons[0].id)
    first.store.mark_completed(lessons[1].id)
    first.store.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.selected_info().id == lessons[2].id


async def test_a_long_title_wraps_under_itself(make_app):
    from dataclasses import replace

    from textual.style import Style
    from textual.visual import RenderOptions

    app = make_app()
    async with app.run_test(size=(100, 30)):
        picker = app.screen
        info = app.catalog.lessons[0]
        row = picker._label(replace(info, title="word " * 20), None)
        strips = row.render_strips(30, None, Style(), RenderOptions(picker._get_style, picker.styles))
        lines = [strip.text for strip in strips]
        assert len(lines) == row.get_height(picker.styles, 30) > 1
        assert lines[0].startswith(" ○ word")
        assert all(line.startswith("   word") for line in lines[1:])  # indented past the mark
        assert " ".join(" ".join(lines).split()) == "○ " + " ".join(["word"] * 20)


async def test_a_screen_is_styled_for_the_terminal_size_from_its_first_layout(make_app):
    """The breakpoint classes (-narrow, -short) are there before the first layout, which Textual
    would otherwise do without them and then again with them."""
    classes_at_mount = []

    class Probe(Screen):
        def on_mount(self) -> None:
            classes_at_mount.append(set(self.classes))

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert {"-narrow", "-short"} <= app.screen.classes  # the picker
        app.push_screen(Probe())
        await pilot.pause()
    assert {"-narrow", "-short"} <= classes_at_mount[0]


HEAVY = ("fsrs", "numpy", "sympy", "pydantic", "yaml", "importlib.metadata")


def test_the_pickers_first_frame_imports_nothing_heavy(data_dir):
    """A second start up to the picker's first frame, review cards and all, needs none of the
    engine, the scheduler, the lesson models or the packs' lookup (all remembered or lazy)."""
    with ProgressStore.open(data_dir) as store:
        store.record_attempt("apple-tax", "d-apple", "2.2", True, "correct", rating=Rating.GOOD)
    code = (
        "import sys\n"
        "from backprop_tui.tui.app import create_app\n"
        f"app = create_app(data_dir={str(data_dir)!r})\n"
        "async def first_frame(pilot):\n"
        "    await pilot.pause()\n"
        "    assert 'mastery' in str(pilot.app.screen.query_one('#lesson-list').get_option_at_index(1).prompt)\n"
        f"    print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
        "    pilot.app.exit()\n"
        "app.run(headless=True, size=(100, 30), auto_pilot=first_frame)\n"
    )
    find_packs = ("from pathlib import Path\n"  # remembered for this sys.path, as a first start would
                  "from backprop_tui.lessons.catalog import discover\n"
                  f"discover(data_dir=Path({str(data_dir)!r}))\n")
    subprocess.run([sys.executable, "-c", find_packs], check=True)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert second.stdout.strip() == "[]", second.stderr
