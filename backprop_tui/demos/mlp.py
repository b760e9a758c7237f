"""A small fully connected network built from the engine's ops, one VJP per op on the way back.

The forward pass records every op it applies on a `Tape` (the op, its inputs, its output,
and which parameter, if any, sits in its second input). Because an MLP is a chain, the
backward pass walks the tape in reverse, handing each op the upstream gradient and passing
its first input's gradient on: there is no autograd here beyond chaining the ops' VJPs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from backprop_tui.demos._common import AsDict
from backprop_tui.engine.init import initial_weights
from backprop_tui.engine.ops import OPS, Op
from backprop_tui.records import frozen_dataclass

NONLINEARITIES = ("sigmoid", "tanh", "relu", "leaky_relu")
INITS = ("zeros", "small", "xavier", "he")  # the schemes the demos offer
# A sigmoid or tanh unit is saturated when its output is this close to one of its bounds:
# there its slope is tiny (about 0.01 for sigmoid, 0.02 for tanh), so little gradient passes.
SATURATION_MARGIN = 0.01
BOUNDS = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0)}  # relu and leaky relu have no upper bound
# What the statistics mean, for the screen and the summary.
SATURATED_MEANS = {
    "sigmoid": f"output within {SATURATION_MARGIN} of 0 or 1",
    "tanh": f"output within {SATURATION_MARGIN} of -1 or 1",
    "relu": "does not apply, relu has no upper bound (its flat side z < 0 can make a unit dead)",
    "leaky_relu": "does not apply, leaky relu has no upper bound and no flat side",
}
DEAD_MEANS = "a unit whose gradient is exactly 0 for every example"

Params = dict[str, np.ndarray]


def layer_names(layers: int) -> list[tuple[str, str]]:
    return [(f"W{i}", f"b{i}") for i in range(1, layers + 1)]


def init_params(sizes: Sequence[int], init: str, rng: np.random.Generator) -> Params:
    """Weights W_i of shape (fan_in, fan_out) (the network computes x @ W) drawn by the named
    scheme (engine/init.py); biases start at 0."""
    if init not in INITS:
        raise ValueError(f"unknown init {init!r}; choose from {', '.join(INITS)}")
    params: Params = {}
    for (w_name, b_name), fan_in, fan_out in zip(layer_names(len(sizes) - 1), sizes, sizes[1:]):
        weights = initial_weights(init, (fan_in, fan_out), fan_in=fan_in, fan_out=fan_out, rng=rng)
        params[w_name], params[b_name] = weights, np.zeros(fan_out)
    return params


def count_parameters(params: Params) -> int:
    return sum(p.size for p in params.values())


@dataclass
class TapeEntry:
    op: Op
    inputs: tuple
    output: np.ndarray
    param: str | None  # the parameter in input slot 1, if any


class Tape:
    def __init__(self) -> None:
        self.entries: list[TapeEntry] = []

    def apply(self, name: str, *inputs, param: str | None = None) -> np.ndarray:
        op = OPS[name]
        output = op.forward(*inputs)
        self.entries.append(TapeEntry(op, inputs, output, param))
        return output

    def backward(self) -> Params:
        """Gradients of the tape's final (scalar) output with respect to every parameter."""
        grads: Params = {}
        upstream = np.float64(1.0)
        for entry in reversed(self.entries):
            downstream = entry.op.vjp(upstream, entry.output, *entry.inputs)
            if entry.param is not None:
                grads[entry.param] = grads.get(entry.param, 0.0) + downstream[1]
            upstream = downstream[0]
        return grads


@dataclass
class Forward:
    scores: np.ndarray
    pre_activations: list[np.ndarray]  # per hidden layer, before the nonlinearity
    activations: list[np.ndarray]  # per hidden layer, after it


