"""check(): the Verdict it returns and how it treats odd arguments."""

from __future__ import annotations

import dataclasses

import pytest

from backprop_tui.answers import Verdict, check

APPLE = {"apple": 100, "apple_num": 2, "tax": 1.1}


def test_a_verdict_is_frozen_and_complete() -> None:
    verdict = check("tax * apple_num", 2.2, APPLE)
    assert verdict == Verdict(True, "Correct.", "correct", "apple_num*tax",
                              verdict.pretty, True, None)
    assert "⋅" in verdict.pretty
    with pytest.raises(dataclasses.FrozenInstanceError):
        verdict.correct = False  # type: ignore[misc]


def test_a_rounded_number_is_accepted_with_the_precise_value() -> None:
    verdict = check("-0.20", -0.19661193, {})
    assert verdict.correct
    assert "-0.196612" in verdict.feedback


def test_syntax_errors_point_at_a_column_and_do_not_count() -> None:
    verdict = check("2 * (x + ", 1, {"x": 1.0})
    assert (verdict.rule, verdict.counts_as_attempt, verdict.interpretation) == (
        "syntax", False, None)
    assert verdict.position == 7


def test_unknown_names_get_a_suggestion() -> None:
    verdict = check("wx", "w*x", {"w": 2.0, "x": 3.0})
    assert verdict.feedback == "Unknown name 'wx' — did you mean w*x?"


def test_transposed_answers_are_told_about_the_parameter_shape() -> None:
    verdict = check("W", "W.T", {"W": [[1, 2, 3], [4, 5, 6]]})
    assert verdict.rule == "transposed"
    assert "shape of its parameter" in verdict.feedback


def test_a_wrong_answer_echoes_how_it_was_read() -> None:
    verdict = check("x+y", "x*y", {"x": 1.5, "y": 2.0})
    assert verdict.rule == "wrong"
    assert "x + y = 3.5" in verdict.feedback


def test_the_same_wrong_answer_twice_keeps_the_advice_but_does_not_count() -> None:
    verdict = check("4", "z", {"z": -4.0}, previous=" 4 ")
    assert verdict.rule == "same_as_previous" and not verdict.counts_as_attempt
    assert "same answer as last time" in verdict.feedback and "sign" in verdict.feedback


@pytest.mark.parametrize("answer", [None, 42, b"x", ["x"]])
def test_an_answer_that_is_not_text(answer: object) -> None:
    verdict = check(answer, 1, {})  # type: ignore[arg-type]
    assert (verdict.rule, verdict.counts_as_attempt) == ("syntax", False)


@pytest.mark.parametrize(("expected", "variables", "options"), [
    ("nonexistent", {}, {}),
    (None, {}, {}),
    (float("nan"), {}, {}),
    (1, {"x": "text"}, {}),
    (1, {"": 1.0}, {}),
    (1, {"x": [[1, 2], [3]]}, {}),
    ("2*x", {"x": 1.0}, {"forward_values": {"a": "text"}}),
])
def test_a_broken_question_is_reported_as_invalid_key(expected: object, variables: dict,
                                                     options: dict) -> None:
    verdict = check("x", expected, variables, **options)  # type: ignore[arg-type]
    assert (verdict.rule, verdict.correct, verdict.counts_as_attempt) == (
        "invalid_key", False, False)


def test_definitions_keep_dependent_variables_consistent() -> None:
    variables = {"z": 0.5, "a": 0.6224593312018546}
    key = "sigmoid(z)*(1 - sigmoid(z))"
    assert check("a(1-a)", key, variables).rule == "coincidence"
    assert check("a(1-a)", key, variables, definitions={"a": "sigmoid(z)"}).correct


def test_definitions_may_come_in_any_order() -> None:
    variables = {"x": 1.5, "y": 2.0, "q": 3.5, "f": 7.0}
    definitions = {"f": "(q * y)", "q": "(x + y)"}
    assert check("q + f/q*0 + y", "x + 2*y", variables, definitions=definitions).correct
    assert check("f", "(x + y)*y", variables, definitions=definitions).correct


def test_unreadable_or_circular_definitions_are_left_out() -> None:
    variables = {"x": 1.5, "a": 3.0, "b": 3.0}
    broken = {"a": "q +", "b": "(b + 0)", "x": "(a - 1.5)"}
    assert check("2*x", "x + x", variables, definitions=broken).correct


@pytest.mark.parametrize("wrong", [1, 1.0, "1", [1], [[1]]])
def test_a_misconception_may_be_a_number_or_a_list(wrong: object) -> None:
    shape = {"x": 2.0} if not isinstance(wrong, list) else {"x": [2.0] if wrong == [1] else [[2.0]]}
    answer = "1" if not isinstance(wrong, list) else ("[1]" if wrong == [1] else "[[1]]")
    verdict = check(answer, "x", shape, misconceptions=[(wrong, "The upstream is not 1.")])
    assert (verdict.rule, verdict.feedback) == ("misconception", "The upstream is not 1.")


@pytest.mark.parametrize("odd", [None, True, "x+", float("nan"), [[1, 2], [3]], object()])
def test_an_unusable_misconception_is_ignored(odd: object) -> None:
    verdict = check("4", "z", {"z": -4.0}, misconceptions=[(odd, "unused")])
    assert verdict.rule == "sign"


def test_branch_terms_may_be_numbers() -> None:
    verdict = check("3", 5, {}, branch_terms=[3, 2.0])
    assert verdict.rule == "missing_branch"
