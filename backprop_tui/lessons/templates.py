"""Numbers in lesson text come from the engine: `{value.apple_price}`, `{grad.tax:.2f}`.

Only these two fields exist; anything else in braces is left alone, so ordinary text
(and set notation like {0, 1}) needs no escaping.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np

from backprop_tui.engine import format as fmt

FIELD = re.compile(r"\{(value|grad)\.([A-Za-z][A-Za-z0-9_]*)(?::(\.?\d{1,2}[fge]?))?\}")


class TemplateError(ValueError):
    pass


def render(text: str, values: Mapping[str, np.ndarray], grads: Mapping[str, np.ndarray]) -> str:
    def substitute(match: re.Match) -> str:
        kind, name, spec = match.groups()
        table = values if kind == "value" else grads
        if name not in table:
            raise TemplateError(f"{{{kind}.{name}}}: '{name}' has no {'gradient' if kind == 'grad' else 'value'}")
        value = table[name]
        if spec and np.ndim(value) == 0:
            return format(float(value), spec)
        return fmt.value(value)

    return FIELD.sub(substitute, text)
