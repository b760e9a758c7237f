import json

import numpy as np
import pytest

from backprop_tui.demos.finite_differences import numerical_gradients
from backprop_tui.demos.gradient_check import (
    GradientCheckOptions, run_gradient_check, summarize_gradient_check,
)

SMALL = GradientCheckOptions(hidden=6, examples=8, cost_hidden_sizes=(2, 8, 24), repeats=2)


@pytest.fixture(scope="module")
def result():
    return run_gradient_check(SMALL)


def test_histogram_counts_every_parameter(result):
    assert sum(result.histogram_counts) == result.parameters
    assert len(result.histogram_edges) == len(result.histogram_counts) + 1
    b = result.bands
    assert b.good + b.ok + b.suspicious + b.wrong == result.parameters


def test_smooth_nonlinearity_errors_are_good_or_ok(result):
    assert result.options.nonlinearity == "tanh"
    assert result.bands.suspicious == result.bands.wrong == 0
    assert result.max_relative_error <= 1e-4
    assert {r.name for r in result.per_parameter} == {"W1", "b1", "W2", "b2", "W3", "b3"}


def test_cost_points_grow_in_parameters_and_keep_their_ratios(result):
    # How the times grow depends on the machine and its load: tests/benchmarks/bench_demos.py.
    sizes = [point.parameters for point in result.cost]
    assert sizes == sorted(set(sizes))
    for point in result.cost:
        assert point.ratio == pytest.approx(point.numerical_seconds / point.backward_seconds)
        assert point.numerical_seconds_per_parameter == pytest.approx(
            point.numerical_seconds / point.parameters)


def test_the_numerical_gradient_costs_two_losses_per_parameter():
    params = {"W": np.ones((3, 4)), "b": np.ones(4)}
    losses = []
    numerical_gradients(lambda: losses.append(1) or float(params["W"].sum()), params)
    assert len(losses) == 2 * (12 + 4)


def test_json_round_trip_and_summary(result):
    data = result.as_dict()
    assert json.loads(json.dumps(data)) == data
    assert any("µs/parameter" in line for line in summarize_gradient_check(result))


def test_cancel_and_progress():
    seen = []
    run_gradient_check(SMALL, progress=seen.append)
    assert seen[-1] == pytest.approx(1.0)
    cancelled = run_gradient_check(SMALL, should_stop=lambda: True)
    assert cancelled.cancelled and cancelled.cost == () and sum(cancelled.histogram_counts) == 0


def test_the_h_sweep_shows_slopes_one_and_two_then_the_round_off_floor(result):
    one_sided, centred = result.sweep_slopes
    assert one_sided == pytest.approx(1.0, abs=0.15) and centred == pytest.approx(2.0, abs=0.15)
    by_h = {point.h: point for point in result.sweep}
    assert list(by_h) == sorted(by_h, reverse=True) and min(by_h) <= 1e-10
    best = min(point.centred_error for point in result.sweep)
    assert best < 1e-7 and by_h[1e-1].centred_error < by_h[1e-1].one_sided_error
    assert by_h[min(by_h)].centred_error > 100 * best  # rounding takes over at tiny h
    assert not any(point.kinks for point in result.sweep)  # tanh has no kink


def test_relu_probes_cross_kinks_at_large_h_only():
    relu = run_gradient_check(GradientCheckOptions(
        hidden=6, examples=8, nonlinearity="relu", cost_hidden_sizes=(2,), repeats=1))
    kinks = {point.h: point.kinks for point in relu.sweep}
    assert kinks[1e-1] > 0 and kinks[1e-6] == 0
    assert "kinks crossed" in "\n".join(summarize_gradient_check(relu))


def test_json_exposes_every_plotted_series(result):
    data = json.loads(json.dumps(result.as_dict()))
    assert len(data["histogram_counts"]) == len(data["histogram_edges"]) - 1
    assert {"h", "one_sided_error", "centred_error", "round_off", "kinks"} <= set(data["sweep"][0])
    assert len(data["sweep_slopes"]) == 2 and data["cost"][0]["numerical_seconds"] > 0
