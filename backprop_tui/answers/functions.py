"""The functions and constants a learner may use: SymPy functions with NumPy implementations.

How arrays are represented: each lesson variable is one plain, commutative SymPy ``Symbol`` that
stands for a whole NumPy array (a scalar is a 0-d array). ``+ - * / **``, exp, log, ... act
elementwise, as in NumPy. The operations that are not elementwise (matrix product, transpose,
sum, outer, softmax, ...) are the unevaluated ``bp_*`` functions below, so SymPy never reorders
or merges them. Shapes are tracked by the parser (build.py), not by SymPy. Each ``bp_*`` class
prints under its learner-facing name and maps to a NumPy function in ``NUMPY_NAMESPACE``, which
``sympy.lambdify`` uses to compile expressions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import sympy
from sympy.printing.pretty.stringpict import prettyForm


class LearnerFunction(sympy.Function):
    """An unevaluated function printed under its learner-facing name."""

    label = ""
    pretty_label: str | None = None

    def _sympystr(self, printer):
        return f"{self.label}({', '.join(printer._print(a) for a in self.args)})"

    def _pretty(self, printer):
        return printer._print_Function(self, func_name=self.pretty_label or self.label)


class bp_sigmoid(LearnerFunction):
    nargs, label, pretty_label = 1, "sigmoid", "σ"


class bp_relu(LearnerFunction):
    nargs, label = 1, "relu"


class bp_step(LearnerFunction):
    """Heaviside step (0 at 0): the derivative of relu."""

    nargs, label = 1, "step"


class bp_softmax(LearnerFunction):
    nargs, label = 1, "softmax"


class bp_sum(LearnerFunction):
    nargs, label = 1, "sum"


class bp_mean(LearnerFunction):
    nargs, label = 1, "mean"


class bp_max(LearnerFunction):
    nargs, label = 1, "max"


class bp_min(LearnerFunction):
    nargs, label = 1, "min"


class bp_maximum(LearnerFunction):
    nargs, label = 2, "max"


class bp_minimum(LearnerFunction):
    nargs, label = 2, "min"


class bp_outer(LearnerFunction):
    nargs, label = 2, "outer"


class bp_dot(LearnerFunction):
    nargs, label = 2, "dot"


class bp_matmul(LearnerFunction):
    nargs = 2
    precedence = 45  # binds looser than *, so a product around it prints parentheses

    def _sympystr(self, printer):
        left, right = self.args
        return (f"{printer.parenthesize(left, self.precedence)} @ "
                f"{printer.parenthesize(right, sympy.printing.precedence.PRECEDENCE['Mul'], True)}")

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


class bp_stack(LearnerFunction):
    """A literal vector or matrix ``[a, b, ...]`` (rows of equal shape)."""

    def _sympystr(self, printer):
        return f"[{', '.join(printer._print(a) for a in self.args)}]"

    def _pretty(self, printer):
        return printer._print_seq(self.args, "[", "]")


def _sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(x, dtype=float)))  # no overflow for large |x|


def _softmax(x):
    x = np.asarray(x, dtype=float)
    if x.ndim == 0:
        return np.ones_like(x)
    shifted = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return shifted / np.sum(shifted, axis=-1, keepdims=True)


def _stack(*rows):
    return np.stack(np.broadcast_arrays(*(np.asarray(r, dtype=float) for r in rows)))


NUMPY_NAMESPACE: dict[str, Callable] = {
    "bp_sigmoid": _sigmoid,
    "bp_relu": lambda x: np.maximum(x, 0.0),
    "bp_step": lambda x: np.heaviside(x, 0.0),
    "bp_softmax": _softmax,
    "bp_sum": np.sum,
    "bp_mean": np.mean,
    "bp_max": np.max,
    "bp_min": np.min,
    "bp_maximum": np.maximum,
    "bp_minimum": np.minimum,
    "bp_outer": np.outer,
    "bp_dot": np.dot,
    "bp_matmul": np.matmul,
    "bp_transpose": np.transpose,
    "bp_stack": _stack,
}


@dataclass(frozen=True)
class FunctionSpec:
    """A callable name: how many arguments, how it maps shapes, and how to build it in SymPy.

    ``shape`` is one of: "elementwise" (same shape as the argument), "reduce" (a number),
    "outer", "dot", "transpose", "extremum" (1 argument: reduce; 2: elementwise).
    """

    arities: tuple[int, ...]
    shape: str
    make: Callable[..., sympy.Expr]


def _unevaluated(function) -> Callable[[sympy.Expr], sympy.Expr]:
    # evaluate=False so that, e.g., exp(exp(1e300)) is never computed by SymPy itself.
    return lambda arg: function(arg, evaluate=False)


FUNCTIONS: dict[str, FunctionSpec] = {
    "exp": FunctionSpec((1,), "elementwise", _unevaluated(sympy.exp)),
    "log": FunctionSpec((1,), "elementwise", _unevaluated(sympy.log)),
    "sqrt": FunctionSpec((1,), "elementwise", _unevaluated(sympy.sqrt)),
    "sin": FunctionSpec((1,), "elementwise", _unevaluated(sympy.sin)),
    "cos": FunctionSpec((1,), "elementwise", _unevaluated(sympy.cos)),
    "tan": FunctionSpec((1,), "elementwise", _unevaluated(sympy.tan)),
    "sinh": FunctionSpec((1,), "elementwise", _unevaluated(sympy.sinh)),
    "cosh": FunctionSpec((1,), "elementwise", _unevaluated(sympy.cosh)),
    "tanh": FunctionSpec((1,), "elementwise", _unevaluated(sympy.tanh)),
    "abs": FunctionSpec((1,), "elementwise", _unevaluated(sympy.Abs)),
    "sigmoid": FunctionSpec((1,), "elementwise", bp_sigmoid),
    "relu": FunctionSpec((1,), "elementwise", bp_relu),
    "step": FunctionSpec((1,), "elementwise", bp_step),
    "softmax": FunctionSpec((1,), "elementwise", bp_softmax),
    "sum": FunctionSpec((1,), "reduce", bp_sum),
    "mean": FunctionSpec((1,), "reduce", bp_mean),
    "max": FunctionSpec((1, 2), "extremum", lambda *a: (bp_max if len(a) == 1 else bp_maximum)(*a)),
    "min": FunctionSpec((1, 2), "extremum", lambda *a: (bp_min if len(a) == 1 else bp_minimum)(*a)),
    "outer": FunctionSpec((2,), "outer", bp_outer),
    "dot": FunctionSpec((2,), "dot", bp_dot),
    "transpose": FunctionSpec((1,), "transpose", bp_transpose),
}

# Other spellings a learner may use for the functions above (lower-case lookups also work).
FUNCTION_ALIASES: dict[str, str] = {
    "ln": "log", "σ": "sigmoid", "sig": "sigmoid", "logistic": "sigmoid", "heaviside": "step",
    "maximum": "max", "minimum": "min", "average": "mean",
}

CONSTANTS: dict[str, sympy.Expr] = {"pi": sympy.pi, "e": sympy.E}
CONSTANT_ALIASES: dict[str, str] = {"π": "pi"}
