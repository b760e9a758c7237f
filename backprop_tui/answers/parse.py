"""Learner text -> SymPy expression, without ever running the text as code.

Pipeline: bound the length; rewrite (scan.py, tokens.py); ``ast.parse(..., mode="eval")``;
bound the tree's size and depth; walk it allowing only whitelisted node types, building the
expression node by node with shapes (build.py). Anything else is an ``AnswerError`` whose ``rule`` says why.
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, Mapping

import numpy as np
import sympy

from backprop_tui.engine.ops import OPS

from . import build
from .build import Node, Shape
from .env import make_env
from .functions import CONSTANTS, DERIVATIVE, derivative
from .names import Vocabulary
from .tokens import Rewritten, rewrite
from .verdict import AnswerError

MAX_LENGTH = 500
MAX_AST_NODES = 600
MAX_AST_DEPTH = 100
MAX_INTEGER = 10**12
MAX_PRETTY = 120

Signature = tuple[tuple[str, Shape], ...]


@dataclass(frozen=True, eq=False)
class ParsedAnswer:
    """A parsed answer: the SymPy expression, its shape, and the variables it uses."""

    text: str
    expr: sympy.Expr
    shape: Shape
    symbols: tuple[str, ...]

    @cached_property
    def interpretation(self) -> str:
        """One line, e.g. ``W.T @ delta`` or ``sigmoid(z)*(1 - sigmoid(z))``."""
        return sympy.sstr(self.expr, full_prec=False)

    @cached_property
    def pretty(self) -> str:
        """Multi-line unicode rendering from ``sympy.pretty`` (one line when that is long)."""
        if len(self.interpretation) > MAX_PRETTY:  # too wide to show, and slow to lay out
            return self.interpretation
        return sympy.pretty(self.expr, use_unicode=True, full_prec=False)


def _is_decimal(text: str) -> bool:
    return "." in text or "e" in text.lower()


_BINARY = {ast.Pow: build.power, ast.MatMult: build.matmul, ast.Mod: build.juxtapose}
_CHAINED = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}


class _Builder:
    """Walks a parsed tree; each accepted node type has a method named after it.

    ``placeholders`` (for the screen template) maps number and list nodes to the symbols built
    in their place, ``placeholder_shapes`` to their shapes.
    """

    def __init__(self, rewritten: Rewritten, shapes: Mapping[str, Shape],
                 placeholders: Mapping[int, sympy.Symbol] | None = None,
                 placeholder_shapes: Mapping[int, Shape] | None = None):
        self.rewritten = rewritten
        self.shapes = shapes
        self.placeholders = placeholders or {}
        self.placeholder_shapes = placeholder_shapes or {}

    def column(self, node: ast.AST) -> int:
        return self.rewritten.column(getattr(node, "col_offset", 0))

    def build(self, node: ast.AST) -> Node:
        if id(node) in self.placeholders:
            return Node(self.placeholders[id(node)], self.placeholder_shapes.get(id(node), ()))
        method = getattr(self, f"_{type(node).__name__}", None)
        if method is None:
            raise AnswerError(f"{type(node).__name__} is not allowed in an answer.",
                              self.column(node), rule="unsafe")
        return method(node)

    def _Expression(self, node: ast.Expression) -> Node:
        return self.build(node.body)

    def _BinOp(self, node: ast.BinOp) -> Node:
        if type(node.op) in _CHAINED:
            return self._chain(node)
        operation = _BINARY.get(type(node.op))
        if operation is None:
            raise AnswerError("This operator is not allowed in an answer.", self.column(node),
                              rule="unsafe")
        return operation(self.build(node.left), self.build(node.right), self.column(node))

    def _chain(self, node: ast.BinOp) -> Node:
        """``a - b + c`` or ``a * b / c`` (left-nested in the tree) as one chain."""
        group = {"+", "-"} if _CHAINED[type(node.op)] in "+-" else {"*", "/"}
        column, rest, left = self.column(node), [], node
        while isinstance(left, ast.BinOp) and _CHAINED.get(type(left.op)) in group:
            rest.append((_CHAINED[type(left.op)], left.right))
            left = left.left
        first = self.build(left)
        operands = [(symbol, self.build(right)) for symbol, right in reversed(rest)]
        return build.chain(first, operands, column)

    def _UnaryOp(self, node: ast.UnaryOp) -> Node:
        operand = self.build(node.operand)
        if isinstance(node.op, ast.USub):
            return build.negate(operand, self.column(node))
        if isinstance(node.op, ast.UAdd):
            return operand
        raise AnswerError("This operator is not allowed in an answer.", self.column(node),
                          rule="unsafe")

    def _Call(self, node: ast.Call) -> Node:
        name = node.func.id if isinstance(node.func, ast.Name) else None
        if name is not None and name.startswith(DERIVATIVE) and name[len(DERIVATIVE):] in OPS \
                and len(node.args) == 1 and not node.keywords:
            arg = self.build(node.args[0])
            return build.checked(derivative(name[len(DERIVATIVE):], arg.expr), arg.shape,
                                 self.column(node))
        if name not in OPS or node.keywords:
            raise AnswerError("Only plain calls like exp(x) are allowed.", self.column(node),
                              rule="unsafe")
        if any(isinstance(arg, ast.Starred) for arg in node.args):
            raise AnswerError("'*' can't unpack arguments in an answer.", self.column(node),
                              rule="unsafe")
        return build.call(name, [self.build(arg) for arg in node.args], self.column(node))

    def _Name(self, node: ast.Name) -> Node:
        if node.id.startswith("_v") and node.id[2:].isdigit():
            name = self.rewritten.variables[int(node.id[2:])]
            return Node(sympy.Symbol(name), self.shapes[name])
        if node.id.startswith("_c_") and node.id[3:] in CONSTANTS:
            return Node(CONSTANTS[node.id[3:]], ())
        raise AnswerError(f"Unexpected name at column {self.column(node) + 1}.",
                          self.column(node), rule="unsafe")

    def _Constant(self, node: ast.Constant) -> Node:
        value, column = node.value, self.column(node)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise AnswerError("Only numbers may appear as constants.", column, rule="unsafe")
        if isinstance(value, int):
            if abs(value) > MAX_INTEGER:
                raise AnswerError(f"The number at column {column + 1} is too large.", column,
                                  rule="too_complex")
            return Node(sympy.Integer(value), ())
        if not math.isfinite(value) or abs(value) > build.MAX_MAGNITUDE:
            raise AnswerError(f"The number at column {column + 1} is too large.", column,
                              rule="too_complex")
        return Node(sympy.Float(value), ())

    def _Attribute(self, node: ast.Attribute) -> Node:
        if node.attr != "T":
            raise AnswerError("Only .T (transpose) may follow a name.", self.column(node),
                              rule="unsafe")
        return build.transpose(self.build(node.value), self.column(node))

    def _List(self, node: ast.List | ast.Tuple) -> Node:
        return build.stack([self.build(element) for element in node.elts], self.column(node))

    def _Tuple(self, node: ast.Tuple) -> Node:
        """A vector written ``(a, b)`` or ``a, b``: the same as ``[a, b]``."""
        if not node.elts:
            raise AnswerError("Empty parentheses.", self.column(node))
        return self._List(node)


def _check_size(tree: ast.AST) -> None:
    """Bound node count and depth without recursion (the builder recurses afterwards)."""
    stack, count = [(tree, 1)], 0
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_AST_NODES or depth > MAX_AST_DEPTH:
            raise AnswerError("This answer is too complex to check.", None, rule="too_complex")
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))


def _syntax_error(error: SyntaxError, text: str, rewritten: Rewritten) -> AnswerError:
    offset = (error.offset or 1) - 1
    if offset >= len(rewritten.source.rstrip()):
        return AnswerError("Something is missing at the end of the answer.", len(text))
    column = rewritten.column(offset)
    shown = text[column] if column < len(text) else ""
    return AnswerError(f"Can't read the answer at column {column + 1} ({shown!r}).", column)


@lru_cache(maxsize=256)
def _vocabulary(names: tuple[str, ...]) -> Vocabulary:
    return Vocabulary(names)


@lru_cache(maxsize=4096)
def parse(text: str, signature: Signature) -> ParsedAnswer:
    """Parse ``text`` for variables with the given names and shapes (cached)."""
    if len(text) > MAX_LENGTH:
        raise AnswerError(f"This answer is too long (more than {MAX_LENGTH} characters).", None,
                          rule="too_long")
    shapes = dict(signature)
    rewritten = rewrite(text, _vocabulary(tuple(shapes)))
    try:
        tree = ast.parse(rewritten.source, mode="eval")
        _check_size(tree)
        node = _Builder(rewritten, shapes).build(tree)
    except SyntaxError as error:
        raise _syntax_error(error, text, rewritten) from None
    except (RecursionError, MemoryError):
        raise AnswerError("This answer is too complex to check.", None,
                          rule="too_complex") from None
    symbols = tuple(sorted(symbol.name for symbol in node.expr.free_symbols))
    return ParsedAnswer(text, node.expr, node.shape, symbols)


@dataclass(frozen=True, eq=False)
class ScreenTemplate:
    """An answer with each number that may have been read off the screen (a decimal, an
    integer from 100 up, or a vector or matrix literal of numbers; never an exponent) replaced
    by a placeholder symbol, with the numbers as typed."""

    expr: sympy.Expr
    placeholders: tuple[sympy.Dummy, ...]
    values: tuple[np.ndarray, ...]


MAX_SCREEN_NUMBERS = 40
SCREEN_INTEGER = 100  # integers from here up may be values read off the screen


def _on_screen(text: str) -> bool:
    return _is_decimal(text) or int(text) >= SCREEN_INTEGER


def _numbers_only(node: ast.AST, rewritten: Rewritten) -> np.ndarray | None:
    """The value of a literal number or (nested) list of numbers, else None."""
    sign = 1.0
    while isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        sign = -sign if isinstance(node.op, ast.USub) else sign
        node = node.operand
    if isinstance(node, ast.Constant) and node.col_offset is not None and \
            rewritten.literals.get(node.col_offset) is not None:
        return np.array(sign * float(node.value))
    if isinstance(node, (ast.List, ast.Tuple)) and node.elts:
        rows = [_numbers_only(element, rewritten) for element in node.elts]
        if any(row is None for row in rows) or len({row.shape for row in rows}) != 1:
            return None
        return sign * np.stack(rows)
    return None


def _screen_numbers(tree: ast.AST, rewritten: Rewritten) -> list[tuple[ast.AST, np.ndarray]]:
    """Number literals and literal lists of numbers outside exponents, outermost first."""
    found, stack = [], [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            stack.append(node.left)  # the exponent is part of the formula, not a typed value
            continue
        if isinstance(node, (ast.List, ast.Tuple)) and (value := _numbers_only(node, rewritten)) is not None:
            found.append((node, value))
            continue
        if isinstance(node, ast.Constant) and (text := rewritten.literals.get(node.col_offset)):
            if _on_screen(text):
                found.append((node, np.array(float(node.value))))
            continue
        stack.extend(ast.iter_child_nodes(node))
    return found


@lru_cache(maxsize=1024)
def screen_template(text: str, signature: Signature) -> ScreenTemplate | None:
    """The template of a readable answer ``text``; None when it has no screen numbers (or more
    than MAX_SCREEN_NUMBERS, or it can't be built)."""
    try:
        rewritten = rewrite(text, _vocabulary(tuple(name for name, _ in signature)))
        tree = ast.parse(rewritten.source, mode="eval")
        numbers = _screen_numbers(tree, rewritten)
        if not numbers or len(numbers) > MAX_SCREEN_NUMBERS:
            return None
        placeholders = {id(node): sympy.Dummy(f"n{k}") for k, (node, _) in enumerate(numbers)}
        node = _Builder(rewritten, dict(signature), placeholders,
                        {id(node): value.shape for node, value in numbers}).build(tree)
    except (AnswerError, SyntaxError, RecursionError, MemoryError, ValueError):
        return None
    return ScreenTemplate(node.expr, tuple(placeholders.values()),
                          tuple(value for _, value in numbers))


def parse_answer(text: str, variables: Mapping[str, Any] | None = None) -> ParsedAnswer:
    """Parse learner ``text`` over ``variables`` (name -> number or nested list).

    Raises ``AnswerError(message, position)`` for anything that is not a readable answer.
    """
    if not isinstance(text, str):
        raise AnswerError("An answer must be text.", None)
    return parse(text, make_env(variables).signature)
