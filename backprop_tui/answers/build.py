"""Shape-aware construction of SymPy expressions, one operation at a time.

Every sub-expression is a ``Node``: the SymPy expression plus the NumPy shape it evaluates to.
Shapes follow NumPy: ``+ - * / **`` broadcast, ``@`` is ``numpy.matmul``. Juxtaposition
(implicit multiplication) is a matrix product when one side is a 2-D matrix and the shapes fit
(``W^T delta``), and an elementwise product otherwise (``2x``, ``σ(z)(1-σ(z))``). As in the
lecture, a vector is a column: a vector followed by a transposed vector (``δ xᵀ``, ``δ @ x.T``)
is their outer product, a transposed vector followed by a vector (``xᵀ y``) their dot product.
Numbers that SymPy would compute exactly are bounded before they are built.
"""

from __future__ import annotations

import math

import numpy as np
import sympy

from backprop_tui.engine.ops import OPS
from backprop_tui.records import frozen_dataclass

from .functions import bp_matmul, bp_outer, bp_stack, bp_transpose, make
from .verdict import AnswerError

MAX_EXPONENT = 64
MAX_MAGNITUDE = 1e300
MAX_ELEMENTS = 100_000

Shape = tuple[int, ...]


@frozen_dataclass
class Node:
    """``row`` marks a transposed 1-D vector (``xᵀ``): NumPy has no row vectors, but the lecture
    reads vectors as columns, so ``δ xᵀ`` is an outer product and ``xᵀ y`` a dot product."""

    expr: sympy.Expr
    shape: Shape
    row: bool = False


def describe_shape(shape: Shape) -> str:
    return "a single number" if shape == () else f"shape {shape}"


def _too_complex(message: str, position: int | None) -> AnswerError:
    return AnswerError(message, position, rule="too_complex")


def checked(expr: sympy.Expr, shape: Shape, position: int | None) -> Node:
    """Wrap ``expr`` as a Node after rejecting undefined or oversized results."""
    if expr.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        raise AnswerError("This answer divides by zero (or is otherwise undefined).", position,
                          rule="undefined")
    if expr.is_Number and abs(expr) > MAX_MAGNITUDE:
        raise _too_complex("A number in this answer is too large.", position)
    if math.prod(shape) > MAX_ELEMENTS:
        raise _too_complex("This answer builds an array that is too large.", position)
    return Node(expr, shape)


def _mismatch(a: Node, b: Node, symbol: str, position: int | None) -> AnswerError:
    return AnswerError(
        f"Shapes don't fit for {symbol}: {sympy.sstr(a.expr)} has {describe_shape(a.shape)}, "
        f"{sympy.sstr(b.expr)} has {describe_shape(b.shape)}.", position, rule="shape_mismatch")


def broadcast(a: Node, b: Node, symbol: str, position: int | None) -> Shape:
    try:
        return tuple(np.broadcast_shapes(a.shape, b.shape))
    except ValueError:
        raise _mismatch(a, b, symbol, position) from None


def matmul_shape(a: Shape, b: Shape) -> Shape | None:
    """Result shape of ``numpy.matmul`` for 1-D and 2-D operands, or None when they don't fit."""
    if not (1 <= len(a) <= 2 and 1 <= len(b) <= 2) or a[-1] != b[0]:
        return None
    return a[:-1] + b[1:]


# For a chain of + and - (or of * and /): the SymPy class and how each operand enters it.
_CHAIN = {
    "+": (sympy.Add, lambda e: e), "-": (sympy.Add, lambda e: -e),
    "*": (sympy.Mul, lambda e: e), "/": (sympy.Mul, lambda e: sympy.Pow(e, -1)),
}


def chain(first: Node, rest: list[tuple[str, Node]], position: int | None) -> Node:
    """``first op n1 op n2 ...`` with all ops in ``+ -`` or all in ``* /``, built as one Add or
    Mul: SymPy re-sorts a product on every pairwise step, which is quadratic for long ones."""
    exprs, shape = [first.expr], first.shape
    combine = _CHAIN[rest[0][0]][0] if rest else sympy.Add
    for symbol, node in rest:
        try:
            shape = tuple(np.broadcast_shapes(shape, node.shape))
        except ValueError:
            raise _mismatch(Node(combine(*exprs), shape), node, symbol, position) from None
        exprs.append(_CHAIN[symbol][1](node.expr))
    return checked(combine(*exprs), shape, position)


def multiply(a: Node, b: Node, position: int | None) -> Node:
    return chain(a, [("*", b)], position)


def negate(a: Node, position: int | None) -> Node:
    node = checked(-a.expr, a.shape, position)
    return Node(node.expr, node.shape, a.row)


def _log10_magnitude(number: sympy.Number) -> float:
    if number.is_Rational:
        return math.log10(abs(number.p)) - math.log10(number.q)
    return float(sympy.log(abs(number), 10).evalf(15))  # a Float may lie outside double range


