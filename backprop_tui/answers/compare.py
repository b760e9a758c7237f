"""When two values count as equal: relative tolerance, plus the precision rule for typed numbers.

Precision rule (for answers typed as plain numbers, e.g. ``-0.197`` or ``[0.25, -1.5]``): an
entry typed with ``d`` significant digits is accepted when it is within half a unit of its last
typed digit of the key (that is, it equals the key rounded to ``d`` digits, either way at a tie)
and ``d >= min(2, digits of the key)``. The key's digits are counted in its shortest form up to
12 digits (2.2 has 2, 0.5 has 1, 0 has 0). So for a key of -0.19661193, ``-0.1966``, ``-0.197``
and ``-0.20`` are accepted, ``-0.2`` is "imprecise" (one digit) and ``-0.19`` is wrong. Any answer
is also accepted within the relative tolerance (default 1e-6, plus a tiny absolute tolerance).

For an expression with rounded numbers in it (``2*0.6225*0.3775``, ``-2.456*h``; see
rounding.py) the half unit becomes the ``allowance``: how far rounding those numbers can move
each entry of the answer. ``digits`` is then the fewest significant digits among the numbers
that move the entry. Both live in a ``Rounding``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .parse import Literal

DEFAULT_RTOL = 1e-6
MIN_DIGITS = 2

Values = Sequence[np.ndarray | None]


def key_digits(value: float) -> int:
    """Significant digits of ``value`` written in its shortest form (at most 12)."""
    mantissa = f"{abs(value):.12g}".split("e")[0].replace(".", "")
    return len(mantissa.strip("0"))


def _required_digits(target: np.ndarray) -> np.ndarray:
    digits = [min(MIN_DIGITS, key_digits(v)) for v in target.ravel()]
    return np.array(digits, dtype=float).reshape(target.shape)


def _within_tolerance(answer: np.ndarray, target: np.ndarray, rtol: float) -> np.ndarray:
    scale = float(np.max(np.abs(target), initial=0.0))
    atol = 1e-12 + 1e-9 * scale  # cancellation noise relative to the array's magnitude
    return np.abs(answer - target) <= atol + rtol * np.maximum(np.abs(answer), np.abs(target))


@dataclass(frozen=True, eq=False)
class Rounding:
    """How much the typed numbers of an answer may be off, entry by entry, at the lesson's point.

    ``allowance``: how far rounding the typed numbers can move the entry; ``digits``: the fewest
    significant digits among the numbers behind the entry (infinite when none is).
    """

    allowance: np.ndarray
    digits: np.ndarray

    @classmethod
    def of_literal(cls, literal: Literal) -> Rounding:
        """For plain numbers: half a unit of each entry's last typed digit."""
        return cls(literal.half_unit * (1 + 1e-9), literal.digits)

    def within(self, answer: np.ndarray, target: np.ndarray) -> np.ndarray:
        """Entrywise: could ``answer`` be ``target`` with its typed numbers rounded?"""
        return np.abs(answer - target) <= self.allowance


def entries_match(answer: np.ndarray, target: np.ndarray, rtol: float,
                  rounding: Rounding | None = None) -> np.ndarray:
    """Entrywise: is ``answer`` equal to ``target`` (same shape)?"""
    close = _within_tolerance(answer, target, rtol) & np.isfinite(answer)
    if rounding is not None:
        precise_enough = rounding.digits >= _required_digits(target)
        close |= precise_enough & rounding.within(answer, target)
    return close


def imprecise(answer: np.ndarray | None, target: np.ndarray | None, rtol: float,
              rounding: Rounding | None) -> bool:
    """True when the typed numbers round to the key but give too few significant digits."""
    if rounding is None or answer is None or target is None or answer.shape != target.shape:
        return False
    rounded = (rounding.digits >= 1) & rounding.within(answer, target)
    rounded |= _within_tolerance(answer, target, rtol)
    return bool(rounded.all()) and not entries_match(answer, target, rtol, rounding).all()


def point_matches(answer: Values, target: Values, rtol: float,
                  rounding: Rounding | None = None) -> list[bool | None]:
    """Per compared point: True/False, or None where the target has no finite value.

    Only as many points are compared as both sides have (a constant is known at the lesson's
    point only). The precision rule applies at the lesson's point.
    """
    results: list[bool | None] = []
    for index in range(min(len(answer), len(target))):
        a, t = answer[index], target[index]
        if t is None or not np.all(np.isfinite(t)):
            results.append(None)
        elif a is None or a.shape != t.shape:
            results.append(False)
        else:
            used = rounding if index == 0 else None
            results.append(bool(entries_match(a, t, rtol, used).all()))
    return results


def same(answer: Values, target: Values, rtol: float, rounding: Rounding | None = None) -> bool:
    """Equal at every point where the target is defined, and at least one such point."""
    results = point_matches(answer, target, rtol, rounding)
    return True in results and False not in results
