"""Input values: numbers and (nested) lists checked and turned into float arrays."""

from __future__ import annotations

import json
import math

import numpy as np

MAX_ELEMENTS = 1_000_000


class ValueProblem(ValueError):
    pass


def to_array(value, name: str = "value") -> np.ndarray:
    """A float64 array from a number or a rectangular nested list of numbers."""
    if isinstance(value, bool) or value is None or isinstance(value, str | dict):
        raise ValueProblem(f"{name} must be a number or a list of numbers, not {value!r:.40}")
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueProblem(f"{name} must be a number or a rectangular list of numbers") from None
    if array.ndim > 2:
        raise ValueProblem(f"{name} has {array.ndim} dimensions; scalars, vectors and matrices only")
    if array.size > MAX_ELEMENTS:
        raise ValueProblem(f"{name} has {array.size} elements (at most {MAX_ELEMENTS})")
    if not np.all(np.isfinite(array)):
        raise ValueProblem(f"{name} contains a value that is not a finite number")
    return array


def parse_assignment(text: str) -> tuple[str, np.ndarray]:
    """`x=-2` or `W=[[1,2],[3,4]]` from the command line."""
    name, sep, raw = text.partition("=")
    name = name.strip()
    if not sep or not name.isidentifier():
        raise ValueProblem(f"expected name=value, got '{text}'")
    try:
        value = json.loads(raw, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise ValueProblem(f"{name}: '{raw}' is not a number or a JSON list ({error.msg})") from None
    return name, to_array(value, name)


def _reject_constant(token: str):
    raise ValueProblem(f"{token} is not allowed as a value")


def to_python(array) -> float | list:
    """The JSON-friendly form of an array: a float or nested lists of floats."""
    array = np.asarray(array, dtype=float)
    if array.ndim == 0:
        return _clean(float(array))
    return [to_python(row) for row in array]


def _clean(x: float) -> float | None:
    return x if math.isfinite(x) else None
