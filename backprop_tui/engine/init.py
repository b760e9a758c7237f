"""Weight initialization: every scheme defined once, for the lessons' generated tensors and the
demos' networks alike.

The caller says which dimension is fan-in: a lesson's W in `W @ x` has shape (fan_out, fan_in),
a demo network's W in `x @ W` has shape (fan_in, fan_out).
"""

from __future__ import annotations

import numpy as np

SMALL = 0.01  # the "small" scheme's range: uniform in [−SMALL, SMALL]
INITS = ("zeros", "ones", "small", "uniform", "normal", "xavier", "he")


def initial_weights(init: str, shape: tuple[int, ...], *, fan_in: int, fan_out: int,
                    rng: np.random.Generator) -> np.ndarray:
    if init == "zeros":
        return np.zeros(shape)
    if init == "ones":
        return np.ones(shape)
    if init == "small":
        return rng.uniform(-SMALL, SMALL, shape)
    if init == "uniform":
        return rng.uniform(-1.0, 1.0, shape)
    if init == "normal":
        return rng.normal(size=shape)
    if init == "xavier":  # Glorot & Bengio: keeps the variance of tanh layers steady
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        return rng.uniform(-limit, limit, shape)
    if init == "he":  # He et al.: doubles the variance because relu zeroes half the inputs
        return rng.normal(0.0, np.sqrt(2.0 / fan_in), shape)
    raise ValueError(f"unknown init {init!r}; choose from {', '.join(INITS)}")
