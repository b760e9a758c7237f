"""exact=True: symbolic equivalence decided by SymPy in a limited worker process."""

from __future__ import annotations

import pytest

from backprop_tui.answers import check
from backprop_tui.answers import exact

Z = {"z": 0.5, "x": 2.0}


@pytest.mark.parametrize(("answer", "key", "rule"), [
    ("sigmoid(z)*(1-sigmoid(z))", "exp(-z)/(1+exp(-z))^2", "correct"),
    ("σ(z) - σ(z)²", "sigmoid(z)*(1 - sigmoid(z))", "correct"),
    ("x/3", "x/3", "correct"),
    ("0.333333333*x", "x/3", "not_exact"),
    ("0.6", "x*0.3", "not_exact"),
    ("x^2", "2x", "coincidence"),
    ("-x/3", "x/3", "sign"),
])
def test_exact_mode(answer: str, key: str, rule: str) -> None:
    verdict = check(answer, key, Z, exact=True)
    assert verdict.rule == rule, verdict.feedback
    assert verdict.correct == (rule == "correct")


def test_a_timeout_is_undecided_and_not_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exact, "TIMEOUT", 0.0)
    # Only simplify (about 0.3 s) gets anywhere with this pair; a pair that expand settles
    # at once could answer before the parent looks, making the test flaky.
    verdict = check("tanh(x)", "(exp(2x) - 1)/(exp(2x) + 1)", Z, exact=True)
    assert (verdict.rule, verdict.correct, verdict.counts_as_attempt) == (
        "undecided", False, False)


def test_a_numeric_key_skips_the_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("no worker for a numeric key")

    monkeypatch.setattr(exact, "exactly_equal", fail)
    assert check("0.25", 0.25, {}, exact=True).correct


def test_worker_answers_directly() -> None:
    signature = (("x", ()),)
    assert exact.exactly_equal("sin(x)^2 + cos(x)^2", "1", signature) is True
    assert exact.exactly_equal("x + 1", "x", signature) is False
