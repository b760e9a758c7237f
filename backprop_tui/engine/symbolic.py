"""Local derivatives as SymPy expressions, for nodes whose inputs are scalars.

SymPy is imported only here and only when a symbolic form is asked for, so that
programs which never show one do not pay for importing it.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from backprop_tui.engine.graph import Graph
from backprop_tui.engine.ops import OPS


def local_derivatives(graph: Graph, name: str, values=None) -> list | None:
    """d(name)/d(input) for each input as SymPy expressions over the inputs' names.

    None when the op has no symbolic form or (given `values`) an input of a non-elementwise
    op is not a scalar.
    Constants appear as numbers, other inputs as symbols named after their nodes.
    """
    node = graph.nodes[name]
    op = OPS.get(node.op) if node.op else None
    if op is None or op.symbolic is None or node.kind != "op":
        return None
    if values is not None and any(np.ndim(values[i]) for i in node.inputs) and not (
            op.elementwise and np.ndim(values[name]) >= max(np.ndim(values[i]) for i in node.inputs)):
        return None  # elementwise ops apply the same formula to every element (max(v) reduces)
    namespace = _namespace()
    args = [_argument(namespace, graph, source) for source in node.inputs]
    return op.symbolic(namespace, *args)


class _SympyWithSigmoid:
    """SymPy's names, plus σ as a function of its own so derivatives read σ(x)(1 − σ(x))."""

    def __init__(self):
        import sympy

        self._sympy = sympy

        def fdiff(self, argindex=1):
            return self * (1 - self)

        def rewrite_as_exp(self, x, **hints):
            return 1 / (1 + sympy.exp(-x))

        self.sigmoid = type("σ", (sympy.Function,), {
            "nargs": 1, "fdiff": fdiff, "_eval_rewrite_as_exp": rewrite_as_exp,
        })

    def __getattr__(self, name):
        return getattr(self._sympy, name)


@lru_cache(maxsize=1)
def _namespace() -> _SympyWithSigmoid:
    return _SympyWithSigmoid()


def _argument(sympy, graph: Graph, source: str):
    node = graph.nodes[source]
    if node.kind == "const":
        return sympy.nsimplify(node.value)
    return _symbol(source)


@lru_cache(maxsize=4096)
def _symbol(name: str):
    import sympy

    return sympy.Symbol(name, real=True)


def pretty(expression) -> str:
    """One-line unicode text of an expression, e.g. 'σ(x)·(1 − σ(x))'-like SymPy output."""
    import sympy

    return sympy.pretty(expression, use_unicode=True, wrap_line=False)


def inline(expression) -> str:
    """A one-line form for running text: 'σ(x)·(1 - σ(x))', 'x^2'."""
    import sympy

    return sympy.sstr(expression).replace("**", "^").replace("*", "·")
