"""`walk` and `expr` take formulas written before from the data dir: a second run needs no SymPy."""

import subprocess
import sys
from pathlib import Path

from backprop_tui.cli import main
from backprop_tui.engine.explain import explain_trace, notation_key
from backprop_tui.engine.statements import parse_program
from backprop_tui.engine.trace import run
from backprop_tui.lessons.catalog import discover
from backprop_tui.lessons.load import load_lesson
from backprop_tui.lessons.notation_memory import NOTATIONS_FILE, NotationMemory
from backprop_tui.lessons.review import prepare_card
from backprop_tui.lessons.walkthrough import Walkthrough
from backprop_tui.progress.cards import Card

PROGRAM = "q = x + y; f = sigmoid(q * z) * 3"
APPLE_TAX = Path(__file__).parent.parent.parent / "lessons" / "apple-tax.yaml"


def _trace():
    return run(parse_program(PROGRAM), {"x": -2.0, "y": 5.0, "z": -4.0})


def _written(explanations) -> list:
    return [[t.notation for t in e.inputs] for e in explanations if e is not None]


def test_remembered_formulas_are_the_ones_sympy_writes(tmp_path):
    trace = _trace()
    memory = NotationMemory(tmp_path)
    first = explain_trace(trace, memory.notations)
    memory.save()
    again = NotationMemory(tmp_path)
    assert again.notations == memory.notations and again.notations
    assert _written(explain_trace(trace, again.notations)) == _written(first) == _written(explain_trace(trace))


def test_a_remembered_formula_is_used_as_it_is(tmp_path):
    trace = _trace()
    step = trace.step("backward.q")
    notations = {notation_key(trace, step): ["remembered", "too"]}
    (explanation,) = [e for e in explain_trace(trace, notations) if e is not None and e.node == "q"]
    assert [t.notation for t in explanation.inputs] == ["remembered", "too"]


def test_a_corrupt_memory_is_ignored(tmp_path):
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / NOTATIONS_FILE).write_text('{"version": "x", "notations": {"k": [1]}', encoding="utf-8")
    assert NotationMemory(tmp_path).notations == {}


def test_a_second_walk_and_expr_print_the_same_without_sympy(tmp_path, capsys, monkeypatch):
    """The first run (in this process) makes the formulas with SymPy and writes them to the
    data dir; the second, in a fresh interpreter, prints the same without importing SymPy."""
    monkeypatch.setenv("COLUMNS", "100")
    code = (
        "import sys\n"
        "from backprop_tui.cli import main\n"
        "main(sys.argv[1:])\n"
        "print('sympy' in sys.modules)\n"
    )
    data = ["--data-dir", str(tmp_path)]
    for command in (["walk", "apple-tax"], ["expr", PROGRAM, "x=-2", "y=5", "z=-4", "--plain"]):
        remembered = NotationMemory(tmp_path).notations
        assert main([*command, *data]) == 0
        first = capsys.readouterr().out
        assert NotationMemory(tmp_path).notations != remembered, command  # it wrote what it made
        second = subprocess.run([sys.executable, "-c", code, *command, *data], capture_output=True,
                                text=True, check=True).stdout
        assert second == first + "False\n", command


def test_a_lesson_its_variants_and_its_review_cards_share_the_remembered_formulas(tmp_path):
    """The app's explanations (a lesson's, a quiz's variant's, a review card's) take the
    formulas remembered in the data dir and add the ones they make: made once, no SymPy again."""
    memory = NotationMemory(tmp_path)
    lesson = Walkthrough.from_lesson(load_lesson(APPLE_TAX), memory)
    assert not lesson.explanations.make_if_remembered()  # nothing remembered yet
    made = lesson.explanations.make()
    assert NotationMemory(tmp_path).notations == memory.notations != {}  # saved
    variant, seed = lesson.fresh_variant(7)
    assert seed is not None and variant.trace.values["apple"] != lesson.trace.values["apple"]
    assert variant.explanations.make_if_remembered()  # other numbers, the same gates
    due = prepare_card(Card("apple-tax", "d-apple", due="2024-01-01T00:00:00.000000+00:00"),
                       discover(data_dir=tmp_path), tmp_path, seed=3)
    assert due.walkthrough.explanations.make_if_remembered()
    assert _written(due.walkthrough.explanations) == _written(made)
