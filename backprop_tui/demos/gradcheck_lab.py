"""The gradient-check lab's state for one graph: the nudged input's series over h, the planted
bug (if any), and the node-by-node checks that find it. The TUI's lab screen shows it."""

from __future__ import annotations

from backprop_tui.demos._common import AsDict
from backprop_tui.demos.graph_probe import Values
from backprop_tui.demos.nudge_series import NudgeSeries, nudge_series
from backprop_tui.demos.planted_bugs import Bug, Diagnosis, NodeCheck, backward, diagnose, node_checks
from backprop_tui.engine.graph import Graph
from backprop_tui.engine.statements import parse_program
from backprop_tui.engine.trace import Trace, run
from backprop_tui.records import frozen_dataclass

# The gradient-check demo's lab: lesson 13's neuron, whose x is a fork, plus a relu of w
# whose kink at w = 0.45 the largest h crosses.
DEMO_PROGRAM = "wx = w * x; z = wx + b; s = sigmoid(z); r = relu(w - 0.45); f = x * s + r"
DEMO_INPUTS = {"x": 2.0, "w": 0.5, "b": -0.5}


@frozen_dataclass
class LabState(AsDict):
    series: NudgeSeries  # ±h over decades for the nudged input
    bug: Bug | None
    checks: tuple[NodeCheck, ...]  # every node, from the output backwards
    diagnosis: Diagnosis | None  # where the checks place the bug; None when all agree


def lab_state(graph: Graph, values: Values, wrt: str, bug: Bug | None = None) -> LabState:
    grads = backward(graph, values, bug)
    analytic = float(grads.nodes[wrt].flat[0])
    checks = node_checks(graph, values, grads)
    return LabState(nudge_series(graph, values, wrt, analytic), bug, checks,
                    diagnose(graph, values, grads, checks))


def demo_trace() -> Trace:
    return run(parse_program(DEMO_PROGRAM), DEMO_INPUTS)
