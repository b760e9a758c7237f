"""What a question asks of the engine: `value.N`, `grad.N`, `local.N.INPUT`, `downstream.N.INPUT`.

The engine's number for it is the truth an author's answer key is checked against.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backprop_tui.engine.trace import Trace

KINDS = ("value", "grad", "local", "downstream", "updated", "after")


class ExpectationError(ValueError):
    pass


@dataclass(frozen=True)
class Expectation:
    kind: str
    node: str
    input: str | None
    value: np.ndarray

    @property
    def text(self) -> str:
        return ".".join(p for p in (self.kind, self.node, self.input) if p)


def parse_expectation(text: str, trace: Trace, updated=None, after: Trace | None = None) -> Expectation:
    parts = text.strip().split(".")
    kind = parts[0]
    if kind not in KINDS or len(parts) != (3 if kind in ("local", "downstream") else 2):
        raise ExpectationError(
            f"expect '{text}' must be value.NODE, grad.NODE, local.NODE.INPUT, downstream.NODE.INPUT, "
            "updated.INPUT or after.NODE"
        )
    node = parts[1]
    if kind in ("updated", "after"):
        return _after_training(text, kind, node, updated, after)
    if node not in trace.values:
        raise ExpectationError(f"expect '{text}': there is no node '{node}'")
    if kind == "value":
        return Expectation(kind, node, None, trace.values[node])
    if kind == "grad":
        if node not in trace.grads:
            raise ExpectationError(f"expect '{text}': '{node}' takes no gradient")
        return Expectation(kind, node, None, trace.grads[node])
    return Expectation(kind, node, parts[2], _per_input(text, trace, kind, node, parts[2]))


def _after_training(text: str, kind: str, node: str, updated, after: Trace | None) -> Expectation:
    if after is None:
        raise ExpectationError(f"expect '{text}': the lesson has no 'train' step")
    table = updated if kind == "updated" else after.values
    if node not in table:
        what = "an input the training step updates" if kind == "updated" else "a node"
        raise ExpectationError(f"expect '{text}': '{node}' is not {what}")
    return Expectation(kind, node, None, table[node])


def _per_input(text: str, trace: Trace, kind: str, node: str, name: str) -> np.ndarray:
    try:
        step = trace.step(f"backward.{node}")
    except KeyError:
        raise ExpectationError(f"expect '{text}': '{node}' has no backward step") from None
    parts = [g for g in step.gradients if g.input == name]
    if not parts:
        raise ExpectationError(f"expect '{text}': '{name}' is not an input of '{node}'")
    values = [g.local if kind == "local" else g.downstream for g in parts]
    if any(v is None for v in values):
        reason = "is a Jacobian here (ask for downstream)" if kind == "local" else "takes no gradient"
        raise ExpectationError(f"expect '{text}': the {kind} gradient {reason}")
    return sum(values[1:], values[0])  # an input used twice by one node: both parts
