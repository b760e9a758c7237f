"""How much rounding the numbers typed in an answer may have moved it, at the lesson's values.

A learner who reads numbers off the screen types them rounded (``2*0.6225*0.3775``,
``1.583 + 0.009046``, ``-2.456*h*(1-h)``). Each rounded number (a decimal, or an integer from
100 up; never an exponent, never a small integer such as the 2 of ``2x``) may be off by half a
unit of its last typed digit. That error is carried through the expression to first order,
numerically: the answer is evaluated with each number moved by its half unit either way, and
the larger change is that number's share. The shares add up, times a safety factor of
``SAFETY`` for the products of errors that first order leaves out, to the ``allowance`` of each
entry, but never more than half the entry's size (``MAX_RELATIVE``). A number equal to one of
the lesson's values (``0.5`` when some node is exactly 0.5) is taken as exact: it is the value
on the screen, not a rounding of it.

Plain numbers (``-0.197``, ``[0.25, -1.5]``) keep the strict half-unit rule (compare.py).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable

import numpy as np
import sympy

from .compare import Rounding
from .env import Env
from .functions import numpy_namespace
from .parse import ROUNDED_INTEGER, ParsedAnswer, RoundingTemplate, rounding_template

SAFETY = 1.25
MAX_RELATIVE = 0.5  # never more than half the answer: a typed difference that cancels (or a
# long product) whose numbers fix nothing is not accepted whatever it is
_SAME_VALUE = 1e-9  # relative: a typed number this close to a lesson value is that value


@lru_cache(maxsize=1024)
def _compiled(template: RoundingTemplate, names: tuple[str, ...]) -> Callable[..., Any]:
    symbols = [sympy.Symbol(name) for name in names]
    return sympy.lambdify([*symbols, *template.placeholders], template.expr,
                          modules=[numpy_namespace(), "numpy"], dummify=True)


def _lesson_magnitudes(env: Env) -> np.ndarray:
    parts = [np.abs(value).ravel() for value in env.values.values()]
    return np.concatenate(parts) if parts else np.zeros(0)


def _exact(values: np.ndarray, env: Env) -> np.ndarray:
    """Per typed number: is it (up to sign) one of the lesson's values?"""
    lesson = _lesson_magnitudes(env)
    if lesson.size == 0:
        return np.zeros(values.shape, dtype=bool)
    magnitudes = np.abs(values)[:, None]
    return np.any(np.abs(magnitudes - lesson[None, :]) <= _SAME_VALUE * magnitudes, axis=1)


def _shares(value: Callable[[np.ndarray], np.ndarray], template: RoundingTemplate,
            exact: np.ndarray, shape: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """The allowance of each entry, and the fewest digits of the numbers behind it."""
    base = value(template.values)
    allowance = np.zeros(shape)
    digits = np.full(shape, np.inf)
    for index in np.flatnonzero(~exact):
        share = np.zeros(shape)
        for sign in (1.0, -1.0):
            moved = template.values.copy()
            moved[index] += sign * template.half_units[index]
            share = np.maximum(share, np.abs(value(moved) - base))
        allowance = allowance + share
        digits = np.where(share > 0, np.minimum(digits, template.digits[index]), digits)
    return np.minimum(SAFETY * allowance, MAX_RELATIVE * np.abs(base)), digits


def rounding(parsed: ParsedAnswer, env: Env) -> Rounding | None:
    """The Rounding of ``parsed`` at the lesson's values, or None when nothing in it is rounded
    (or the rounding can't be worked out: then only the relative tolerance applies)."""
    if parsed.literal is not None:
        return Rounding.of_literal(parsed.literal)
    if not parsed.typed.decimals and not any(n >= ROUNDED_INTEGER for n in parsed.typed.integers):
        return None
    template = rounding_template(parsed.text, env.signature)
    if template is None:
        return None
    names = tuple(sorted(symbol.name for symbol in template.expr.free_symbols
                         if symbol not in template.placeholders))
    try:
        function = _compiled(template, names)
    except Exception:  # noqa: BLE001 - no allowance rather than no verdict
        return None
    point = [env.values[name] for name in names]

    def value(numbers: np.ndarray) -> np.ndarray:
        return np.broadcast_to(np.asarray(function(*point, *numbers), dtype=float), parsed.shape)

    try:
        with np.errstate(all="ignore"):
            allowance, digits = _shares(value, template, _exact(template.values, env),
                                        parsed.shape)
    except Exception:  # noqa: BLE001 - shapes, overflow, domain: no allowance
        return None
    if not np.all(np.isfinite(allowance)) or not np.any(allowance):
        return None  # undefined here, or every typed number is a lesson value
    return Rounding(allowance, digits)


def read_off_the_screen(parsed: ParsedAnswer, env: Env) -> bool:
    """Does the answer use numbers read off the screen, so that it is judged at the lesson's
    values only? Yes for decimals (``-2.456*h``), vector or matrix literals with numbers in them
    (``outer([-0.5, 0.25], x)``), integers from 100 up, and integers other than 0 and 1 that
    equal one of the lesson's values (``2*s*(1-s)`` when x = 2). Exponents don't count."""
    typed = parsed.typed
    if typed.decimals or typed.listed or any(n >= ROUNDED_INTEGER for n in typed.integers):
        return True
    shown = [n for n in typed.integers if n > 1]
    return bool(shown) and bool(_exact(np.array(shown, dtype=float), env).any())
