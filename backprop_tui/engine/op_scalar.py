"""Elementwise ops: they work on scalars, and on tensors element by element (with broadcasting)."""

from __future__ import annotations

import numpy as np

from backprop_tui.engine.ops import Op, elementwise_vjp, register, unbroadcast

LEAKY_SLOPE = 0.01


def stable_sigmoid(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))  # never overflows
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _pass_through(out, *xs):
    return [None for _ in xs]


def _elementwise(arity, name, forward, local, description, pattern, symbolic, *, symbol=None, kink=None):
    return register(
        Op(
            name=name, arity=arity, forward=forward, vjp=elementwise_vjp(local),
            description=description, pattern=pattern, symbolic=symbolic, symbol=symbol, kink=kink,
            elementwise=True,
        )
    )


def _binary(name, symbol, forward, local, description, pattern, symbolic, kink=None):
    return _elementwise(2, name, forward, local, description, pattern, symbolic, symbol=symbol, kink=kink)


def _unary(name, forward, local, description, pattern, symbolic, kink=None):
    return _elementwise(1, name, forward, local, description, pattern, symbolic, kink=kink)


_binary(
    "add", "+", np.add, _pass_through,
    "sum of its two inputs",
    "add distributes: every input receives the upstream gradient unchanged (local gradient 1)",
    lambda sp, a, b: [sp.Integer(1), sp.Integer(1)],
)
_binary(
    "sub", "-", np.subtract, lambda out, a, b: [None, -1.0],
    "first input minus the second",
    "sub distributes with a sign: the first input gets the upstream gradient, the second its negative",
    lambda sp, a, b: [sp.Integer(1), sp.Integer(-1)],
)
_binary(
    "mul", "*", np.multiply,
    lambda out, a, b: [np.broadcast_to(b, np.shape(out)), np.broadcast_to(a, np.shape(out))],
    "product of its two inputs",
    "mul swaps: each input receives the upstream gradient times the other input's value",
    lambda sp, a, b: [b, a],
)
_binary(
    "div", "/", np.divide,
    lambda out, a, b: [np.broadcast_to(1.0 / b, np.shape(out)), -np.asarray(a) / np.square(b)],
    "first input divided by the second",
    "div: the numerator gets upstream / b, the denominator gets upstream × (−a / b²)",
    lambda sp, a, b: [1 / b, -a / b**2],
)
register(
    Op(
        name="pow",
        arity=2,
        elementwise=True,
        forward=lambda x, p: np.power(x, p),
        vjp=lambda g, out, x, p: (unbroadcast(g * p * np.power(x, p - 1), np.shape(x)), None),
        description="first input raised to a constant power",
        pattern="power rule: the input receives upstream × p·x^(p−1)",
        symbolic=lambda sp, x, p: [p * x ** (p - 1), sp.Integer(0)],
        nondiff=frozenset({1}),
        constant_inputs=frozenset({1}),
        symbol="**",
    )
)


