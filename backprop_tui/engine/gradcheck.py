"""Numerical gradient check: central finite differences against the engine's backward pass.

    numeric = (f(x + h) − f(x − h)) / 2h,   relative error = |a − n| / max(|a|, |n|)

This module holds the one band table and the one step h that every gradient check uses (the
lesson stepper's nudges, `check`'s answer keys, the gradient-check and finite-difference demos).
Bands (the usual rule of thumb): ≤ 1e-7 good, ≤ 1e-4 ok (fine for nets with kinks),
≤ 1e-2 suspicious, > 1e-2 wrong. When the ±h probe puts a relu/max/abs/... on different
sides of its kink, the numeric estimate is meaningless there and a warning says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from backprop_tui.engine.graph import Graph
from backprop_tui.engine.ops import OPS
from backprop_tui.engine.trace import forward_values, run
from backprop_tui.engine.values import to_array
from backprop_tui.records import frozen_dataclass

# h, as the lecture notes use it: the central difference's error is O(h²) ≈ 1e-8, while the
# round-off in f (~1e-16 / h ≈ 1e-12) stays far below that.
FINITE_DIFFERENCE_STEP = 1e-4
# The relative error's denominator is at least this: where both gradients are ~0 their
# difference is round-off, not a wrong formula.
RELATIVE_ERROR_FLOOR = 1e-7
GOOD, OK, SUSPICIOUS = 1e-7, 1e-4, 1e-2  # upper edges of the bands; above SUSPICIOUS: wrong
BANDS = ((GOOD, "good"), (OK, "ok"), (SUSPICIOUS, "suspicious"))


@frozen_dataclass
class GradCheck:
    input: str
    analytic: np.ndarray
    numeric: np.ndarray
    relative_error: float  # the largest over the input's elements
    band: str
    kinks_crossed: tuple[str, ...]  # nodes whose kink lay between x − h and x + h

    @property
    def warning(self) -> str | None:
        if not self.kinks_crossed:
            return None
        return (
            "the ±h probe crossed a kink at " + ", ".join(self.kinks_crossed)
            + ": the numerical estimate is not reliable there"
        )


def band(relative_error: float) -> str:
    for limit, name in BANDS:
        if relative_error <= limit:
            return name
    return "wrong"


def relative_error(analytic, numeric) -> np.ndarray:
    """|a − n| / max(|a|, |n|, RELATIVE_ERROR_FLOOR), element by element."""
    analytic, numeric = np.asarray(analytic, dtype=float), np.asarray(numeric, dtype=float)
    scale = np.maximum(np.maximum(np.abs(analytic), np.abs(numeric)), RELATIVE_ERROR_FLOOR)
    return np.abs(analytic - numeric) / scale


def gradient_check(graph: Graph, inputs: Mapping[str, object], wrt: str, h: float = FINITE_DIFFERENCE_STEP) -> GradCheck:
    """Compare d(output)/d(wrt) from backprop with a central difference, element by element."""
    values = {name: to_array(value, name) for name, value in inputs.items()}
    analytic = run(graph, values).grads[wrt]
    numeric = np.zeros_like(values[wrt])
    crossed: set[str] = set()
    for index in np.ndindex(values[wrt].shape):
        plus, minus = _probe(graph, values, wrt, index, h), _probe(graph, values, wrt, index, -h)
        numeric[index] = (_total(plus[graph.output]) - _total(minus[graph.output])) / (2 * h)
        crossed.update(kinks_crossed(graph, (minus, plus)))
    error = float(np.max(relative_error(analytic, numeric), initial=0.0))
    return GradCheck(wrt, analytic, numeric, error, band(error), tuple(sorted(crossed)))


def _probe(graph, values, wrt, index, step):
    nudged = dict(values)
    nudged[wrt] = values[wrt].copy()
    nudged[wrt][index] += step
    return forward_values(graph, nudged)


def _total(value) -> float:
    return float(np.sum(value))  # a non-scalar output is differentiated as its sum


def kinks_crossed(graph: Graph, runs: Iterable[Mapping[str, np.ndarray]]) -> tuple[str, ...]:
    """The nodes (relu, max, abs, ...) whose inputs lie on different sides of a kink across `runs`
    (forward passes of `graph` with some value nudged)."""
    runs = list(runs)
    crossed = []
    for node in graph.nodes.values():
        op = OPS.get(node.op) if node.kind == "op" else None
        if op is None or op.kink is None:
            continue
        sides = [np.asarray(op.kink(*(run[name] for name in node.inputs))) for run in runs]
        if any(not np.array_equal(sides[0], side) for side in sides[1:]):
            crossed.append(node.name)
    return tuple(crossed)
