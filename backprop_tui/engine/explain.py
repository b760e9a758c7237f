"""One explanation of a backward step, which every renderer shows (inspector, walk, expr, --json).

`explain_trace(trace)` turns each backward step into a frozen `Explanation`:

- `rule`: the gate's rule in words ("mul swaps: ..."), or at a leaf what its gradient is;
- `upstream` and `branches`: ∂output/∂node and who sent it; at a fork (a node used by several
  others) `fork_sum` is the worked sum "0.2 (from a) + 0.3 (from b) = 0.5";
- `inputs`: one `InputTerm` per input that is not a literal number: its local gradient in
  learner notation (`notation`, e.g. "σ(z)·(1 − σ(z))", "1[z > 0]") and as numbers (`local`),
  how the downstream gradient is formed (`rule`, e.g. "upstream @ xᵀ"), the gradient itself
  (`downstream`, None for a class label) and the worked product (`worked` and `product`, e.g.
  "1.1 × 2 = 2.2", or for tensors the VJP with shapes "upstream xᵀ = [2] [3]ᵀ = [2×3]").

The formulas are made here, with SymPy, when the explanation is built: renderers only show
strings and numbers and never import SymPy. A caller may pass the formulas written before
(`notations`, keyed by `notation_key`): a gate found there needs no SymPy.
"""

from __future__ import annotations

import json
from collections.abc import MutableMapping

import numpy as np

from backprop_tui.engine import format as fmt
from backprop_tui.engine.ops import OPS
from backprop_tui.engine.trace import BACKWARD, InputGradient, Step, Trace
from backprop_tui.records import frozen_dataclass

SHORT = fmt.MAX_ITEMS  # a tensor with at most this many entries is written out in a product
LEAF_RULE = "A leaf: its gradient is complete once every path into it has been summed."

# How each tensor op forms a downstream gradient, per input: "{up}" is the upstream gradient,
# "{0}", "{1}" the op's inputs, "{out}" its output. Algebraic rules are also worked out with
# the operands' shapes ("[2×4]ᵀ @ [2]"); rules in words are not.
_ALGEBRA = {
    "dot": ("{up} × {1}", "{up} × {0}"),
    "outer": ("{up} @ {1}", "{up}ᵀ @ {0}"),
    "transpose": ("{up}ᵀ",),
    "l2": ("{up} × 2·{0}",),
}
_SHAPE_ALGEBRA = {"matmul", "outer", "transpose"}
_WORDS = {
    "sum": ("{up} copied to every element",),
    "mean": ("{up} / N on each of the N elements",),
    "softmax": ("{out} ∘ ({up} − Σ {up} ∘ {out})",),
    "svm_loss": ("{up} × (1 per class with a positive margin, −their count at the correct class)",),
}
_MATMUL = {  # by the inputs' ranks: a vector times a vector, a matrix times a vector, ...
    (1, 1): ("{up} × {1}", "{up} × {0}"),
    (2, 1): ("{up} {1}ᵀ", "{0}ᵀ @ {up}"),
    (1, 2): ("{1} @ {up}", "{0} {up}ᵀ"),
    (2, 2): ("{up} @ {1}ᵀ", "{0}ᵀ @ {up}"),
}


@frozen_dataclass
class Branch:
    consumer: str  # the node that sent this part of the upstream gradient
    value: np.ndarray


@frozen_dataclass
class InputTerm:
    input: str
    slot: int
    notation: str | None  # ∂node/∂input in learner notation; None where it is a Jacobian
    local: np.ndarray | None  # its number (per element for elementwise ops); None for a Jacobian
    rule: str  # how the downstream gradient is formed, in words and names
    downstream: np.ndarray | None  # None: the input takes no gradient (a class label)
    worked: str  # the product worked out, left of its result: "1.1 × 2"; "" without a gradient

    @property
    def takes_gradient(self) -> bool:
        return self.downstream is not None

    @property
    def product(self) -> str:
        """'1.1 × 2 = 2.2'; for tensors the VJP with shapes, 'upstream @ xᵀ = [2] [3]ᵀ = [2×3]'."""
        return f"{self.worked} = {_short(self.downstream)}" if self.takes_gradient else ""

    def local_text(self, *, notation: bool = True, max_items: int = fmt.MAX_ITEMS) -> str:
        """'tax = 1.1', '1' (a formula equal to its number is said once), or 'a Jacobian'."""
        if self.local is None:  # a Jacobian, applied as the VJP; or one formula for broadcast copies
            return self.notation if notation and self.notation else "a Jacobian"
        number = fmt.value(self.local, max_items=max_items)
        if not notation or not self.notation or self.notation == number:
            return number
        return f"{self.notation} = {number}"


@frozen_dataclass
class Explanation:
    node: str
    output: str  # the graph's output L: every gradient here is ∂L/∂something
    equation: str  # "price = all_price * tax"
    summary: str  # what the node computes, or that it is a leaf
    rule: str  # the gate's rule in words, or at a leaf what its gradient is
    upstream: np.ndarray
    branches: tuple[Branch, ...]  # who sent the upstream gradient (none at the output)
    inputs: tuple[InputTerm, ...]  # literal numbers in the formula are left out

    @property
    def is_start(self) -> bool:
        return self.node == self.output

    @property
    def fork_sum(self) -> str | None:
        """At a node used by several others: '0.2 (from a) + 0.3 (from b) = 0.5'."""
        if len(self.branches) < 2:
            return None
        parts = " + ".join(f"{fmt.value(b.value)} (from {b.consumer})" for b in self.branches)
        return f"{parts} = {fmt.value(self.upstream)}"


