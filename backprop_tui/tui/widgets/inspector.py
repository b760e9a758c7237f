"""Inspector: what the current (or selected) node shows at this step.

Forward: the op, its inputs' values and its value. Backward: the upstream gradient (the
sum of every contribution at a branch), then per input the local gradient (symbolic and
numeric) and the downstream gradient = upstream × local, and the gate's pattern in words.
Everything shown comes from the Trace; nothing is computed here.
"""

from __future__ import annotations

import numpy as np
from rich.console import Group, RenderableType
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from backprop_tui.engine import format as fmt
from backprop_tui.engine.explain import Explanation
from backprop_tui.engine.ops import OPS
from backprop_tui.engine.trace import BACKWARD, Step, Trace

HIDDEN = "?"
MAX_ITEMS = 12  # the inspector has room for longer vectors than the graph
MAX_ROWS = 8  # a matrix's rows shown before '⋮'
SHAPE_RULE = "A gradient has the shape of its parameter."
WORKING = "Working out this step's gradients…"


class Inspector(Static):
    """Renders one node at one step; `hide` keeps a question's answer back until it is settled."""

    def show(
        self, trace: Trace, index: int, node: str, explanation: Explanation | None, *,
        symbolic: bool, hide: bool = False,
    ) -> None:
        self.update(describe(trace, index, node, explanation, symbolic=symbolic, hide=hide))


def describe(
    trace: Trace, index: int, node: str, explanation: Explanation | None, *, symbolic: bool, hide: bool = False
) -> RenderableType:
    """`explanation` is the step's, as `explain_trace` makes it: None for a forward step, and
    for a backward step whose explanation is still being made (the lesson has just opened)."""
    step = trace.steps[index]
    if node != step.node:
        return _other_node(trace, index, node)
    if step.phase == BACKWARD and explanation is None:
        return Group(_title(trace, step), Text(WORKING, style="dim italic"))
    if step.phase == BACKWARD:
        return _backward(trace, step, explanation, symbolic=symbolic, hide=hide)
    return _forward(trace, step, hide=hide)


def _title(trace: Trace, step: Step) -> Text:
    graph_node = trace.graph.nodes[step.node]
    text = Text(trace.graph.equation(step.node), style="bold")
    if graph_node.kind == "op":
        text.append(f"   {OPS[graph_node.op].description}", style="dim")
    else:
        text.append("   an input (a leaf of the graph)", style="dim")
    return text


def _number(value, style: str, hide: bool) -> RenderableType:
    """A number or vector as text; a matrix as an aligned grid (see `_matrix`)."""
    if hide:
        return Text(HIDDEN, style="bold")
    if np.ndim(value) == 2:
        return _Matrix(value, style)
    text = Text(fmt.value(value, max_items=MAX_ITEMS), style=style)
    if np.ndim(value):
        text.append(f"  [{fmt.shape(value)}]", style="dim")
    return text


class _Matrix:
    """A matrix as an aligned grid, its shape beside the first row. Columns that do not fit the
    width it is given are cut with '…', rows past MAX_ROWS with '⋮'."""

    def __init__(self, value, style: str):
        self.value, self.style = np.asarray(value), style
        self.cells = [[fmt.number(x) for x in row] for row in self.value[:MAX_ROWS]]
        self.widths = [max(len(row[c]) for row in self.cells) for c in range(self.value.shape[1])]

    def __rich_measure__(self, console, options) -> Measurement:
        shape = len(fmt.shape(self.value)) + 3  # "[2×3]" and the padding after it
        return Measurement(self.widths[0] + 3 + shape, sum(w + 1 for w in self.widths) + shape)

    def __rich_console__(self, console, options):
        cells, widths = self.cells, self.widths
        shape = f"[{fmt.shape(self.value)}]"
        room = options.max_width - len(shape) - 1
        if sum(w + 1 for w in widths) <= room:
            shown = len(widths)
        else:
            room -= 2  # the '…' column
            shown = 0
            while room >= widths[shown] + 1:
                room -= widths[shown] + 1
                shown += 1
            shown = max(shown, 1)
        grid = Table.grid(padding=(0, 1, 0, 0))
        for _ in range(shown):
            grid.add_column(justify="right", no_wrap=True)
        cut = shown < len(widths)
        if cut:
            grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True)
        for r, row in enumerate(cells):
            grid.add_row(
                *(Text(x, style=self.style) for x in row[:shown]),
                *([Text("…", style=self.style)] if cut else []),
                Text(shape if r == 0 else "", style="dim"),
            )
        if len(self.value) > MAX_ROWS:
            grid.add_row(*([Text("⋮", style=self.style)] * shown))
        yield grid


