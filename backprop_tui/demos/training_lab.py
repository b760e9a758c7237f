"""Training lab: a 2 → hidden → hidden → C network on a toy 2-D set, with every knob exposed.

Every forward value and gradient comes from the engine's ops (see `mlp.py`). Before
training, the analytic gradients are checked once against central differences.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from backprop_tui.demos import mlp
from backprop_tui.demos._common import (
    AsDict, Progress, ShouldStop, Tracker, floats, require, require_choice,
)
from backprop_tui.demos._options import require_between, require_fits
from backprop_tui.demos.datasets import DATASETS, make_dataset
from backprop_tui.demos.finite_differences import max_tensor_relative_error, numerical_gradients
from backprop_tui.demos.optimizers import DEFAULT_LEARNING_RATES, OPTIMIZERS, make_optimizer
from backprop_tui.demos.schedules import SCHEDULES, make_schedule

CHECK_EXAMPLES = 8  # the gradient check runs on a few examples: it costs 2 passes per parameter
CHECK_SHARE = 0.05  # the share of the progress bar the check takes
KINKED = ("relu", "leaky_relu")


@dataclass(frozen=True)
class TrainingOptions:
    dataset: str = "spiral"  # spiral or moons
    classes: int = 3  # spiral arms (moons always has 2)
    points_per_class: int = 100
    noise: float = 0.2
    held_out: float = 0.2  # this fraction of the points is never trained on: the held-out set
    hidden: int = 32  # units in each of the two hidden layers
    nonlinearity: str = "relu"  # sigmoid, tanh, relu, leaky_relu
    init: str = "he"  # zeros, small, xavier, he
    optimizer: str = "adam"  # sgd, momentum, adagrad, rmsprop, adam
    learning_rate: float | None = None  # None: the optimizer's usual rate
    schedule: str = "constant"  # constant, step, cyclic, plateau
    step_every: int = 20  # step: halve the rate every this many epochs
    cycle_epochs: int = 20  # cyclic: epochs per full cycle, low → high → low (twice step_size)
    patience: int = 5  # plateau: epochs without improvement before the rate is cut to a quarter
    l2: float = 5e-4  # λ of the penalty λ·Σ W² (gradient 2λW), as in lesson 12
    epochs: int = 100
    batch_size: int = 32
    seed: int = 0
    stats_points: int = 4  # activation statistics at this many epochs, plus before training
    grid: int = 30  # decision-region grid is grid × grid cells (0: none)
    gradient_check: bool = True

    def __post_init__(self) -> None:
        require_choice(self.dataset, DATASETS, "dataset")
        require_choice(self.nonlinearity, mlp.NONLINEARITIES, "nonlinearity")
        require_choice(self.init, mlp.INITS, "init")
        require_choice(self.optimizer, OPTIMIZERS, "optimizer")
        require_choice(self.schedule, SCHEDULES, "schedule")
        for name, low, high in (("classes", 2, 10), ("hidden", 1, 1_000), ("epochs", 1, 1_000_000),
                                ("batch_size", 1, 100_000), ("step_every", 1, 10_000),
                                ("cycle_epochs", 1, 10_000), ("patience", 1, 10_000),
                                ("stats_points", 1, 100), ("grid", 0, 200)):
            require_between(name, getattr(self, name), low, high)
        # Per point: its two coordinates and, in each hidden layer, a few arrays of `hidden` numbers.
        require_fits("points_per_class", self.points_per_class, 1, 100_000,
                     8 * self.classes * (2 + 8 * self.hidden), "the points and their activations")
        require(self.learning_rate is None or self.learning_rate > 0, "learning_rate must be > 0")
        require(self.l2 >= 0 and self.noise >= 0, "l2 and noise must not be negative")
        require(0 <= self.held_out < 1, "held_out must be at least 0 and below 1")

    @property
    def base_learning_rate(self) -> float:
        return self.learning_rate or DEFAULT_LEARNING_RATES[self.optimizer]


@dataclass(frozen=True)
class ActivationSnapshot(AsDict):
    epoch: int
    layers: tuple[mlp.LayerStats, ...]


@dataclass(frozen=True)
class DecisionGrid(AsDict):
    """Predicted class at the centre of each cell; row i has y = ys[i], column j has x = xs[j]."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    classes: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class TrainingResult(AsDict):
    options: TrainingOptions
    learning_rate: float  # the base rate used
    classes: int
    parameters: int
    initial_loss: float
    initial_accuracy: float
    loss: tuple[float, ...]  # over the whole training set, after each epoch, with the L2 term
    accuracy: tuple[float, ...]
    data_loss: tuple[float, ...]  # the training set's cross-entropy alone, without the L2 term
    held_out_points: int
    held_out_loss: tuple[float, ...]  # cross-entropy on the held-out points (empty: none held out)
    held_out_accuracy: tuple[float, ...]
    learning_rates: tuple[float, ...]  # the rate used during each epoch
    activations: tuple[ActivationSnapshot, ...]
    # max over parameter tensors of ‖analytic − numeric‖ / max(‖analytic‖, ‖numeric‖); None: off
    gradient_check_max_relative_error: float | None
    steps: int
    train_seconds: float  # the parameter updates only, without evaluation and statistics
    steps_per_second: float
    points: tuple[tuple[float, float], ...]  # the training points
    labels: tuple[int, ...]
    decision_grid: DecisionGrid | None
    diverged: bool = False  # the loss became inf or NaN, and training stopped
    cancelled: bool = False


