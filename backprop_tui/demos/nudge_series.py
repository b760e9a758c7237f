"""One input nudged by ±h, h a decade at a time: one-sided against centred differences.

    one-sided  (f(x+h) − f(x)) / h        error ≈ h·|f″|/2          slope 1 on log-log axes
    centred    (f(x+h) − f(x−h)) / 2h     error ≈ h²·|f‴|/6         slope 2
    both: round-off ≈ ε·|f| / h grows as h shrinks: the floor at small h (slope −1)

Each error is the engine's relative error against the gradient a backward pass gave (the
lab's own, which may have a planted bug).
"""

from __future__ import annotations

import numpy as np

from backprop_tui.demos._common import AsDict
from backprop_tui.demos.graph_probe import Values, moved_values, output
from backprop_tui.engine.gradcheck import kinks_crossed, relative_error
from backprop_tui.engine.graph import Graph
from backprop_tui.records import frozen_dataclass

STEPS = tuple(10.0 ** -k for k in range(1, 13))  # 1e-1 … 1e-12
EPSILON = float(np.finfo(float).eps)
# A decade takes part in the slope fit while its error is this many times the round-off estimate.
ABOVE_ROUND_OFF = 30.0


@frozen_dataclass
class NudgeRow(AsDict):
    h: float
    plus: float  # f(x + h)
    minus: float  # f(x − h)
    one_sided: float  # (f(x + h) − f(x)) / h
    centred: float  # (f(x + h) − f(x − h)) / 2h
    one_sided_error: float  # relative errors against the backward pass's gradient
    centred_error: float
    round_off: float  # ε·|f| / h, relative to the gradient: where rounding alone puts the error
    kinks: tuple[str, ...]  # nodes whose kink lies between x − h and x + h


@frozen_dataclass
class NudgeSeries(AsDict):
    input: str  # the input node nudged
    element: str  # what exactly moves: "w", or "W[0, 0]" for the first element of a matrix
    value: float  # x
    f: float  # f(x)
    analytic: float  # ∂f/∂x from the backward pass
    rows: tuple[NudgeRow, ...]  # largest h first
    one_sided_slope: float | None  # fitted on the decades above round-off; None if too few
    centred_slope: float | None
    best_one_sided_h: float  # where each error is least: truncation and round-off balance
    best_centred_h: float


def element_label(name: str, value: np.ndarray) -> str:
    return f"{name}[{', '.join('0' * value.ndim)}]" if value.ndim else name


def nudge_series(graph: Graph, values: Values, name: str, analytic: float, steps=STEPS) -> NudgeSeries:
    """Nudge the first element of input `name`; `values` are the forward pass's node values."""
    first = np.zeros_like(values[name])
    first[(0,) * first.ndim] = 1.0
    f = output(graph, values)
    rows = []
    for h in steps:
        plus, minus = moved_values(graph, values, name, h * first), moved_values(graph, values, name, -h * first)
        f_plus, f_minus = output(graph, plus), output(graph, minus)
        one_sided, centred = (f_plus - f) / h, (f_plus - f_minus) / (2 * h)
        rows.append(NudgeRow(
            h, f_plus, f_minus, one_sided, centred,
            float(relative_error(analytic, one_sided)), float(relative_error(analytic, centred)),
            EPSILON * max(abs(f), 1.0) / h / max(abs(analytic), 1e-300),
            kinks_crossed(graph, (minus, values, plus)),
        ))
    return NudgeSeries(
        input=name, element=element_label(name, values[name]), value=float(values[name].flat[0]),
        f=f, analytic=float(analytic), rows=tuple(rows),
        one_sided_slope=fitted_slope(rows, "one_sided_error"),
        centred_slope=fitted_slope(rows, "centred_error"),
        best_one_sided_h=min(rows, key=lambda r: r.one_sided_error).h,
        best_centred_h=min(rows, key=lambda r: r.centred_error).h,
    )


def fitted_slope(rows, error_field: str) -> float | None:
    """The least-squares slope of log10(error) against log10(h) over the decades where the
    difference's own (truncation) error dominates: well above round-off, and no kink crossed."""
    points = [(np.log10(r.h), np.log10(getattr(r, error_field))) for r in rows
              if not r.kinks and getattr(r, error_field) > ABOVE_ROUND_OFF * r.round_off]
    if len(points) < 2:
        return None
    x, y = np.array(points).T
    return float(np.polyfit(x, y, 1)[0])
