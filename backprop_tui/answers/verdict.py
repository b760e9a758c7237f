"""The result of checking one answer, and the error raised for unreadable input."""

from __future__ import annotations

from backprop_tui.records import frozen_dataclass

from .rules import Rule


@frozen_dataclass
class Verdict:
    """What the tutor tells the learner about one typed answer.

    ``rule`` is a stable machine-readable id of the feedback rule that fired: a member of
    ``backprop_tui.answers.rules.Rule``. ``counts_as_attempt`` is False for answers that
    could not be judged (format errors, a repeat of the previous attempt, a timeout): the UI
    should not count them against the learner. ``position`` is the 0-based column of a
    syntax error in the typed text, when there is one.
    """

    correct: bool
    feedback: str
    rule: str
    interpretation: str | None = None
    pretty: str | None = None
    counts_as_attempt: bool = True
    position: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "rule", Rule(self.rule))  # never an id outside the enum


class AnswerError(ValueError):
    """Input that cannot be read as an answer.

    ``position`` is the 0-based column in the original text, when one can be named; ``rule``
    is the verdict rule the error maps to ("syntax", "unknown_name", "shape_mismatch",
    "too_long", "too_complex", "unsafe", "undefined").
    """

    def __init__(self, message: str, position: int | None = None, rule: str = "syntax"):
        super().__init__(message)
        self.message = message
        self.position = position
        self.rule = rule

    def __reduce__(self):
        return (type(self), (self.message, self.position, self.rule))
