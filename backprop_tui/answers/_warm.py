"""Preloaded by the exact-check forkserver only: pay SymPy's lazy imports once, not per check."""

import sympy

_x = sympy.Symbol("x")
sympy.simplify(sympy.exp(_x) * sympy.sin(_x) ** 2 + sympy.cos(_x) ** 2 / (1 + sympy.exp(-_x)))
