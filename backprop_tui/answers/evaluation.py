"""Numeric evaluation of parsed expressions with NumPy.

Expressions built by the parser (never learner text) are compiled with ``sympy.lambdify`` onto
the NumPy implementations in functions.py; compiled functions are cached per expression.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, Mapping

import numpy as np
import sympy

from .env import Point, make_env
from .functions import numpy_namespace
from .parse import ParsedAnswer, parse
from .verdict import AnswerError


@lru_cache(maxsize=4096)
def _compiled(expr: sympy.Expr, names: tuple[str, ...]) -> Callable[..., Any]:
    symbols = [sympy.Symbol(name) for name in names]
    # dummify: lesson names such as "exp" or "lambda" must not clash with generated code.
    return sympy.lambdify(symbols, expr, modules=[numpy_namespace(), "numpy"], dummify=True)


def evaluate_expr(expr: sympy.Expr, point: Mapping[str, np.ndarray]) -> np.ndarray | None:
    """Value of ``expr`` at ``point`` as a float array, or None if it can't be computed."""
    names = tuple(sorted(symbol.name for symbol in expr.free_symbols))
    try:
        function = _compiled(expr, names)
        with np.errstate(all="ignore"):
            return np.asarray(function(*(point[name] for name in names)), dtype=float)
    except Exception:  # noqa: BLE001 - any numeric failure (shapes, overflow, domain) = no value
        return None


def value_at(parsed: ParsedAnswer, point: Mapping[str, np.ndarray]) -> np.ndarray | None:
    """Value of a parsed answer at ``point``, broadcast to the answer's shape."""
    value = evaluate_expr(parsed.expr, point)
    if value is None:
        return None
    try:
        return np.broadcast_to(value, parsed.shape)  # e.g. x/x simplified to the number 1
    except ValueError:
        return None


def values_at(parsed: ParsedAnswer, points: list[Point]) -> list[np.ndarray | None]:
    """Values at every point; an expression without variables only at the first (the lesson's)."""
    used = points if parsed.symbols else points[:1]
    return [value_at(parsed, point) for point in used]


def evaluate(expression: str, variables: Mapping[str, Any] | None = None) -> float | np.ndarray:
    """Evaluate an expression string (same syntax as answers) at the given variable values.

    Returns a float for a scalar result and a NumPy array otherwise. Raises
    ``AnswerError(message, position)`` when the text can't be read, uses unknown names, or has
    no finite value at these values.
    """
    if not isinstance(expression, str):
        raise AnswerError("An expression must be text.", None)
    try:
        env = make_env(variables)
    except ValueError as error:
        raise AnswerError(str(error), None, rule="invalid_variables") from None
    parsed = parse(expression, env.signature)
    value = value_at(parsed, env.values)
    if value is None or not np.all(np.isfinite(value)):
        raise AnswerError(f"{expression!r} has no finite value at these values (division by zero "
                          "or log of a negative number?).", None, rule="undefined")
    return float(value) if value.shape == () else np.array(value)
