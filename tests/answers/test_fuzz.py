"""Arbitrary text never makes the checker raise, and its work stays within the limits
(speed: tests/benchmarks/bench_answers.py, bench_hostile.py)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backprop_tui.answers import AnswerError, Verdict, check, parse_answer

from .test_hostile import assert_verdict_after_bounded_work

VARIABLES = {"x": 0.5, "y": -1.5, "W": [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], "v": [1.0, -1.0],
             "delta": [[0.1], [0.2], [0.3]]}

PIECES = ["x", "y", "W", "v", "delta", "δ", "σ", "exp", "log", "sqrt", "max", "sum", "outer",
          "sigmoid", "relu", "(", ")", "[", "]", ",", "+", "-", "−", "*", "/", "^", "**", "@",
          "·", "ᵀ", "²", "⁻¹", ".T", "^T", "√", " ", "0", "1", "2.5", "1e-3", "9", "e", "pi", "."]

expressions = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def _bounded_check(text: str) -> Verdict:
    verdict = check(text, "x*y", VARIABLES, previous="x", branch_terms=["x", "y"],
                    forward_values={"x": 0.5}, misconceptions=[("y", "not y")])
    assert_verdict_after_bounded_work(verdict, text, VARIABLES)
    return verdict


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=600))
def test_any_unicode_text(text: str) -> None:
    _bounded_check(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions)
def test_expression_like_text(text: str) -> None:
    verdict = _bounded_check(text)
    if verdict.rule in ("syntax", "unknown_name", "unsafe", "too_complex", "too_long"):
        assert not verdict.counts_as_attempt


@settings(max_examples=200, deadline=None)
@given(expressions)
def test_parse_answer_raises_only_answer_error(text: str) -> None:
    try:
        parsed = parse_answer(text, VARIABLES)
    except AnswerError as error:
        assert error.position is None or 0 <= error.position <= len(text)
    else:
        assert parsed.interpretation and parsed.pretty
