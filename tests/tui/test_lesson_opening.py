"""Opening a lesson never makes the UI thread wait: the file loads in a worker behind a loading
screen (or, named on the command line and passed before, before the app starts), and the
lesson screen shows its first frame before its explanations (SymPy) exist."""

import asyncio
import subprocess
import sys
import threading

import pytest
from textual.app import App
from textual.widgets import LoadingIndicator

from backprop_tui.cli import main
from backprop_tui.engine.explain import explain_trace
from backprop_tui.lessons import walkthrough as walkthrough_module
from backprop_tui.lessons.load import load_lesson
from backprop_tui.lessons.verified import load_verified
from backprop_tui.lessons.walkthrough import Walkthrough
from backprop_tui.tui.app import BackpropApp
from backprop_tui.tui.screens import opening
from backprop_tui.tui.screens.lesson import LessonScreen
from backprop_tui.tui.screens.opening import OpeningScreen
from backprop_tui.tui.screens.picker import LessonPicker
from backprop_tui.tui.widgets.inspector import WORKING, Inspector

from .conftest import LESSONS, WAIT_SECONDS, text_of, wait_until

SIZE = (100, 30)
APPLE_TAX = LESSONS / "apple-tax.yaml"


@pytest.fixture
def held_back(monkeypatch):
    """Holds back the function named until the test lets it go (`.set()`)."""

    def hold(module, name: str) -> threading.Event:
        gate, real = threading.Event(), getattr(module, name)

        def held(*args):
            assert gate.wait(WAIT_SECONDS), "the test never let it go"
            return real(*args)

        monkeypatch.setattr(module, name, held)
        return gate

    yield hold


def notations_of(explanations) -> list[list[str | None]]:
    return [[term.notation for term in e.inputs] for e in explanations if e is not None]


async def test_the_picker_opens_a_lesson_behind_a_loading_screen(make_app, held_back):
    loading = held_back(opening, "load_walkthrough")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, OpeningScreen))
        assert app.screen.styles.background.a < 1  # the picker shows through, dimmed
        box = app.screen.query_one("#opening-box")
        await wait_until(pilot, lambda: box.display)  # shown once opening takes a moment
        assert box.query(LoadingIndicator)
        assert "Opening “Apples, oranges and tax”" in text_of(app.screen.query_one("#opening-what"))
        loading.set()
        await wait_until(pilot, lambda: isinstance(app.screen, LessonScreen))
        assert app.screen.walkthrough.id == "apple-tax"
        await pilot.pause()  # the screen's Header finishes mounting before the app exits


async def test_escape_while_opening_returns_to_the_picker(make_app, held_back):
    loading = held_back(opening, "load_walkthrough")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, OpeningScreen))
        await pilot.press("escape")
        assert isinstance(app.screen, LessonPicker)
        loading.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, LessonPicker)  # the lesson loaded late is not shown


async def test_a_lesson_named_on_the_command_line_shows_before_the_picker_is_made(make_app):
    app = make_app(first=APPLE_TAX)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LessonScreen))
        assert not any(isinstance(screen, LessonPicker) for screen in app.screen_stack)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, LessonPicker))
        assert len(app.screen_stack) == 2  # the default screen and the picker
        await pilot.press("enter")  # the picker opens lessons as ever, over itself
        await wait_until(pilot, lambda: isinstance(app.screen, LessonScreen))
        await pilot.press("escape")
        assert isinstance(app.screen, LessonPicker) and len(app.screen_stack) == 2


async def test_escape_while_opening_a_lesson_named_on_the_command_line_shows_the_picker(make_app, held_back):
    loading = held_back(opening, "load_walkthrough")
    app = make_app(first=APPLE_TAX)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, OpeningScreen))
        assert app.screen.styles.background.a == 1  # over the empty default screen: it is not drawn
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, LessonPicker))
        loading.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, LessonPicker)


async def test_the_lesson_screen_shows_then_fills_in_its_explanations(make_app, held_back):
    explaining = held_back(walkthrough_module, "explain_trace")
    walkthrough = Walkthrough.from_lesson(load_lesson(APPLE_TAX))
    app = make_app(first=walkthrough, review=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, LessonScreen) and not walkthrough.explanations.ready
        screen.go(walkthrough.trace.step("backward.price").index)
        await pilot.pause()
        assert WORKING in text_of(screen.query_one(Inspector))
        explaining.set()
        await wait_until(pilot, lambda: "upstream" in text_of(screen.query_one(Inspector)))
        assert WORKING not in text_of(screen.query_one(Inspector))


