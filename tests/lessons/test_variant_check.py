"""`check` proves a lesson's variants; `assert:` claims hold or are reported at their place."""

from pathlib import Path

import numpy as np
import pytest

from backprop_tui.cli import main
from backprop_tui.engine.statements import parse_program
from backprop_tui.engine.trace import run
from backprop_tui.lessons.claims import ClaimError, claim_failure
from backprop_tui.lessons.load import load_lesson
from backprop_tui.lessons.variant_check import kinks_at, variant_problems
from backprop_tui.lessons.variants import has_variants

from .test_loader import LESSONS

HERE = Path(__file__).parent / "variants"


def test_check_reports_each_broken_variant_at_its_place(capsys):
    """Golden: a tie at a max, relu at its kink, a division by zero, a claim turned false and a
    misconception equal to the key, each once with the first seed that breaks it."""
    path = HERE / "breaks.yaml"
    assert main(["check", str(path)]) == 1
    expected = (HERE / "EXPECTED").read_text(encoding="utf-8").splitlines()
    assert capsys.readouterr().out.splitlines() == [f"{HERE}/{line}" for line in expected]


def test_without_variants_the_authored_lesson_passes(capsys):
    assert main(["check", "--variants", "0", str(HERE / "breaks.yaml")]) == 0


def values(**fields):
    return lambda field: np.asarray(fields[field.replace(".", "_")], dtype=float)


@pytest.mark.parametrize("claim", [
    "{grad.x} < 0", "0 < {value.p} < 1", "abs({grad.x}) >= 2 * {value.p}", "{value.p}^2 != 0.1",
    "sum({grad.W}) == 3", "-1 < -{value.p}",
])
def test_a_true_claim_holds(claim):
    assert claim_failure(claim, values(grad_x=-3, value_p=0.3, grad_W=[[1, 2], [3, -3]])) is None


def test_a_false_claim_says_why():
    why = claim_failure("{grad.x} > -1", values(grad_x=-3))
    assert why == "-3 > -1 is false ({grad.x} = -3)"
    assert claim_failure("{grad.W} > 0", values(grad_W=[1, -1])) is not None  # every entry must hold


@pytest.mark.parametrize("claim, message", [
    ("x < 0", "'x' is not a template"),
    ("{grad.x}", "a claim compares"),
    ("{grad.x} is None", "a claim compares"),
    ("{grad.x} < __import__('os').getcwd()", "unknown function"),
    ("{grad.x} < open('f')", "unknown function 'open'"),
    ("{grad.x} < 1/0", "division by zero"),
    ("{grad.x} <", "syntax error"),
])
def test_a_claim_is_never_evaluated_as_python(claim, message):
    with pytest.raises(ClaimError, match=message):
        claim_failure(claim, values(grad_x=-3))


@pytest.mark.parametrize("program, values_, kinked", [
    ("f = relu(x) * y", {"x": 0, "y": 2}, ("t1",)),
    ("m = max(x, y); f = m * 2", {"x": 2, "y": 2}, ("m",)),
    ("m = max(x, y); f = m * 2", {"x": 2, "y": 2.5}, ()),
    ("f = sum(abs(v))", {"v": [1, 0, -2]}, ("t1",)),
    ("f = max(v)", {"v": [3, 1, 3]}, ("f",)),
])
def test_kinks_are_found_where_the_gradient_is_a_convention(program, values_, kinked):
    assert kinks_at(run(parse_program(program), values_)) == kinked


@pytest.mark.parametrize("lesson", ["sigmoid-neuron", "staged-expression"])
def test_a_few_variants_of_bundled_lessons_keep_their_teaching(lesson):
    """A sample; `check lessons/` (CI) proves 50 draws of every bundled lesson."""
    loaded = load_lesson(LESSONS / f"{lesson}.yaml")
    assert has_variants(loaded.lesson)
    assert variant_problems(loaded, range(5)) == []


def test_walk_shows_the_variant_check_reported(capsys):
    path = str(HERE / "breaks.yaml")
    assert main(["walk", path, "--variant", "4"]) == 0
    assert "forward 1/8  x  input = 2\n" in capsys.readouterr().out  # variant 4 draws x = 2, y = 2
    assert main(["walk", path, "--variant", "8"]) == 2
    assert f"{path}:11:6: div in 'r / (x + 3)' failed" in capsys.readouterr().err
