"""The step-through printed as plain text with Rich (`expr`, `walk`): no Textual.

Colours follow the graph convention: forward values green, gradients red. Rich drops
colour by itself when the output is not a terminal or when NO_COLOR is set.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from backprop_tui.engine import format as fmt
from backprop_tui.engine.explain import Explanation
from backprop_tui.engine.trace import BACKWARD, FORWARD, Step, Trace

StepExtras = Callable[[Step], list[Text]]
Explanations = Sequence[Explanation | None]  # by step index, as `explain_trace` makes them


def print_trace(
    console: Console, trace: Trace, explanations: Explanations, extras: StepExtras | None = None
) -> None:
    """Every forward step, every backward step (as `explanations` explain them), then the
    table of final gradients."""
    for phase, title in ((FORWARD, "Forward pass"), (BACKWARD, "Backward pass")):
        console.print(Text(title, style="bold underline"))
        for step in (s for s in trace.steps if s.phase == phase):
            if phase == FORWARD:
                lines = forward_lines(trace, step)
            else:
                lines = backward_lines(trace, step, explanations[step.index])
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


def backward_lines(trace: Trace, step: Step, explanation: Explanation) -> list[Text]:
    lines = [_heading(trace, step), _upstream_line(explanation)]
    if trace.graph.nodes[step.node].kind != "op":
        return lines
    lines.append(Text(f"    {explanation.rule}", style="italic"))
    for term in explanation.inputs:
        if not term.takes_gradient:
            lines.append(Text(f"    {term.input}: {term.rule}", style="dim"))
            continue
        line = Text(f"    ∂{step.node}/∂{term.input}: local {term.local_text()}   downstream {term.worked} = ")
        line.append(fmt.value(term.downstream), style="red")
        _append_shape(line, term.downstream)
        lines.append(line)
    return lines


def _upstream_line(explanation: Explanation) -> Text:
    line = Text(f"    upstream ∂{explanation.output}/∂{explanation.node} = ")
    if explanation.is_start:
        line.append(fmt.value(explanation.upstream), style="red")
        line.append("  (the start: the output's gradient with respect to itself)")
        return line
    if explanation.fork_sum:
        line.append(explanation.fork_sum, style="red")
        line.append("  — a branch sums the gradients of its uses", style="italic")
        return line
    line.append(fmt.value(explanation.upstream), style="red")
    if explanation.branches:
        line.append(f"  (from {explanation.branches[0].consumer})", style="dim")
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
