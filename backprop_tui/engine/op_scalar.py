"""Elementwise ops: they work on scalars, and on tensors element by element (with broadcasting).

Each op is declared once, with named fields (see `Op`); `local` gives the local derivative
per input from which `elementwise_vjp` builds the VJP (None: the gradient passes unchanged).
"""

from __future__ import annotations

import numpy as np

from backprop_tui.engine.ops import Op, elementwise_vjp, register, unbroadcast

LEAKY_SLOPE = 0.01


def stable_sigmoid(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))  # never overflows
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def elementwise(*, local, **fields) -> Op:
    """Register an elementwise op whose VJP is upstream × `local(out, *inputs)`."""
    return register(Op(vjp=elementwise_vjp(local), elementwise=True, **fields))


def _pass_through(out, *xs):
    return [None for _ in xs]


def _first_of(pick):
    """A mask with 1 at the first position `pick` (np.argmax, np.argmin) chooses."""

    def mask(x):
        x = np.asarray(x, dtype=float)
        chosen = np.zeros(x.shape)
        if x.size:
            chosen.flat[pick(x)] = 1.0
        return chosen

    return mask


def _extremum(*, name, reduce, pairwise, first_wins, pick, sympy_name, word):
    """max and min: of two inputs elementwise (routing), or of one input's elements."""
    winner = _first_of(pick)
    pairwise_vjp = elementwise_vjp(
        lambda out, a, b: [first_wins(a, b).astype(float), (~first_wins(a, b)).astype(float)]
    )

    def vjp(g, out, *xs):
        if len(xs) == 1:
            return (g * winner(xs[0]),)
        return pairwise_vjp(g, out, *xs)

    def symbolic(sp, *xs):
        if len(xs) == 1:
            return [sp.Integer(1)]
        a, b = xs
        return ([sp.Heaviside(a - b, 1), sp.Heaviside(b - a, 0)] if name == "max"
                else [sp.Heaviside(b - a, 1), sp.Heaviside(a - b, 0)])

    def kink(*xs):
        return winner(xs[0]) if len(xs) == 1 else first_wins(*xs)

    first, second = ("≥", "<") if name == "max" else ("≤", ">")
    register(Op(
        name=name, arity=(1, 2), elementwise=True,
        forward=lambda *xs: reduce(xs[0]) if len(xs) == 1 else pairwise(*xs),
        vjp=vjp, symbolic=symbolic, kink=kink,
        description=f"the {word} of its two inputs, or of one input's elements",
        pattern=f"{name} routes: the {word} input receives the whole upstream gradient, the other "
        f"gets 0 (on a tie, the first input)",
        notation=f"{name}(a, b)",
        local_notation=(f"1[a {first} b]", f"1[a {second} b]"),
        aliases=(f"{name}imum",),
        elementary=lambda sp, *xs: getattr(sp, sympy_name)(*xs) if len(xs) == 2 else None,
    ))


elementwise(
    name="add", arity=2, symbol="+", forward=np.add, local=_pass_through,
    description="sum of its two inputs",
    pattern="add distributes: every input receives the upstream gradient unchanged (local gradient 1)",
    symbolic=lambda sp, a, b: [sp.Integer(1), sp.Integer(1)],
    notation="a + b", local_notation=("1", "1"),
)
elementwise(
    name="sub", arity=2, symbol="-", forward=np.subtract, local=lambda out, a, b: [None, -1.0],
    description="first input minus the second",
    pattern="sub distributes with a sign: the first input gets the upstream gradient, the second its negative",
    symbolic=lambda sp, a, b: [sp.Integer(1), sp.Integer(-1)],
    notation="a − b", local_notation=("1", "−1"),
)
elementwise(
    name="mul", arity=2, symbol="*", forward=np.multiply,
    local=lambda out, a, b: [np.broadcast_to(b, np.shape(out)), np.broadcast_to(a, np.shape(out))],
    description="product of its two inputs",
    pattern="mul swaps: each input receives the upstream gradient times the other input's value",
    symbolic=lambda sp, a, b: [b, a],
    notation="a · b", local_notation=("b", "a"),
)
elementwise(
    name="div", arity=2, symbol="/", forward=np.divide,
    local=lambda out, a, b: [np.broadcast_to(1.0 / b, np.shape(out)), -np.asarray(a) / np.square(b)],
    description="first input divided by the second",
    pattern="div: the numerator gets upstream / b, the denominator gets upstream × (−a / b²)",
    symbolic=lambda sp, a, b: [1 / b, -a / b**2],
    notation="a / b", local_notation=("1/b", "−a/b²"),
)
register(Op(
    name="pow", arity=2, elementwise=True, symbol="**",
    forward=lambda x, p: np.power(x, p),
    vjp=lambda g, out, x, p: (unbroadcast(g * p * np.power(x, p - 1), np.shape(x)), None),
    description="first input raised to a constant power",
    pattern="power rule: the base receives upstream × the exponent × base^(exponent − 1)",
    symbolic=lambda sp, x, p: [p * x ** (p - 1), sp.Integer(0)],
    nondiff=frozenset({1}), constant_inputs=frozenset({1}),
    notation="x^p", local_notation=("p·x^(p−1)", "—"),
))
_extremum(name="max", reduce=np.max, pairwise=np.maximum, pick=np.argmax, sympy_name="Max",
          first_wins=lambda a, b: np.asarray(a) >= b, word="larger")