@dataclass(frozen=True)
class Trained:
    result: TrainingResult
    params: mlp.Params


def _stats_epochs(options: TrainingOptions) -> set[int]:
    points = max(options.stats_points, 1)
    return {0, *(round(options.epochs * k / points) for k in range(1, points + 1))}


def _decision_grid(params, x, nonlinearity, size) -> DecisionGrid | None:
    if size < 2:
        return None
    low, high = x.min(axis=0), x.max(axis=0)
    pad = 0.1 * (high - low)
    xs = np.linspace(low[0] - pad[0], high[0] + pad[0], size)
    ys = np.linspace(low[1] - pad[1], high[1] + pad[1], size)
    gx, gy = np.meshgrid(xs, ys)
    predicted = mlp.predict(params, np.column_stack([gx.ravel(), gy.ravel()]), nonlinearity)
    rows = predicted.reshape(size, size)
    return DecisionGrid(floats(xs), floats(ys), tuple(tuple(int(c) for c in row) for row in rows))


def _gradient_check(params, x, y, options, tracker) -> tuple[float | None, bool]:
    """The worst parameter's relative error on a few examples, and whether the check finished."""
    if not options.gradient_check:
        return None, True
    xs, ys = x[:CHECK_EXAMPLES], y[:CHECK_EXAMPLES]
    nl, l2 = options.nonlinearity, options.l2
    _, analytic = mlp.loss_and_gradients(params, xs, ys, nl, l2)
    share = CHECK_SHARE * options.epochs / mlp.count_parameters(params)
    numeric = numerical_gradients(
        lambda: mlp.loss_value(params, xs, ys, nl, l2), params, tracker=tracker, weight=share
    )
    if numeric is None:
        return None, False
    return max_tensor_relative_error(analytic, numeric), True


def _epoch(params, x, y, o: TrainingOptions, optimizer, rate: float, rng) -> int:
    """One pass over the shuffled data in minibatches; returns the number of updates."""
    order = rng.permutation(len(y))
    steps = 0
    for first in range(0, len(y), o.batch_size):
        batch = order[first:first + o.batch_size]
        _, grads = mlp.loss_and_gradients(params, x[batch], y[batch], o.nonlinearity, o.l2)
        optimizer.step(params, grads, rate)
        steps += 1
    return steps