def power(a: Node, b: Node, position: int | None) -> Node:
    shape = broadcast(a, b, "^", position)
    base, exponent = a.expr, b.expr
    if exponent.is_Number and abs(exponent) > MAX_EXPONENT:
        raise _too_complex(f"The exponent {exponent} is too large (at most {MAX_EXPONENT}).",
                           position)
    if base.is_Number and exponent.is_Number and not base.is_zero:  # 0.0 != 0 in SymPy
        if float(exponent) * _log10_magnitude(base) > math.log10(MAX_MAGNITUDE):
            raise _too_complex("A number in this answer is too large.", position)
        if not exponent.is_Integer:
            return checked(sympy.Pow(base, exponent, evaluate=False), shape, position)
    return checked(sympy.Pow(base, exponent), shape, position)


def _is_column(a: Node) -> bool:
    return (len(a.shape) == 1 and not a.row) or (len(a.shape) == 2 and a.shape[1] == 1)


def _is_row(b: Node) -> bool:
    return (len(b.shape) == 1 and b.row) or (len(b.shape) == 2 and b.shape[0] == 1)


def outer(a: Node, b: Node, position: int | None) -> Node:
    return checked(bp_outer(a.expr, b.expr),
                   (math.prod(a.shape), math.prod(b.shape)), position)


def matmul(a: Node, b: Node, position: int | None) -> Node:
    if a.shape == () or b.shape == ():
        return multiply(a, b, position)  # lenient: a number @ x is just a product
    if _is_column(a) and _is_row(b) and 1 in (len(a.shape), len(b.shape)):
        return outer(a, b, position)  # δ xᵀ with a 1-D vector: a column times a row
    shape = matmul_shape(a.shape, b.shape)
    if shape is None:
        raise _mismatch(a, b, "@", position)
    return checked(bp_matmul(a.expr, b.expr), shape, position)


def juxtapose(a: Node, b: Node, position: int | None) -> Node:
    """Implicit multiplication: a matrix product where that is what the shapes mean, including
    ``δ xᵀ`` (outer) and ``xᵀ y`` (dot) for 1-D vectors."""
    if not a.shape or not b.shape:
        return multiply(a, b, position)
    if _is_column(a) and _is_row(b) and 1 in (len(a.shape), len(b.shape)):
        return outer(a, b, position)
    if len(a.shape) == 1 and a.row and len(b.shape) == 1 and not b.row:
        return matmul(a, b, position)  # xᵀ y: a row times a column
    if max(len(a.shape), len(b.shape)) >= 2 and matmul_shape(a.shape, b.shape) is not None:
        return matmul(a, b, position)
    return multiply(a, b, position)


def transpose(a: Node, position: int | None) -> Node:
    if len(a.shape) == 1:
        return Node(a.expr, a.shape, not a.row)  # the same numbers; see Node.row
    if len(a.shape) != 2:
        return a  # a number is its own transpose
    if isinstance(a.expr, bp_transpose):
        return Node(a.expr.args[0], a.shape[::-1])
    return checked(bp_transpose(a.expr), a.shape[::-1], position)


def stack(rows: list[Node], position: int | None) -> Node:
    if not rows:
        raise AnswerError("An empty vector [] is not an answer.", position)
    if any(row.shape != rows[0].shape for row in rows):
        shapes = ", ".join(str(row.shape) for row in rows)
        raise AnswerError(f"The rows of a matrix must all have the same shape (got {shapes}).",
                          position, rule="shape_mismatch")
    return checked(bp_stack(*(row.expr for row in rows)), (len(rows), *rows[0].shape), position)


def _dot(a: Node, b: Node, position: int | None) -> Node:
    """dot(a, b): a product with a number, else numpy.dot (== matmul up to 2-D)."""
    if a.shape == () or b.shape == ():
        return multiply(a, b, position)
    shape = matmul_shape(a.shape, b.shape)
    if shape is None:
        raise _mismatch(a, b, "dot", position)
    if len(a.shape) == len(b.shape) == 1:
        return checked(make("dot", a.expr, b.expr), shape, position)
    return checked(bp_matmul(a.expr, b.expr), shape, position)


# Ops whose meaning in an answer is the notation's, not NumPy's alone: vectors are columns.
_NOTATION = {
    "transpose": lambda args, position: transpose(args[0], position),
    "matmul": lambda args, position: matmul(args[0], args[1], position),
    "outer": lambda args, position: outer(args[0], args[1], position),
    "dot": lambda args, position: _dot(args[0], args[1], position),
}


def _output_shape(name: str, args: list[Node], position: int | None) -> Shape:
    """The op's output shape, found by running its forward on zeros of the inputs' shapes (the
    op itself says which shapes it takes; its message is the learner's)."""
    zeros = [np.zeros(arg.shape) for arg in args]
    try:
        with np.errstate(all="ignore"):
            return tuple(np.shape(OPS[name].forward(*zeros)))
    except (ValueError, TypeError, IndexError) as error:
        shapes = ", ".join(describe_shape(arg.shape) for arg in args)
        raise AnswerError(f"{name} can't take {shapes}: {error}", position,
                          rule="shape_mismatch") from None


def call(name: str, args: list[Node], position: int | None) -> Node:
    """Apply the op ``name`` (already resolved by the tokenizer) to ``args``."""
    problem = OPS[name].check_arity(len(args))
    if problem:
        raise AnswerError(problem.replace("input", "argument") + ".", position)
    if name in _NOTATION:
        return _NOTATION[name](args, position)
    shape = _output_shape(name, args, position)
    return checked(make(name, *(arg.expr for arg in args)), shape, position)
