"""Feedback rules for mistakes of the losses and the update step: a class index where a one-hot
vector belongs, softmax's missing − 1, the SVM's missing margin, another word's slice of a
concatenated gradient, a step up the gradient instead of down."""

from __future__ import annotations

from typing import Iterator

import numpy as np

from .case import Case
from .compare import entries_match
from .rules import Finding, Rule


def _class_indices(case: Case, classes: int) -> Iterator[tuple[str, int]]:
    """Scalar lesson values that can be a class index among ``classes``."""
    for name, value in case.env.values.items():
        if value.shape == () and float(value).is_integer() and 0 <= value < classes:
            yield name, int(value)


def ascent_rule(case: Case) -> Finding | None:
    """θ + lr·∇ where θ − lr·∇ was asked: the answer is as far above some θ as the key is below."""
    key = case.finite_key()
    if key is None or case.asks != "updated":
        return None
    for name, value in case.env.values.items():
        if value.shape == key.shape and not np.allclose(value, key) and case.matches(
                [2 * value - key]):
            return Rule.ASCENT, (f"You moved {name} up the gradient. Gradient descent steps "
                                 "against it: new = old − learning_rate × gradient.")
    return None


def class_index_rule(case: Case) -> Finding | None:
    """A class index subtracted where a one-hot vector belongs (p − y), or a one-hot vector
    given where the class index was asked."""
    key, answer = case.finite_key(), case.answer_values[0]
    if key is None or answer is None:
        return None
    if key.ndim == 0 and answer.ndim == 1 and float(key).is_integer() and 0 <= key < answer.size \
            and np.array_equal(answer, np.eye(answer.size)[int(key)]):
        return Rule.CLASS_INDEX, ("That is the one-hot vector of the class; the question asks "
                                  "for the class index itself.")
    if key.ndim != 1:
        return None
    for name, index in _class_indices(case, key.size):
        if case.matches([key + np.eye(key.size)[index] - index]):
            return Rule.CLASS_INDEX, (f"You subtracted the class index {name} = {index} from "
                                      "every entry; subtract the one-hot vector instead (1 at "
                                      "the correct class, 0 elsewhere).")
    return None


def no_minus_one_rule(case: Case) -> Finding | None:
    """p where p − onehot(y) was asked (a key whose rows sum to 0 with entries in [−1, 1]):
    off by exactly 1 at one entry."""
    key = case.finite_key()
    if key is None or key.ndim == 0 or key.size < 2 or np.any(np.abs(key) > 1) or not np.allclose(
            key.sum(axis=-1), 0, atol=1e-6):
        return None
    answer = case.answer_values[0]
    if answer is None or answer.shape != key.shape:
        return None
    off = np.flatnonzero(~entries_match(answer, key, case.tolerance.allowance(key)))
    if off.size != 1:
        return None
    one_hot = np.zeros(key.size)
    one_hot[off[0]] = 1.0
    if case.matches([key + one_hot.reshape(key.shape)]):
        return Rule.NO_MINUS_ONE, ("At the correct class the gradient is p_y − 1, not p_y: "
                                   "softmax with cross-entropy gives p − y (one-hot y).")
    return None


def _hinge(scores: np.ndarray, label: int, margin: float) -> tuple[np.ndarray, np.ndarray]:
    """The multiclass hinge loss of one score vector and its gradient, with this margin."""
    margins = scores - scores[label] + margin
    margins[label] = 0.0
    active = (margins > 0).astype(float)
    active[label] = -active.sum()
    return np.maximum(margins, 0.0).sum(), active


def missing_margin_rule(case: Case) -> Finding | None:
    """An SVM loss or gradient computed with margin 0 instead of 1."""
    key = case.finite_key()
    if key is None:
        return None
    for scores_name, scores in case.env.values.items():
        if scores.ndim != 1 or scores.size < 2:
            continue
        for _, label in _class_indices(case, scores.size):
            for slot, wanted in enumerate(_hinge(scores, label, 1.0)):
                if np.shape(wanted) != key.shape or not np.allclose(wanted, key):
                    continue
                if case.matches([_hinge(scores, label, 0.0)[slot]]):
                    return Rule.MISSING_MARGIN, (
                        f"The hinge keeps a margin: max(0, s_j − s_y + 1) for the scores "
                        f"{scores_name}. Without the + 1 a class that only ties the correct one "
                        "costs nothing.")
    return None


def wrong_slice_rule(case: Case) -> Finding | None:
    """Another piece of a concatenated gradient (the window model: another word's slice)."""
    key = case.finite_key()
    if key is None or key.ndim != 1:
        return None
    n = key.size
    for name, value in case.env.values.items():
        if value.ndim != 1 or value.size <= n or value.size % n:
            continue
        pieces = value.reshape(-1, n)
        own = [i for i, piece in enumerate(pieces) if np.allclose(piece, key)]
        if not own:
            continue
        for index, piece in enumerate(pieces):
            if index not in own and case.matches([piece]):
                return Rule.WRONG_SLICE, (
                    f"That is piece {index + 1} of {name}, split into pieces of {n}; this one "
                    f"is piece {own[0] + 1}. Each input of a concatenation gets its own slice.")
    return None