_extremum(name="min", reduce=np.min, pairwise=np.minimum, pick=np.argmin, sympy_name="Min",
          first_wins=lambda a, b: np.asarray(a) <= b, word="smaller")
elementwise(
    name="neg", arity=1, forward=np.negative, local=lambda out, x: [-1.0],
    description="the input with its sign flipped",
    pattern="neg flips the sign of the upstream gradient",
    symbolic=lambda sp, x: [sp.Integer(-1)],
    notation="−x", local_notation=("−1",),
)
elementwise(
    name="exp", arity=1, forward=np.exp, local=lambda out, x: [out],
    description="e to the power of the input",
    pattern="exp: the local gradient is exp(x) itself, the value computed in the forward pass",
    symbolic=lambda sp, x: [sp.exp(x)],
    notation="eˣ", local_notation=("eˣ",), sympy_name="exp",
)
elementwise(
    name="log", arity=1, forward=np.log, local=lambda out, x: [1.0 / np.asarray(x)],
    description="natural logarithm",
    pattern="log: the input receives upstream / x",
    symbolic=lambda sp, x: [1 / x],
    notation="log x", local_notation=("1/x",), sympy_name="log", aliases=("ln",),
)
elementwise(
    name="sqrt", arity=1, forward=np.sqrt, local=lambda out, x: [0.5 / out],
    description="square root",
    pattern="sqrt: the input receives upstream / (2·√x)",
    symbolic=lambda sp, x: [1 / (2 * sp.sqrt(x))],
    notation="√x", local_notation=("1/(2√x)",), sympy_name="sqrt",
)
elementwise(
    name="sin", arity=1, forward=np.sin, local=lambda out, x: [np.cos(x)],
    description="sine", pattern="sin: the input receives upstream × cos(x)",
    symbolic=lambda sp, x: [sp.cos(x)],
    notation="sin x", local_notation=("cos x",), sympy_name="sin",
)
elementwise(
    name="cos", arity=1, forward=np.cos, local=lambda out, x: [-np.sin(x)],
    description="cosine", pattern="cos: the input receives upstream × (−sin(x))",
    symbolic=lambda sp, x: [-sp.sin(x)],
    notation="cos x", local_notation=("−sin x",), sympy_name="cos",
)
elementwise(
    name="tan", arity=1, forward=np.tan, local=lambda out, x: [1.0 + np.square(out)],
    description="tangent", pattern="tan: the input receives upstream × (1 + tan(x)²)",
    symbolic=lambda sp, x: [1 + sp.tan(x) ** 2],
    notation="tan x", local_notation=("1 + tan²x",), sympy_name="tan",
)
elementwise(
    name="sinh", arity=1, forward=np.sinh, local=lambda out, x: [np.cosh(x)],
    description="hyperbolic sine", pattern="sinh: the input receives upstream × cosh(x)",
    symbolic=lambda sp, x: [sp.cosh(x)],
    notation="sinh x", local_notation=("cosh x",), sympy_name="sinh",
)
elementwise(
    name="cosh", arity=1, forward=np.cosh, local=lambda out, x: [np.sinh(x)],
    description="hyperbolic cosine", pattern="cosh: the input receives upstream × sinh(x)",
    symbolic=lambda sp, x: [sp.sinh(x)],
    notation="cosh x", local_notation=("sinh x",), sympy_name="cosh",
)
elementwise(
    name="sigmoid", arity=1, forward=stable_sigmoid, local=lambda out, x: [out * (1.0 - out)],
    description="logistic sigmoid σ(x) = 1 / (1 + e^(−x))",
    pattern="sigmoid: the local gradient is σ(x)(1 − σ(x)), built from the forward value; "
    "at most 0.25, and near 0 where σ saturates",
    symbolic=lambda sp, x: [sp.sigmoid(x) * (1 - sp.sigmoid(x))],
    notation="σ(x)", local_notation=("σ′(x) = σ(x)(1 − σ(x))",), pretty_name="σ",
    aliases=("σ", "sig", "logistic"), elementary=lambda sp, x: 1 / (1 + sp.exp(-x)),
)
elementwise(
    name="tanh", arity=1, forward=np.tanh, local=lambda out, x: [1.0 - np.square(out)],
    description="hyperbolic tangent, tanh(x) = 2σ(2x) − 1",
    pattern="tanh: the local gradient is 1 − tanh(x)², near 0 where tanh saturates",
    symbolic=lambda sp, x: [1 - sp.tanh(x) ** 2],
    notation="tanh x", local_notation=("tanh′(x) = 1 − tanh²(x)",), sympy_name="tanh",
)
elementwise(
    name="hardtanh", arity=1, forward=lambda x: np.clip(x, -1.0, 1.0),
    local=lambda out, x: [((np.asarray(x) > -1) & (np.asarray(x) < 1)).astype(float)],
    description="hard tanh: x clipped to [−1, 1]",
    pattern="hardtanh passes the upstream gradient where −1 < x < 1 and blocks it outside",
    symbolic=lambda sp, x: [sp.Piecewise((1, (x > -1) & (x < 1)), (0, True))],
    kink=lambda x: np.sign(np.asarray(x) - 1) + np.sign(np.asarray(x) + 1),
    notation="hardtanh(x)", local_notation=("1[−1 < x < 1]",),
    elementary=lambda sp, x: sp.Max(-1, sp.Min(x, 1)),
)
elementwise(
    name="relu", arity=1, forward=lambda x: np.maximum(x, 0.0), local=lambda out, x: [np.asarray(x) > 0],
    description="rectified linear unit, max(0, x)",
    pattern="relu passes the upstream gradient where x > 0 and blocks it where x ≤ 0 (relu'(0) = 0)",
    symbolic=lambda sp, x: [sp.Heaviside(x, 0)],
    kink=lambda x: np.asarray(x) > 0,
    notation="relu(x) = max(0, x)", local_notation=("relu′(x) = 1[x > 0]",),
    elementary=lambda sp, x: sp.Max(x, 0),
)
elementwise(
    name="step", arity=1, forward=lambda x: np.heaviside(x, 0.0), local=lambda out, x: [0.0],
    description="step function 1[x > 0], the derivative of relu",
    pattern="step is flat on both sides of 0: it passes no gradient at all",
    symbolic=lambda sp, x: [sp.Integer(0)],
    kink=lambda x: np.asarray(x) > 0,
    notation="1[x > 0]", local_notation=("0",), aliases=("heaviside",),
    elementary=lambda sp, x: sp.Heaviside(x, 0),
)
elementwise(
    name="leaky_relu", arity=1, forward=lambda x: np.where(np.asarray(x) > 0, x, LEAKY_SLOPE * np.asarray(x)),
    local=lambda out, x: [np.where(np.asarray(x) > 0, 1.0, LEAKY_SLOPE)],
    description=f"leaky ReLU: x where x > 0, else {LEAKY_SLOPE}·x",
    pattern=f"leaky relu passes the upstream gradient where x > 0 and {LEAKY_SLOPE} of it elsewhere, "
    "so no unit is ever completely dead",
    symbolic=lambda sp, x: [sp.Piecewise((1, x > 0), (sp.Float(LEAKY_SLOPE), True))],
    kink=lambda x: np.asarray(x) > 0,
    notation="leaky_relu(x)", local_notation=(f"1 where x > 0, else {LEAKY_SLOPE}",),
    elementary=lambda sp, x: sp.Max(x, 0) + sp.Rational(1, 100) * sp.Min(x, 0),
)
elementwise(
    name="abs", arity=1, forward=np.abs, local=lambda out, x: [np.sign(x)],
    description="absolute value",
    pattern="abs passes the upstream gradient with the sign of x (abs'(0) = 0)",
    symbolic=lambda sp, x: [sp.sign(x)],
    kink=lambda x: np.sign(x),
    notation="|x|", local_notation=("sign(x)",), sympy_name="Abs",
)
elementwise(
    name="prelu", arity=2,
    forward=lambda x, a: np.where(np.asarray(x) > 0, x, np.asarray(a) * x),
    local=lambda out, x, a: [
        np.broadcast_to(np.where(np.asarray(x) > 0, 1.0, a), np.shape(out)),
        np.where(np.asarray(x) > 0, 0.0, x) * np.ones_like(out),
    ],
    description="parametric ReLU: x where x > 0, else a·x with a learned slope a",
    pattern="prelu passes the upstream gradient where x > 0 and a times it elsewhere; "
    "the slope a learns from upstream × x where x ≤ 0",
    symbolic=lambda sp, x, a: [
        sp.Piecewise((1, x > 0), (a, True)),
        sp.Piecewise((0, x > 0), (x, True)),
    ],
    kink=lambda x, a: np.asarray(x) > 0,
    notation="prelu(x, a)", local_notation=("1 where x > 0, else a", "0 where x > 0, else x"),
    elementary=lambda sp, x, a: sp.Max(x, 0) + a * sp.Min(x, 0),
)