def _line(*parts: RenderableType) -> RenderableType:
    """Parts side by side: one Text when they are all text, else a grid row (a matrix among them)."""
    if all(isinstance(p, Text) for p in parts):
        return Text.assemble(*parts)
    grid = Table.grid()
    for _ in parts:
        grid.add_column(no_wrap=False)
    grid.add_row(*parts)
    return grid


def _forward(trace: Trace, step: Step, *, hide: bool) -> RenderableType:
    parts: list[RenderableType] = [_title(trace, step)]
    for name in step.inputs:
        shown = "a constant, " if trace.graph.nodes[name].kind == "const" else f"{name} = "  # not its made-up name
        parts.append(_line(Text(f"  {shown}"), _number(trace.values[name], "green", False)))
    parts.append(_line(Text("  value = ", style="bold"), _number(step.value, "bold green", hide)))
    return Group(*parts)


def _backward(trace: Trace, step: Step, explanation: Explanation, *, symbolic: bool, hide: bool) -> RenderableType:
    parts: list[RenderableType] = [_title(trace, step), _upstream(explanation)]
    if trace.graph.nodes[step.node].kind != "op":
        parts.append(Text(f"  {explanation.rule}", style="dim"))
        return Group(*parts)
    if hide:  # the gate's rule in words would give the question's answer away
        parts.append(Text("The gate's rule appears once the question is settled.", style="dim italic"))
    else:
        parts.append(Text(explanation.rule, style="italic"))
    parts.append(_gradient_table(explanation, symbolic=symbolic, hide=hide))
    if not hide and any(getattr(t.downstream, "ndim", 0) for t in explanation.inputs):
        parts.append(Text(SHAPE_RULE, style="dim"))
    return Group(*parts)


def _upstream(explanation: Explanation) -> RenderableType:
    head = Text(f"upstream ∂{explanation.output}/∂{explanation.node} = ", style="bold")
    upstream = _number(explanation.upstream, "bold red", False)
    if explanation.is_start:
        return _line(head, upstream, Text("   the start: ∂L/∂L = 1", style="dim"))
    if explanation.fork_sum and np.ndim(explanation.upstream) < 2:
        sum_text = Text(explanation.fork_sum, style="bold red")
        return _line(head, sum_text, Text("   a branch sums its gradients", style="italic"))
    if explanation.fork_sum:  # matrices: the sum's parts named, the total as a grid
        parts = " + ".join(b.consumer for b in explanation.branches)
        return _line(head, Text(f"the sum of the parts from {parts} = ", style="italic"), upstream)
    if explanation.branches:
        return _line(head, upstream, Text(f"  (from {explanation.branches[0].consumer})", style="dim"))
    return _line(head, upstream)


def _gradient_table(explanation: Explanation, *, symbolic: bool, hide: bool) -> Table:
    table = Table(box=None, pad_edge=False, show_edge=False, expand=False)
    table.add_column("input")
    table.add_column("local ∂out/∂in")
    table.add_column("downstream = upstream × local")
    for term in explanation.inputs:
        if not term.takes_gradient:
            table.add_row(Text(term.input), Text("—", style="dim"), Text(term.rule, style="dim"))
            continue
        if hide:
            local = Text(HIDDEN, style="bold")
        else:
            local = Text(term.local_text(notation=symbolic, max_items=MAX_ITEMS), style="" if term.local is not None else "italic")
        number = _number(term.downstream, "bold red", hide)
        if hide:
            downstream = number
        elif isinstance(number, Text):
            downstream = Text.assemble(Text(f"{term.worked} = ", style="dim"), number)
        else:  # a matrix: the worked VJP above its grid
            downstream = Group(Text(f"{term.worked} =", style="dim"), number)
        table.add_row(Text(term.input), local, downstream)
    return table


def _other_node(trace: Trace, index: int, node: str) -> RenderableType:
    """A node the learner selected: what is known of it at this step."""
    title = Text(node, style="bold cyan")
    graph_node = trace.graph.nodes[node]
    if graph_node.kind == "op":
        title.append(f"   {OPS[graph_node.op].description}", style="dim")
    value = trace.values_known_at(index).get(node)
    grad = trace.grads_known_at(index).get(node)
    known = _number(value, "green", False) if value is not None else Text("not computed yet", style="dim")
    value_line = _line(Text("  value = "), known)
    if grad is None:
        grad_line = _line(Text("  gradient = "), Text("not reached yet", style="dim"))
    elif grad[1]:
        grad_line = _line(Text("  gradient = "), _number(grad[0], "red", False))
    else:
        partial = Text("  (partial: more paths still to add)", style="italic")
        grad_line = _line(Text("  gradient = "), _number(grad[0], "red", False), partial)
    return Group(title, value_line, grad_line, Text("Esc returns to the current step's node.", style="dim"))
