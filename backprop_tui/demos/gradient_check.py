"""Gradient checking: numerical against analytic gradients for every parameter of a small MLP.

Shows how close backprop's gradients are to central differences (a histogram of relative
errors on a log scale, with the usual bands); how the error of one-sided and centred
differences depends on h (a sweep over decades on a sample of parameters: slopes 1 and 2,
then the round-off floor, and with relu the kinks crossed at large h); and why nobody trains
with numerical gradients: they cost two forward passes per parameter, one backward pass
costs about two.
"""

from __future__ import annotations

import time
from typing import ClassVar

import numpy as np

from backprop_tui.demos import mlp
from backprop_tui.demos._common import (
    AsDict, Progress, ShouldStop, Tracker, require, require_choice,
)
from backprop_tui.demos._options import check_ranges, require_between
from backprop_tui.demos.datasets import DATASETS, make_dataset
from backprop_tui.demos.finite_differences import numerical_gradients, relative_errors
from backprop_tui.demos.nudge_series import STEPS, fitted_slope
from backprop_tui.engine.gradcheck import FINITE_DIFFERENCE_STEP, GOOD, OK, RELATIVE_ERROR_FLOOR, SUSPICIOUS
from backprop_tui.engine.ops import OPS
from backprop_tui.records import frozen_dataclass
LOG_EDGES = tuple(float(e) for e in range(-16, 2))  # decades from 1e-16 to 10
FLOOR = 1e-16  # an exact match is drawn in the lowest bin


@frozen_dataclass
class GradientCheckOptions:
    hidden: int = 10
    nonlinearity: str = "tanh"
    init: str = "xavier"
    dataset: str = "spiral"
    classes: int = 3
    examples: int = 16  # size of the batch the loss is computed on
    l2: float = 1e-3
    h: float = FINITE_DIFFERENCE_STEP  # the central-difference step
    cost_hidden_sizes: tuple[int, ...] = (4, 8, 16, 32)
    repeats: int = 3  # each cost timing is the best of this many runs
    sweep_parameters: int = 12  # the h sweep nudges this many parameters, sampled at random
    seed: int = 0

    # The numerical gradient costs two forward passes per parameter (≈ hidden² of them).
    RANGES: ClassVar = {"hidden": (1, 200), "classes": (2, 10), "examples": (1, 10_000), "repeats": (1, 100_000),
                        "sweep_parameters": (1, 1_000)}

    def __post_init__(self) -> None:
        require_choice(self.nonlinearity, mlp.NONLINEARITIES, "nonlinearity")
        require_choice(self.init, mlp.INITS, "init")
        require_choice(self.dataset, DATASETS, "dataset")
        check_ranges(self)
        require(self.h > 0, "h must be positive")
        for size in self.cost_hidden_sizes:
            require_between("each of cost_hidden_sizes", size, 1, 200)


@frozen_dataclass
class ParameterReport(AsDict):
    name: str  # W1, b1, ...
    shape: tuple[int, ...]
    max_relative_error: float
    worst_analytic: float  # the two gradients at the worst element
    worst_numeric: float


@frozen_dataclass
class Bands(AsDict):
    good: int  # ≤ 1e-7
    ok: int  # ≤ 1e-4: fine with kinks (relu), suspicious for smooth functions
    suspicious: int  # ≤ 1e-2
    wrong: int  # > 1e-2: the gradient is probably wrong


@frozen_dataclass
class CostPoint(AsDict):
    hidden: int
    parameters: int
    backward_seconds: float  # one forward + backward pass: the whole analytic gradient
    numerical_seconds: float  # the whole numerical gradient
    ratio: float  # numerical / backward
    numerical_seconds_per_parameter: float


@frozen_dataclass
class SweepPoint(AsDict):
    """The sampled parameters' numerical gradient at one h, against backprop's:
    ‖a − n‖ / max(‖a‖, ‖n‖) over the sample (not dominated by one tiny gradient)."""

    h: float
    one_sided_error: float  # (L(θ + h) − L(θ)) / h
    centred_error: float  # (L(θ + h) − L(θ − h)) / 2h
    round_off: float  # ε·|L| / h, relative to the sample's gradient norm
    kinks: int  # hidden units whose pre-activation changed side of the kink between θ − h and θ + h


