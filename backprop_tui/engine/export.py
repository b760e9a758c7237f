"""The JSON form of a Trace (`--json`): a stable format that tests and tools rely on.

{"output": NAME,
 "nodes": {NAME: {"op": OP, "inputs": [NAMES], "value": V, "grad": G}},
 "steps": [{"phase": "forward", "node": NAME, "value": V},
           {"phase": "backward", "node": NAME, "value": V, "upstream": G,
            "contributions": [{"from": NAME, "value": G}],
            "local": {INPUT: L}, "downstream": {INPUT: G},
            "explain": EXPLAIN}]}

V and G are numbers or nested lists. `op` is "input" for leaves and "const" for literal
numbers; `grad` is null where a node takes no gradient (constants, class labels). `local`
holds numbers for scalar nodes and null where the local gradient is a Jacobian (tensors).
An input used twice by one node (b = a + a) appears once in `local`/`downstream`, summed.

EXPLAIN is the step as a learner is taught it (engine/explain.py; the inspector, `walk` and
`expr --plain` show the same):

{"equation": "price = all_price * tax", "rule": "mul swaps: ...",
 "fork_sum": "0.2 (from a) + 0.3 (from b) = 0.5" or null (a node used once),
 "inputs": [{"input": NAME, "notation": "tax" or null, "local": L, "rule": "upstream × local",
             "downstream": G or null, "product": "1 × 1.1 = 1.1"}]}

`notation` is the local gradient ∂node/∂input in learner notation ("σ(z)·(1 - σ(z))",
"1[z > 0]"), null where it is a Jacobian; `rule` says how the downstream gradient is formed
("upstream @ xᵀ" for tensors); `product` is the worked product ("" for a class label, whose
`downstream` is null). Literal numbers in the formula have no entry.
"""

from __future__ import annotations

from collections.abc import Sequence

from backprop_tui.engine.explain import Explanation
from backprop_tui.engine.trace import BACKWARD, Step, Trace
from backprop_tui.engine.values import to_python


def trace_to_dict(trace: Trace, explanations: Sequence[Explanation | None]) -> dict:
    """`explanations` by step index, as `explain_trace(trace)` makes them."""
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
        "steps": [_step(step, explanations[step.index]) for step in trace.steps],
    }


def _step(step: Step, explanation: Explanation | None) -> dict:
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
        explain=_explanation(explanation),
    )
    return entry


def _explanation(explanation: Explanation) -> dict:
    return {
        "equation": explanation.equation,
        "rule": explanation.rule,
        "fork_sum": explanation.fork_sum,
        "inputs": [
            {
                "input": term.input,
                "notation": term.notation,
                "local": None if term.local is None else to_python(term.local),
                "rule": term.rule,
                "downstream": None if term.downstream is None else to_python(term.downstream),
                "product": term.product,
            }
            for term in explanation.inputs
        ],
    }

