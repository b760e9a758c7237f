"""The graph as a picture: layout, box titles and what each step shows beside each node.

Pure (no Textual): the GraphView widget only paints what this module decides, and tests
can read a step's picture as text.
"""

from __future__ import annotations

import numpy as np

from backprop_tui.engine import format as fmt
from backprop_tui.engine.graph import Graph, Node
from backprop_tui.layout.grid import Layout, LayoutNode, cell_owners, fit_text as fit, layout_graph, render_text
from backprop_tui.layout.place import MAX_TITLE
from backprop_tui.engine.ops import OPS
from backprop_tui.engine.trace import BACKWARD, Step, Trace
from backprop_tui.lessons.walkthrough import Walkthrough
from backprop_tui.records import frozen_dataclass

SYMBOLS = {"mul": "×", "sub": "−", "div": "÷", "sigmoid": "σ", "pow": "^", "neg": "−x", "transpose": "ᵀ"}
SLOT_WIDTH = 13  # room for "∂[0.43 0.79]" or "∂-0.197" beside every box
MAX_SLOT_WIDTH = 32  # wider for short vectors, up to "∂[0.12 -0.34 0.56 -0.78 0.9 -1]"
SHORT_VECTOR = 6  # a vector of at most this many entries shows its numbers on the graph
VALUE_ROW, GRAD_ROW = 0, 1


def op_symbol(op: str) -> str:
    return SYMBOLS.get(op) or OPS[op].symbol or op


def box_title(node: Node) -> str:
    """Inputs show their name, constants their number, sub-expressions their op.

    A named op node shows its name; its op goes on the box's second row when it has one
    (two or more inputs), otherwise before the name when that fits.
    """
    if node.kind == "input":
        return node.name
    if node.kind == "const":
        return node.display
    symbol = op_symbol(node.op)
    if node.auto_named:
        return symbol
    title = f"{symbol} {node.name}"
    if len(node.inputs) >= 2 or len(title) > MAX_TITLE:
        return node.name
    return title


@frozen_dataclass
class Picture:
    layout: Layout
    lines: tuple[str, ...]  # boxes and edges without values
    owners: dict

    def node_at(self, x: int, y: int) -> str | None:
        for owner in self.owners.get((x, y), ()):
            if owner[0] in ("node", "slot"):
                return owner[1]
        return None


def draw(walkthrough: Walkthrough) -> Picture:
    graph = walkthrough.trace.graph
    ranks = _ranks(graph, walkthrough.layout_hints)
    nodes = [
        LayoutNode(
            name=node.name,
            inputs=node.inputs,
            title=box_title(node),
            rank=ranks.get(node.name),
            order=walkthrough.layout_hints.get(node.name, (None, None))[1],
        )
        for node in graph.nodes.values()
    ]
    widest = max(len(node.title) for node in nodes)
    layout = layout_graph(
        nodes, box_width=min(widest, MAX_TITLE) + 4, min_slot_width=_slot_width(walkthrough.trace)
    )
    lines = render_text(layout)
    for node in graph.nodes.values():
        if node.kind == "op" and len(node.inputs) >= 2 and not node.auto_named:
            _write_centered(lines, layout.boxes[node.name], op_symbol(node.op))
    return Picture(layout, tuple(lines), cell_owners(layout))


def _write_centered(lines: list[str], box, text: str) -> None:
    """Write `text` on the row below the box's title (boxes with two inputs have that row)."""
    row = box.title_row + 1
    inner = box.width - 2
    text = text[:inner]
    x = box.x + 1 + (inner - len(text)) // 2
    lines[row] = lines[row][:x] + text + lines[row][x + len(text):]


def _ranks(graph: Graph, hints) -> dict[str, int]:
    """Author hints, and a column for each constant just left of its first consumer."""
    depth: dict[str, int] = {}
    for node in graph.nodes.values():
        depth[node.name] = 1 + max((depth[i] for i in node.inputs), default=-1)
    ranks = {name: rank for name, (rank, _) in hints.items() if rank is not None}
    for name, node in graph.nodes.items():
        if node.kind == "const":
            ranks[name] = max(0, min(depth[c] for c, _ in graph.consumers[name]) - 1)
    return ranks


@frozen_dataclass
class StepLabels:
    """What stands beside each node at one step: value text, gradient text, and highlights."""

    values: dict[str, str]
    grads: dict[str, str]
    partial: frozenset[str]  # gradients still being summed at a branch
    current: str
    reads: frozenset[int]  # edge indices the current step reads (forward) or writes (backward)


def labels_at(walkthrough: Walkthrough, picture: Picture, index: int, *, hide_current: bool = False) -> StepLabels:
    """Labels at step `index`; with `hide_current`, the numbers this step reveals stay hidden."""
    trace = walkthrough.trace
    step: Step = trace.steps[index]
    shown = index - 1 if hide_current else index
    values = {name: _short_value(v, picture, name) for name, v in trace.values_known_at(shown).items()}
    grads, partial = {}, set()
    for name, (grad, complete) in trace.grads_known_at(shown).items():
        grads[name] = "∂" + _short_value(grad, picture, name, room=-1)
        if not complete:
            partial.add(name)
    edges = picture.layout.edges_into(step.node)
    if step.phase == BACKWARD and step.node != trace.graph.output:
        edges += picture.layout.edges_out_of(step.node)
    return StepLabels(values, grads, frozenset(partial), step.node, frozenset(edges))


def _short_value(value, picture: Picture, name: str, room: int = 0) -> str:
    """What fits beside the box: a number, a short vector's numbers (fewer digits if need be),
    or else the tensor's shape and norm — the inspector has every number."""
    width = picture.layout.value_slots[name][0][2] + room
    if np.ndim(value) == 0:
        text = fmt.value(value, 3)
        return text if len(text) <= width else fmt.value(value, 2)
    if _is_short_vector(value):
        for digits in (3, 2, 1):
            text = _vector_text(value, digits)
            if len(text) <= width:
                return text
    return f"{fmt.shape(value)} ‖{fmt.number(np.linalg.norm(value), 2)}‖"


def _is_short_vector(value) -> bool:
    return np.ndim(value) == 1 and np.size(value) <= SHORT_VECTOR


def _vector_text(value, digits: int) -> str:
    return "[" + " ".join(fmt.number(x, digits) for x in value) + "]"


def _slot_width(trace: Trace) -> int:
    """Wide enough for the short vectors' numbers (two digits each) beside every box."""
    texts = [_vector_text(v, 2) for v in trace.values.values() if _is_short_vector(v)]
    texts += ["∂" + _vector_text(g, 2) for g in trace.grads.values() if _is_short_vector(g)]
    return min(MAX_SLOT_WIDTH, max([SLOT_WIDTH, *map(len, texts)]))


def as_text(picture: Picture, labels: StepLabels) -> list[str]:
    """The picture at one step as plain lines (for tests and the golden files)."""
    lines = list(picture.lines)
    for name, slots in picture.layout.value_slots.items():
        for (x, y, width), text in zip(slots, (labels.values.get(name, ""), labels.grads.get(name, ""))):
            text = fit(text, width)
            lines[y] = lines[y][:x] + text + lines[y][x + len(text):]
    return lines
