"""`Case`: an answer that did not match its key, with everything the feedback rules compare
it against (its values and the key's at the same points, the lesson's values, the question's
upstream gradient)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import sympy

from .compare import Tolerance, Values, same
from .env import Env, Point
from .evaluation import evaluate_expr, values_at
from .parse import ParsedAnswer


@dataclass
class Case:
    """An answer that did not match its key, with everything the rules compare it against."""

    answer: ParsedAnswer
    answer_values: Values
    key_expr: sympy.Expr | None  # None when the key was given as numbers
    key_values: Values
    key_shape: tuple[int, ...]
    points: list[Point]
    env: Env
    tolerance: Tolerance
    misconceptions: Sequence[tuple[ParsedAnswer, str]] = ()
    forward_values: dict[str, np.ndarray] = field(default_factory=dict)
    branch_terms: Sequence[ParsedAnswer] = ()
    upstream: np.ndarray | None = None  # the upstream gradient at the node asked about
    asks: str | None = None  # "local", "downstream" or "grad": what the question asks for

    def matches(self, target: Values) -> bool:
        return same(self.answer_values, target, self.tolerance)

    def values(self, parsed: ParsedAnswer) -> Values:
        return values_at(parsed, self.points)

    def expr_values(self, expr: sympy.Expr) -> Values:
        used = self.points if expr.free_symbols else self.points[:1]
        return [evaluate_expr(expr, point) for point in used]

    def finite_key(self) -> np.ndarray | None:
        """The key's value at the first point, unless it is undefined or infinite there."""
        key = self.key_values[0]
        return None if key is None or not np.all(np.isfinite(key)) else key
