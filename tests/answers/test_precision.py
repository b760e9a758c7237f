"""The precision rule for typed numbers (see backprop_tui.answers.compare)."""

from __future__ import annotations

import numpy as np
import pytest

from backprop_tui.answers import check
from backprop_tui.answers.compare import entries_match, key_digits
from backprop_tui.answers.parse import parse_answer

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
    assert entries_match(np.array([0.2, 0.5, 3.0]), key, 1e-6, parsed.literal).tolist() == [
        True, True, False]


def test_non_finite_answers_never_match() -> None:
    assert not entries_match(np.array([np.inf]), np.array([2.0]), 1e-6).any()
    assert not entries_match(np.array([np.nan]), np.array([2.0]), 1e-6).any()
