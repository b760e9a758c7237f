"""The functions and constants a learner may use: the engine's ops, as SymPy functions.

The functions are the op registry's (``backprop_tui.engine.ops``): a learner may call every op
that is not written as an operator, under its name or an alias, and an op registered anywhere
is callable here at once. How arrays are represented: each lesson variable is one plain,
commutative SymPy ``Symbol`` that stands for a whole NumPy array (a scalar is a 0-d array).
``+ - * / **``, exp, log, ... act elementwise, as in NumPy. An op SymPy has no function for
(sigmoid, relu, sum, softmax, ...) is an unevaluated ``bp_<name>`` function, so SymPy never
reorders or merges it; lambdify maps it to the op's forward (``numpy_namespace``) and exact
checks rewrite it with the op's ``elementary`` form. Shapes are tracked by the parser
(build.py), not by SymPy.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

import numpy as np
import sympy
from sympy.printing.pretty.stringpict import prettyForm

from backprop_tui.engine.ops import OPS


class LearnerFunction(sympy.Function):
    """An unevaluated function printed under its learner-facing name."""

    label = ""
    pretty_label: str | None = None

    def _sympystr(self, printer):
        return f"{self.label}({', '.join(printer._print(a) for a in self.args)})"

    def _pretty(self, printer):
        return printer._print_Function(self, func_name=self.pretty_label or self.label)


class bp_matmul(LearnerFunction):
    nargs = 2
    precedence = 45  # binds looser than *, so a product around it prints parentheses; its
    # right operand is bracketed when it is a product too (in Python, W @ u*v is (W @ u)*v)

    def _sympystr(self, printer):
        left, right = self.args
        return (f"{printer.parenthesize(left, self.precedence)} @ "
                f"{printer.parenthesize(right, sympy.printing.precedence.PRECEDENCE['Mul'])}")

    def _pretty(self, printer):
        left, right = (printer._print(a) for a in self.args)
        if not self.args[0].is_Atom and not isinstance(self.args[0], (sympy.Function, bp_matmul)):
            left = prettyForm(*left.parens())
        if not self.args[1].is_Atom and not isinstance(self.args[1], sympy.Function):
            right = prettyForm(*right.parens())
        form = prettyForm(*left.right(" @ ", right))
        form.binding = prettyForm.ADD  # a surrounding product puts it in parentheses
        return form


class bp_transpose(LearnerFunction):
    nargs = 1

    def _sympystr(self, printer):
        arg = self.args[0]
        text = printer._print(arg)
        return f"{text}.T" if arg.is_Atom or isinstance(arg, sympy.Function) else f"({text}).T"

    def _pretty(self, printer):
        form = printer._print(self.args[0])
        if not self.args[0].is_Atom and not isinstance(self.args[0], sympy.Function):
            form = prettyForm(*form.parens())
        return form ** prettyForm("T")


class bp_outer(LearnerFunction):
    """The outer product of juxtaposition, ``δ xᵀ``: a column times a row (numpy.outer)."""

    nargs, label = 2, "outer"


class bp_stack(LearnerFunction):
    """A literal vector or matrix ``[a, b, ...]`` (rows of equal shape)."""

    def _sympystr(self, printer):
        return f"[{', '.join(printer._print(a) for a in self.args)}]"

    def _pretty(self, printer):
        return printer._print_seq(self.args, "[", "]")


def _stack(*rows):
    return np.stack(np.broadcast_arrays(*(np.asarray(r, dtype=float) for r in rows)))


# The notation that is not an op of its own: juxtaposition's matrix product and outer product
# (vectors read as columns), a transpose, a literal vector or matrix.
_STRUCTURAL: dict[str, Callable] = {
    "bp_matmul": np.matmul, "bp_transpose": np.transpose, "bp_outer": np.outer, "bp_stack": _stack,
}


@lru_cache(maxsize=None)
def _learner_function(name: str, arities: tuple[int, ...] | None,
                      pretty_name: str | None) -> type[LearnerFunction]:
    attributes = {"label": name, "pretty_label": pretty_name}
    if arities is not None:
        attributes["nargs"] = arities
    return type(f"bp_{name}", (LearnerFunction,), attributes)


def make(name: str, *args: sympy.Expr) -> sympy.Expr:
    """The SymPy expression of the registered op ``name`` applied to ``args``: SymPy's own
    function where the op names one (unevaluated, so that exp(exp(1e300)) is never computed),
    else an unevaluated ``bp_<name>`` that lambdify maps to the op's forward."""
    op = OPS[name]
    if op.sympy_name is not None:
        return getattr(sympy, op.sympy_name)(*args, evaluate=False)
    return _learner_function(name, op.arities, op.pretty_name)(*args)


DERIVATIVE = "_d_"  # prefix of the emitted name of a derivative, σ′(z) -> _d_sigmoid(z)


def derivable(name: str) -> bool:
    """Can a learner write ``name′(x)``? For one-input elementwise ops with a symbolic form."""
    op = OPS[name]
    return op.arities == (1,) and op.elementwise and op.symbolic is not None


class _AnswerSympy:
    """SymPy's names, with the ops as the answer checker builds them: an op's symbolic
    derivative written with this namespace is an answer expression (σ′ -> σ(z)(1 − σ(z)))."""

    def __getattr__(self, name: str):
        if name in OPS:
            return lambda *args: make(name, *args)
        return getattr(sympy, name)


def derivative(name: str, arg: sympy.Expr) -> sympy.Expr:
    """``name′(arg)`` as an expression, from the op's symbolic derivative."""
    return OPS[name].symbolic(_AnswerSympy(), arg)[0]


def numpy_namespace() -> dict[str, Callable]:
    """What ``sympy.lambdify`` calls for each unevaluated function: every op's forward."""
    namespace: dict[str, Callable] = {f"bp_{name}": op.forward for name, op in OPS.items()}
    namespace.update(_STRUCTURAL)
    return namespace


def elementary(expr: sympy.Expr) -> sympy.Expr:
    """``expr`` with every op that has an elementary form written in it (sigmoid via exp, ...),
    for exact checks; the others stay unevaluated functions."""

    def form(function: sympy.Expr) -> sympy.Expr | None:
        op = OPS.get(getattr(function, "label", ""))
        if op is None or op.elementary is None or not isinstance(function, LearnerFunction):
            return None
        return op.elementary(sympy, *function.args)

    return expr.replace(lambda e: form(e) is not None, form)


def function_named(raw: str) -> str | None:
    """The op a learner means by ``raw`` (its name or an alias, any case), or None."""
    for candidate in (raw, raw.lower()):
        if candidate in OPS:
            return candidate
        for name, op in OPS.items():
            if candidate in op.aliases:
                return name
    return None


def function_names() -> list[str]:
    """The names a learner may call, for messages: the ops that are not written as operators."""
    return sorted(name for name, op in OPS.items() if op.symbol is None and name != "neg")


CONSTANTS: dict[str, sympy.Expr] = {"pi": sympy.pi, "e": sympy.E}
CONSTANT_ALIASES: dict[str, str] = {"π": "pi"}
