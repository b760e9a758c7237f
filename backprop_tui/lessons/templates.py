"""Numbers in lesson text come from the engine: `{value.apple_price}`, `{grad.tax:.2f}`.

Fields: value, grad, and for lessons with a training step updated (an input after the
step) and after (a node's value after the step). Anything else in braces is left alone,
so ordinary text (and set notation like {0, 1}) needs no escaping.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np

from backprop_tui.engine import format as fmt

KIND_WORDS = {
    "value": "value", "grad": "gradient",
    "updated": "value after the training step (is it in train.update?)",
    "after": "value after the training step (does the lesson have 'train'?)",
}
FIELD = re.compile(r"\{(value|grad|updated|after)\.([A-Za-z][A-Za-z0-9_]*)(?::(\.?\d{1,2}[fge]?))?\}")


class TemplateError(ValueError):
    pass


def render(text: str, tables: Mapping[str, Mapping[str, np.ndarray]]) -> str:
    """`tables` maps each field (value, grad, ...) to its numbers by node name."""

    def substitute(match: re.Match) -> str:
        kind, name, spec = match.groups()
        table = tables.get(kind, {})
        if name not in table:
            raise TemplateError(f"{{{kind}.{name}}}: '{name}' has no {KIND_WORDS[kind]}")
        value = table[name]
        if spec and np.ndim(value) == 0:
            return format(float(value), spec)
        return fmt.value(value)

    return FIELD.sub(substitute, text)
