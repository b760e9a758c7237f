"""What a node computes, written as a lecture writes it: `q·z`, `σ(z)`, `xpy²`, `−z`, `uᵀh`.

A node without a label shows this after its name (`f = q·z`). Constants and the
sub-expressions the statement parser named (t1, t2, ...) are written out in place, so
`f = 1/(1 + exp(-x))` reads whole at f.
"""

from __future__ import annotations

from collections.abc import Mapping

from backprop_tui.engine.ops import OPS

# How tightly each form binds: an operand that binds more loosely than its place asks gets parentheses.
SUM, PREFIX, PRODUCT, POWER, ATOM = range(1, 6)
INFIX = {"add": (" + ", SUM), "sub": (" − ", SUM), "mul": ("·", PRODUCT), "div": (" / ", PRODUCT),
         "matmul": (" @ ", PRODUCT)}
SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def written(nodes: Mapping, name: str) -> str:
    """`nodes` maps names to engine Nodes; `name` is an op node."""
    return _written(nodes, nodes[name])[0]


def _written(nodes: Mapping, node) -> tuple[str, int]:
    def operand(name: str, tightest: int = 0) -> str:
        return _operand(nodes, name, tightest)

    op, inputs = node.op, node.inputs
    if op == "mul":
        for minus_one, other in (inputs, inputs[::-1]):
            if _constant(nodes, minus_one) == -1:
                return "−" + operand(other, POWER), PREFIX
    if op in INFIX:
        symbol, level = INFIX[op]
        left, right = inputs
        if op == "mul" and _constant(nodes, right) is not None and _constant(nodes, left) is None:
            left, right = right, left  # a coefficient goes first: 2·s
        # a right operand binds tighter (a − (b − c)) and is never bare prefixed (a + (−b))
        return operand(left, level) + symbol + operand(right, max(level + 1, PRODUCT)), level
    if op == "neg":
        return "−" + operand(inputs[0], POWER), PREFIX
    if op == "pow":
        base, exponent = operand(inputs[0], ATOM), _constant(nodes, inputs[1])
        if exponent is not None and exponent.is_integer() and 2 <= exponent <= 9:
            return base + str(int(exponent)).translate(SUPERSCRIPTS), POWER
        return f"{base}^{operand(inputs[1], ATOM)}", POWER
    if op == "transpose":
        return operand(inputs[0], ATOM) + "ᵀ", POWER
    if op == "dot":
        return operand(inputs[0], ATOM) + "ᵀ" + operand(inputs[1], ATOM), PRODUCT
    if op == "sqrt":
        return "√" + operand(inputs[0], ATOM), POWER
    if op == "abs":
        return f"|{operand(inputs[0])}|", ATOM
    function = OPS[op].pretty_name or op
    return f"{function}({', '.join(operand(name) for name in inputs)})", ATOM


def _operand(nodes: Mapping, name: str, tightest: int) -> str:
    node = nodes[name]
    if node.kind == "const":
        text, level = (node.display, ATOM) if node.value >= 0 else ("−" + node.display[1:], PREFIX)
    elif node.kind == "op" and node.auto_named and not node.label:
        text, level = _written(nodes, node)
    else:
        return name
    return text if level >= tightest else f"({text})"


def _constant(nodes: Mapping, name: str) -> float | None:
    node = nodes[name]
    return node.value if node.kind == "const" else None
