"""Each computed node as an expression over its inputs, e.g. {"q": "(x + y)"}.

The answer checker uses these to keep its random test points consistent: a learner may
write an answer over any node names (`apple_price * tax / apple`), and the checker must
know that apple_price is apple * apple_num when it tries other values.
"""

from __future__ import annotations

from backprop_tui.engine.graph import Graph, Node

INFIX = {"add": "+", "sub": "-", "mul": "*", "div": "/", "pow": "**", "matmul": "@"}
FUNCTIONS = {"exp", "log", "sqrt", "sin", "cos", "tanh", "abs", "sigmoid", "relu", "softmax",
             "sum", "mean", "max", "outer", "dot", "transpose"}


def definitions(graph: Graph) -> dict[str, str]:
    """Expressions for the nodes the answer checker's functions can express; others stay free."""
    found = {}
    for name, node in graph.nodes.items():
        if node.kind == "op":
            text = _expression(node, graph)
            if text is not None:
                found[name] = text
    return found


def _expression(node: Node, graph: Graph) -> str | None:
    args = [_operand(graph.nodes[i]) for i in node.inputs]
    if node.op in INFIX:
        return f"({args[0]} {INFIX[node.op]} {args[1]})"
    if node.op == "neg":
        return f"(-{args[0]})"
    if node.op == "l2":
        return f"sum({args[0]} ** 2)"
    if node.op in FUNCTIONS:
        return f"{node.op}({', '.join(args)})"
    return None


def _operand(node: Node) -> str:
    if node.kind == "const":
        return f"({node.value!r})"
    return node.name
