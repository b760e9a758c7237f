"""A lesson's `assert:` claims: what its narration relies on, e.g. `{grad.x} < 0`.

A claim compares expressions over templates (the fields lesson text may quote) and numbers:
`0 < {value.p} < 1`, `abs({grad.w}) > 2 * abs({grad.b})`. Each side is an expression of the
statement language (engine/statements.py: + - * / ** @, the ops as functions), parsed with
`ast` and run by the engine, never evaluated as Python. A comparison of arrays holds when it
holds for every entry; `==` and `!=` compare within a relative 1e-9. A claim is checked on
the lesson's own inputs when it loads and on every variant `check` draws.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

import numpy as np

from backprop_tui.engine import format as fmt
from backprop_tui.engine.graph import Graph, GraphError, Node
from backprop_tui.engine.statements import StatementError, parse_node_expression
from backprop_tui.engine.trace import forward_values
from backprop_tui.lessons.expectations import ExpectationError
from backprop_tui.lessons.templates import FIELD

COMPARISONS = {
    ast.Lt: ("<", np.less), ast.LtE: ("<=", np.less_equal), ast.Gt: (">", np.greater),
    ast.GtE: (">=", np.greater_equal),
    ast.Eq: ("==", lambda a, b: np.isclose(a, b, rtol=1e-9, atol=1e-12)),
    ast.NotEq: ("!=", lambda a, b: ~np.isclose(a, b, rtol=1e-9, atol=1e-12)),
}
_SIDE = "side"


class ClaimError(ValueError):
    """A claim that cannot be read or computed (the author's mistake, whatever the inputs)."""


def claim_failure(claim: str, lookup: Callable[[str], np.ndarray]) -> str | None:
    """Why the claim is false at these values (None when it holds). `lookup` gives a
    field's value and raises ExpectationError for a bad field; ClaimError for a bad claim."""
    fields = list(dict.fromkeys(match.group(1) for match in FIELD.finditer(claim)))
    names = {field: f"field{i}" for i, field in enumerate(fields)}
    text = FIELD.sub(lambda match: names[match.group(1)], claim)
    comparison = _comparison(text, set(names.values()))
    try:
        values = {names[field]: lookup(field) for field in fields}
    except ExpectationError as error:
        raise ClaimError(str(error)) from None
    sides = [_side(operand, values) for operand in (comparison.left, *comparison.comparators)]
    for (symbol, holds), left, right in zip(
        (COMPARISONS[type(op)] for op in comparison.ops), sides, sides[1:], strict=False
    ):
        try:
            true = bool(np.all(holds(left, right)))
        except ValueError:
            raise ClaimError(f"cannot compare shapes {np.shape(left)} and {np.shape(right)}") from None
        if not true:
            shown = ", ".join(f"{{{field}}} = {fmt.value(values[names[field]])}" for field in fields)
            return f"{fmt.value(left)} {symbol} {fmt.value(right)} is false" + (f" ({shown})" if shown else "")
    return None


def _comparison(text: str, placeholders: set[str]) -> ast.Compare:
    try:
        tree = ast.parse(text.replace("^", "**"), mode="eval").body
    except SyntaxError as error:
        raise ClaimError(f"syntax error: {error.msg}") from None
    except (RecursionError, MemoryError, ValueError):
        raise ClaimError("the claim is too deeply nested or too large to read") from None
    if not isinstance(tree, ast.Compare) or not all(type(op) in COMPARISONS for op in tree.ops):
        raise ClaimError("a claim compares with <, <=, >, >=, == or !=, e.g. '{grad.x} < 0'")
    functions = {id(call.func) for call in ast.walk(tree) if isinstance(call, ast.Call)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and id(node) not in functions and node.id not in placeholders:
            raise ClaimError(f"'{node.id}' is not a template: write {{value.{node.id}}} or {{grad.{node.id}}}")
    return tree


def _side(operand: ast.expr, values: dict[str, np.ndarray]) -> np.ndarray:
    """One side of the comparison, computed by the engine."""
    if isinstance(operand, ast.Name):
        return values[operand.id]
    number = operand.operand if isinstance(operand, ast.UnaryOp) and isinstance(operand.op, ast.USub) else operand
    if isinstance(number, ast.Constant) and type(number.value) in (int, float):
        return np.asarray(-number.value if number is not operand else number.value, dtype=float)
    try:
        nodes = parse_node_expression(_SIDE, ast.unparse(operand), values)
    except StatementError as error:
        raise ClaimError(error.message) from None
    used = {name for node in nodes for name in node.inputs} & values.keys()
    try:
        graph = Graph.from_nodes([*nodes, *(Node(name) for name in used)], _SIDE)
        return forward_values(graph, {name: values[name] for name in used})[_SIDE]
    except GraphError as error:
        raise ClaimError(error.message) from None
