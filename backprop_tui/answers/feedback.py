"""Rules that name the likely mistake in an answer that is not equivalent to the key.

Each rule looks at a ``Case`` and returns ``(rule_id, message)`` or None; ``explain`` tries them
in order (author-listed misconceptions first, the generic "wrong" last). The rules for the
losses and the update step are in `loss_rules`.
"""

from __future__ import annotations

import itertools
from typing import Callable, Iterator

import numpy as np
import sympy

from .case import Case
from .compare import Values, entries_match
from .env import Env
from .loss_rules import (ascent_rule, class_index_rule, missing_margin_rule, no_minus_one_rule,
                         wrong_slice_rule)
from .rules import Finding, Rule

MAX_FACTOR_SUBSET = 3
MAX_FACTORS = 6  # at most 41 products of 1 to 3 of them are tried
MAX_BRANCHES = 8


def _combine(operation: Callable, left: Values, right: Values) -> Values:
    """Pointwise ``operation`` on two value lists (None stays None)."""
    with np.errstate(all="ignore"):
        return [None if a is None or b is None else operation(a, b) for a, b in zip(left, right)]


def _scaled(values: Values, factor: float) -> Values:
    return [None if v is None else factor * v for v in values]


def _show(expr: sympy.Expr) -> str:
    text = sympy.sstr(expr, full_prec=False)
    return f"({text})" if expr.is_Add else text


def _shape_text(shape: tuple[int, ...]) -> str:
    return "a single number" if shape == () else str(shape)


def misconception_rule(case: Case) -> Finding | None:
    for parsed, message in case.misconceptions:
        if case.matches(case.values(parsed)):
            return Rule.MISCONCEPTION, message
    return None


def shape_rule(case: Case) -> Finding | None:
    shape, wanted = case.answer.shape, case.key_shape
    transposed = [None if v is None else v.T for v in case.key_values]
    if len(shape) == 2 and shape == wanted[::-1] and case.matches(transposed):
        return Rule.TRANSPOSED, (f"Your answer is the transpose of the gradient. A gradient has the "
                              f"shape of its parameter: {_shape_text(wanted)} here.")
    if shape == wanted:
        return None
    answer, key = case.answer_values[0], case.key_values[0]
    if answer is not None and key is not None and answer.size == key.size and entries_match(
            answer.ravel(), key.ravel(), case.tolerance.allowance(key.ravel(), capped=False)).all():
        return Rule.WRONG_SHAPE, (f"The numbers are right but the shape is not: {_shape_text(shape)} "
                               f"instead of {_shape_text(wanted)}.")
    yours = "is a single number" if shape == () else f"has shape {shape}"
    return Rule.WRONG_SHAPE, (f"Your answer {yours}, but a gradient has the shape of its parameter: "
                           f"{_shape_text(wanted)} here.")


def sign_rule(case: Case) -> Finding | None:
    if case.matches(_scaled(case.key_values, -1.0)):
        return Rule.SIGN, ("Right size, wrong sign. Check the sign of each local gradient "
                        "(a subtraction, a negative upstream gradient).")
    return None


def forward_value_rule(case: Case) -> Finding | None:
    for name, value in case.forward_values.items():
        if value.shape == case.key_shape and case.matches([value]):
            return Rule.FORWARD_VALUE, (f"That is the forward value of {name}, not a gradient. "
                                     "Gradients flow backward from the output.")
    return None


def branch_rule(case: Case) -> Finding | None:
    terms = [case.values(term) for term in case.branch_terms[:MAX_BRANCHES]]
    for size in range(1, len(terms)):
        for subset in itertools.combinations(terms, size):
            total = subset[0]
            for term in subset[1:]:
                total = _combine(np.add, total, term)
            if case.matches(total):
                return Rule.MISSING_BRANCH, (
                    f"Your answer counts {size} of the {len(terms)} paths through this node. "
                    "Where a value fans out, the gradients from all branches add up.")
    return None