_binary(
    "max", None, np.maximum,
    lambda out, a, b: [(np.asarray(a) >= b).astype(float), (np.asarray(a) < b).astype(float)],
    "the larger of its two inputs",
    "max routes: the larger input receives the whole upstream gradient, the other gets 0 "
    "(on a tie, the first input)",
    lambda sp, a, b: [sp.Heaviside(a - b, 1), sp.Heaviside(b - a, 0)],
    kink=lambda a, b: np.asarray(a) >= b,
)
_unary(
    "neg", np.negative, lambda out, x: [-1.0],
    "the input with its sign flipped",
    "neg flips the sign of the upstream gradient",
    lambda sp, x: [sp.Integer(-1)],
)
_unary(
    "exp", np.exp, lambda out, x: [out],
    "e to the power of the input",
    "exp: the local gradient is exp(x) itself, the value computed in the forward pass",
    lambda sp, x: [sp.exp(x)],
)
_unary(
    "log", np.log, lambda out, x: [1.0 / np.asarray(x)],
    "natural logarithm",
    "log: the input receives upstream / x",
    lambda sp, x: [1 / x],
)
_unary(
    "sqrt", np.sqrt, lambda out, x: [0.5 / out],
    "square root",
    "sqrt: the input receives upstream / (2·√x)",
    lambda sp, x: [1 / (2 * sp.sqrt(x))],
)
_unary(
    "sin", np.sin, lambda out, x: [np.cos(x)],
    "sine", "sin: the input receives upstream × cos(x)",
    lambda sp, x: [sp.cos(x)],
)
_unary(
    "cos", np.cos, lambda out, x: [-np.sin(x)],
    "cosine", "cos: the input receives upstream × (−sin(x))",
    lambda sp, x: [-sp.sin(x)],
)
_unary(
    "sigmoid", stable_sigmoid, lambda out, x: [out * (1.0 - out)],
    "logistic sigmoid σ(x) = 1 / (1 + e^(−x))",
    "sigmoid: the local gradient is σ(x)(1 − σ(x)), built from the forward value; "
    "at most 0.25, and near 0 where σ saturates",
    lambda sp, x: [sp.sigmoid(x) * (1 - sp.sigmoid(x))],
)
_unary(
    "tanh", np.tanh, lambda out, x: [1.0 - np.square(out)],
    "hyperbolic tangent, tanh(x) = 2σ(2x) − 1",
    "tanh: the local gradient is 1 − tanh(x)², near 0 where tanh saturates",
    lambda sp, x: [1 - sp.tanh(x) ** 2],
)
_unary(
    "hardtanh", lambda x: np.clip(x, -1.0, 1.0),
    lambda out, x: [((np.asarray(x) > -1) & (np.asarray(x) < 1)).astype(float)],
    "hard tanh: x clipped to [−1, 1]",
    "hardtanh passes the upstream gradient where −1 < x < 1 and blocks it outside",
    lambda sp, x: [sp.Piecewise((1, (x > -1) & (x < 1)), (0, True))],
    kink=lambda x: np.sign(np.asarray(x) - 1) + np.sign(np.asarray(x) + 1),
)
_unary(
    "relu", lambda x: np.maximum(x, 0.0), lambda out, x: [np.asarray(x) > 0],
    "rectified linear unit, max(0, x)",
    "relu passes the upstream gradient where x > 0 and blocks it where x ≤ 0 (relu'(0) = 0)",
    lambda sp, x: [sp.Heaviside(x, 0)],
    kink=lambda x: np.asarray(x) > 0,
)
_unary(
    "leaky_relu", lambda x: np.where(np.asarray(x) > 0, x, LEAKY_SLOPE * np.asarray(x)),
    lambda out, x: [np.where(np.asarray(x) > 0, 1.0, LEAKY_SLOPE)],
    f"leaky ReLU: x where x > 0, else {LEAKY_SLOPE}·x",
    f"leaky relu passes the upstream gradient where x > 0 and {LEAKY_SLOPE} of it elsewhere, "
    "so no unit is ever completely dead",
    lambda sp, x: [sp.Piecewise((1, x > 0), (sp.Float(LEAKY_SLOPE), True))],
    kink=lambda x: np.asarray(x) > 0,
)
_unary(
    "abs", np.abs, lambda out, x: [np.sign(x)],
    "absolute value",
    "abs passes the upstream gradient with the sign of x (abs'(0) = 0)",
    lambda sp, x: [sp.sign(x)],
    kink=lambda x: np.sign(x),
)
register(
    Op(
        name="prelu",
        arity=2,
        elementwise=True,
        forward=lambda x, a: np.where(np.asarray(x) > 0, x, np.asarray(a) * x),
        vjp=elementwise_vjp(
            lambda out, x, a: [
                np.broadcast_to(np.where(np.asarray(x) > 0, 1.0, a), np.shape(out)),
                np.where(np.asarray(x) > 0, 0.0, x) * np.ones_like(out),
            ]
        ),
        description="parametric ReLU: x where x > 0, else a·x with a learned slope a",
        pattern="prelu passes the upstream gradient where x > 0 and a times it elsewhere; "
        "the slope a learns from upstream × x where x ≤ 0",
        symbolic=lambda sp, x, a: [
            sp.Piecewise((1, x > 0), (a, True)),
            sp.Piecewise((0, x > 0), (x, True)),
        ],
        kink=lambda x, a: np.asarray(x) > 0,
    )
)

