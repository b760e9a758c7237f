"""The step-through printed as plain text with Rich (`expr`, `walk`): no Textual.

Colours follow the graph convention: forward values green, gradients red. Rich drops
colour by itself when the output is not a terminal or when NO_COLOR is set.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from rich.console import Console
from rich.table import Table
from rich.text import Text

from backprop_tui.engine import format as fmt
from backprop_tui.engine.ops import OPS
from backprop_tui.engine.symbolic import inline, local_derivatives
from backprop_tui.engine.trace import BACKWARD, FORWARD, Step, Trace

StepExtras = Callable[[Step], list[Text]]


def print_trace(console: Console, trace: Trace, extras: StepExtras | None = None) -> None:
    """Every forward step, every backward step, then the table of final gradients."""
    for phase, title in ((FORWARD, "Forward pass"), (BACKWARD, "Backward pass")):
        console.print(Text(title, style="bold underline"))
        for step in (s for s in trace.steps if s.phase == phase):
            lines = forward_lines(trace, step) if phase == FORWARD else backward_lines(trace, step)
            for line in lines + (extras(step) if extras else []):
                console.print(line)
        console.print()
    console.print(gradient_table(trace))


def _heading(trace: Trace, step: Step) -> Text:
    phase, position, total = trace.phase_position(step.index)
    text = Text(f"{phase} {position}/{total}  ", style="dim")
    text.append(trace.graph.equation(step.node), style="bold")
    return text


def forward_lines(trace: Trace, step: Step) -> list[Text]:
    node = trace.graph.nodes[step.node]
    line = _heading(trace, step)
    if node.kind == "input":
        line.append("  input ")
    else:
        args = ", ".join(fmt.value(trace.values[name]) for name in step.inputs)
        line.append(f"  {node.op}({args}) ")
    line.append("= ")
    line.append(fmt.value(step.value), style="green")
    _append_shape(line, step.value)
    return [line]


def backward_lines(trace: Trace, step: Step) -> list[Text]:
    node = trace.graph.nodes[step.node]
    lines = [_heading(trace, step), _upstream_line(trace, step)]
    if node.kind != "op":
        return lines
    lines.append(Text(f"    {OPS[node.op].pattern}", style="italic"))
    symbolic = local_derivatives(trace.graph, step.node, trace.values)
    for grad in step.gradients:
        if trace.graph.nodes[grad.input].kind == "const":
            continue  # a number written into the formula: nothing to learn from its gradient
        if grad.downstream is None:
            lines.append(Text(f"    {grad.input}: takes no gradient (a class label)", style="dim"))
            continue
        line = Text(f"    ∂{step.node}/∂{grad.input}: local ")
        if grad.local is not None:
            formula = inline(symbolic[grad.slot]) if symbolic is not None else None
            if formula is not None and formula != fmt.value(grad.local):
                line.append(formula + " = ")
            line.append(fmt.value(grad.local))
            times = "∘" if np.ndim(grad.local) else "×"
            line.append(f"   downstream {fmt.value(step.upstream)} {times} {fmt.value(grad.local)} = ")
        else:
            line.append(f"a Jacobian; the VJP is {grad.formula}")
            line.append("   downstream ")
        line.append(fmt.value(grad.downstream), style="red")
        _append_shape(line, grad.downstream)
        lines.append(line)
    return lines


def _upstream_line(trace: Trace, step: Step) -> Text:
    line = Text(f"    upstream ∂{trace.graph.output}/∂{step.node} = ")
    if step.node == trace.graph.output:
        line.append(fmt.value(step.upstream), style="red")
        line.append("  (the start: the output's gradient with respect to itself)")
        return line
    if len(step.contributions) > 1:
        parts = " + ".join(f"{fmt.value(c.value)} (from {c.consumer})" for c in step.contributions)
        line.append(f"{parts} = ")
        line.append(fmt.value(step.upstream), style="red")
        line.append("  — a branch sums the gradients of its uses", style="italic")
        return line
    line.append(fmt.value(step.upstream), style="red")
    if step.contributions:
        line.append(f"  (from {step.contributions[0].consumer})", style="dim")
    return line


def _append_shape(line: Text, array) -> None:
    if getattr(array, "ndim", 0):
        line.append(f"  [{fmt.shape(array)}]", style="dim")


def gradient_table(trace: Trace) -> Table:
    table = Table(title=Text(f"Gradients of {trace.graph.output}"), title_justify="left")
    table.add_column("node")
    table.add_column("value", style="green")
    table.add_column(Text(f"∂{trace.graph.output}/∂node"), style="red")
    table.add_column("shape", style="dim")
    for name, node in trace.graph.nodes.items():
        if node.kind == "const" or name not in trace.grads:
            continue
        grad = trace.grads[name]
        table.add_row(Text(name), fmt.value(trace.values[name]), fmt.value(grad), fmt.shape(grad))
    return table
