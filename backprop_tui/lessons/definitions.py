"""Each computed node as an expression over its inputs, e.g. {"q": "(x + y)"}.

The answer checker uses these to keep its random test points consistent: a learner may
write an answer over any node names (`apple_price * tax / apple`), and the checker must
know that apple_price is apple * apple_num when it tries other values.
"""

from __future__ import annotations

from backprop_tui.engine.graph import Graph, Node
from backprop_tui.engine.ops import OPS


def definitions(graph: Graph) -> dict[str, str]:
    """Expressions for the op nodes (answers may call every op, so that is all of them)."""
    found = {}
    for name, node in graph.nodes.items():
        if node.kind == "op":
            text = _expression(node, graph)
            if text is not None:
                found[name] = text
    return found


def _expression(node: Node, graph: Graph) -> str:
    args = [_operand(graph.nodes[i]) for i in node.inputs]
    symbol = OPS[node.op].symbol
    if symbol is not None:
        return f"({args[0]} {symbol} {args[1]})"
    if node.op == "neg":
        return f"(-{args[0]})"
    return f"{node.op}({', '.join(args)})"


def _operand(node: Node) -> str:
    if node.kind == "const":
        return f"({node.value!r})"
    return node.name
