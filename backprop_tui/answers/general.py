"""An answer as a general formula: numbers read off the screen become the names they stand for.

A learner who reads values off the screen types them rounded into a formula:
``-2.456*h*(1-h)`` where the upstream gradient u is -2.4561234, ``outer([-0.5, 0.25], x)`` where
δ is [-0.5, 0.25]. At the lesson's values such an answer is graded by value. To test it as a
formula at other points too, each such number (a decimal, an integer from 100 up, or a list of
numbers; never an exponent) that is within the tolerance of a lesson value of the same shape
(up to sign) is replaced by that value's name; the closest wins. A small whole-number lesson
value is never stood for: the ``2`` of ``2x`` is a constant of the formula even when x = 2, so
that ``2x`` is no answer for x². Numbers that stand for nothing stay constants, so
``x^2*1.0`` is still x² and gets the general test.
"""

from __future__ import annotations

import numpy as np
import sympy

from .compare import Tolerance, entries_match
from .env import Env
from .functions import bp_stack
from .parse import SCREEN_INTEGER, ParsedAnswer, screen_template


def _can_stand_for(value: np.ndarray) -> bool:
    small_whole = np.all(np.abs(value) < SCREEN_INTEGER) and np.all(np.equal(np.mod(value, 1), 0))
    return value.size > 0 and not small_whole


def _name_for(typed: np.ndarray, env: Env, tolerance: Tolerance) -> sympy.Expr | None:
    """The lesson name (or its negative) whose value ``typed`` is, or None."""
    best, best_distance = None, np.inf
    for name, value in env.values.items():
        if value.shape != typed.shape or not _can_stand_for(value):
            continue
        for sign in (1, -1):
            if entries_match(typed, sign * value, tolerance.allowance(value, capped=False)).all():
                distance = float(np.max(np.abs(typed - sign * value)))
                if distance < best_distance:
                    best, best_distance = sign * sympy.Symbol(name), distance
    return best


def _constant(value: np.ndarray) -> sympy.Expr:
    if value.ndim == 0:
        return sympy.Float(float(value))
    return bp_stack(*(_constant(row) for row in value))


def general_form(parsed: ParsedAnswer, env: Env, tolerance: Tolerance) -> sympy.Expr:
    """``parsed``'s expression with the numbers read off the screen replaced by their names."""
    template = screen_template(parsed.text, env.signature)
    if template is None:
        return parsed.expr
    replacements = {}
    for placeholder, typed in zip(template.placeholders, template.values, strict=True):
        name = _name_for(typed, env, tolerance)
        replacements[placeholder] = _constant(typed) if name is None else name
    return template.expr.xreplace(replacements)
