"""Hostile and degenerate input: always a Verdict after bounded work, and no code is ever run."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
import sympy

import backprop_tui.answers
from backprop_tui.answers import AnswerError, Verdict, check, evaluate, parse_answer
from backprop_tui.answers.build import MAX_ELEMENTS, MAX_MAGNITUDE
from backprop_tui.answers.parse import MAX_AST_NODES

VARIABLES = {"x": -2.0, "y": 5.0, "W": [[1, 2, 3], [4, 5, 6]], "v": [1.0, 2.0, 3.0]}

HOSTILE = [
    "__import__('os').system('ls')",
    "__import__",
    "().__class__.__bases__",
    "().__class__.__bases__[0].__subclasses__()",
    "x.__class__",
    "getattr(x, 'T')",
    "open('/etc/passwd').read()",
    "9**9**9**9",
    "2**2**2**2**2",
    "10**12**12",
    "(10**12)**64",
    "((10**12)**25)**(1/7)",
    "x**64**64",
    "(1e300)**64",
    "1e400",
    "9" * 400,
    "factorial(10**7)",
    "(" * 500,
    ")" * 500,
    "(" * 200 + "x" + ")" * 200,
    "[" * 100 + "]" * 100,
    "-" * 400 + "x",
    "x" + "^x" * 200,
    "x+" * 20000,
    "x" * 1_000_000,
    "\x00",
    "x\x00y",
    "\x1b[31mred",
    "lambda: 1",
    "lambda",
    "[x for x in v]",
    "{x}",
    "{'a': 1}",
    "'abc'",
    '"abc"',
    "f'{x}'",
    "b'x'",
    "x if y else 0",
    "x; import os",
    "x := 3",
    "x == y",
    "x < y",
    "x % y",
    "x // y",
    "x & y",
    "~x",
    "not x",
    "*v",
    "exp(x=1)",
    "max(*v)",
    "x[0]",
    "v[::-1]",
    "...",
    "None",
    "True",
    "1j",
    "0x1F",
    "1_000",
    "exp(exp(exp(exp(1000))))",
    "exp(1e300)",
    "log(0)",
    "1/(x-x)",
    "0**-1",
    "0.²",
    "0.0^-1",
    "0.0^0.5",
    "1/(0.3 - 0.2999999)",
    "*".join(["1.1"] * 45),
    "outer([" + ", ".join(["0.25"] * 39) + "], v) * 1.01",
    "outer(outer(W, W), outer(W, W))",
    "sum(outer(outer(outer(W, W), W), W))",
    "outer(outer(outer(outer(W, W), W), W), W)",
    "W @ W",
    "sqrt(-1)",
    "x" * 499,
    "\u202e x",
    "𝑥 + 𝑦",
    "ｘ＋ｙ",
    "x\u0301",
    "🙂",
    "\ud800",
    "exp(" * 30 + "x" + ")" * 30,
    "sigmoid(" * 40 + "x" + ")" * 40,
    "1e-400",
    "0e999",
    ".T",
    "x.T.T.T.T.T.T.T.T.T.T.T.T.T.T.T.T.T.T.T.T",
    "x\n+\ny",
    "x\t*\ty",
    "#x",
    "x # comment",
    "\\x",
    "*".join(f"sin({i}x)" for i in range(2, 42)),
    "+".join(f"sin({i}x)" for i in range(2, 42)),
    "/".join(f"tanh({i}x)" for i in range(2, 42)),
    "*".join(f"(x+{i})" for i in range(2, 40)),
    "σ(" + ")σ(".join(f"{i}x" for i in range(2, 40)) + ")",
    "`x`",
    "$x",
    "x!",
    "∂L/∂x",
    "d/dx",
    "∞",
    "NaN",
    "inf",
]


IDS = [repr(t[:25]) for t in HOSTILE]


def assert_verdict_after_bounded_work(verdict: Verdict, text: str, variables) -> None:
    """The checker's limits bound the work, not a clock (times: tests/benchmarks/bench_hostile.py).
    An input is refused before anything is evaluated, or it is read as a small expression: its
    tree, its numbers and its arrays within the limits."""
    assert isinstance(verdict, Verdict)
    assert verdict.feedback
    assert verdict.rule != "internal", verdict
    try:
        parsed = parse_answer(text, variables)
    except AnswerError:
        assert not verdict.counts_as_attempt, verdict  # refused as it stands
        return
    parts = list(sympy.preorder_traversal(parsed.expr))
    assert len(parts) <= MAX_AST_NODES
    assert all(float(abs(part)) <= MAX_MAGNITUDE for part in parts if part.is_Number)
    assert math.prod(parsed.shape) <= MAX_ELEMENTS


@pytest.mark.parametrize("text", HOSTILE, ids=IDS)
def test_hostile_input_gets_a_verdict_after_bounded_work(text: str) -> None:
    assert_verdict_after_bounded_work(check(text, "x", VARIABLES), text, VARIABLES)


@pytest.mark.parametrize("text", HOSTILE, ids=IDS)
def test_hostile_input_to_evaluate_raises_only_answer_error(text: str) -> None:
    try:
        evaluate(text, VARIABLES)
    except AnswerError as error:
        assert error.message


def test_code_in_an_answer_is_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    for text in (f"__import__('os').system('touch {marker}')",
                 f"open('{marker}', 'w')",
                 f"exec(\"open('{marker}', 'w')\")"):
        verdict = check(text, 1, {})
        assert not verdict.correct and not verdict.counts_as_attempt
    assert not marker.exists()


def test_the_package_never_evaluates_text() -> None:
    package = Path(backprop_tui.answers.__file__).parent
    forbidden = re.compile(r"(?<![\w.])(eval|exec|compile)\(|(?<!\w)(sympify|parse_expr)\(")
    for source in package.glob("*.py"):
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            assert not forbidden.search(line), f"{source.name}:{number}: {line.strip()}"
