"""Snapshot tests of the main screens (pytest-textual-snapshot). After an intended change of
looks: `python -m pytest tests/tui/test_snapshots.py --snapshot-update`, then look at them."""

import pytest
from textual.widgets import Input

from backprop_tui.lessons.catalog import lesson_files
from backprop_tui.lessons.load import load_lesson
from backprop_tui.lessons.walkthrough import Walkthrough
from backprop_tui.tui.app import create_app

from .conftest import LESSONS


def lesson(name: str) -> Walkthrough:
    """A bundled lesson with its explanations made: the picture must not depend on whether the
    screen's worker made them before or after the first layout (the graph scrolls as little as
    it can, so where it ends up depends on the sizes it went through)."""
    walkthrough = Walkthrough.from_lesson(load_lesson(LESSONS / name))
    walkthrough.explanations.make()
    return walkthrough


def at_step(walkthrough: Walkthrough, key: str):
    async def go(pilot):
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False  # a blinking cursor would make the picture depend on timing
        pilot.app.screen.go(walkthrough.trace.step(key).index)
        await pilot.app.workers.wait_for_complete()  # the step's explanation, made in a worker
        await pilot.pause()
        await pilot.pause()  # the panels are sized once the screen is laid out

    return go


def test_picker(snap_compare, data_dir):
    assert snap_compare(create_app(data_dir=data_dir), terminal_size=(110, 32))


def test_lesson_mid_forward(snap_compare, data_dir):
    walk = lesson("apple-tax.yaml")
    app = create_app(data_dir=data_dir, first=walk, review=True)
    assert snap_compare(app, terminal_size=(120, 36), run_before=at_step(walk, "forward.all_price"))


def test_lesson_mid_backward_with_inspector(snap_compare, data_dir):
    walk = lesson("apple-tax.yaml")
    app = create_app(data_dir=data_dir, first=walk, review=True)
    assert snap_compare(app, terminal_size=(120, 36), run_before=at_step(walk, "backward.apple_price"))


def test_question_before_its_answer(snap_compare, data_dir):
    walk = lesson("sigmoid-neuron.yaml")
    app = create_app(data_dir=data_dir, first=walk)
    assert snap_compare(app, terminal_size=(120, 36), run_before=at_step(walk, "backward.f"))


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_question_step(snap_compare, data_dir, size):
    """A question open: the graph keeps its rows, the narration stays, the answer box has the keys."""
    walk = lesson("apple-tax.yaml")
    app = create_app(data_dir=data_dir, first=walk)
    assert snap_compare(app, terminal_size=size, run_before=at_step(walk, "backward.price"))


def test_tensor_lesson(snap_compare, data_dir):
    walk = lesson("matrix-gradients.yaml")
    app = create_app(data_dir=data_dir, first=walk, review=True)
    assert snap_compare(app, terminal_size=(140, 44), run_before=at_step(walk, "backward.W"))


def test_help_screen(snap_compare, data_dir):
    app = create_app(data_dir=data_dir, first=lesson("apple-tax.yaml"), review=True)
    assert snap_compare(app, terminal_size=(110, 32), press=["question_mark"])


def test_small_terminal(snap_compare, data_dir):
    walk = lesson("gradients-add-at-a-fork.yaml")
    app = create_app(data_dir=data_dir, first=walk, review=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=at_step(walk, "backward.b"))


LESSON_FILES = [p.name for p in lesson_files([LESSONS])]


@pytest.mark.parametrize("name", LESSON_FILES)
def test_lesson_backward_step_at_80x24(snap_compare, data_dir, name):
    """One backward step of every bundled lesson at 80×24 (its third)."""
    walk = lesson(name)
    key = [s.key for s in walk.trace.steps if s.phase == "backward"][2]
    app = create_app(data_dir=data_dir, first=walk, review=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=at_step(walk, key))
