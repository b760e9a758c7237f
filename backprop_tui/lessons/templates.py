"""Numbers in lesson text come from the engine: `{value.apple_price}`, `{grad.tax:.2f}`.

A field is anything a question may `expect` (value, grad, local, downstream, updated,
after, numeric, relerr; see expectations.py), in braces, with an optional format for
scalars. A field without a format shows the lesson's `digits:` significant digits (4
unless the lesson says otherwise, as the graph shows numbers). Anything else in braces is
left alone, so ordinary text (and set notation like {0, 1}) needs no escaping.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from backprop_tui.engine import format as fmt
from backprop_tui.lessons.expectations import KINDS, ExpectationError

_NAME = r"[A-Za-z][A-Za-z0-9_]*"
_KIND = "(?:" + "|".join(KINDS) + ")"
FIELD = re.compile(r"\{(" + _KIND + r"\." + _NAME + r"(?:\." + _NAME + r")?)(?::(\.?\d{1,2}[fge]?))?\}")


class TemplateError(ValueError):
    pass


def render(text: str, lookup: Callable[[str], np.ndarray], digits: int | None = None) -> str:
    """Replace each field with its number; `lookup` raises ExpectationError for a bad field."""
    digits = digits or fmt.DIGITS

    def substitute(match: re.Match) -> str:
        field, spec = match.groups()
        try:
            value = lookup(field)
        except ExpectationError as error:
            raise TemplateError(f"{{{field}}}: {error}") from None
        if spec and np.ndim(value) == 0:
            return format(float(value), spec)
        return fmt.value(value, digits)

    return FIELD.sub(substitute, text)
