"""Checking the answers learners type: a safe parser, numeric equivalence and mistake rules.

Pure Python + NumPy + SymPy; this package never imports Textual.

Public API::

    check(answer, expected, variables, *, misconceptions=(), previous=None, forward_values=None,
          branch_terms=None, tolerance=None, exact=False, definitions=None) -> Verdict
    parse_answer(text, variables) -> ParsedAnswer   # raises AnswerError(message, position)
    evaluate(expression, variables) -> float | numpy.ndarray   # raises AnswerError

Safety: learner text is never given to ``eval``, ``exec``, ``compile``, ``sympify`` or
``parse_expr``. It is rewritten by a small tokenizer (tokens.py), parsed with
``ast.parse(mode="eval")`` and walked with a whitelist (parse.py), building SymPy expressions
node by node. Length (500 characters), tokens, nesting depth, tree size, integer literals
(10**12), exponents (64) and array sizes are bounded; anything else is a Verdict, not an error.

Arrays: each variable is one SymPy Symbol standing for a whole NumPy array; elementwise maths is
plain SymPy, and matrix product, transpose, sum, ... are unevaluated functions (functions.py).
Juxtaposition is a matrix product when a 2-D matrix is involved and the shapes fit
(``W^T delta``, ``delta x^T``), an elementwise product otherwise (``2x``, ``σ(z)(1-σ(z))``); it
binds like ``*``, so ``1/2x`` is ``(1/2)*x``. Vectors are columns, as in the lecture: for 1-D
vectors ``δ xᵀ``, ``delta x^T`` and ``delta @ x.T`` are the outer product (a column times a row;
also a vector times a 1×n matrix), while ``xᵀ y`` and ``x.T @ y`` are the dot product; ``x y``
stays elementwise and ``x @ y`` the dot product, as in NumPy. ``^T`` is a transpose unless the
lesson has a variable named ``T``. ASCII names are never split: ``wx`` is an error suggesting
``w*x``. A leading Greek letter that means a lesson variable, a function or a constant is split
off an otherwise unknown name: ``2λW`` is ``2*λ*W``, ``σz`` is ``σ(z)``, ``2πx`` is ``2*π*x``
(``λW`` stays one name if the lesson has a variable ``λW``). Greek letters find variables
spelled out (``λ`` -> ``lambda``, also ``lam``; ``δ`` -> ``delta``).

Equivalence: answer and key are evaluated at the lesson's values and, when both contain
variables, at four seeded random points (two near the lesson's values, two of either sign, never
near 0). Pass ``definitions`` ({node: expression}) when variables depend on each other, so the
random points stay consistent. A key without variables is compared at the lesson's values only.

Numbers read off the screen: an answer that mixes node names with numbers copied from the
screen ("upstream × local" as ``-2.456*h*(1-h)``, ``outer([-0.5, 0.25], x)``) is judged at the
lesson's values only, like a plain number, so it is never called a "coincidence". That is an
answer with a decimal number (``0.25``, ``1e-3``), a vector or matrix literal with a number in
it, an integer from 100 up, or an integer other than 0 and 1 equal to a lesson value
(``2*s*(1-s)`` when x = 2). Numbers in exponents (``x^2``, ``x^0.5``) never count. Pure formulas
(names and small integers: ``2*x``, ``a*(1-a)``) are still checked at the random points too.

Precision rule: an answer typed as plain numbers is accepted entry by entry when it is within
half a unit of its last typed digit of the key and has at least min(2, digits of the key)
significant digits; for -0.19661193, "-0.1966", "-0.197" and "-0.20" are right, "-0.2" is
"imprecise" (not counted as an attempt) and "-0.19" is wrong. An expression built from rounded
numbers (``2*0.6225*0.3775``, ``0.47*2``, ``1.583 + 0.009046``, ``-2.456*h``) gets the error that
rounding them can cause: each decimal (and each integer from 100 up; small integers and
exponents are exact) may be off by half a unit of its last typed digit, and that is carried
through the expression to first order (the answer is re-evaluated with each number moved by
its half unit; the changes add up), times 1.25 for safety and at most half the answer
(rounding.py). Every rounded number
behind an entry needs min(2, digits of the key) significant digits, else "imprecise"; a number
equal to a lesson value (``0.5`` when a node is exactly 0.5) counts as exact. Everything is
also accepted within relative tolerance ``tolerance`` (default 1e-6).

A rounded answer that would also fit, so rounded, an author-listed misconception or a branch
term (or the sum of some but not all branch terms: a path forgotten) is "imprecise" ("give
more digits"), not correct: with key 1.592 and one path giving 1.583, "1.6" is imprecise and
"1.59" correct.

``exact=True`` additionally requires the difference to reduce to 0 (``expand``, ``cancel``,
then ``simplify``; sigmoid and relu rewritten in elementary terms), computed in a worker process
with a 2 s time limit and a memory limit (exact.py); a timeout gives rule "undecided".

Verdict rules, in the order they are tried:

- format errors, not counted as attempts: "too_long", "syntax" (with ``position``),
  "unknown_name" (with a suggestion), "unsafe", "too_complex", "shape_mismatch" (the typed
  expression itself mixes incompatible shapes), "undefined" (e.g. 1/0);
- "correct"; with ``exact``: "not_exact", "undecided" (not counted);
- "coincidence" (right at the lesson's values, wrong as a formula);
- "misconception" (an author-listed wrong answer: an expression, a number or a nested list,
  with the author's message), "transposed",
  "wrong_shape", "sign", "forward_value", "missing_branch", "factor" (×2, ×½, ×N, ×1/N for N up
  to 9 or an array's size, powers of ten, and their negatives), "missing_factor",
  "extra_factor", "partial_entries", and finally "wrong" (echoing how the answer was read);
- "imprecise" (not counted) replaces "wrong" or "partial_entries" when the typed numbers round
  to the key but have too few digits, and "correct" when a rounded answer also fits a mistake;
- "same_as_previous" replaces any of those when the answer equals the previous attempt (not
  counted); "invalid_key" and "internal" report a broken question or a checker bug.
"""

from .verdict import AnswerError, Verdict

__all__ = ["AnswerError", "ParsedAnswer", "Verdict", "check", "evaluate", "parse_answer"]

# SymPy takes most of a second to import: the checking modules that need it load on first use,
# so that importing this package (every start of the app) does not pay for it.
_LAZY = {"check": "checker", "evaluate": "evaluation", "parse_answer": "parse",
         "ParsedAnswer": "parse"}


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value
    return value