async def test_a_key_onto_a_backward_step_waits_for_its_explanation(make_app, held_back):
    explaining = held_back(walkthrough_module, "explain_trace")
    walkthrough = Walkthrough.from_lesson(load_lesson(APPLE_TAX))
    app = make_app(first=walkthrough, review=True)
    async with app.run_test(size=SIZE) as pilot:
        threading.Timer(0.2, explaining.set).start()  # lets go while the key is being handled
        await pilot.press("b")
        screen = app.screen
        assert screen.trace.steps[screen.index].key == "backward.price"
        inspector = text_of(screen.query_one(Inspector))
        assert "upstream" in inspector and WORKING not in inspector


def test_a_broken_lesson_named_on_the_command_line_exits_with_its_problems(tmp_path, monkeypatch, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: broken\ntitle: Broken\nnodes: {f: {op: nope, inputs: [x]}}\n",
                      encoding="utf-8")
    monkeypatch.setattr(BackpropApp, "run", lambda self: App.run(self, headless=True, size=SIZE))
    assert main(["--data-dir", str(tmp_path / "data"), str(broken)]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"backprop-tui: error: {broken} has problems:\n{broken}:")


@pytest.mark.parametrize("opened_before, first_screen", [(True, LessonScreen), (False, OpeningScreen)])
def test_a_lesson_named_on_the_command_line_that_passed_before_opens_before_the_app(
        tmp_path, monkeypatch, opened_before, first_screen):
    """A file whose content passed before needs no checking (no SymPy): it is opened before
    the app starts, and the lesson is the first screen the app shows. One never checked is
    opened by the app, in a worker, behind its loading screen."""
    data = tmp_path / "data"
    if opened_before:
        load_verified(APPLE_TAX, data)
    shown, push_screen = [], BackpropApp.push_screen

    def push_and_note(app, screen, *args, **kwargs):
        shown.append(type(screen))
        return push_screen(app, screen, *args, **kwargs)

    monkeypatch.setattr(BackpropApp, "push_screen", push_and_note)
    monkeypatch.setattr(LessonScreen, "_start_explaining", lambda screen: screen.app.exit())  # its first frame
    monkeypatch.setattr(BackpropApp, "run", lambda app: App.run(app, headless=True, size=SIZE))
    assert main(["--data-dir", str(data), str(APPLE_TAX)]) == 0
    assert shown[0] is first_screen and shown[-1] is LessonScreen


def test_a_lesson_shows_its_first_frame_without_sympy_and_its_remembered_explanations(tmp_path):
    """Opens apple-tax from the command line twice, in one fresh process, and looks at the
    lesson screen's first frame (where its explanations' worker would start; the app exits
    there, so SymPy is never imported for it): whether SymPy is imported, whether the
    explanations are made. With the answer keys known to pass but no formula written yet,
    neither (the worker makes them, with SymPy, after that frame); with the formulas of an
    earlier opening remembered, they are made, still without SymPy."""
    keys_only, opened_before = tmp_path / "keys-only", tmp_path / "opened-before"
    load_verified(APPLE_TAX, keys_only)
    opening.load_walkthrough(APPLE_TAX, opened_before).explanations.make()  # a first opening's worker
    code = (
        "import sys\n"
        "from textual.app import App\n"
        "from backprop_tui.cli import main\n"
        "from backprop_tui.tui.app import BackpropApp\n"
        "from backprop_tui.tui.screens.lesson import LessonScreen\n"
        f"BackpropApp.run = lambda self: App.run(self, headless=True, size={SIZE!r})\n"
        "def first_frame_drawn(screen):\n"
        "    print('sympy' in sys.modules, screen.walkthrough.explanations.ready)\n"
        "    screen.app.exit()\n"
        "LessonScreen._start_explaining = first_frame_drawn\n"
        "for data in sys.argv[1:]:\n"
        f"    assert main(['--data-dir', data, {str(APPLE_TAX)!r}]) == 0\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(keys_only), str(opened_before)],
                            capture_output=True, text=True, timeout=WAIT_SECONDS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["False False", "False True"]


def test_the_app_explanations_feed_and_come_from_the_notation_memory(tmp_path):
    first = opening.load_walkthrough(APPLE_TAX, tmp_path)
    assert not first.explanations.ready  # nothing remembered: the lesson screen's worker makes them
    made = first.explanations.make()
    again = opening.load_walkthrough(APPLE_TAX, tmp_path)
    assert again.explanations.ready
    assert notations_of(again.explanations) == notations_of(made) == notations_of(explain_trace(first.trace))
    assert any(notations_of(made))


@pytest.mark.parametrize("ticks", range(8))
async def test_q_as_a_lesson_appears_quits_cleanly(make_app, apple_tax, ticks):
    """`q` pressed while the lesson screen is still mounting (0–7 event-loop turns after it
    was pushed) took the screen down mid-mount: NoMatches from its widgets' mount handlers
    and an exit code of 1. The quit waits for the mount."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_walkthrough(apple_tax)
        for _ in range(ticks):
            await asyncio.sleep(0)
        await app.run_action("quit")
    assert app.return_code == 0
