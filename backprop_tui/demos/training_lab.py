"""Training lab: a 2 → hidden × layers → C network on a toy 2-D set, with every knob exposed.

Every forward value and gradient comes from the engine's ops (see `mlp.py`). Before
training, the analytic gradients are checked once against central differences. A
`TrainingRun` trains an epoch at a time, so the lab's screen can watch, pause and step it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext

import numpy as np

from backprop_tui.demos import mlp
from backprop_tui.demos._common import AsDict, Progress, ShouldStop, Tracker, floats, require
from backprop_tui.demos.datasets import make_dataset
from backprop_tui.demos.finite_differences import max_tensor_relative_error, numerical_gradients
from backprop_tui.demos.optimizers import make_optimizer
from backprop_tui.demos.pacing import Pacer
from backprop_tui.demos.schedules import make_schedule
from backprop_tui.demos.training_options import TrainingOptions
from backprop_tui.records import frozen_dataclass

CHECK_EXAMPLES = 8  # the gradient check runs on a few examples: it costs 2 passes per parameter
CHECK_SHARE = 0.05  # the share of the progress bar the check takes
KINKED = ("relu", "leaky_relu")


@frozen_dataclass
class ActivationSnapshot(AsDict):
    epoch: int
    layers: tuple[mlp.LayerStats, ...]


@frozen_dataclass
class DecisionGrid(AsDict):
    """Predicted class at the centre of each cell; row i has y = ys[i], column j has x = xs[j]."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    classes: tuple[tuple[int, ...], ...]


@frozen_dataclass
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
    # per weight layer (first layer first): ‖∂L/∂W‖ of the training set's data loss after each epoch
    gradient_norms: tuple[tuple[float, ...], ...]
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


@frozen_dataclass
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


