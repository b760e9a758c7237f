"""The op registry: what every gate of a computation graph knows about itself.

An op knows its forward computation, its vector-Jacobian product (VJP: given the
upstream gradient dL/d(out), the downstream gradient dL/d(input) for every input),
its local derivative as a SymPy expression for scalar inputs, and how to describe
itself to a learner. Adding an op is one `register(Op(...))` call; the test suite
checks every registered VJP against central finite differences automatically.

Kink policies (where the derivative is undefined we pick a side, and say so):
relu'(0) = 0, leaky_relu'(0) = slope, hardtanh'(±1) = 0, abs'(0) = 0, and
max(a, b) routes the gradient to its first input on a tie.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

Array = np.ndarray
Forward = Callable[..., Array]
Vjp = Callable[..., tuple[Array | None, ...]]
Symbolic = Callable[..., list]


@dataclass(frozen=True)
class Op:
    name: str
    arity: int | None  # None: any number of inputs (at least one)
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

    def check_arity(self, count: int) -> str | None:
        if self.arity is None:
            return None if count >= 1 else f"{self.name} needs at least one input"
        if count != self.arity:
            noun = "input" if self.arity == 1 else "inputs"
            return f"{self.name} takes {self.arity} {noun}, got {count}"
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
