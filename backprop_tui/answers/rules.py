"""Every verdict rule id the checker can return, with what it means to a learner.

``Verdict.rule`` is always one of these (a ``str`` enum, so it compares and stores as its
value); the progress store records it per attempt and ``backprop-tui progress`` reports how
often each mistake happened ("you forgot a chain-rule factor 6×"). Pure Python: the progress
package may import it without NumPy or SymPy.
"""

from __future__ import annotations

from enum import Enum


class Rule(str, Enum):
    words: str

    def __new__(cls, value: str, words: str) -> Rule:
        member = str.__new__(cls, value)
        member._value_ = value
        member.words = words
        return member

    def __str__(self) -> str:
        return self.value

    # right
    CORRECT = "correct", "right"
    # not counted as attempts
    SYNTAX = "syntax", "an answer that could not be read"
    UNKNOWN_NAME = "unknown_name", "a name the question does not know"
    UNSAFE = "unsafe", "something that is not maths"
    TOO_LONG = "too_long", "an answer too long to check"
    TOO_COMPLEX = "too_complex", "an answer too complex to check"
    SHAPE_MISMATCH = "shape_mismatch", "shapes that do not fit together"
    UNDEFINED = "undefined", "a division by zero"
    IMPRECISE = "imprecise", "too few digits"
    SAME_AS_PREVIOUS = "same_as_previous", "the same answer twice"
    UNDECIDED = "undecided", "a form too complex to decide"
    INVALID_KEY = "invalid_key", "a broken question"
    INTERNAL = "internal", "a checker error"
    # mistakes, in the order they are tried
    NOT_EXACT = "not_exact", "the right number in the wrong form"
    COINCIDENCE = "coincidence", "the right number but the wrong formula"
    MISCONCEPTION = "misconception", "a known misconception"
    TRANSPOSED = "transposed", "a transposed matrix"
    WRONG_SHAPE = "wrong_shape", "the wrong shape"
    SIGN = "sign", "the wrong sign"
    ASCENT = "ascent", "a step up the gradient instead of down"
    NO_MINUS_ONE = "no_minus_one", "p_y instead of p_y − 1 at the correct class"
    CLASS_INDEX = "class_index", "a class index and a one-hot vector mixed up"
    MISSING_MARGIN = "missing_margin", "the SVM margin left out"
    WRONG_SLICE = "wrong_slice", "another word's slice of a concatenated gradient"
    LOCAL_ONLY = "local_only", "the local gradient where the downstream one was asked"
    DOWNSTREAM_FOR_LOCAL = "downstream_for_local", "the downstream gradient where the local one was asked"
    FORWARD_VALUE = "forward_value", "a forward value instead of a gradient"
    WRONG_NODE = "wrong_node", "the gradient of another node"
    MISSING_BRANCH = "missing_branch", "a branch left out at a fork"
    FACTOR = "factor", "a constant factor off"
    MISSING_FACTOR = "missing_factor", "a forgotten chain-rule factor (often the upstream gradient)"
    EXTRA_FACTOR = "extra_factor", "an extra factor"
    PARTIAL_ENTRIES = "partial_entries", "some entries wrong"
    WRONG = "wrong", "other mistakes"


Finding = tuple[Rule, str]  # what a feedback rule found: the mistake, and a message naming it


def words(rule: str) -> str:
    """What a stored rule id means to a learner (an unknown id, from an older version, as is)."""
    try:
        return Rule(rule).words
    except ValueError:
        return rule
