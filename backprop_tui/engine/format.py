"""Numbers and arrays as short text, the same in the plain output and in the app."""

from __future__ import annotations

import numpy as np

MAX_ITEMS = 6


def number(x: float, digits: int = 4) -> str:
    x = float(x)
    if x == 0:
        return "0"
    text = f"{x:.{digits}g}"
    return text.replace("e-0", "e-").replace("e+0", "e+")


def value(array, digits: int = 4) -> str:
    """`3`, `[1, -2]`, or `[[1, 2], [3, 4]]`, long rows cut with '…'."""
    array = np.asarray(array)
    if array.ndim == 0:
        return number(array, digits)
    if array.ndim == 1:
        return "[" + ", ".join(_items(array, digits)) + "]"
    rows = [value(row, digits) for row in array[:MAX_ITEMS]]
    if len(array) > MAX_ITEMS:
        rows.append("…")
    return "[" + ", ".join(rows) + "]"


def _items(row, digits):
    items = [number(x, digits) for x in row[:MAX_ITEMS]]
    if len(row) > MAX_ITEMS:
        items.append("…")
    return items


def shape(array) -> str:
    dims = np.shape(array)
    if not dims:
        return "scalar"
    return "×".join(str(d) for d in dims)
