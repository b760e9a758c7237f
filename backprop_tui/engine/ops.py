"""The op registry: what every gate of a computation graph knows about itself.

An op knows its forward computation, its vector-Jacobian product (VJP: given the
upstream gradient dL/d(out), the downstream gradient dL/d(input) for every input),
its local derivative as a SymPy expression for scalar inputs, and how to describe
itself to a learner. Adding an op is one `register(Op(...))` call, and every reader
follows: the statement language of `expr` and lesson files, the answer checker (an op is
a function a learner may type, under its name and its aliases; numeric checks run its
forward, exact checks its `elementary` form), the inspector, `expr --help`, FORMAT.md's
op list and the JSON schema's op enum. The test suite checks every registered VJP
against central finite differences and every symbolic derivative against the VJP.

Kink policies (where the derivative is undefined we pick a side, and say so):
relu'(0) = 0, leaky_relu'(0) = slope, hardtanh'(±1) = 0, abs'(0) = 0, and
max(a, b) routes the gradient to its first input on a tie.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import field
from typing import Any

import numpy as np

from backprop_tui.records import frozen_dataclass

Array = np.ndarray
Forward = Callable[..., Array]
Vjp = Callable[..., tuple[Array | None, ...]]
Symbolic = Callable[..., list]


@frozen_dataclass
class Op:
    name: str
    arity: int | tuple[int, ...] | None  # None: any number of inputs (at least one)
    forward: Forward  # forward(*inputs) -> output
    vjp: Vjp  # vjp(upstream, output, *inputs) -> one gradient (or None) per input
    description: str  # one line: what the op computes
    pattern: str  # how the gradient flows through it, in words
    symbolic: Symbolic | None = None  # symbolic(sympy, *input_symbols) -> local derivative per input
    formulas: tuple[str, ...] = ()  # the VJP per input in words, e.g. "upstream @ Bᵀ"
    nondiff: frozenset[int] = field(default_factory=frozenset)  # inputs with no gradient (labels)
    constant_inputs: frozenset[int] = field(default_factory=frozenset)  # must be literal numbers
    kink: Callable[..., Array] | None = None  # which side of a kink each element is on
    symbol: str | None = None  # infix symbol used in labels, e.g. "+"
    elementwise: bool = False  # out[i] depends on in[i] only: the Jacobian is diagonal
    aliases: tuple[str, ...] = ()  # other names a learner may type for it: σ, ln, ...
    notation: str = ""  # the op as written to a learner, e.g. "σ(x)", "x + y"
    local_notation: tuple[str, ...] = ()  # its local derivative per input, written to a
    # learner, e.g. ("σ′(x) = σ(x)(1 − σ(x))",) or ("1[a ≥ b]", "1[a < b]")
    pretty_name: str | None = None  # the short name shown in a pretty-printed formula: σ
    sympy_name: str | None = None  # the SymPy function that is this op (exp, log, Abs, ...)
    elementary: Callable[..., Any] | None = None  # elementary(sympy, *args): the op in SymPy's
    # own terms, so an exact check can simplify it (sigmoid -> 1 / (1 + exp(-x)))

    @property
    def arities(self) -> tuple[int, ...] | None:
        """The numbers of inputs it takes; None for any number from one up."""
        return (self.arity,) if isinstance(self.arity, int) else self.arity

    def check_arity(self, count: int) -> str | None:
        if self.arities is None:
            return None if count >= 1 else f"{self.name} needs at least one input"
        if count not in self.arities:
            noun = "input" if self.arities == (1,) else "inputs"
            wanted = " or ".join(str(n) for n in self.arities)
            return f"{self.name} takes {wanted} {noun}, got {count}"
        return None

    def formula(self, slot: int) -> str:
        if not self.formulas:
            return "upstream ∘ local, element by element" if self.elementwise else "upstream × local"
        return self.formulas[min(slot, len(self.formulas) - 1)]


OPS: dict[str, Op] = {}


def register(op: Op) -> Op:
    if op.name in OPS:
        raise ValueError(f"op {op.name!r} is registered twice")
    OPS[op.name] = op
    return op


def unregister(name: str) -> None:
    """Remove an op (for tests that register a throw-away op)."""
    del OPS[name]


def unbroadcast(grad: Array, shape: tuple[int, ...]) -> Array:
    """Sum a gradient over the axes NumPy broadcast, so it has the input's shape."""
    grad = np.asarray(grad, dtype=float)
    while grad.ndim > len(shape):
        grad = grad.sum(axis=0)
    for axis, size in enumerate(shape):
        if size == 1 and grad.shape[axis] != 1:
            grad = grad.sum(axis=axis, keepdims=True)
    return grad.reshape(shape)


def elementwise_vjp(local: Callable[..., Sequence[Array | None]]) -> Vjp:
    """VJP of an elementwise op from its local derivatives: upstream × local, un-broadcast.

    A local derivative of None means 1: the upstream gradient passes through uncopied.
    """

    def vjp(upstream: Array, output: Array, *inputs: Array) -> tuple[Array, ...]:
        locals_ = local(output, *inputs)
        return tuple(
            unbroadcast(upstream if d is None else upstream * d, np.shape(x))
            for d, x in zip(locals_, inputs, strict=True)
        )

    return vjp


# Importing the definitions fills the registry.
from backprop_tui.engine import op_scalar as _op_scalar  # noqa: E402,F401
from backprop_tui.engine import op_tensor as _op_tensor  # noqa: E402,F401