def forward(params: Params, x: np.ndarray, nonlinearity: str, tape: Tape | None = None) -> Forward:
    tape = tape or Tape()
    names = layer_names(len(params) // 2)
    h, pre, post = x, [], []
    for index, (w_name, b_name) in enumerate(names):
        z = tape.apply("matmul", h, params[w_name], param=w_name)
        z = tape.apply("add", z, params[b_name], param=b_name)
        if index == len(names) - 1:
            return Forward(z, pre, post)
        h = tape.apply(nonlinearity, z)
        pre.append(z)
        post.append(h)
    raise ValueError("a network needs at least one layer")


def _weights(params: Params) -> list[str]:
    return [name for name in params if name.startswith("W")]


def regularization(params: Params, l2: float) -> float:
    """λ·Σ W² over the weight matrices, as lesson 12 teaches (gradient 2λW; biases are not
    regularized)."""
    return l2 * sum(float(OPS["l2"].forward(params[name])) for name in _weights(params))


def loss_value(params: Params, x, y, nonlinearity: str, l2: float) -> float:
    return evaluate(params, x, y, nonlinearity, l2).loss


def loss_and_gradients(params: Params, x, y, nonlinearity: str, l2: float) -> tuple[float, Params]:
    tape = Tape()
    scores = forward(params, x, nonlinearity, tape).scores
    data_loss = tape.apply("cross_entropy", scores, y)
    grads = tape.backward()
    penalty, total = OPS["l2"], float(data_loss)
    for name in _weights(params):
        squares = penalty.forward(params[name])
        total += l2 * float(squares)
        (extra,) = penalty.vjp(np.float64(l2), squares, params[name])
        grads[name] = grads[name] + extra
    return total, grads


def predict(params: Params, x, nonlinearity: str) -> np.ndarray:
    return np.argmax(forward(params, x, nonlinearity).scores, axis=1)


@frozen_dataclass
class LayerStats(AsDict):
    layer: int  # 1 = first hidden layer
    mean: float
    std: float
    saturated: float  # fraction of activations near a bound of sigmoid/tanh (SATURATED_MEANS)
    dead_units: float  # fraction of units whose local slope is exactly 0 for every example


def saturated(nonlinearity: str, h: np.ndarray) -> np.ndarray:
    """Which activations sit at a flat tail of their nonlinearity (none for relu types)."""
    if nonlinearity not in BOUNDS:
        return np.zeros(np.shape(h), dtype=bool)
    low, high = BOUNDS[nonlinearity]
    return (h <= low + SATURATION_MARGIN) | (h >= high - SATURATION_MARGIN)


def activation_stats(params: Params, x, nonlinearity: str) -> tuple[LayerStats, ...]:
    result = forward(params, x, nonlinearity)
    op = OPS[nonlinearity]
    stats = []
    for index, (z, h) in enumerate(zip(result.pre_activations, result.activations, strict=True)):
        (slope,) = op.vjp(np.ones_like(h), h, z)  # upstream of ones: the local derivative
        dead = (slope == 0).all(axis=0)  # no example sends any gradient through the unit
        stats.append(
            LayerStats(index + 1, float(h.mean()), float(h.std()),
                       float(saturated(nonlinearity, h).mean()), float(dead.mean()))
        )
    return tuple(stats)


@frozen_dataclass
class Evaluation:
    data_loss: float  # mean cross-entropy
    penalty: float  # λ·Σ W²
    accuracy: float

    @property
    def loss(self) -> float:
        return self.data_loss + self.penalty


def evaluate(params: Params, x, y, nonlinearity: str, l2: float) -> Evaluation:
    """Loss terms and accuracy over a whole data set, from one forward pass."""
    scores = forward(params, x, nonlinearity).scores
    return _evaluation(params, scores, OPS["cross_entropy"].forward(scores, y), y, l2)


def evaluate_with_gradients(params: Params, x, y, nonlinearity: str, l2: float) -> tuple[Evaluation, Params]:
    """`evaluate`, plus the data loss's gradients (without the L2 term) from the same pass."""
    tape = Tape()
    scores = forward(params, x, nonlinearity, tape).scores
    data_loss = tape.apply("cross_entropy", scores, y)
    return _evaluation(params, scores, data_loss, y, l2), tape.backward()


def _evaluation(params: Params, scores, data_loss, y, l2: float) -> Evaluation:
    return Evaluation(float(data_loss), regularization(params, l2),
                      float(np.mean(np.argmax(scores, axis=1) == y)))


def weight_norms(grads: Params) -> tuple[float, ...]:
    """‖∂L/∂W_i‖ (Frobenius) for each weight matrix, first layer first."""
    return tuple(float(np.linalg.norm(grads[w])) for w, _ in layer_names(len(grads) // 2))
