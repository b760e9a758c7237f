"""The op registry is the one source: an op registered once works in `expr`, in an answer and in a
lesson; its symbolic derivative agrees with its VJP; the docs and the schema list it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
import sympy

from backprop_tui.answers import check
from backprop_tui.cli import main
from backprop_tui.engine.ops import OPS, Op, register, unregister
from backprop_tui.engine.statements import parse_program
from backprop_tui.engine.symbolic import _namespace
from backprop_tui.engine.trace import run
from backprop_tui.lessons.load import load_lesson
from backprop_tui.lessons.quiz import Quiz
from backprop_tui.lessons.schema import schema_text
from backprop_tui.lessons.walkthrough import Walkthrough

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cube():
    """A throw-away op, declared in this one place only."""
    op = register(Op(
        name="cube", arity=1, elementwise=True,
        forward=lambda x: np.power(x, 3),
        vjp=lambda g, out, x: (g * 3 * np.square(x),),
        symbolic=lambda sp, x: [3 * x**2],
        description="the input cubed", pattern="cube: the input receives upstream × 3x²",
        notation="x³", local_notation=("3x²",), aliases=("cubed",),
    ))
    yield op
    unregister("cube")


def test_a_registered_op_works_in_expr(cube):
    trace = run(parse_program("y = cube(x) + x"), {"x": 2.0})
    assert float(trace.values["y"]) == 10.0
    assert float(trace.grads["x"]) == 13.0  # 3x² + 1


def test_a_registered_op_works_in_answers(cube):
    assert check("cube(x)", "x^3", {"x": 2.0}).correct
    assert check("x^3", "cubed(x)", {"x": 1.5}).correct  # as a key, under its alias
    assert check("x^2", "cube(x)", {"x": 1.5}).rule != "correct"
    assert check("cube(x)", "x^3", {"x": 2.0}, exact=True).rule in ("correct", "undecided")


def test_a_registered_op_works_in_a_lesson(cube, tmp_path):
    path = tmp_path / "cube.yaml"
    path.write_text(
        "format: 1\nid: cube-lesson\ntitle: Cubes\nsummary: A cube gate.\n"
        "inputs: {x: 2}\nnodes:\n  y: {op: cube, inputs: [x]}\noutput: y\n"
        "questions:\n  - id: dx\n    at: backward.y\n    ask: What is dy/dx?\n"
        "    expect: grad.x\n    answer: 3*x^2\n    hints: [Power rule.]\n",
        encoding="utf-8",
    )
    quiz = Quiz(Walkthrough.from_lesson(load_lesson(path)))
    question = quiz.walkthrough.questions[0]
    assert quiz.answer(question, "12").correct
    assert quiz.answer(question, "3 cube(x)/x").correct


def _scalar_inputs(op: Op, rng) -> list[float]:
    count = (op.arities or (2,))[-1]
    values = rng.uniform(0.3, 0.8, count) * rng.choice([-1.0, 1.0], count)
    if op.name in ("log", "sqrt", "pow"):
        values = np.abs(values)
    if op.name == "pow":
        values[1] = 2.5
    return [float(v) for v in values]


def _number(expr: sympy.Expr) -> float:
    return float(sympy.N(expr.rewrite(sympy.exp)))


@pytest.mark.parametrize("name", sorted(name for name, op in OPS.items() if op.symbolic))
def test_symbolic_derivative_matches_the_vjp(name):
    op = OPS[name]
    sp = _namespace()
    rng = np.random.default_rng(sum(map(ord, name)))
    for _ in range(5):
        values = _scalar_inputs(op, rng)
        symbols = [sympy.Symbol(f"a{i}", real=True) for i in range(len(values))]
        args = [sympy.nsimplify(v) if slot in op.constant_inputs else s
                for slot, (s, v) in enumerate(zip(symbols, values))]
        derivatives = op.symbolic(sp, *args)
        inputs = [np.array(v) for v in values]
        downstream = op.vjp(np.array(1.0), np.asarray(op.forward(*inputs)), *inputs)
        point = dict(zip(symbols, values))
        for slot, (symbolic, numeric) in enumerate(zip(derivatives, downstream, strict=True)):
            if numeric is None:
                continue
            value = _number(sympy.sympify(symbolic).subs(point))
            assert value == pytest.approx(float(numeric), rel=1e-9, abs=1e-12), (name, slot, values)


def test_every_answer_spelling_of_an_op_is_unique():
    spellings = [name for name in OPS] + [alias for op in OPS.values() for alias in op.aliases]
    assert len(spellings) == len(set(spellings))


def test_format_md_lists_every_op():
    text = (ROOT / "lessons" / "FORMAT.md").read_text(encoding="utf-8")
    listed = re.search(r"Ops: `([^`]*)`", text).group(1).split()
    assert listed == sorted(OPS)


def test_schema_enumerates_the_registry():
    node = json.loads(schema_text())["$defs"]["NodeSpec"]  # an expression string, or an object
    op = next(branch for branch in node["anyOf"] if branch["type"] == "object")["properties"]["op"]
    assert op["anyOf"][0]["enum"] == sorted(OPS)


def test_expr_help_lists_a_registered_op(cube, capsys):
    with pytest.raises(SystemExit):
        main(["expr", "--help"])
    assert "cube" in " ".join(capsys.readouterr().out.split())
