"""One initializer for lessons (W @ x: shape (fan_out, fan_in)) and demos (x @ W: (fan_in, fan_out))."""

import numpy as np
import pytest

from backprop_tui.demos import mlp
from backprop_tui.engine.init import initial_weights
from backprop_tui.lessons.model import GeneratedTensor
from backprop_tui.lessons.semantics import generated


def test_he_scales_by_fan_in_in_both_conventions():
    lesson_w = generated(GeneratedTensor(shape=[4, 1000], init="he", seed=0))  # W @ x
    demo_w = mlp.init_params([1000, 4], "he", np.random.default_rng(0))["W1"]  # x @ W
    expected = np.sqrt(2 / 1000)
    assert lesson_w.std() == pytest.approx(expected, rel=0.05)
    assert demo_w.std() == pytest.approx(expected, rel=0.05)


def test_xavier_draws_the_same_numbers_for_the_same_layer():
    lesson_w = generated(GeneratedTensor(shape=[3, 5], init="xavier", seed=7))
    direct = initial_weights("xavier", (3, 5), fan_in=5, fan_out=3, rng=np.random.default_rng(7))
    np.testing.assert_array_equal(lesson_w, direct)
    assert np.abs(lesson_w).max() <= np.sqrt(6 / 8)


def test_an_unknown_scheme_is_refused():
    with pytest.raises(ValueError, match="unknown init"):
        mlp.init_params([2, 2], "glorious", np.random.default_rng(0))
