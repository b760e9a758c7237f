"""evaluate(): answer keys computed from expression strings."""

from __future__ import annotations

import numpy as np
import pytest

from backprop_tui.answers import AnswerError, evaluate

APPLE = {"apple": 100, "apple_num": 2, "orange": 150, "orange_num": 3, "tax": 1.1}


def test_scalars_come_back_as_floats() -> None:
    value = evaluate("(apple*apple_num + orange*orange_num)*tax", APPLE)
    assert isinstance(value, float)
    assert value == pytest.approx(715.0)


def test_arrays_come_back_as_arrays() -> None:
    value = evaluate("W.T @ d", {"W": [[1, 2, 3], [4, 5, 6]], "d": [[1], [-1]]})
    assert isinstance(value, np.ndarray)
    np.testing.assert_allclose(value, [[-3], [-3], [-3]])


def test_functions_match_numpy() -> None:
    z = np.array([-3.0, 0.5, 40.0])
    np.testing.assert_allclose(evaluate("sigmoid(z)", {"z": z}), 1 / (1 + np.exp(-z)))
    np.testing.assert_allclose(evaluate("relu(z)", {"z": z}), np.maximum(z, 0))
    np.testing.assert_allclose(evaluate("step(z)", {"z": z}), [0.0, 1.0, 1.0])
    np.testing.assert_allclose(evaluate("softmax(z)", {"z": z}), np.exp(z) / np.exp(z).sum())
    assert evaluate("max(z)", {"z": z}) == 40.0
    assert evaluate("mean(z)", {"z": z}) == pytest.approx(z.mean())
    assert evaluate("dot(z, z)", {"z": z}) == pytest.approx(z @ z)


def test_a_constant_expression_needs_no_variables() -> None:
    assert evaluate("2^10 + 1/4") == pytest.approx(1024.25)


@pytest.mark.parametrize(("text", "rule"), [
    ("x +", "syntax"), ("q", "unknown_name"), ("log(x - 3)", "undefined"), ("1/0", "undefined"),
])
def test_bad_expressions_raise_answer_error(text: str, rule: str) -> None:
    with pytest.raises(AnswerError) as caught:
        evaluate(text, {"x": 2.0})
    assert caught.value.rule == rule


def test_bad_variables_raise_answer_error() -> None:
    with pytest.raises(AnswerError):
        evaluate("x", {"x": [[1, 2], [3]]})
