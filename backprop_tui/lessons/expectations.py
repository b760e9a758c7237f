"""What a question asks of the engine, and what lesson text may quote.

value.N, grad.N, local.N.INPUT, downstream.N.INPUT; updated.N and after.N for lessons with
a training step; numeric.N (the central-difference estimate of grad.N) and relerr.N (its
relative error against backprop). The engine's number is the truth an author's answer key
is checked against.
"""

from __future__ import annotations

import numpy as np

from backprop_tui.engine.gradcheck import gradient_check
from backprop_tui.engine.graph import GraphError
from backprop_tui.engine.trace import Trace
from backprop_tui.lessons.model import EXPECT_FORMS, EXPECT_KINDS
from backprop_tui.records import frozen_dataclass

KINDS = tuple(EXPECT_KINDS)
# numeric.N and relerr.N run the graph twice per entry of N: bound (passes × numbers per pass)
MAX_GRADIENT_CHECK_WORK = 5_000_000


class ExpectationError(ValueError):
    pass


@frozen_dataclass
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
    if kind not in KINDS or len(parts) != 1 + EXPECT_KINDS[kind]:
        raise ExpectationError(f"'{text}' must be {EXPECT_FORMS}")
    node = parts[1]
    if kind in ("updated", "after"):
        return _after_training(text, kind, node, updated, after)
    if kind in ("numeric", "relerr"):
        return _gradient_check(text, kind, node, trace)
    if node not in trace.values:
        raise ExpectationError(f"'{text}': there is no node '{node}'")
    if kind == "value":
        return Expectation(kind, node, None, trace.values[node])
    if kind == "grad":
        if node not in trace.grads:
            raise ExpectationError(f"'{text}': '{node}' takes no gradient")
        return Expectation(kind, node, None, trace.grads[node])
    return Expectation(kind, node, parts[2], _per_input(text, trace, kind, node, parts[2]))


def _gradient_check(text: str, kind: str, node: str, trace: Trace) -> Expectation:
    graph = trace.graph
    if node not in graph.input_names or node not in trace.grads:
        raise ExpectationError(f"'{text}': '{node}' is not an input that takes a gradient")
    probes = 2 * trace.values[node].size
    work = probes * sum(value.size for value in trace.values.values())
    if work > MAX_GRADIENT_CHECK_WORK:
        raise ExpectationError(
            f"'{text}': checking {node} numerically takes {probes} forward passes of the whole graph, "
            "too many to compute here: use a smaller input"
        )
    inputs = {name: trace.values[name] for name in graph.input_names}
    try:
        check = gradient_check(graph, inputs, node)
    except GraphError as error:
        raise ExpectationError(f"'{text}': a forward pass with {node} nudged by ±h failed: {error.message}") from None
    value = check.numeric if kind == "numeric" else np.asarray(check.relative_error)
    return Expectation(kind, node, None, value)


def _after_training(text: str, kind: str, node: str, updated, after: Trace | None) -> Expectation:
    if after is None:
        raise ExpectationError(f"'{text}': the lesson has no 'train' step")
    table = updated if kind == "updated" else after.values
    if node not in table:
        what = "an input the training step updates" if kind == "updated" else "a node"
        raise ExpectationError(f"'{text}': '{node}' is not {what}")
    return Expectation(kind, node, None, table[node])


def _per_input(text: str, trace: Trace, kind: str, node: str, name: str) -> np.ndarray:
    try:
        step = trace.step(f"backward.{node}")
    except KeyError:
        raise ExpectationError(f"'{text}': '{node}' has no backward step") from None
    parts = [g for g in step.gradients if g.input == name]
    if not parts:
        raise ExpectationError(f"'{text}': '{name}' is not an input of '{node}'")
    values = [g.local if kind == "local" else g.downstream for g in parts]
    if any(v is None for v in values):
        reason = "is a Jacobian here (ask for downstream)" if kind == "local" else "takes no gradient"
        raise ExpectationError(f"'{text}': the {kind} gradient {reason}")
    return sum(values[1:], values[0])  # an input used twice by one node: both parts
