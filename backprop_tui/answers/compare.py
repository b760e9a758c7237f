"""When two values count as equal: grading by value, within the question's tolerance.

At the lesson's values a typed answer is right when every entry is within the tolerance of the
key, whatever digits were typed: by default 2% of the entry (``DEFAULT_RTOL``), so ``0.79`` for
0.7864, ``-0.2`` and ``-0.20`` for -0.1966 are right and ``[-0.8, -1.09]`` and ``[-0.80, -1.09]``
get the same verdict. A question may tighten it: ``tolerance`` (relative) and ``sig_digits``
(within half a unit of that significant digit of each entry). Where a known mistake (an
author-listed misconception, a forgotten branch) lies within the tolerance of the key, the
allowance of each entry shrinks to half the distance between them, so an answer that fits both
is never called right (``cap``). At the random points, where formulas are compared and nothing
was rounded, the tolerance is ``FORMULA_RTOL``. Misconceptions and other mistakes are matched
with the same tolerance as the key.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

import numpy as np

DEFAULT_RTOL = 0.02
FORMULA_RTOL = 1e-6
CLOSE = 2.5  # within this many allowances of the key: "close", not counted as an attempt

Values = Sequence[np.ndarray | None]


def _noise(target: np.ndarray) -> float:
    """Cancellation noise relative to the array's magnitude."""
    return 1e-12 + 1e-9 * float(np.max(np.abs(target), initial=0.0))


@dataclass(frozen=True, eq=False)
class Tolerance:
    """How far an answer may be from a value at the lesson's point, entry by entry."""

    rtol: float = DEFAULT_RTOL
    sig_digits: int | None = None
    cap: np.ndarray | None = None  # per entry, at most this far (near a known mistake)

    @property
    def tightened(self) -> bool:
        """Did the question ask for more than the default?"""
        return self.sig_digits is not None or self.rtol < DEFAULT_RTOL

    def allowance(self, target: np.ndarray, *, capped: bool = True) -> np.ndarray:
        allowed = self.rtol * np.abs(target) + _noise(target)
        if self.sig_digits is not None:
            with np.errstate(divide="ignore"):
                place = np.floor(np.log10(np.where(target == 0, 1.0, np.abs(target))))
            allowed = np.minimum(allowed, 0.5 * 10.0 ** (place - self.sig_digits + 1)
                                 * (1 + 1e-9) + _noise(target))
        if capped and self.cap is not None and self.cap.shape == target.shape:
            allowed = np.minimum(allowed, self.cap)
        return allowed

    def capped_near(self, key: np.ndarray, mistakes: list[np.ndarray]) -> Tolerance:
        """This tolerance, shrunk where a known mistake lies within it of ``key``."""
        cap = np.full(key.shape, np.inf)
        for value in mistakes:
            if value.shape != key.shape or not np.all(np.isfinite(value)):
                continue
            distance = np.abs(value - key)
            apart = distance > _noise(key) + FORMULA_RTOL * np.abs(key)
            cap = np.where(apart, np.minimum(cap, distance / 2), cap)
        return replace(self, cap=cap) if np.isfinite(cap).any() else self

    def describe(self) -> str:
        """What this question allows, in words: 'within 2%', '3 significant digits'."""
        if self.sig_digits is not None:
            return f"{self.sig_digits} significant digits"
        percent = self.rtol * 100
        return f"within {percent:.2g}%" if percent >= 0.01 else f"within a relative {self.rtol:g}"


def entries_match(answer: np.ndarray, target: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """Entrywise: is ``answer`` within ``allowed`` of ``target`` (same shape)?"""
    with np.errstate(invalid="ignore"):
        return (np.abs(answer - target) <= allowed) & np.isfinite(answer)


def _formula_allowance(target: np.ndarray) -> np.ndarray:
    return FORMULA_RTOL * np.abs(target) + _noise(target)


def point_matches(answer: Values, target: Values, tolerance: Tolerance) -> list[bool | None]:
    """Per compared point: True/False, or None where the target has no finite value.

    Only as many points are compared as both sides have (a constant is known at the lesson's
    point only). The question's tolerance applies at the lesson's point, the first.
    """
    results: list[bool | None] = []
    for index in range(min(len(answer), len(target))):
        a, t = answer[index], target[index]
        if t is None or not np.all(np.isfinite(t)):
            results.append(None)
        elif a is None or a.shape != t.shape:
            results.append(False)
        else:
            allowed = tolerance.allowance(t) if index == 0 else _formula_allowance(t)
            results.append(bool(entries_match(a, t, allowed).all()))
    return results


def same(answer: Values, target: Values, tolerance: Tolerance) -> bool:
    """Equal at every point where the target is defined, and at least one such point."""
    results = point_matches(answer, target, tolerance)
    return True in results and False not in results


def exactly(answer: np.ndarray, target: np.ndarray) -> bool:
    """Equal up to floating-point noise (no rounding allowance)."""
    return answer.shape == target.shape and bool(
        entries_match(answer, target, _formula_allowance(target)).all())


def close_entries(answer: np.ndarray | None, target: np.ndarray | None,
                  tolerance: Tolerance) -> np.ndarray | None:
    """For an answer that is not right: entrywise, is it within CLOSE allowances (uncapped, and
    never less than the default's) of the target? None when the shapes differ."""
    if answer is None or target is None or answer.shape != target.shape:
        return None
    allowed = np.maximum(tolerance.allowance(target, capped=False), Tolerance().allowance(target))
    return entries_match(answer, target, CLOSE * allowed)
