"""The precision rule for typed numbers (see backprop_tui.answers.compare)."""

from __future__ import annotations

import numpy as np
import pytest

from backprop_tui.answers import check
from backprop_tui.answers.compare import Rounding, entries_match, key_digits
from backprop_tui.answers.env import make_env
from backprop_tui.answers.parse import parse_answer
from backprop_tui.answers.rounding import SAFETY, read_off_the_screen, rounding

KEY = -0.19661193


@pytest.mark.parametrize(("value", "digits"), [
    (2.2, 2), (0.5, 1), (0.0, 0), (100.0, 1), (1e-7, 1), (-0.19661193, 8), (2.2000000000000002, 2),
    (1 / 3, 12),
])
def test_key_digits(value: float, digits: int) -> None:
    assert key_digits(value) == digits


@pytest.mark.parametrize(("typed", "rule"), [
    ("-0.19661193", "correct"), ("-0.1966", "correct"), ("-0.197", "correct"),
    ("-0.20", "correct"), ("-.20", "correct"), ("-1.97e-1", "correct"), ("-2.0e-1", "correct"),
    ("-0.2", "imprecise"), ("-0.19", "wrong"), ("-0.1967", "wrong"), ("-0.196", "wrong"),
    ("-0.21", "wrong"), ("0", "wrong"), ("-0", "wrong"),
])
def test_reading_a_number_off_the_screen(typed: str, rule: str) -> None:
    assert check(typed, KEY, {}).rule == rule


def test_a_key_with_one_digit_accepts_one_digit() -> None:
    assert check("0.5", 0.5, {}).correct
    assert check("3", 3.0, {}).correct
    assert check("0.3", 0.26, {}).rule == "imprecise"


def test_the_rule_only_applies_to_typed_numbers() -> None:
    # An expression is held to the relative tolerance, not to its digits.
    assert check("2/10", KEY, {}).rule != "correct"
    assert check("-0.2 + 0", KEY, {}).rule != "correct"


def test_tolerance_argument_widens_the_relative_tolerance() -> None:
    assert not check("2*x + 0.001", "2*x", {"x": 1.0}).correct
    assert check("2*x + 0.001", "2*x", {"x": 1.0}, tolerance=1e-2).correct


def test_entries_are_judged_one_by_one() -> None:
    parsed = parse_answer("[0.20, 0.5, 3]", {})
    key = np.array([0.1966, 0.5, 3.4])
    rounding = Rounding.of_literal(parsed.literal)
    assert entries_match(np.array([0.2, 0.5, 3.0]), key, 1e-6, rounding).tolist() == [
        True, True, False]


def test_non_finite_answers_never_match() -> None:
    assert not entries_match(np.array([np.inf]), np.array([2.0]), 1e-6).any()
    assert not entries_match(np.array([np.nan]), np.array([2.0]), 1e-6).any()


# --- expressions of numbers read off the screen (backprop_tui.answers.rounding)

def _rounding(text: str, variables: dict):
    return rounding(parse_answer(text, variables), make_env(variables))


def test_rounding_is_carried_through_the_expression() -> None:
    # d(2ab) = 2b da + 2a db, each number off by at most 5e-5, times the safety factor
    found = _rounding("2*0.6225*0.3775", {})
    assert found.allowance == pytest.approx(SAFETY * 2 * (0.3775 + 0.6225) * 5e-5)
    assert found.digits == 4
    found = _rounding("1.583 + 0.009", {})
    assert (found.allowance, found.digits) == (pytest.approx(SAFETY * 1e-3), 1)


def test_small_integers_and_exponents_are_exact() -> None:
    assert _rounding("2*x^2", {"x": 3.0}) is None
    assert _rounding("x^0.5", {"x": 3.0}) is None
    found = _rounding("2*0.25^2", {})  # first order, the larger side of the curve
    assert found.allowance == pytest.approx(SAFETY * 4 * 0.25 * 0.005, rel=0.02)


def test_a_number_equal_to_a_lesson_value_is_exact() -> None:
    found = _rounding("0.5*0.1966", {"x": 0.5})
    assert found.allowance == pytest.approx(SAFETY * 0.5 * 5e-5)
    assert found.digits == 4  # 0.5 (one digit) is the value on the screen


def test_each_entry_gets_its_own_allowance() -> None:
    found = _rounding("outer([-0.5, 0.25], x)", {"x": [1.0, 2.0]})
    assert found.allowance == pytest.approx(SAFETY * np.array([[0.05, 0.1], [0.005, 0.01]]))
    assert found.digits.tolist() == [[1, 1], [2, 2]]


def test_plain_numbers_keep_the_half_unit() -> None:
    found = _rounding("[-0.20, 3]", {})
    assert found.allowance == pytest.approx([0.005, 0.5])


def test_the_allowance_is_at_most_half_the_answer() -> None:
    # the typed numbers cancel: they fix nothing about the answer, which is not accepted
    assert _rounding("1/(0.3 - 0.2999999)", {}).allowance == pytest.approx(0.5e7)
    assert check("1/(0.3 - 0.2999999)*x", "x", {"x": 1.0}).rule == "wrong"
    assert check("*".join(["1.1"] * 40), 1.5, {}).rule == "wrong"


def test_no_allowance_where_the_answer_is_undefined_or_nothing_is_rounded() -> None:
    assert _rounding("log(0.5 - x)", {"x": 1.0}) is None
    assert _rounding("0.5*x", {"x": 0.5}) is None


@pytest.mark.parametrize(("typed", "screen"), [
    ("-2.456*h", True), ("outer([-0.5, 0.25], x)", True), ("[x, 1]", True), ("715*h", True),
    ("2*x*h", True),  # x = 2 is on the screen
    ("3*x*h", False), ("x^2*h", False), ("h^0.5", False), ("a*(1-a)", False), ("[x, h]", False),
    ("1*x - 0", False),
])
def test_which_answers_use_numbers_off_the_screen(typed: str, screen: bool) -> None:
    variables = {"x": 2.0, "h": 0.6225, "a": 0.25}
    assert read_off_the_screen(parse_answer(typed, variables), make_env(variables)) == screen


def test_a_rounded_expression_is_told_the_precise_value() -> None:
    verdict = check("2*0.6225*0.3775", 0.4700074, {})
    assert verdict.correct and "0.470007" in verdict.feedback


def test_too_few_digits_in_an_expression_are_imprecise_not_wrong() -> None:
    verdict = check("0.5*2", 0.9399, {})
    assert (verdict.rule, verdict.counts_as_attempt) == ("imprecise", False)
    assert "each number" in verdict.feedback


def test_a_rounding_that_fits_a_mistake_asks_for_more_digits() -> None:
    verdict = check("1.6", 1.592, {}, misconceptions=[("1.583", "One path only.")])
    assert (verdict.rule, verdict.correct, verdict.counts_as_attempt) == (
        "imprecise", False, False)
    assert "common mistake" in verdict.feedback