@frozen_dataclass
class GradientCheckResult(AsDict):
    options: GradientCheckOptions
    parameters: int
    per_parameter: tuple[ParameterReport, ...]
    max_relative_error: float
    histogram_edges: tuple[float, ...]  # log10 of the relative error
    histogram_counts: tuple[int, ...]  # one per bin; they sum to `parameters`
    bands: Bands
    cost: tuple[CostPoint, ...]
    sweep: tuple[SweepPoint, ...]  # largest h first
    sweep_slopes: tuple[float | None, float | None]  # fitted one-sided and centred slopes
    tiny: float = RELATIVE_ERROR_FLOOR  # floor of the relative error's denominator
    cancelled: bool = False


def _problem(options: GradientCheckOptions, hidden: int):
    x, y = make_dataset(options.dataset, max(options.examples, 2), options.classes, 0.2, options.seed)
    pick = np.random.default_rng(options.seed).permutation(len(y))[: options.examples]
    sizes = (2, hidden, hidden, int(y.max()) + 1)
    params = mlp.init_params(sizes, options.init, np.random.default_rng(options.seed + 1))
    return params, x[pick], y[pick]


def histogram(errors: np.ndarray) -> tuple[int, ...]:
    logs = np.log10(np.maximum(errors, FLOOR))
    counts, _ = np.histogram(np.clip(logs, LOG_EDGES[0], LOG_EDGES[-1]), bins=LOG_EDGES)
    return tuple(int(c) for c in counts)


def bands(errors: np.ndarray) -> Bands:
    return Bands(
        good=int(np.sum(errors <= GOOD)),
        ok=int(np.sum((errors > GOOD) & (errors <= OK))),
        suspicious=int(np.sum((errors > OK) & (errors <= SUSPICIOUS))),
        wrong=int(np.sum(errors > SUSPICIOUS)),
    )


def _report(name, errors, analytic, numeric) -> ParameterReport:
    worst = np.unravel_index(np.argmax(errors), errors.shape)
    return ParameterReport(name, tuple(errors.shape), float(errors[worst]),
                           float(analytic[worst]), float(numeric[worst]))


def _sweep(options, params, x, y, analytic, tracker) -> tuple[SweepPoint, ...] | None:
    """One-sided and centred differences at every decade of h, for a random sample of elements."""
    nl, l2 = options.nonlinearity, options.l2
    elements = [(name, index) for name in params for index in np.ndindex(params[name].shape)]
    rng = np.random.default_rng(options.seed)
    sample = [elements[i] for i in rng.choice(len(elements), min(options.sweep_parameters, len(elements)),
                                              replace=False)]
    a = np.array([analytic[name][index] for name, index in sample])
    loss = mlp.loss_value(params, x, y, nl, l2)
    kinked = OPS[nl].kink is not None
    points = []
    for h in STEPS:
        one_sided, centred, kinks = [], [], 0
        for name, index in sample:
            if tracker.stopped():
                return None
            runs = {}
            for step in (h, -h):
                original = params[name][index]
                params[name][index] = original + step
                runs[step] = (mlp.loss_value(params, x, y, nl, l2),
                              mlp.forward(params, x, nl).pre_activations if kinked else [])
                params[name][index] = original
            (up, plus), (down, minus) = runs[h], runs[-h]
            one_sided.append((up - loss) / h)
            centred.append((up - down) / (2 * h))
            kinks += sum(int(np.sum((p > 0) != (m > 0))) for p, m in zip(plus, minus))
            tracker.advance()
        scale = max(float(np.linalg.norm(a)), RELATIVE_ERROR_FLOOR)
        points.append(SweepPoint(
            h, _norm_error(a, np.array(one_sided)), _norm_error(a, np.array(centred)),
            float(np.finfo(float).eps) * max(abs(loss), 1.0) / h / scale, kinks))
    return tuple(points)


def _norm_error(a: np.ndarray, n: np.ndarray) -> float:
    return float(np.linalg.norm(a - n) / max(np.linalg.norm(a), np.linalg.norm(n), RELATIVE_ERROR_FLOOR))


def _cost_point(options, hidden, tracker) -> CostPoint | None:
    params, x, y = _problem(options, hidden)
    nl, l2 = options.nonlinearity, options.l2
    count = mlp.count_parameters(params)
    backward = numerical = float("inf")
    for _ in range(options.repeats):
        start = time.perf_counter()
        mlp.loss_and_gradients(params, x, y, nl, l2)
        backward = min(backward, time.perf_counter() - start)
        start = time.perf_counter()
        done = numerical_gradients(lambda: mlp.loss_value(params, x, y, nl, l2), params,
                                   options.h, tracker)
        if done is None:
            return None
        numerical = min(numerical, time.perf_counter() - start)
    return CostPoint(hidden, count, backward, numerical, numerical / backward, numerical / count)


