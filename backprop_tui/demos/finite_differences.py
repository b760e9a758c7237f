"""Numerical gradients by central differences, and how far they are from analytic ones."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from backprop_tui.demos._common import Tracker
from backprop_tui.engine.gradcheck import FINITE_DIFFERENCE_STEP, RELATIVE_ERROR_FLOOR, relative_error


def numerical_gradients(
    loss: Callable[[], float],
    params: dict[str, np.ndarray],
    h: float = FINITE_DIFFERENCE_STEP,
    tracker: Tracker | None = None,
    weight: float = 1.0,
) -> dict[str, np.ndarray] | None:
    """dL/dθ ≈ (L(θ + h) − L(θ − h)) / 2h for every element of every parameter.

    `loss()` reads the parameters in place, so each element is nudged, evaluated and restored.
    Each element advances the tracker by `weight`; returns None when the tracker says stop.
    """
    grads = {}
    for name, param in params.items():
        grad = np.zeros_like(param)
        for index in np.ndindex(param.shape):
            if tracker is not None and tracker.stopped():
                return None
            original = param[index]
            param[index] = original + h
            up = loss()
            param[index] = original - h
            down = loss()
            param[index] = original
            grad[index] = (up - down) / (2.0 * h)
            if tracker is not None:
                tracker.advance(weight)
        grads[name] = grad
    return grads


def relative_errors(analytic: dict[str, np.ndarray], numeric: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The engine's relative error (floored, see engine/gradcheck.py), element by element, per parameter."""
    return {name: relative_error(analytic[name], numeric[name]) for name in analytic}


def max_relative_error(analytic, numeric) -> float:
    """The worst element's relative error over all parameters."""
    errors = relative_errors(analytic, numeric)
    return max(float(e.max()) for e in errors.values()) if errors else 0.0


def max_tensor_relative_error(analytic, numeric) -> float:
    """The worst parameter tensor's ‖a − n‖ / max(‖a‖, ‖n‖, RELATIVE_ERROR_FLOOR).

    Unlike the element-wise error it is not dominated by round-off in elements whose
    gradient is nearly zero (a weight into a dead unit gets only λ·W, perhaps 1e-8).
    """
    worst = 0.0
    for name in analytic:
        a, n = analytic[name], numeric[name]
        scale = max(np.linalg.norm(a), np.linalg.norm(n), RELATIVE_ERROR_FLOOR)
        worst = max(worst, float(np.linalg.norm(a - n) / scale))
    return worst
