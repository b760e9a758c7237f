"""A computation graph: named nodes forming a DAG, checked and put in topological order."""

from __future__ import annotations

import difflib
from collections import deque
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from backprop_tui.engine.formula import written
from backprop_tui.engine.ops import OPS
from backprop_tui.records import frozen_dataclass


class GraphError(ValueError):
    """A graph that cannot be built or run; `node` names the culprit when there is one."""

    def __init__(self, message: str, node: str | None = None):
        super().__init__(message)
        self.message = message
        self.node = node


@frozen_dataclass
class Node:
    name: str
    op: str | None = None  # None: an input leaf; "const": a literal number
    inputs: tuple[str, ...] = ()
    label: str = ""  # short text for display; the name when empty
    source: str = ""  # the statement it came from, for error messages
    value: float | None = None  # the number of a "const" node

    @property
    def kind(self) -> str:
        if self.op is None:
            return "input"
        return "const" if self.op == "const" else "op"

    @property
    def display(self) -> str:
        return self.label or self.name

    @property
    def auto_named(self) -> bool:
        """t1, t2, ...: a sub-expression the statement parser named."""
        return self.name[0] == "t" and self.name[1:].isdigit()

    def where(self) -> str:
        return f"in '{self.source}'" if self.source else f"at node '{self.name}'"


@frozen_dataclass
class Graph:
    nodes: Mapping[str, Node]  # in topological order: every node after its inputs
    output: str
    consumers: Mapping[str, tuple[tuple[str, int], ...]]  # node -> (consumer, slot) pairs

    @classmethod
    def from_nodes(cls, nodes: Iterable[Node], output: str) -> Graph:
        by_name: dict[str, Node] = {}
        for node in nodes:
            if node.name in by_name:
                raise GraphError(f"'{node.name}' is defined twice", node.name)
            by_name[node.name] = node
        problems = node_problems(by_name)
        if problems:
            raise problems[0]
        if output not in by_name:
            raise GraphError(f"the output '{output}' is not a node of the graph")
        order = _topological_order(by_name)
        _check_all_feed_output(by_name, output)
        consumers: dict[str, list[tuple[str, int]]] = {name: [] for name in order}
        for name in order:
            for slot, source in enumerate(by_name[name].inputs):
                consumers[source].append((name, slot))
        return cls(
            nodes=MappingProxyType({name: by_name[name] for name in order}),
            output=output,
            consumers=MappingProxyType({k: tuple(v) for k, v in consumers.items()}),
        )

    @property
    def input_names(self) -> list[str]:
        return [n.name for n in self.nodes.values() if n.kind == "input"]

    def equation(self, name: str) -> str:
        """`f = q·z`: a node's name with its label, else what it computes (formula.py); a label
        that already says `name = ...` is used as it is."""
        node = self.nodes[name]
        if node.kind != "op":
            return name
        body = node.label or written(self.nodes, name)
        if body.replace(" ", "").startswith(name + "="):
            return body
        return f"{name} = {body}"


def node_problems(by_name: Mapping[str, Node]) -> list[GraphError]:
    """Every node-level problem (unknown op, arity, undefined input), not only the first."""
    problems = []
    for node in by_name.values():
        try:
            _check_node(node, by_name)
        except GraphError as problem:
            problems.append(problem)
    return problems


def _check_node(node: Node, by_name: Mapping[str, Node]) -> None:
    if node.kind != "op":
        if node.inputs:
            raise GraphError(f"'{node.name}' is a {node.kind} and takes no inputs", node.name)
        return
    op = OPS.get(node.op)
    if op is None:
        guess = difflib.get_close_matches(node.op, OPS, n=1)
        hint = f"did you mean '{guess[0]}'?" if guess else "known ops: " + ", ".join(sorted(OPS))
        raise GraphError(f"unknown op '{node.op}' {node.where()} ({hint})", node.name)
    problem = op.check_arity(len(node.inputs))
    if problem:
        raise GraphError(f"{problem} {node.where()}", node.name)
    for slot, source in enumerate(node.inputs):
        if source not in by_name:
            raise GraphError(f"'{source}' is not defined ({node.where()})", node.name)
        if slot in op.constant_inputs and by_name[source].kind != "const":
            raise GraphError(
                f"input {slot + 1} of {op.name} must be a number, not '{source}' ({node.where()})",
                node.name,
            )


def _check_all_feed_output(nodes: Mapping[str, Node], output: str) -> None:
    feeding, stack = {output}, [output]
    while stack:
        for source in nodes[stack.pop()].inputs:
            if source not in feeding:
                feeding.add(source)
                stack.append(source)
    for name, node in nodes.items():
        if name not in feeding and node.kind != "const":
            raise GraphError(f"'{name}' does not feed the output '{output}'", name)


def _topological_order(nodes: Mapping[str, Node]) -> list[str]:
    """Kahn's algorithm, iterative (no recursion limit); keeps definition order where free."""
    waiting = {name: len(set(node.inputs)) for name, node in nodes.items()}
    users: dict[str, list[str]] = {name: [] for name in nodes}
    for name, node in nodes.items():
        for source in set(node.inputs):
            users[source].append(name)
    ready = deque(name for name, count in waiting.items() if count == 0)
    order: list[str] = []
    while ready:
        name = ready.popleft()
        order.append(name)
        for user in users[name]:
            waiting[user] -= 1
            if waiting[user] == 0:
                ready.append(user)
    if len(order) < len(nodes):
        cycle = _find_cycle({n for n in nodes if waiting[n] > 0}, nodes)
        raise GraphError("the graph has a cycle: " + " -> ".join(cycle), cycle[0])
    return order


def _find_cycle(stuck: set[str], nodes: Mapping[str, Node]) -> list[str]:
    """Walk inputs among the nodes that never became ready until a name repeats."""
    path: list[str] = []
    seen: dict[str, int] = {}
    name = min(stuck)
    while name not in seen:
        seen[name] = len(path)
        path.append(name)
        name = next(src for src in nodes[name].inputs if src in stuck)
    cycle = path[seen[name]:] + [name]
    return list(reversed(cycle))
