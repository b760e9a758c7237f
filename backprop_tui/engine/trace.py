"""Run a graph: the forward pass, then the backward pass, recorded as an immutable Trace.

Each Step holds exactly what a learner sees at that point. A backward step at node n has
the upstream gradient dL/dn (the sum of what n's consumers sent it, listed one by one at a
branch), and for every input i of n: the local gradient dn/di (numeric for scalars), the
downstream gradient dL/di = upstream × local (the VJP for tensors), and i's gradient
accumulated so far.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from backprop_tui.engine.graph import Graph, GraphError, Node
from backprop_tui.engine.ops import OPS
from backprop_tui.engine.values import to_array
from backprop_tui.records import frozen_dataclass

FORWARD, BACKWARD = "forward", "backward"
LOCAL_LIMIT = 10_000


@frozen_dataclass
class Contribution:
    consumer: str  # the node that sent this part of the gradient
    slot: int  # which of the consumer's inputs this node is
    value: np.ndarray


@frozen_dataclass
class InputGradient:
    input: str
    slot: int
    local: np.ndarray | None  # d(node)/d(input): scalars, or per element for elementwise ops
    formula: str  # how the downstream gradient is formed, in words
    downstream: np.ndarray | None  # None for an input that takes no gradient (class labels)
    accumulated: np.ndarray | None  # the input's gradient summed so far, after this step


@frozen_dataclass
class Step:
    index: int
    phase: str
    node: str
    op: str | None
    inputs: tuple[str, ...]
    value: np.ndarray
    upstream: np.ndarray | None = None
    contributions: tuple[Contribution, ...] = ()
    gradients: tuple[InputGradient, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.phase}.{self.node}"


@frozen_dataclass
class Trace:
    graph: Graph
    values: Mapping[str, np.ndarray]
    grads: Mapping[str, np.ndarray]  # d(output)/d(node) after the whole backward pass
    steps: tuple[Step, ...]

    def step(self, key: str) -> Step:
        for step in self.steps:
            if step.key == key:
                return step
        raise KeyError(key)

    def phase_position(self, index: int) -> tuple[str, int, int]:
        """('backward', 2, 7) for the second backward step of seven."""
        phase = self.steps[index].phase
        same = [s.index for s in self.steps if s.phase == phase]
        return phase, same.index(index) + 1, len(same)

    def values_known_at(self, index: int) -> dict[str, np.ndarray]:
        """Forward values shown once their step has been reached (constants always)."""
        known = {n.name: self.values[n.name] for n in self.graph.nodes.values() if n.kind == "const"}
        for step in self.steps[: index + 1]:
            if step.phase == FORWARD:
                known[step.node] = step.value
        return known

    def grads_known_at(self, index: int) -> dict[str, tuple[np.ndarray, bool]]:
        """Gradients reached so far: (value, complete). At a branch, the sum is incomplete
        until every use of the node has sent its part."""
        uses = {s.node: len(s.contributions) for s in self.steps if s.phase == BACKWARD}
        known: dict[str, tuple[np.ndarray, bool]] = {}
        received: dict[str, int] = {}
        for step in self.steps[: index + 1]:
            if step.phase != BACKWARD:
                continue
            known[step.node] = (step.upstream, True)
            for grad in step.gradients:
                if grad.accumulated is not None:
                    received[grad.input] = received.get(grad.input, 0) + 1
                    known[grad.input] = (grad.accumulated, received[grad.input] == uses[grad.input])
        return known


def run(graph: Graph, inputs: Mapping[str, object]) -> Trace:
    values = forward_values(graph, inputs)
    steps = [
        Step(i, FORWARD, node.name, node.op, node.inputs, values[node.name])
        for i, node in enumerate(n for n in graph.nodes.values() if n.kind != "const")
    ]
    grads, backward_steps = _backward(graph, values, first_index=len(steps))
    return Trace(
        graph=graph,
        values=MappingProxyType(values),
        grads=MappingProxyType(grads),
        steps=tuple(steps + backward_steps),
    )


def forward_values(graph: Graph, inputs: Mapping[str, object]) -> dict[str, np.ndarray]:
    missing = [name for name in graph.input_names if name not in inputs]
    if missing:
        raise GraphError("missing input value for " + ", ".join(f"'{m}'" for m in missing), missing[0])
    values: dict[str, np.ndarray] = {}
    for node in graph.nodes.values():
        values[node.name] = _frozen(_evaluate(node, values, inputs))
    return values


def _evaluate(node: Node, values, inputs) -> np.ndarray:
    if node.kind == "input":
        return to_array(inputs[node.name], node.name).view()  # a view: freezing it leaves the caller's array alone
    if node.kind == "const":
        return np.asarray(node.value, dtype=float)
    args = [values[name] for name in node.inputs]
    with _guard(node, "forward", args):
        return np.asarray(OPS[node.op].forward(*args), dtype=float)


def _backward(graph: Graph, values, first_index: int):
    grads: dict[str, np.ndarray] = {}
    received = _Received({name: [] for name in graph.nodes}, {})
    steps: list[Step] = []
    takers = _gradient_takers(graph)
    for node in reversed(graph.nodes.values()):
        if node.kind == "const" or node.name not in takers:
            continue
        if node.name == graph.output:
            upstream = np.ones_like(values[node.name])
        elif node.name in received.total:  # the sum of every contribution
            upstream = received.total[node.name]
        else:
            upstream = np.zeros_like(values[node.name])
        grads[node.name] = _frozen(upstream)
        gradients = _input_gradients(graph, node, values, upstream, received)
        steps.append(
            Step(
                first_index + len(steps), BACKWARD, node.name, node.op, node.inputs,
                values[node.name], grads[node.name], tuple(received.parts[node.name]), gradients,
            )
        )
    return grads, steps


@dataclass
class _Received:
    """The gradient contributions each node has received so far, and their running sum."""

    parts: dict[str, list[Contribution]]
    total: dict[str, np.ndarray]

    def add(self, name: str, contribution: Contribution) -> np.ndarray:
        self.parts[name].append(contribution)
        previous = self.total.get(name)
        total = contribution.value if previous is None else _frozen(previous + contribution.value)
        self.total[name] = total
        return total


def _gradient_takers(graph: Graph) -> set[str]:
    """The nodes the output's gradient reaches: a node takes a gradient when some consumer that
    takes one uses it through a differentiable input. A class index stays out even when ops
    stand between it and its loss (y2 = y + 0; cross_entropy(s, y2))."""
    takers = {graph.output}
    for node in reversed(graph.nodes.values()):  # consumers come after their inputs
        if any(
            consumer in takers and slot not in OPS[graph.nodes[consumer].op].nondiff
            for consumer, slot in graph.consumers[node.name]
        ):
            takers.add(node.name)
    return takers


def _input_gradients(graph, node, values, upstream, received: _Received):
    if node.kind != "op":
        return ()
    op = OPS[node.op]
    args = [values[name] for name in node.inputs]
    with _guard(node, "backward", args):
        downstream = op.vjp(upstream, values[node.name], *args)
        locals_ = _local_gradients(op, values[node.name], args)
    gradients = []
    for slot, (name, down, local) in enumerate(zip(node.inputs, downstream, locals_, strict=True)):
        accumulated = None
        if down is not None:
            down = _frozen(down)
            if graph.nodes[name].kind != "const":
                accumulated = received.add(name, Contribution(node.name, slot, down))
        gradients.append(
            InputGradient(
                name, slot, None if local is None else _frozen(local),
                op.formula(slot), down, accumulated,
            )
        )
    return tuple(gradients)


def _local_gradients(op, out: np.ndarray, args) -> list[np.ndarray | None]:
    """∂out/∂input where it is a number per element: for scalars, and for elementwise ops on
    inputs of the output's shape (the Jacobian's diagonal) up to LOCAL_LIMIT elements — what a
    learner can read. Elsewhere the Jacobian is only ever applied, as the VJP."""
    scalar = all(np.ndim(a) == 0 for a in args) and np.ndim(out) == 0
    if not scalar and not (op.elementwise and out.size <= LOCAL_LIMIT):
        return [None] * len(args)
    ones = op.vjp(np.ones_like(out), out, *args)
    return [g if np.shape(a) == np.shape(out) else None for g, a in zip(ones, args, strict=True)]


class _guard:
    """Turn NumPy's errors and warnings inside one op into a GraphError naming the node."""

    def __init__(self, node: Node, phase: str, args):
        self.node, self.phase, self.args = node, phase, args
        self.errstate = np.errstate(divide="raise", over="raise", invalid="raise", under="ignore")

    def __enter__(self):
        self.errstate.__enter__()

    def __exit__(self, kind, error, tb):
        self.errstate.__exit__(kind, error, tb)
        if error is None or not isinstance(error, (ValueError, FloatingPointError, ZeroDivisionError)):
            return False
        shapes = ", ".join(str(np.shape(a)) for a in self.args)
        reason = _reason(error)
        raise GraphError(
            f"{self.node.op} {self.node.where()} failed in the {self.phase} pass: {reason} "
            f"(input shapes {shapes})",
            self.node.name,
        ) from None


def _reason(error: BaseException) -> str:
    text = str(error)
    if isinstance(error, FloatingPointError):
        return {
            "divide by zero encountered": "division by zero",
            "overflow encountered": "the result is too large (overflow)",
            "invalid value encountered": "the result is not a number (e.g. log or sqrt of a negative)",
        }.get(text.split(" in ")[0], text)
    return text


def _frozen(array) -> np.ndarray:
    """Read-only, so a Trace cannot be changed through the arrays it hands out."""
    array = np.asarray(array, dtype=float)
    array.setflags(write=False)
    return array
