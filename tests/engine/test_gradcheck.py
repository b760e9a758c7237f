import numpy as np
import pytest

from backprop_tui.engine.gradcheck import band, gradient_check, relative_error
from backprop_tui.engine.statements import parse_program


def test_smooth_graph_checks_good():
    graph = parse_program("z = W @ x + b; h = tanh(z); s = sum(u * h)")
    inputs = dict(W=[[0.1, -0.2], [0.3, 0.5]], x=[1.0, 2.0], b=[0.1, 0.0], u=[1.0, -2.0])
    for name in ("W", "x", "b", "u"):
        result = gradient_check(graph, inputs, name)
        assert result.band == "good", (name, result.relative_error)
        assert result.numeric.shape == np.shape(inputs[name])
        assert result.warning is None


def test_probe_across_relu_kink_warns():
    graph = parse_program("f = relu(x) * 3")
    result = gradient_check(graph, {"x": 1e-6}, "x")
    assert result.kinks_crossed == ("t1",)  # the relu node
    assert "kink" in result.warning
    assert result.band != "good"  # analytic 3, numeric about 1.5


def test_probe_away_from_kink_is_quiet():
    result = gradient_check(parse_program("f = max(x, y)"), {"x": 2.0, "y": 1.0}, "x")
    assert result.warning is None and result.band == "good"


@pytest.mark.parametrize(
    ("error", "expected"), [(1e-9, "good"), (1e-5, "ok"), (1e-3, "suspicious"), (0.5, "wrong")]
)
def test_bands(error, expected):
    assert band(error) == expected


def test_relative_error_of_two_zeros_is_zero():
    assert relative_error(0.0, 0.0) == 0.0
    assert relative_error(1.0, 3.0) == pytest.approx(2 / 3)


def test_one_band_table_and_one_step_for_every_gradient_check():
    from backprop_tui.demos import finite_differences, gradient_check as demo
    from backprop_tui.engine import gradcheck

    assert gradcheck.FINITE_DIFFERENCE_STEP == 1e-4  # the lecture notes' h
    assert demo.GradientCheckOptions().h == gradcheck.FINITE_DIFFERENCE_STEP
    assert finite_differences.numerical_gradients.__defaults__[0] == gradcheck.FINITE_DIFFERENCE_STEP
    counts = demo.bands(np.array([1e-9, 1e-5, 1e-3, 1.0]))
    assert [gradcheck.band(e) for e in (1e-9, 1e-5, 1e-3, 1.0)] == list(counts.as_dict())
    assert counts.as_dict() == {"good": 1, "ok": 1, "suspicious": 1, "wrong": 1}
