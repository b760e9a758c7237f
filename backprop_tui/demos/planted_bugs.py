"""Plant a bug in a backward pass, then find it by checking nodes one at a time.

The lab runs its own small copy of backprop (`backward`), so that a planted bug never touches
the engine. A bug breaks one edge of the backward pass, consumer → input:
    sign      the consumer sends its input −(the right gradient)
    upstream  the consumer sends only its local gradient, forgetting the upstream factor
    branch    the input is a fork and drops this consumer's branch from its sum
Checking nodes from the output backwards, ∂f/∂node by central differences against the lab's
backward, the first wrong node whose consumers are all right is where the bug entered; checking
each edge into it names the consumer.
"""

from __future__ import annotations

import numpy as np

from backprop_tui.demos._common import AsDict
from backprop_tui.demos.graph_probe import Values, moved_values, output
from backprop_tui.engine.gradcheck import FINITE_DIFFERENCE_STEP, SUSPICIOUS, band, relative_error
from backprop_tui.engine.graph import Graph
from backprop_tui.engine.ops import OPS
from backprop_tui.records import frozen_dataclass

KINDS = {
    "sign": "flip a sign",
    "upstream": "forget the upstream factor",
    "branch": "drop a branch of a fork",
}
Edge = tuple[str, int]  # (consumer, slot)


@frozen_dataclass
class Bug(AsDict):
    kind: str  # one of KINDS
    consumer: str  # the op whose backward is broken
    slot: int  # which of its inputs receives the wrong gradient
    input: str  # that input's name

    def describe(self) -> str:
        what = {
            "sign": f"{self.consumer}'s backward sends {self.input} the gradient with its sign flipped",
            "upstream": f"{self.consumer}'s backward sends {self.input} its local gradient only, "
                        "forgetting the upstream factor",
            "branch": f"{self.input} is a fork and drops the branch through {self.consumer} from its sum",
        }
        return what[self.kind]


@frozen_dataclass
class Gradients:
    nodes: dict[str, np.ndarray]  # ∂f/∂node for every node
    edges: dict[Edge, np.ndarray]  # what each consumer sent each input


def backward(graph: Graph, values: Values, bug: Bug | None = None) -> Gradients:
    """The lab's copy of backprop: reverse topological order, upstream × local, sums at forks."""
    nodes = {name: np.zeros_like(value) for name, value in values.items()}
    nodes[graph.output] = np.ones_like(values[graph.output])
    edges: dict[Edge, np.ndarray] = {}
    for node in reversed(graph.nodes.values()):
        if node.kind != "op":
            continue
        op, upstream = OPS[node.op], nodes[node.name]
        args = [values[name] for name in node.inputs]
        sent = op.vjp(upstream, values[node.name], *args)
        for slot, (name, down) in enumerate(zip(node.inputs, sent, strict=True)):
            if down is None:
                continue
            edge = (node.name, slot)
            if bug is not None and (bug.consumer, bug.slot) == edge:
                down = _broken(bug.kind, op, values[node.name], args, upstream, slot, down)
            edges[edge] = np.asarray(down, dtype=float)
            if not (bug is not None and bug.kind == "branch" and (bug.consumer, bug.slot) == edge):
                nodes[name] = nodes[name] + down
    return Gradients(nodes, edges)


def _broken(kind, op, out, args, upstream, slot, down):
    if kind == "sign":
        return -down
    if kind == "upstream":
        return op.vjp(np.ones_like(upstream), out, *args)[slot]
    return down  # "branch": sent right, dropped at the fork


def candidate_bugs(graph: Graph, values: Values, kind: str, inputs: list[str]) -> list[Bug]:
    """Every bug of `kind` that visibly breaks ∂f/∂input for one of `inputs` (a relative error
    above 'suspicious'): a bug whose effect cancels or is multiplied by zero cannot be found."""
    right = backward(graph, values).nodes
    found = []
    for node in graph.nodes.values():
        if node.kind != "op":
            continue
        for slot, name in enumerate(node.inputs):
            if graph.nodes[name].kind == "const" or slot in OPS[node.op].nondiff:
                continue
            if kind == "branch" and len(graph.consumers[name]) < 2:
                continue
            bug = Bug(kind, node.name, slot, name)
            if broken_inputs(graph, values, bug, inputs, right):
                found.append(bug)
    return found


def broken_inputs(graph: Graph, values: Values, bug: Bug, inputs: list[str], right=None) -> list[str]:
    """Those of `inputs` whose gradient `bug` breaks."""
    right = right or backward(graph, values).nodes
    wrong = backward(graph, values, bug).nodes
    return [name for name in inputs if np.max(relative_error(right[name], wrong[name]), initial=0.0) > SUSPICIOUS]