def _nice_factors(env: Env) -> Iterator[tuple[float, str, str]]:
    """(factor, label, hint) for the constant factors learners commonly get wrong."""
    yield 2.0, "2", "Look for a factor of 2 counted twice, e.g. from d(x²)/dx = 2x."
    yield 0.5, "1/2", "Look for a missing factor of 2, e.g. from d(x²)/dx = 2x."
    for name, value in env.values.items():
        if 1 < value.size <= 10_000:
            hint = f"{value.size} is the number of entries in {name}: check sum versus mean."
            yield float(value.size), str(value.size), hint
            yield 1.0 / value.size, f"1/{value.size}", hint
    for n in range(3, 10):
        hint = "Look for a constant factor that is missing or extra."
        yield float(n), str(n), hint
        yield 1.0 / n, f"1/{n}", hint
    for power in (1, 2, 3):
        yield 10.0**power, f"{10**power}", "Check the decimal point."
        yield 10.0**-power, f"1/{10**power}", "Check the decimal point."


def _ratio(answer: np.ndarray | None, key: np.ndarray | None) -> float | None:
    """The constant answer/key ratio at the lesson's point, if there is one."""
    if answer is None or key is None or answer.shape != key.shape:
        return None
    nonzero = np.abs(key) > 1e-12
    if not nonzero.any():
        return None
    ratios = answer[nonzero] / key[nonzero]
    middle = float(np.median(ratios))
    return middle if np.allclose(ratios, middle, rtol=0.05) else None


def factor_rule(case: Case) -> Finding | None:
    ratio = _ratio(case.answer_values[0], case.key_values[0])
    if ratio is None:
        return None
    for sign in (1.0, -1.0):
        for factor, label, hint in _nice_factors(case.env):
            factor *= sign
            if abs(ratio - factor) <= 0.05 * abs(factor) and case.matches(
                    _scaled(case.key_values, factor)):
                shown = label if sign > 0 else f"-{label}"
                return Rule.FACTOR, f"Your answer is {shown} × the right value. {hint}"
    return None


def _factor_products(case: Case, expr: sympy.Expr) -> Iterator[tuple[sympy.Expr, Values]]:
    """Products of up to 3 non-constant factors of ``expr`` (with or without its numeric
    coefficient), short of the whole of ``expr``, with their values at the case's points.

    Each factor is evaluated once; products are formed from those values.
    """
    args = sympy.Mul.make_args(expr)
    coefficient = sympy.Mul(*(a for a in args if a.is_Number))  # never evalf a constant term
    factors = [a for a in args if a.free_symbols]
    factors += [a.base for a in factors if a.is_Pow and a.exp.is_Integer and a.exp > 1]  # x of x²
    factors = factors[:MAX_FACTORS]
    values = [case.expr_values(factor) for factor in factors]
    try:
        scale = float(coefficient)
    except (TypeError, OverflowError):  # only products without it are tried
        coefficient, scale = sympy.Integer(1), 1.0
    for size in range(1, min(MAX_FACTOR_SUBSET, len(factors)) + 1):
        for subset in itertools.combinations(range(len(factors)), size):
            product = sympy.Mul(*(factors[i] for i in subset))
            product_values = values[subset[0]]
            for i in subset[1:]:
                product_values = _combine(np.multiply, product_values, values[i])
            if product != expr:
                yield product, product_values
            if coefficient != 1 and coefficient * product != expr:
                yield coefficient * product, _scaled(product_values, scale)


def _scalar_variables(case: Case) -> Iterator[tuple[str, np.ndarray]]:
    for name, value in case.env.values.items():
        if value.shape == () and abs(float(value)) not in (0.0, 1.0):
            yield name, value


