"""Forward passes of a graph with one value moved: what every finite difference is made of.

A node's value can be moved everywhere it is used (∂f/∂node), or only where one consumer
reads it, through one input slot (the part of ∂f/∂node that flows back along that edge).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from backprop_tui.engine.graph import Graph
from backprop_tui.engine.ops import OPS

Values = Mapping[str, np.ndarray]


def moved_values(graph: Graph, values: Values, node: str, delta, edge: tuple[str, int] | None = None) -> dict[str, np.ndarray]:
    """Every node's value after `node` is moved by `delta` (everywhere, or only where the
    consumer `edge` = (consumer, slot) reads it); nodes before it keep their values."""
    moved = dict(values)
    with np.errstate(all="ignore"):  # a probe may leave the function's domain: NaN, not a crash
        for item in graph.nodes.values():
            if item.name == node and edge is None:
                moved[node] = values[node] + delta
            elif item.kind == "op":
                args = [moved[name] for name in item.inputs]
                if edge is not None and edge[0] == item.name:
                    args[edge[1]] = args[edge[1]] + delta
                moved[item.name] = np.asarray(OPS[item.op].forward(*args), dtype=float)
    return moved


def output(graph: Graph, values: Values) -> float:
    """f: a non-scalar output is differentiated as its sum."""
    return float(np.sum(values[graph.output]))
