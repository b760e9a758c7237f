import itertools
import json

import numpy as np
import pytest

from backprop_tui.demos import mlp
from backprop_tui.demos.optimizers import OPTIMIZERS
from backprop_tui.demos.schedules import SCHEDULES
from backprop_tui.demos.compare import compare, summarize_comparison
from backprop_tui.demos.training_lab import (
    TrainingOptions, run_training_lab, summarize_training, train_network,
)

# Small enough that the whole file runs in a few seconds.
# No held-out split unless a test asks for one: the other tests train on all the points.
TINY = dict(points_per_class=20, hidden=8, batch_size=20, grid=0, gradient_check=False, held_out=0.0)


def test_adam_decreases_the_loss():
    result = run_training_lab(TrainingOptions(optimizer="adam", epochs=30, **TINY))
    assert result.loss[-1] < 0.7 * result.initial_loss
    assert result.accuracy[-1] > result.initial_accuracy
    assert not result.diverged and not result.cancelled


@pytest.mark.parametrize("nonlinearity", ["sigmoid", "tanh", "relu"])
def test_zero_init_leaves_hidden_units_identical(nonlinearity):
    options = TrainingOptions(init="zeros", nonlinearity=nonlinearity, epochs=10, **TINY)
    params = train_network(options).params
    for name in ("W1", "W2"):
        columns = params[name]
        assert np.all(columns == columns[:, :1]), f"{name} columns differ"


def test_zero_init_with_sigmoid_does_learn_something():
    params = train_network(TrainingOptions(init="zeros", nonlinearity="sigmoid", epochs=10, **TINY)).params
    assert np.abs(params["W1"]).max() > 0  # symmetric, not frozen


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
@pytest.mark.parametrize("nonlinearity", mlp.NONLINEARITIES)
def test_every_combination_trains_without_nan(optimizer, nonlinearity):
    for schedule, init in itertools.product(SCHEDULES, mlp.INITS):
        options = TrainingOptions(
            optimizer=optimizer, nonlinearity=nonlinearity, schedule=schedule, init=init,
            epochs=2, step_every=1, cycle_epochs=2, patience=1, **TINY,
        )
        result = run_training_lab(options)
        assert len(result.loss) == 2 and np.all(np.isfinite(result.loss)), (schedule, init)
        assert not result.diverged


@pytest.mark.parametrize("nonlinearity", mlp.NONLINEARITIES)
def test_gradient_check_passes(nonlinearity):
    options = TrainingOptions(nonlinearity=nonlinearity, epochs=1, **{**TINY, "gradient_check": True})
    assert run_training_lab(options).gradient_check_max_relative_error < 1e-5


def test_should_stop_returns_early():
    calls = []
    result = run_training_lab(
        TrainingOptions(epochs=50, **TINY), progress=calls.append, should_stop=lambda: len(calls) >= 3
    )
    assert result.cancelled and len(result.loss) == 3


def test_cancel_during_gradient_check():
    result = run_training_lab(TrainingOptions(**{**TINY, "gradient_check": True}), should_stop=lambda: True)
    assert result.cancelled and result.loss == () and result.gradient_check_max_relative_error is None


def test_progress_reaches_one():
    seen = []
    run_training_lab(TrainingOptions(epochs=5, **{**TINY, "gradient_check": True}), progress=seen.append)
    assert seen[-1] == pytest.approx(1.0) and seen == sorted(seen)


def test_schedules_shape_the_learning_rate():
    rates = {
        schedule: run_training_lab(TrainingOptions(
            schedule=schedule, learning_rate=0.1, epochs=8, step_every=2, cycle_epochs=4, **TINY
        )).learning_rates
        for schedule in ("constant", "step", "cyclic")
    }
    assert rates["constant"] == (0.1,) * 8
    assert rates["step"] == pytest.approx([0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125])
    assert max(rates["cyclic"]) == pytest.approx(0.1) and min(rates["cyclic"]) == pytest.approx(0.01)