def plant(graph: Graph, values: Values, kind: str, inputs: list[str], seed: int) -> Bug | None:
    """A bug of `kind` that breaks the first of `inputs` if one can, else another of them,
    picked by `seed`; None when the graph has no such bug (no fork to drop a branch of)."""
    bugs = candidate_bugs(graph, values, kind, inputs[:1]) or candidate_bugs(graph, values, kind, inputs)
    return bugs[np.random.default_rng(seed).integers(len(bugs))] if bugs else None


@frozen_dataclass
class NodeCheck(AsDict):
    node: str
    analytic: float  # ⟨∂f/∂node, d⟩ from the lab's backward pass (d: a fixed direction, 1 for a scalar)
    numeric: float  # (f(node + h·d) − f(node − h·d)) / 2h
    relative_error: float
    band: str
    h: float  # the step used, scaled to the value's size


@frozen_dataclass
class Diagnosis(AsDict):
    node: str  # the first wrong node whose consumers are all right
    consumer: str | None  # the edge into it that is wrong, when one is
    message: str


def direction(value: np.ndarray) -> np.ndarray:
    """The direction a tensor is nudged in: one pair of forward passes checks the whole tensor.
    Gaussian, so that it is never orthogonal to a gradient by construction (a softmax's
    gradient sums to 0: an all-ones direction would see nothing)."""
    if value.ndim == 0:
        return np.ones_like(value)
    return np.random.default_rng(0).standard_normal(value.shape)


def step_for(value: np.ndarray, h: float) -> float:
    """h, shrunk for a small value (a variance of 0.002 under a square root is curved at that
    scale): h times the value's size, between 1e-2 and 1."""
    size = float(np.sqrt(np.mean(np.square(value)))) if value.size else 1.0
    return h * min(max(size, 1e-2), 1.0)


def _check(name, analytic, plus, minus, h) -> NodeCheck:
    numeric = (plus - minus) / (2 * h)
    error = float(relative_error(analytic, numeric))
    return NodeCheck(name, float(analytic), float(numeric), error, band(error), h)


def node_checks(graph: Graph, values: Values, grads: Gradients, h: float = FINITE_DIFFERENCE_STEP) -> tuple[NodeCheck, ...]:
    """∂f/∂node checked for every node that takes a gradient, from the output backwards."""
    checks = []
    takers = _gradient_takers(graph)
    for node in reversed(graph.nodes.values()):
        if node.kind == "const" or node.name not in takers:
            continue
        d, step = direction(values[node.name]), step_for(values[node.name], h)
        plus = output(graph, moved_values(graph, values, node.name, step * d))
        minus = output(graph, moved_values(graph, values, node.name, -step * d))
        checks.append(_check(node.name, np.sum(grads.nodes[node.name] * d), plus, minus, step))
    return tuple(checks)


def edge_checks(graph: Graph, values: Values, grads: Gradients, name: str, h: float = FINITE_DIFFERENCE_STEP) -> dict[str, NodeCheck]:
    """What each consumer of `name` sent it, checked by moving `name` only where that consumer reads it."""
    d, step = direction(values[name]), step_for(values[name], h)
    checks = {}
    for edge in graph.consumers[name]:
        if edge not in grads.edges:
            continue
        plus = output(graph, moved_values(graph, values, name, step * d, edge))
        minus = output(graph, moved_values(graph, values, name, -step * d, edge))
        checks[edge[0]] = _check(f"{edge[0]} → {name}", np.sum(grads.edges[edge] * d), plus, minus, step)
    return checks


def diagnose(graph: Graph, values: Values, grads: Gradients, checks: tuple[NodeCheck, ...]) -> Diagnosis | None:
    """Where the bug entered: a wrong node all of whose (checked) consumers are right."""
    wrong = {c.node for c in checks if c.relative_error > SUSPICIOUS}
    for check in checks:  # from the output backwards
        if check.node not in wrong or any(c in wrong for c, _ in graph.consumers[check.node]):
            continue
        by_edge = edge_checks(graph, values, grads, check.node)
        bad = [consumer for consumer, c in by_edge.items() if c.relative_error > SUSPICIOUS]
        if bad:
            return Diagnosis(check.node, bad[0], f"{bad[0]}'s backward sends {check.node} a wrong gradient")
        users = ", ".join(sorted({c for c, _ in graph.consumers[check.node]}))
        return Diagnosis(check.node, None, f"every branch ({users}) sends {check.node} the right gradient, "
                                           "but their sum is wrong: a branch is dropped")
    return None


def _gradient_takers(graph: Graph) -> set[str]:
    """The nodes the output's gradient reaches through differentiable inputs (not class labels)."""
    takers = {graph.output}
    for node in reversed(graph.nodes.values()):
        if any(c in takers and slot not in OPS[graph.nodes[c].op].nondiff for c, slot in graph.consumers[node.name]):
            takers.add(node.name)
    return takers
