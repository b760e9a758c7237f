"""Immutable values the store returns. None of them holds a connection."""

from __future__ import annotations

import json
from dataclasses import asdict, field
from enum import StrEnum
from typing import Any

from backprop_tui.progress.cards import Mastery
from backprop_tui.records import frozen_dataclass

SUMMARY_FORMAT = 1
"""``"format"`` key of :meth:`Summary.as_dict`; bumped on incompatible changes."""


class Status(StrEnum):
    """A lesson's state. Members compare equal to their strings."""

    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    DONE = "done"


def ratio(part: int, whole: int) -> float | None:
    """``part / whole``, or ``None`` when there is nothing to divide by."""
    return part / whole if whole else None


@frozen_dataclass(slots=True)
class Position:
    """Where the learner last was in a lesson ("continue where you left off").

    ``step_key`` (e.g. ``"backward.apple_price"``) is the robust handle: if
    the lesson file was edited since, the same key may sit at another index.
    """

    lesson_id: str
    step_index: int
    step_key: str
    total_steps: int


@frozen_dataclass(slots=True)
class Attempt:
    """One answer the learner submitted.

    ``hints_used`` is how many hints had been shown for the question when the
    answer was given; ``revealed`` whether the answer had been shown before;
    ``variant_seed`` the seed of the variant asked (``None``: the lesson's numbers).
    """

    lesson_id: str
    question_id: str
    answer: str
    correct: bool
    rule: str
    hints_used: int
    revealed: bool
    recorded_at: str
    variant_seed: int | None = None


@frozen_dataclass(slots=True)
class Score:
    """How the learner did on questions (of one lesson, or of all).

    A question counts as *attempted* once it has an answer or its answer was
    revealed; as *solved* once some answer given before any reveal was
    correct; as *first try* when its very first answer was such an answer.
    ``attempts`` counts answers submitted.
    """

    attempted: int = 0
    solved: int = 0
    first_try: int = 0
    attempts: int = 0

    @property
    def accuracy(self) -> float | None:
        """Solved / attempted questions; ``None`` before any attempt."""
        return ratio(self.solved, self.attempted)

    @property
    def first_try_accuracy(self) -> float | None:
        """First-try / attempted questions; ``None`` before any attempt."""
        return ratio(self.first_try, self.attempted)

    def as_dict(self) -> dict[str, Any]:
        """The fields, then ``accuracy`` and ``first_try_accuracy``."""
        ratios = {"accuracy": self.accuracy, "first_try_accuracy": self.first_try_accuracy}
        return asdict(self) | ratios


@frozen_dataclass(slots=True)
class LessonStatus:
    """A lesson's state, position, timestamps and score."""

    lesson_id: str
    status: Status = Status.NOT_STARTED
    position: Position | None = None
    started_at: str | None = None
    updated_at: str | None = None
    completed_at: str | None = None
    score: Score = Score()

    @property
    def completed(self) -> bool:
        return self.status is Status.DONE


@frozen_dataclass(slots=True)
class ReviewItem:
    """A question worth another look: ``reason`` is ``"never correct"``, ``"revealed"`` or
    ``"right after a retry"`` (not right at the first try)."""

    lesson_id: str
    question_id: str
    reason: str
    attempts: int
    last_answer: str | None
    last_rule: str | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@frozen_dataclass(slots=True)
class Summary:
    """Everything ``backprop-tui progress`` shows. See the package docstring
    for the JSON shape of :meth:`as_dict`.

    ``done`` is ordered by completion time, ``in_progress`` most recently
    touched first; ``mistakes`` maps rule to count, most frequent first;
    ``review`` is ordered by lesson id, then question id; ``due`` counts the
    review cards due; ``mastery`` is per concept (:mod:`.cards`), by name.
    """

    done: tuple[str, ...] = ()
    in_progress: tuple[str, ...] = ()
    score: Score = Score()
    mistakes: dict[str, int] = field(default_factory=dict)
    review: tuple[ReviewItem, ...] = ()
    due: int = 0
    mastery: dict[str, Mastery] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": SUMMARY_FORMAT,
            "lessons": {"done": list(self.done), "in_progress": list(self.in_progress)},
            "score": self.score.as_dict(),
            "mistakes": [{"rule": r, "count": n} for r, n in self.mistakes.items()],
            "review": [item.as_dict() for item in self.review],
            "due": self.due,
            "mastery": {concept: m.as_dict() for concept, m in self.mastery.items()},
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.as_dict(), indent=indent, ensure_ascii=False)