def run_gradient_check(
    options: GradientCheckOptions | None = None,
    *,
    progress: Progress = None,
    should_stop: ShouldStop = None,
) -> GradientCheckResult:
    options = options or GradientCheckOptions()
    params, x, y = _problem(options, options.hidden)
    nl, l2 = options.nonlinearity, options.l2
    count = mlp.count_parameters(params)
    # Progress is counted in numerical-gradient elements, the bulk of the work.
    cost_work = sum(options.repeats * mlp.count_parameters(_problem(options, hidden)[0])
                    for hidden in options.cost_hidden_sizes)
    sweep_work = len(STEPS) * min(options.sweep_parameters, count)
    tracker = Tracker(count + sweep_work + cost_work, progress, should_stop)

    _, analytic = mlp.loss_and_gradients(params, x, y, nl, l2)
    numeric = numerical_gradients(lambda: mlp.loss_value(params, x, y, nl, l2), params,
                                  options.h, tracker)
    cancelled = numeric is None
    reports: list[ParameterReport] = []
    all_errors = np.zeros(0)
    if not cancelled:
        errors = relative_errors(analytic, numeric)
        reports = [_report(name, errors[name], analytic[name], numeric[name]) for name in params]
        all_errors = np.concatenate([errors[name].ravel() for name in params])
    sweep = _sweep(options, params, x, y, analytic, tracker) if not cancelled else None
    cancelled = cancelled or sweep is None
    cost: list[CostPoint] = []
    for hidden in options.cost_hidden_sizes if not cancelled else ():
        point = _cost_point(options, hidden, tracker)
        if point is None:
            cancelled = True
            break
        cost.append(point)
    if not cancelled:
        tracker.finish()
    return GradientCheckResult(
        options=options,
        parameters=count,
        per_parameter=tuple(reports),
        max_relative_error=float(all_errors.max()) if all_errors.size else float("nan"),
        histogram_edges=LOG_EDGES,
        histogram_counts=histogram(all_errors),
        bands=bands(all_errors),
        cost=tuple(cost),
        sweep=sweep or (),
        sweep_slopes=(fitted_slope(sweep or (), "one_sided_error"), fitted_slope(sweep or (), "centred_error")),
        cancelled=cancelled,
    )


def summarize_gradient_check(result: GradientCheckResult) -> list[str]:
    o = result.options
    lines = [f"MLP 2-{o.hidden}-{o.hidden}-C, {o.nonlinearity}, {o.init} init, "
             f"{result.parameters} parameters, h={o.h:g}, {o.examples} examples"]
    if result.per_parameter:
        b = result.bands
        lines.append(f"max relative error {result.max_relative_error:.2e}; "
                     f"good {b.good}, ok {b.ok}, suspicious {b.suspicious}, wrong {b.wrong}")
        lines += [f"  {r.name} {r.shape}: max relative error {r.max_relative_error:.1e}"
                  for r in result.per_parameter]
    if result.sweep:
        best = min(result.sweep, key=lambda p: p.centred_error)
        slopes = ", ".join(f"{name} {slope:.1f}" for name, slope in zip(("one-sided", "centred"), result.sweep_slopes)
                           if slope is not None)
        lines.append(f"h sweep on {o.sweep_parameters} parameters: best centred h={best.h:.0e} "
                     f"(error {best.centred_error:.1e}); slopes {slopes or 'not measurable'}")
        kinked = [p.h for p in result.sweep if p.kinks]
        if kinked:
            lines.append(f"  kinks crossed for h ≥ {min(kinked):.0e}: the estimate is unreliable there")
    for point in result.cost:
        lines.append(
            f"hidden {point.hidden:>3}: {point.parameters:>5} parameters, backward "
            f"{point.backward_seconds * 1e3:.3f} ms, numerical {point.numerical_seconds * 1e3:.1f} ms "
            f"({point.ratio:,.0f}x, {point.numerical_seconds_per_parameter * 1e6:.1f} µs/parameter)"
        )
    if result.cancelled:
        lines.append("cancelled")
    return lines
