"""Numbers and arrays as short text, the same in the plain output and in the app."""

from __future__ import annotations

import numpy as np

MAX_ITEMS = 6
DIGITS = 4  # significant digits


def number(x: float, digits: int = DIGITS) -> str:
    x = float(x)
    if x == 0:
        return "0"
    text = f"{x:.{digits}g}"
    return text.replace("e-0", "e-").replace("e+0", "e+")


def value(array, digits: int = DIGITS, max_items: int = MAX_ITEMS) -> str:
    """`3`, `[1, -2]`, or `[[1, 2], [3, 4]]`, rows longer than `max_items` cut with '…'."""
    array = np.asarray(array)
    if array.ndim == 0:
        return number(array, digits)
    if array.ndim == 1:
        return "[" + ", ".join(_items(array, digits, max_items)) + "]"
    rows = [value(row, digits, max_items) for row in array[:max_items]]
    if len(array) > max_items:
        rows.append("…")
    return "[" + ", ".join(rows) + "]"


def _items(row, digits, max_items):
    items = [number(x, digits) for x in row[:max_items]]
    if len(row) > max_items:
        items.append("…")
    return items


def shape(array) -> str:
    dims = np.shape(array)
    if not dims:
        return "scalar"
    return "×".join(str(d) for d in dims)
