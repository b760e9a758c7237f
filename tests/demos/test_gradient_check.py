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
