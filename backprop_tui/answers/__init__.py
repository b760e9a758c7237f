"""Checking the answers learners type: a safe parser, numeric equivalence and mistake rules.

Pure Python + NumPy + SymPy; this package never imports Textual.

Public API::

    check(answer, expected, variables, *, misconceptions=(), previous=None, forward_values=None,
          branch_terms=None, tolerance=None, exact=False, definitions=None) -> Verdict
    parse_answer(text, variables) -> ParsedAnswer   # raises AnswerError(message, position)
    evaluate(expression, variables) -> float | numpy.ndarray   # raises AnswerError

Safety: learner text is never given to ``eval``, ``exec``, ``compile``, ``sympify`` or
``parse_expr``. It is rewritten by a small tokenizer (scan.py, tokens.py), parsed with
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

Grading by value (compare.py): at the lesson's values an answer is right when each entry is
within the question's tolerance of the key, whatever digits were typed: by default 2%
(``0.79`` for 0.7864; ``-0.2`` and ``-0.20`` for -0.1966 alike). ``tolerance`` (relative) and
``sig_digits`` tighten it; an answer within 2.5 times the allowance (at least the default's) is
"imprecise" (not counted), with a message naming the entries that fall short. Padding with
``*1.0`` changes nothing: ``0.50*1.0*1.0`` is 0.5. Where a known mistake (misconception, a
forgotten branch) lies within the tolerance of the key, each entry's allowance shrinks to half
the distance between them; an answer within the tolerance of the key that is then neither is
"imprecise" ("give more digits"). Misconceptions match with the same tolerance as the key.

The general test always runs for an answer with a variable: at the random points it is compared
with a tolerance of 1e-6, after numbers read off the screen are replaced by the names they stand
for (general.py: ``-2.456*h*(1-h)`` becomes ``u*h*(1-h)`` when u = -2.4561234,
``outer([-0.5, 0.25], x)`` becomes ``outer(delta, x)``). Small whole numbers never stand for
a name, so ``2x`` for x² is a "coincidence" when x = 2, and so are ``x^2*1.0`` and ``x*x + 0.0``
for ``2*x``.

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
- "imprecise" (not counted) replaces "wrong" or "partial_entries" when a typed answer is close
  to the key but outside its tolerance, and any rule but a misconception or missing branch when
  the answer is within the tolerance of the key but kept from it by a mistake nearby;
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