def missing_factor_rule(case: Case) -> Finding | None:
    hint = "Did you forget the upstream gradient or a local derivative (chain rule)?"
    if case.key_expr is None:
        for name, value in _scalar_variables(case):
            if case.matches(_scaled(case.key_values, 1.0 / float(value))):
                return Rule.MISSING_FACTOR, f"Your answer × {name} would be right. {hint}"
        return None
    for factor, values in _factor_products(case, case.key_expr):
        if case.matches(_combine(np.divide, case.key_values, values)):
            return Rule.MISSING_FACTOR, f"A factor is missing: your answer × {_show(factor)} " \
                                     f"would be right. {hint}"
    return None


def extra_factor_rule(case: Case) -> Finding | None:
    if case.key_expr is None:
        for name, value in _scalar_variables(case):
            if case.matches(_scaled(case.key_values, float(value))):
                return Rule.EXTRA_FACTOR, f"Your answer has an extra factor {name}: without it, " \
                                       "it would be right."
    for factor, values in _factor_products(case, case.answer.expr):
        if case.matches(_combine(np.multiply, case.key_values, values)):
            return Rule.EXTRA_FACTOR, f"Your answer has an extra factor {_show(factor)}: " \
                                   "without it, it would be right."
    return None


def partial_entries_rule(case: Case) -> Finding | None:
    answer, key = case.answer_values[0], case.key_values[0]
    if answer is None or key is None or answer.shape != key.shape or key.size < 2:
        return None
    right = entries_match(answer, key, case.tolerance.allowance(key))
    count = int(right.sum())
    if not 0 < count < key.size:
        return None
    wrong = [[int(i) for i in index] for index in zip(*np.nonzero(~right))][:3]
    places = ", ".join(str(index) for index in wrong)
    return Rule.PARTIAL_ENTRIES, (f"{count} of {key.size} entries are right; check the entries at "
                               f"{places}{', ...' if key.size - count > 3 else ''}.")


def local_downstream_rule(case: Case) -> Finding | None:
    """The local gradient where the downstream one was asked, or the other way round."""
    key, upstream = case.finite_key(), case.upstream
    if key is None or upstream is None or not np.all(np.isfinite(upstream)):
        return None
    with np.errstate(all="ignore"):
        if case.asks in ("downstream", "grad") and np.all(upstream != 0) and case.matches(
                [np.broadcast_to(key / upstream, key.shape)]):
            return Rule.LOCAL_ONLY, ("That is the local gradient only: the downstream gradient "
                                     "is upstream × local (chain rule).")
        if case.asks == "local" and case.matches([np.broadcast_to(key * upstream, key.shape)]):
            return Rule.DOWNSTREAM_FOR_LOCAL, ("That already includes the upstream gradient: the "
                                               "local gradient is the gate's own derivative.")
    return None


def wrong_node_rule(case: Case) -> Finding | None:
    """The gradient of another node (the lesson's ∂L/∂n values)."""
    key = case.finite_key()
    if key is None:
        return None
    for name, value in case.env.values.items():
        if name.startswith("∂L/∂") and value.shape == key.shape and not np.allclose(value, key) \
                and case.matches([value]):
            return Rule.WRONG_NODE, (f"That is {name}, the gradient of {name[4:]}: this question "
                                     "is about another node.")
    return None


RULES: tuple[Callable[[Case], Finding | None], ...] = (
    misconception_rule, class_index_rule, shape_rule, sign_rule, ascent_rule, no_minus_one_rule,
    missing_margin_rule, wrong_slice_rule, local_downstream_rule, forward_value_rule,
    wrong_node_rule, branch_rule, factor_rule, missing_factor_rule, extra_factor_rule,
    partial_entries_rule,
)


def explain(case: Case) -> Finding:
    """The first rule that recognises the mistake, or a generic "wrong" echoing the reading."""
    for rule in RULES:
        finding = rule(case)
        if finding is not None:
            return finding
    reading = case.answer.interpretation
    value = case.answer_values[0]
    if case.answer.symbols and value is not None and value.shape == ():
        reading += f" = {float(value):.6g} here" if np.isfinite(value) else " (undefined here)"
    return Rule.WRONG, f"Not quite. I read your answer as {reading}."