Notations = MutableMapping[str, list]  # notation_key -> the local gradients in learner notation


def explain_trace(trace: Trace, notations: Notations | None = None) -> tuple[Explanation | None, ...]:
    """The explanation of every step, by step index (None for forward steps). Formulas not
    in `notations` are made (SymPy) and added to it."""
    notations = {} if notations is None else notations
    return tuple(explain(trace, step, notations) if step.phase == BACKWARD else None for step in trace.steps)


def remembered(trace: Trace, notations: Notations) -> bool:
    """Whether every gate's formulas are in `notations`: explaining the trace needs no SymPy."""
    return all(
        notation_key(trace, step) in notations
        for step in trace.steps
        if step.phase == BACKWARD and trace.graph.nodes[step.node].kind == "op"
    )


def explain(trace: Trace, step: Step, notations: Notations | None = None) -> Explanation:
    graph = trace.graph
    node = graph.nodes[step.node]
    if node.kind == "op":
        op = OPS[node.op]
        summary, rule = op.description, op.pattern
        known = {} if notations is None else notations
        key = notation_key(trace, step)
        if key not in known:
            known[key] = _notations(trace, step)
        inputs = tuple(
            _term(trace, step, grad, known[key][grad.slot])
            for grad in step.gradients
            if graph.nodes[grad.input].kind != "const"
        )
    else:
        summary, rule, inputs = "an input (a leaf of the graph)", LEAF_RULE, ()
    return Explanation(
        node=step.node,
        output=graph.output,
        equation=graph.equation(step.node),
        summary=summary,
        rule=rule,
        upstream=step.upstream,
        branches=tuple(Branch(c.consumer, c.value) for c in step.contributions),
        inputs=inputs,
    )


def notation_key(trace: Trace, step: Step) -> str:
    """All that a gate's local gradients in learner notation depend on: the op, its inputs (by
    name, a literal number by its value) and the ranks of its inputs and output."""
    nodes = trace.graph.nodes
    inputs = [nodes[name].value if nodes[name].kind == "const" else name for name in step.inputs]
    ranks = [int(np.ndim(trace.values[name])) for name in (*step.inputs, step.node)]
    return json.dumps([step.op, inputs, ranks])


def _notations(trace: Trace, step: Step) -> list[str | None]:
    from backprop_tui.engine.notation import learner
    from backprop_tui.engine.symbolic import local_derivatives

    formulas = local_derivatives(trace.graph, step.node, trace.values)
    if formulas is None:
        return [None] * len(step.inputs)
    return [learner(f) for f in formulas]


def _term(trace: Trace, step: Step, grad: InputGradient, notation: str | None) -> InputTerm:
    args = [trace.values[name] for name in step.inputs]
    if grad.downstream is None:
        return InputTerm(grad.input, grad.slot, None, None, "takes no gradient (a class label)", None, "")
    up, down = step.upstream, grad.downstream
    if grad.local is not None:
        times = "∘" if np.ndim(grad.local) else "×"
        rule = f"upstream {times} local"
        worked = f"{_short(up)} {times} {_short(grad.local)}"
        return InputTerm(grad.input, grad.slot, notation, grad.local, rule, down, worked)
    if OPS[step.op].elementwise and notation is not None:  # an input broadcast to the output's shape
        copies = np.size(step.value) // max(np.size(args[grad.slot]), 1)
        rule = f"upstream × local, summed over the {copies} copies {grad.input} was broadcast to"
        worked = f"Σ {_short(up)} × ({notation})"
        return InputTerm(grad.input, grad.slot, notation, None, rule, down, worked)
    template, algebra = _vjp_rule(step.op, grad.slot, args)
    rule = template.format(*step.inputs, up="upstream", out=step.node)
    worked = rule
    if algebra:
        # A matrix product is worked out with shapes (the shape rule is what it teaches); other
        # algebra (dot, l2) with its numbers when they are short, as its result is written.
        operand = _operand if step.op in _SHAPE_ALGEBRA else _short
        worked += " = " + template.format(*map(operand, args), up=operand(up), out=operand(step.value))
    return InputTerm(grad.input, grad.slot, notation, None, rule, down, worked)


def _vjp_rule(op: str, slot: int, args) -> tuple[str, bool]:
    """The rule's template, and whether it is algebra (worth working out with shapes)."""
    if op == "matmul":
        return _MATMUL[(np.ndim(args[0]), np.ndim(args[1]))][slot], True
    if op == "concat":
        return "the entries of {up} that came from {" + str(slot) + "}", False
    if op == "cross_entropy":
        batch = ", divided by the batch size N" if np.ndim(args[0]) == 2 else ""
        return "{up} × (softmax({0}) − onehot({1}))" + batch, False
    for table, algebra in ((_ALGEBRA, True), (_WORDS, False)):
        if op in table:
            return table[op][min(slot, len(table[op]) - 1)], algebra
    return OPS[op].formula(slot), False


def _operand(array) -> str:
    """A factor of a worked VJP: a scalar as its number, a tensor as its shape."""
    return fmt.value(array) if np.ndim(array) == 0 else f"[{fmt.shape(array)}]"


def _short(array) -> str:
    """A result: its numbers when it is short, else its shape."""
    if np.size(array) <= SHORT and np.ndim(array) <= 1:
        return fmt.value(array)
    return f"[{fmt.shape(array)}]"