def test_result_has_curves_stats_grid_and_round_trips():
    options = TrainingOptions(dataset="moons", epochs=4, stats_points=2, **{**TINY, "grid": 5})
    result = run_training_lab(options)
    assert result.classes == 2 and len(result.accuracy) == len(result.learning_rates) == 4
    assert [snap.epoch for snap in result.activations] == [0, 2, 4]
    assert len(result.activations[0].layers) == 2
    assert len(result.decision_grid.classes) == 5 and result.steps_per_second > 0
    data = result.as_dict()
    assert json.loads(json.dumps(data)) == data
    assert any("steps/s" in line for line in summarize_training(result))


def test_dead_relu_units_are_reported():
    # Zero weights put every relu unit at its kink, where relu'(0) = 0: all of them dead.
    result = run_training_lab(TrainingOptions(init="zeros", nonlinearity="relu", epochs=1, **TINY))
    assert all(layer.dead_units == 1.0 for layer in result.activations[0].layers)


def test_compare_labels_what_differs():
    runs = [TrainingOptions(optimizer=name, epochs=3, **TINY) for name in ("sgd", "adam")]
    seen = []
    result = compare(runs, progress=seen.append)
    assert result.labels == ("optimizer=sgd", "optimizer=adam")
    assert [len(run.loss) for run in result.runs] == [3, 3]
    assert seen[-1] == pytest.approx(1.0) and not result.cancelled
    assert summarize_comparison(result)[0].startswith("optimizer=sgd: loss")


def test_default_size_learns_the_spiral():
    # How fast depends on the machine and its load: tests/benchmarks/bench_claims.py.
    assert run_training_lab().accuracy[-1] > 0.9


def test_huge_learning_rate_is_reported_as_divergence():
    result = run_training_lab(TrainingOptions(optimizer="sgd", learning_rate=1e8, epochs=5, **TINY))
    assert result.diverged and not result.cancelled
    assert json.loads(json.dumps(result.as_dict()))["loss"][-1] is None  # NaN is not JSON


def test_same_seed_same_result_apart_from_times():
    def data(seed):
        d = run_training_lab(TrainingOptions(epochs=3, seed=seed, **TINY)).as_dict()
        return {k: v for k, v in d.items() if k not in ("train_seconds", "steps_per_second")}

    assert data(4) == data(4)
    assert data(4)["loss"] != data(5)["loss"]


def _one_layer(weights, bias):
    """A 1-input network with one hidden layer, so each hidden unit's pre-activation is set by hand."""
    return {"W1": np.array([weights], dtype=float), "b1": np.array(bias, dtype=float),
            "W2": np.ones((len(bias), 2)), "b2": np.zeros(2)}


def test_dead_means_zero_gradient_for_every_example():
    x = np.array([[-1.0], [1.0], [2.0]])
    # unit 1: z = x - 5 < 0 everywhere (dead); unit 2: z = x, positive for two examples (alive)
    params = _one_layer([1.0, 1.0], [-5.0, 0.0])
    (relu,) = mlp.activation_stats(params, x, "relu")
    assert relu.dead_units == 0.5 and relu.saturated == 0.0
    (leaky,) = mlp.activation_stats(params, x, "leaky_relu")
    assert leaky.dead_units == 0.0  # leaky relu passes slope 0.01 below zero: never dead


def test_saturated_means_near_a_bound_of_sigmoid_or_tanh():
    x = np.array([[-1.0], [1.0]])
    params = _one_layer([10.0, 0.1], [0.0, 0.0])  # unit 1 at |z| = 10, unit 2 near 0
    (sigmoid,) = mlp.activation_stats(params, x, "sigmoid")
    (tanh,) = mlp.activation_stats(params, x, "tanh")
    assert sigmoid.saturated == tanh.saturated == 0.5
    assert sigmoid.dead_units == tanh.dead_units == 0.0  # tiny slopes, but not zero


def test_healthy_leaky_relu_network_reports_no_dead_units():
    result = run_training_lab(TrainingOptions(nonlinearity="leaky_relu", epochs=5, **TINY))
    assert all(layer.dead_units == 0 and layer.saturated == 0
               for snap in result.activations for layer in snap.layers)
    assert any("dead: " in line for line in summarize_training(result))