def train_network(
    options: TrainingOptions | None = None,
    *,
    progress: Progress = None,
    should_stop: ShouldStop = None,
) -> Trained:
    """Train and return the result together with the final parameters."""
    o = options or TrainingOptions()
    x, y = make_dataset(o.dataset, o.points_per_class, o.classes, o.noise, o.seed)
    classes = int(y.max()) + 1
    rng = np.random.default_rng(o.seed + 1)
    order = rng.permutation(len(y))
    x, y = x[order], y[order]  # shuffled once, so the check's first examples span the classes
    held = round(o.held_out * len(y))
    require(held < len(y), "held_out leaves no points to train on")
    x_held, y_held, x, y = x[:held], y[:held], x[held:], y[held:]
    params = mlp.init_params((2, o.hidden, o.hidden, classes), o.init, rng)
    optimizer = make_optimizer(o.optimizer)
    schedule = make_schedule(o.schedule, o.base_learning_rate, step_every=o.step_every,
                             cycle_epochs=o.cycle_epochs, patience=o.patience)
    tracker = Tracker(o.epochs * (1 + CHECK_SHARE * o.gradient_check), progress, should_stop)

    check_error, finished = _gradient_check(params, x, y, o, tracker)
    initial = mlp.evaluate(params, x, y, o.nonlinearity, o.l2)
    stats_epochs = _stats_epochs(o)
    snapshots = [ActivationSnapshot(0, mlp.activation_stats(params, x, o.nonlinearity))]
    losses, accuracies, data_losses, rates = [], [], [], []
    held_losses, held_accuracies = [], []
    steps, seconds, diverged = 0, 0.0, False
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for epoch in range(1, o.epochs + 1):
            if not finished or tracker.stopped():
                finished = False
                break
            rate = schedule.rate(epoch - 1)
            start = time.perf_counter()
            steps += _epoch(params, x, y, o, optimizer, rate, rng)
            seconds += time.perf_counter() - start
            trained = mlp.evaluate(params, x, y, o.nonlinearity, o.l2)
            loss = trained.loss
            schedule.observe(loss)
            losses.append(loss)
            accuracies.append(trained.accuracy)
            data_losses.append(trained.data_loss)
            rates.append(rate)
            if held:
                unseen = mlp.evaluate(params, x_held, y_held, o.nonlinearity, o.l2)
                held_losses.append(unseen.data_loss)
                held_accuracies.append(unseen.accuracy)
            if epoch in stats_epochs:
                snapshots.append(ActivationSnapshot(epoch, mlp.activation_stats(params, x, o.nonlinearity)))
            tracker.advance()
            if not np.isfinite(loss):
                diverged = True
                break
        grid = _decision_grid(params, x, o.nonlinearity, o.grid) if finished else None
    if finished:
        tracker.finish()
    result = TrainingResult(
        options=o, learning_rate=o.base_learning_rate, classes=classes,
        parameters=mlp.count_parameters(params),
        initial_loss=initial.loss, initial_accuracy=initial.accuracy,
        loss=floats(losses), accuracy=floats(accuracies), data_loss=floats(data_losses),
        held_out_points=held, held_out_loss=floats(held_losses),
        held_out_accuracy=floats(held_accuracies), learning_rates=floats(rates),
        activations=tuple(snapshots), gradient_check_max_relative_error=check_error,
        steps=steps, train_seconds=seconds,
        steps_per_second=steps / seconds if seconds > 0 else 0.0,
        points=tuple((float(a), float(b)) for a, b in x), labels=tuple(int(c) for c in y),
        decision_grid=grid, diverged=diverged, cancelled=not finished,
    )
    return Trained(result, params)


def run_training_lab(
    options: TrainingOptions | None = None,
    *,
    progress: Progress = None,
    should_stop: ShouldStop = None,
) -> TrainingResult:
    return train_network(options, progress=progress, should_stop=should_stop).result


def stats_legend(nonlinearity: str) -> list[str]:
    """What 'saturated' and 'dead' mean for this nonlinearity, in words."""
    return [f"  saturated ({nonlinearity}): {mlp.SATURATED_MEANS[nonlinearity]}",
            f"  dead: {mlp.DEAD_MEANS}"]


def summarize_training(result: TrainingResult) -> list[str]:
    o = result.options
    lines = [
        f"{o.dataset} ({result.classes} classes, {len(result.labels)} training points, "
        f"{result.held_out_points} held out); "
        f"MLP 2-{o.hidden}-{o.hidden}-{result.classes} ({result.parameters} parameters), "
        f"{o.nonlinearity}, {o.init} init",
        f"{o.optimizer} at {result.learning_rate:g} ({o.schedule} schedule), "
        f"L2 penalty λ·ΣW² with λ = {o.l2:g}, batch {o.batch_size}",
    ]
    error = result.gradient_check_max_relative_error
    if error is not None:
        lines.append(f"gradient check: max relative error {error:.2e}")
        if error > 1e-4 and o.nonlinearity in KINKED:
            lines.append("  (large for a kinked nonlinearity: a nudge of h probably crossed "
                         "relu's corner at 0, where the slope jumps)")
    if result.loss:
        lines.append(
            f"loss {result.initial_loss:.4f} -> {result.loss[-1]:.4f}, accuracy "
            f"{result.initial_accuracy:.0%} -> {result.accuracy[-1]:.0%} after {len(result.loss)} epochs"
        )
        lines.append(f"training data loss (without the penalty) {result.data_loss[-1]:.4f}")
    if result.held_out_loss:
        lines.append(
            f"held-out ({result.held_out_points} points never trained on): data loss "
            f"{result.held_out_loss[-1]:.4f}, accuracy {result.held_out_accuracy[-1]:.0%}"
        )
    lines.append(f"{result.steps} steps in {result.train_seconds:.2f} s "
                 f"({result.steps_per_second:,.0f} steps/s)")
    if result.activations:
        last = result.activations[-1]
        for layer in last.layers:
            lines.append(
                f"  layer {layer.layer} at epoch {last.epoch}: mean {layer.mean:+.3f}, std "
                f"{layer.std:.3f}, saturated {layer.saturated:.0%}, dead units {layer.dead_units:.0%}"
            )
        lines += stats_legend(o.nonlinearity)
    if result.diverged:
        lines.append("training diverged (loss became inf or NaN): try a smaller learning rate")
    if result.cancelled:
        lines.append("cancelled")
    return lines
