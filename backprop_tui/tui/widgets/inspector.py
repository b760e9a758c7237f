"""Inspector: what the current (or selected) node shows at this step.

Forward: the op, its inputs' values and its value. Backward: the upstream gradient (the
sum of every contribution at a branch), then per input the local gradient (symbolic and
numeric) and the downstream gradient = upstream × local, and the gate's pattern in words.
Everything shown comes from the Trace; nothing is computed here.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from backprop_tui.engine import format as fmt
from backprop_tui.engine.explain import Explanation
from backprop_tui.engine.ops import OPS
from backprop_tui.engine.trace import BACKWARD, Step, Trace

HIDDEN = "?"
MAX_ITEMS = 12  # the inspector has room for longer vectors than the graph
SHAPE_RULE = "A gradient has the shape of its parameter."


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
    """`explanation` is the step's (None for a forward step), as `explain_trace` makes it."""
    step = trace.steps[index]
    if node != step.node:
        return _other_node(trace, index, node)
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


def _number(value, style: str, hide: bool) -> Text:
    if hide:
        return Text(HIDDEN, style="bold")
    text = Text(fmt.value(value, max_items=MAX_ITEMS), style=style)
    if getattr(value, "ndim", 0):
        text.append(f"  [{fmt.shape(value)}]", style="dim")
    return text


def _forward(trace: Trace, step: Step, *, hide: bool) -> RenderableType:
    parts: list[RenderableType] = [_title(trace, step)]
    for name in step.inputs:
        line = Text(f"  {name} = ")
        line.append_text(_number(trace.values[name], "green", False))
        parts.append(line)
    value = Text("  value = ", style="bold")
    value.append_text(_number(step.value, "bold green", hide))
    parts.append(value)
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


def _upstream(explanation: Explanation) -> Text:
    line = Text(f"upstream ∂{explanation.output}/∂{explanation.node} = ", style="bold")
    if explanation.is_start:
        line.append_text(_number(explanation.upstream, "bold red", False))
        line.append("   the start: ∂L/∂L = 1", style="dim")
        return line
    if explanation.fork_sum:
        line.append(explanation.fork_sum, style="bold red")
        line.append("   a branch sums its gradients", style="italic")
        return line
    line.append_text(_number(explanation.upstream, "bold red", False))
    if explanation.branches:
        line.append(f"  (from {explanation.branches[0].consumer})", style="dim")
    return line


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
        downstream = Text() if hide else Text(f"{term.worked} = ", style="dim")
        downstream.append_text(_number(term.downstream, "bold red", hide))
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
    value_line = Text("  value = ")
    value_line.append_text(_number(value, "green", False) if value is not None else Text("not computed yet", style="dim"))
    grad_line = Text("  gradient = ")
    if grad is None:
        grad_line.append("not reached yet", style="dim")
    else:
        grad_line.append_text(_number(grad[0], "red", False))
        if not grad[1]:
            grad_line.append("  (partial: more paths still to add)", style="italic")
    return Group(title, value_line, grad_line, Text("Esc returns to the current step's node.", style="dim"))
