"""Grading by value (backprop_tui.answers.compare) and numbers read off the screen
(backprop_tui.answers.general): digits typed never widen or narrow what is accepted."""

from __future__ import annotations

import numpy as np
import pytest

from backprop_tui.answers import check
from backprop_tui.answers.compare import Tolerance, entries_match
from backprop_tui.answers.env import make_env
from backprop_tui.answers.general import general_form
from backprop_tui.answers.parse import parse_answer

KEY = -0.19661193


@pytest.mark.parametrize(("typed", "rule"), [
    ("-0.19661193", "correct"), ("-0.1966", "correct"), ("-0.197", "correct"),
    ("-0.20", "correct"), ("-0.2", "correct"), ("-.20", "correct"), ("-2.0e-1", "correct"),
    ("-0.2000000", "correct"), ("-0.19", "imprecise"), ("-0.203", "imprecise"),
    ("-0.21", "wrong"), ("0", "wrong"), ("-0", "wrong"),
])
def test_a_typed_number_is_judged_by_its_value(typed: str, rule: str) -> None:
    assert check(typed, KEY, {}).rule == rule


@pytest.mark.parametrize("key", [[-0.7864, -1.0905], [-0.8123, -1.0905]])
def test_trailing_zeros_never_change_the_verdict(key: list[float]) -> None:
    assert check("[-0.8, -1.09]", key, {}).rule == check("[-0.80, -1.09]", key, {}).rule


def test_the_default_tolerance_accepts_two_good_digits() -> None:
    assert check("0.79", 0.7864477, {}).correct  # tanh′ at 0.5 read to two digits


def test_padding_with_ones_widens_nothing() -> None:
    padded = "0.50" + "*1.0" * 5
    assert check(padded, 0.3937, {}).rule == "wrong"
    assert check(padded, 0.3937, {}, exact=True).rule == "wrong"
    assert not check("*".join(["1.0"] * 12), 1.49, {}).correct


@pytest.mark.parametrize("typed", ["x^2*1.0", "x*x + 0.0", "x^2", "x*x*1.00"])
def test_decimals_never_switch_off_the_general_test(typed: str) -> None:
    assert check(typed, "2*x", {"x": 2.0}).rule == "coincidence"


def test_a_small_integer_is_never_read_as_a_lesson_value() -> None:
    assert check("2x", "x^2", {"x": 2.0}).rule == "coincidence"
    assert check("2.0x", "x^2", {"x": 2.0}).rule == "coincidence"


def test_a_question_may_tighten_the_tolerance() -> None:
    assert check("0.79", 0.7864477, {}, sig_digits=3).rule == "imprecise"
    assert check("0.786", 0.7864477, {}, sig_digits=3).correct
    verdict = check("[0.786, 1.1]", [0.7864477, 1.0905], {}, sig_digits=3)
    assert (verdict.rule, verdict.counts_as_attempt) == ("imprecise", False)
    assert "[1]" in verdict.feedback and "3 significant digits" in verdict.feedback
    verdict = check("0.79", 0.7864477, {}, tolerance=1e-3)
    assert "0.1%" in verdict.feedback


def test_misconceptions_match_with_the_keys_tolerance() -> None:
    wrong = [([0.05, 0.75], "You added the gradient.")]
    for typed in ("[0.05, 0.75]", "[0.050, 0.750]", "[0.0502, 0.749]"):
        assert check(typed, [-0.05, -0.75], {}, misconceptions=wrong).rule == "misconception"


def test_entries_are_judged_one_by_one() -> None:
    key = np.array([0.1966, 0.5, 3.4])
    allowed = Tolerance().allowance(key)
    assert entries_match(np.array([0.2, 0.5, 3.0]), key, allowed).tolist() == [True, True, False]


def test_non_finite_answers_never_match() -> None:
    allowed = Tolerance().allowance(np.array([2.0]))
    assert not entries_match(np.array([np.inf]), np.array([2.0]), allowed).any()
    assert not entries_match(np.array([np.nan]), np.array([2.0]), allowed).any()


def _general(text: str, variables: dict) -> str:
    env = make_env(variables)
    return str(general_form(parse_answer(text, variables), env, Tolerance()))


@pytest.mark.parametrize(("typed", "variables", "general"), [
    ("-2.456*h", {"u": -2.4561234, "h": 0.6}, "h*u"),
    ("2.456*h", {"u": -2.4561234, "h": 0.6}, "-h*u"),
    ("715*t", {"price": 715.4, "t": 0.1}, "price*t"),
    ("2*x*h", {"x": 2.0, "h": 0.6}, "2*h*x"),
    ("x^2*1.0", {"x": 2.0}, "1.0*x**2"),
    ("outer([-0.5, 0.25], x)", {"d": [-0.4987, 0.2513], "x": [1.0, 2.0]}, "outer(d, x)"),
])
def test_numbers_off_the_screen_stand_for_their_names(typed: str, variables: dict,
                                                       general: str) -> None:
    assert _general(typed, variables) == general


def test_a_rounded_expression_is_told_the_precise_value() -> None:
    verdict = check("2*0.6225*0.3775", 0.4700074, {})
    assert verdict.correct and "0.470007" in verdict.feedback


def test_a_rounding_that_fits_a_mistake_asks_for_more_digits() -> None:
    verdict = check("1.6", 1.592, {}, misconceptions=[("1.583", "One path only.")])
    assert (verdict.rule, verdict.correct, verdict.counts_as_attempt) == (
        "imprecise", False, False)
    assert "common mistake" in verdict.feedback
    assert check("1.59", 1.592, {}, misconceptions=[("1.583", "One path only.")]).correct
