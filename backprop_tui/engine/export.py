"""The JSON form of a Trace (`--json`): a stable format that tests and tools rely on.

{"output": NAME,
 "nodes": {NAME: {"op": OP, "inputs": [NAMES], "value": V, "grad": G}},
 "steps": [{"phase": "forward", "node": NAME, "value": V},
           {"phase": "backward", "node": NAME, "value": V, "upstream": G,
            "contributions": [{"from": NAME, "value": G}],
            "local": {INPUT: L}, "downstream": {INPUT: G}}]}

V and G are numbers or nested lists. `op` is "input" for leaves and "const" for literal
numbers; `grad` is null where a node takes no gradient (constants, class labels). `local`
holds numbers for scalar nodes and null where the local gradient is a Jacobian (tensors).
An input used twice by one node (b = a + a) appears once in `local`/`downstream`, summed.
"""

from __future__ import annotations

from backprop_tui.engine.trace import BACKWARD, Step, Trace
from backprop_tui.engine.values import to_python


def trace_to_dict(trace: Trace) -> dict:
    nodes = {}
    for node in trace.graph.nodes.values():
        grad = trace.grads.get(node.name)
        nodes[node.name] = {
            "op": node.op or "input",
            "inputs": list(node.inputs),
            "value": to_python(trace.values[node.name]),
            "grad": None if grad is None else to_python(grad),
        }
    return {
        "output": trace.graph.output,
        "nodes": nodes,
        "steps": [_step(step) for step in trace.steps],
    }


def _step(step: Step) -> dict:
    entry = {"phase": step.phase, "node": step.node, "value": to_python(step.value)}
    if step.phase != BACKWARD:
        return entry
    local: dict = {}
    downstream: dict = {}
    for grad in step.gradients:
        if grad.downstream is None:
            continue
        # the same input in two slots (b = a + a): its parts add up
        downstream[grad.input] = downstream.get(grad.input, 0.0) + grad.downstream
        if grad.local is None:
            local[grad.input] = None
        else:
            local[grad.input] = local.get(grad.input, 0.0) + grad.local
    entry.update(
        upstream=to_python(step.upstream),
        contributions=[{"from": c.consumer, "value": to_python(c.value)} for c in step.contributions],
        local={k: None if v is None else to_python(v) for k, v in local.items()},
        downstream={k: to_python(v) for k, v in downstream.items()},
    )
    return entry

