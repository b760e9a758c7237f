"""SymPy expressions written the way a lecture writes them, for a learner to read.

`1[z > 0]` for a step function, `{1 if z > 0; a otherwise}` for cases, `den²`, `√x`,
`σ(z)·(1 − σ(z))` — never SymPy's own `Heaviside(z, 0)` or `Piecewise((1, z > 0), ...)`.
Only the explanation builder calls this (SymPy is imported lazily, when a formula is made);
renderers receive the finished strings.
"""

from __future__ import annotations

from functools import lru_cache

SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def learner(expression) -> str:
    """'σ(z)·(1 − σ(z))', '1[z > 0]', '-1/den²', '{1 if z > 0; a otherwise}'."""
    return _printer().doprint(expression)


@lru_cache(maxsize=1)
def _printer():
    from sympy import Add, Integer, Mul, Pow, Rational
    from sympy.logic.boolalg import BooleanTrue
    from sympy.printing.precedence import PRECEDENCE, precedence
    from sympy.printing.str import StrPrinter

    def sides(argument):
        """a − b as ('a', 'b'): positive terms on the left, negated negative ones on the right."""
        left, right = [], []
        for term in Add.make_args(argument):
            (right if term.could_extract_minus_sign() else left).append(term)
        return Add(*left), Add(*(-t for t in right))

    class LearnerPrinter(StrPrinter):
        def _print_Heaviside(self, expr):
            argument, at_zero = (expr.args + (None,))[:2]
            left, right = sides(argument)
            relation = "≥" if at_zero == 1 else ">"
            return f"1[{self._print(left)} {relation} {self._print(right)}]"

        def _print_Piecewise(self, expr):
            cases = []
            for value, condition in expr.args:
                if isinstance(condition, BooleanTrue):
                    cases.append(f"{self._print(value)} otherwise")
                else:
                    cases.append(f"{self._print(value)} if {self._print(condition)}")
            return "{" + "; ".join(cases) + "}"

        def _print_And(self, expr):
            chain = _chained(expr)
            if chain is not None:
                return chain
            return " and ".join(self.parenthesize(a, PRECEDENCE["And"]) for a in expr.args)

        def _print_Relational(self, expr):
            return f"{self._print(expr.lhs)} {expr.rel_op} {self._print(expr.rhs)}"

        def _print_Pow(self, expr, rational=False):
            base, exponent = expr.args
            if exponent == Rational(1, 2):
                return "√" + self.parenthesize(base, PRECEDENCE["Pow"])
            if exponent.is_Integer and exponent > 1:
                return self.parenthesize(base, PRECEDENCE["Pow"]) + str(exponent).translate(SUPERSCRIPTS)
            if exponent.is_Integer and exponent < 0:
                return "1/" + self.parenthesize(Pow(base, -exponent), PRECEDENCE["Mul"])
            return super()._print_Pow(expr, rational)

        def _print_Mul(self, expr):
            coefficient, factors = expr.as_coeff_mul()
            numerator, denominator = [], []
            for factor in factors:
                if factor.is_Pow and factor.exp.is_negative:
                    denominator.append(Pow(factor.base, -factor.exp))
                else:
                    numerator.append(factor)
            if coefficient.is_Rational and coefficient.q != 1:
                denominator.insert(0, Integer(coefficient.q))
                coefficient = Integer(coefficient.p)
            sign = "-" if coefficient.could_extract_minus_sign() else ""
            coefficient = abs(coefficient)
            if coefficient != 1 or not numerator:
                numerator.insert(0, coefficient)
            # sums last, so σ(z)·(1 − σ(z)) reads in the lecture's order
            numerator.sort(key=lambda f: isinstance(f, Add))
            top = "·".join(self.parenthesize(f, PRECEDENCE["Mul"]) for f in numerator)
            if not denominator:
                return sign + top
            bottom = "·".join(self.parenthesize(f, PRECEDENCE["Mul"]) for f in denominator)
            if len(denominator) > 1:
                bottom = f"({bottom})"
            if len(numerator) > 1 and precedence(Mul(*numerator)) < PRECEDENCE["Mul"]:
                top = f"({top})"
            return f"{sign}{top}/{bottom}"

        def _print_Float(self, expr):
            return f"{float(expr):g}"

        def _print_Rational(self, expr):
            """A number the lesson wrote as a decimal (0.1, SymPy's 1/10) reads as one again."""
            q = expr.q
            for factor in (2, 5):
                while q % factor == 0:
                    q //= factor
            return f"{float(expr):g}" if q == 1 else super()._print_Rational(expr)

    def _chained(expr):
        """(x > −1) ∧ (x < 1) as '−1 < x < 1'."""
        if len(expr.args) != 2:
            return None
        lows = []
        for relation in expr.args:
            if not relation.is_Relational or relation.rel_op not in ("<", ">", "<=", ">="):
                return None
            small, big = (relation.lhs, relation.rhs) if "<" in relation.rel_op else (relation.rhs, relation.lhs)
            strict = "<" if relation.rel_op in ("<", ">") else "≤"
            lows.append((small, strict, big))
        (a_small, a_rel, a_big), (b_small, b_rel, b_big) = lows
        printer = LearnerPrinter()
        if a_big == b_small and a_big.is_Symbol:
            return f"{printer._print(a_small)} {a_rel} {printer._print(a_big)} {b_rel} {printer._print(b_big)}"
        if b_big == a_small and b_big.is_Symbol:
            return f"{printer._print(b_small)} {b_rel} {printer._print(b_big)} {a_rel} {printer._print(a_big)}"
        return None

    return LearnerPrinter()