class TrainingRun:
    """One network trained an epoch at a time, so that a caller can pace it and look at it."""

    def __init__(self, options: TrainingOptions) -> None:
        o = self.options = options
        x, y = make_dataset(o.dataset, o.points_per_class, o.classes, o.noise, o.seed)
        self.classes = int(y.max()) + 1
        self.rng = np.random.default_rng(o.seed + 1)
        order = self.rng.permutation(len(y))
        x, y = x[order], y[order]  # shuffled once, so the check's first examples span the classes
        held = round(o.held_out * len(y))
        require(held < len(y), "held_out leaves no points to train on")
        self.x_held, self.y_held, self.x, self.y = x[:held], y[:held], x[held:], y[held:]
        self.params = mlp.init_params((2, *[o.hidden] * o.layers, self.classes), o.init, self.rng)
        self.optimizer = make_optimizer(o.optimizer)
        self.schedule = make_schedule(o.schedule, o.base_learning_rate, step_every=o.step_every,
                                      cycle_epochs=o.cycle_epochs, patience=o.patience)
        self.work = o.epochs * (1 + CHECK_SHARE * o.gradient_check)  # for a Tracker
        self.check_error: float | None = None
        self.initial = mlp.evaluate(self.params, self.x, self.y, o.nonlinearity, o.l2)
        self.activations = [ActivationSnapshot(0, mlp.activation_stats(self.params, self.x, o.nonlinearity))]
        self.loss, self.accuracy, self.data_loss, self.rates = [], [], [], []
        self.held_out_loss, self.held_out_accuracy = [], []
        self.gradient_norms: list[list[float]] = [[] for _ in range(o.layers + 1)]
        self.steps, self.seconds = 0, 0.0
        self.diverged = self.cancelled = False

    @property
    def done(self) -> bool:
        return len(self.loss) >= self.options.epochs or self.diverged

    def epochs(self, tracker: Tracker, quiet: AbstractContextManager = nullcontext()) -> Iterator[int]:
        """Check the gradients, then train: yields the epochs done after the check and after each
        epoch, so the caller can look (and pause) in between. When stopped, `cancelled` is set.
        Each epoch's updates run inside `quiet` (see `EpochGate.quiet`)."""
        self.cancelled = not self._check_gradients(tracker)
        if self.cancelled:
            return
        yield 0
        while not self.done:
            if tracker.stopped():
                self.cancelled = True
                return
            self._train_epoch(quiet)
            tracker.advance()
            yield len(self.loss)
        tracker.finish()

    def _check_gradients(self, tracker: Tracker) -> bool:
        """The worst parameter's relative error on a few examples; False if stopped meanwhile."""
        o = self.options
        if not o.gradient_check:
            return True
        params, xs, ys = self.params, self.x[:CHECK_EXAMPLES], self.y[:CHECK_EXAMPLES]
        _, analytic = mlp.loss_and_gradients(params, xs, ys, o.nonlinearity, o.l2)
        share = CHECK_SHARE * o.epochs / mlp.count_parameters(params)
        numeric = numerical_gradients(
            lambda: mlp.loss_value(params, xs, ys, o.nonlinearity, o.l2), params, tracker=tracker, weight=share
        )
        if numeric is None:
            return False
        self.check_error = max_tensor_relative_error(analytic, numeric)
        return True

    def _train_epoch(self, quiet: AbstractContextManager) -> None:
        o, epoch = self.options, len(self.loss) + 1
        rate = self.schedule.rate(epoch - 1)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            with quiet:
                start = time.perf_counter()
                self.steps += _epoch(self.params, self.x, self.y, o, self.optimizer, rate, self.rng)
                self.seconds += time.perf_counter() - start
            trained, grads = mlp.evaluate_with_gradients(self.params, self.x, self.y, o.nonlinearity, o.l2)
            self.schedule.observe(trained.loss)
            self.loss.append(trained.loss)
            self.accuracy.append(trained.accuracy)
            self.data_loss.append(trained.data_loss)
            self.rates.append(rate)
            for series, norm in zip(self.gradient_norms, mlp.weight_norms(grads), strict=True):
                series.append(norm)
            if len(self.y_held):
                unseen = mlp.evaluate(self.params, self.x_held, self.y_held, o.nonlinearity, o.l2)
                self.held_out_loss.append(unseen.data_loss)
                self.held_out_accuracy.append(unseen.accuracy)
            if epoch in _stats_epochs(o):
                self.activations.append(
                    ActivationSnapshot(epoch, mlp.activation_stats(self.params, self.x, o.nonlinearity)))
        self.diverged = not np.isfinite(trained.loss)

    def result(self) -> TrainingResult:
        """What has been trained so far (the whole run once `epochs` is exhausted)."""
        o = self.options
        with np.errstate(over="ignore", invalid="ignore"):
            grid = _decision_grid(self.params, self.x, o.nonlinearity, o.grid)
        return TrainingResult(
            options=o, learning_rate=o.base_learning_rate, classes=self.classes,
            parameters=mlp.count_parameters(self.params),
            initial_loss=self.initial.loss, initial_accuracy=self.initial.accuracy,
            loss=floats(self.loss), accuracy=floats(self.accuracy), data_loss=floats(self.data_loss),
            held_out_points=len(self.y_held), held_out_loss=floats(self.held_out_loss),
            held_out_accuracy=floats(self.held_out_accuracy), learning_rates=floats(self.rates),
            gradient_norms=tuple(floats(series) for series in self.gradient_norms),
            activations=tuple(self.activations), gradient_check_max_relative_error=self.check_error,
            steps=self.steps, train_seconds=self.seconds,
            steps_per_second=self.steps / self.seconds if self.seconds > 0 else 0.0,
            points=tuple((float(a), float(b)) for a, b in self.x), labels=tuple(int(c) for c in self.y),
            decision_grid=grid, diverged=self.diverged, cancelled=self.cancelled,
        )


def train_network(
    options: TrainingOptions | None = None,
    *,
    progress: Progress = None,
    should_stop: ShouldStop = None,
    pacer: Pacer | None = None,
) -> Trained:
    """Train and return the result together with the final parameters. A `pacer` is shown a
    snapshot between epochs and can hold the training there (the lab's live view, pause, step)."""
    run = TrainingRun(options or TrainingOptions())
    tracker = Tracker(run.work, progress, should_stop)
    if pacer is not None:
        pacer.publish(run.result())  # the untrained network, on screen during the gradient check
    for _ in run.epochs(tracker, pacer.gate.quiet if pacer is not None else nullcontext()):
        if pacer is not None:
            pacer.between_epochs(run.result, tracker.stopped)
    return Trained(run.result(), run.params)


def run_training_lab(
    options: TrainingOptions | None = None,
    *,
    progress: Progress = None,
    should_stop: ShouldStop = None,
    pacer: Pacer | None = None,
) -> TrainingResult:
    return train_network(options, progress=progress, should_stop=should_stop, pacer=pacer).result

def stats_legend(nonlinearity: str) -> list[str]:
    """What 'saturated' and 'dead' mean for this nonlinearity, in words."""
    return [f"  saturated ({nonlinearity}): {mlp.SATURATED_MEANS[nonlinearity]}",
            f"  dead: {mlp.DEAD_MEANS}"]


def summarize_training(result: TrainingResult) -> list[str]:
    o = result.options
    lines = [
        f"{o.dataset} ({result.classes} classes, {len(result.labels)} training points, "
        f"{result.held_out_points} held out); "
        f"MLP 2-{o.sizes_text}-{result.classes} ({result.parameters} parameters), "
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