def test_l2_penalty_is_lambda_sum_of_squares_with_gradient_two_lambda_w():
    rng = np.random.default_rng(0)
    params = mlp.init_params((2, 3, 2), "xavier", rng)
    x, y, lam = rng.normal(size=(4, 2)), np.array([0, 1, 1, 0]), 0.1
    loss0, grads0 = mlp.loss_and_gradients(params, x, y, "tanh", 0.0)
    loss, grads = mlp.loss_and_gradients(params, x, y, "tanh", lam)
    squares = sum(np.sum(params[w] ** 2) for w in ("W1", "W2"))
    assert loss - loss0 == pytest.approx(lam * squares)
    for name in ("W1", "W2"):
        np.testing.assert_allclose(grads[name] - grads0[name], 2 * lam * params[name])
    np.testing.assert_allclose(grads["b1"], grads0["b1"])  # biases are not regularized


def test_held_out_points_are_never_trained_on_and_reported():
    result = run_training_lab(TrainingOptions(epochs=3, **{**TINY, "held_out": 0.25}))
    assert result.held_out_points == 15 and len(result.labels) == 45
    assert len(result.held_out_loss) == len(result.held_out_accuracy) == 3
    assert np.all(np.isfinite(result.held_out_loss))
    assert any(line.startswith("held-out (15 points") for line in summarize_training(result))
    none = run_training_lab(TrainingOptions(epochs=1, **TINY))
    assert none.held_out_points == 0 and none.held_out_loss == () and len(none.labels) == 60


def test_held_out_fraction_is_validated():
    with pytest.raises(ValueError, match="held_out"):
        TrainingOptions(held_out=1.0)


def test_plateau_cuts_the_rate_to_a_quarter_after_patience_epochs():
    from backprop_tui.demos.schedules import make_schedule

    schedule = make_schedule("plateau", 0.1, step_every=1, cycle_epochs=2, patience=3)
    seen = []
    for loss in (1.0, 0.5, 0.5, 0.5, 0.5):  # improves twice, then three epochs without improving
        seen.append(schedule.rate(len(seen)))
        schedule.observe(loss)
    assert seen == [0.1] * 5 and schedule.rate(5) == pytest.approx(0.025)


def test_gradient_norms_per_layer_show_sigmoid_with_small_init_vanishing():
    options = TrainingOptions(nonlinearity="sigmoid", init="small", epochs=3, **TINY)
    norms = run_training_lab(options).gradient_norms
    assert len(norms) == 3 and all(len(series) == 3 for series in norms)  # W1, W2, W3
    first, last = norms[0][-1], norms[-1][-1]
    assert 0 < first < 0.02 * last  # each sigmoid layer passes at most a quarter, times small W
    healthy = run_training_lab(TrainingOptions(nonlinearity="relu", init="he", epochs=3, **TINY))
    assert healthy.gradient_norms[0][-1] > 0.2 * healthy.gradient_norms[-1][-1]


def test_gradient_norms_are_the_full_training_set_data_gradient():
    trained = train_network(TrainingOptions(epochs=2, layers=1, **TINY))
    run = trained.result
    x, y = np.array(run.points), np.array(run.labels)
    _, grads = mlp.loss_and_gradients(trained.params, x, y, "relu", 0.0)
    assert [series[-1] for series in run.gradient_norms] == pytest.approx(
        [np.linalg.norm(grads["W1"]), np.linalg.norm(grads["W2"])])


def test_layers_sets_the_number_of_hidden_layers():
    result = run_training_lab(TrainingOptions(epochs=1, layers=3, **{**TINY, "hidden": 5}))
    assert result.parameters == (2 * 5 + 5) + 2 * (5 * 5 + 5) + (5 * 3 + 3)
    assert len(result.gradient_norms) == 4 and len(result.activations[0].layers) == 3
    assert "MLP 2-5-5-5-3" in summarize_training(result)[0]
    with pytest.raises(ValueError, match="layers must be between 1 and 4"):
        TrainingOptions(layers=5)
