"""Spaced review: each question is a card, scheduled by FSRS (the ``fsrs`` package).

A card is reviewed once per *encounter* with its question (a quiz, a lesson run or a
review session): at the first answer given there, or at a reveal before any answer. The
encounter's rating (:func:`rating_for`):

* answer revealed before any answer: Again;
* first answer right, no hint shown: Good;
* first answer right after a hint: Hard;
* first answer wrong, but the right number in another form (rule ``not_exact``): Hard;
* first answer wrong for any other reason (sign, missing factor, ...): Again.

FSRS then moves the card's due time: days after Good (weeks as its stability grows), sooner
after Hard, the next day after Again. The scheduler has no (re)learning steps of minutes:
the app does not bring a card back within a session, and a card due ten minutes after a
right answer would drop out of "held" (below) as soon as the lesson ends. Fuzzing is off, so
the same history always gives the same schedule.

Mastery of a concept (a lesson tag, or a picker section) is the share of its cards that
are *held*: last rated Good or Easy and not due yet. Its cards are the questions the
learner has met in the lessons that carry the tag. A card falls out of "held" when it
becomes due (FSRS expects it to be fading) and comes back with a good review.

``fsrs`` is imported only when a card is reviewed, not when progress is read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from enum import IntEnum
from typing import Any

from backprop_tui.progress.timestamps import iso_utc
from backprop_tui.records import frozen_dataclass

NEARLY_RIGHT_RULES = frozenset({"not_exact"})
"""Wrong answers that still show the idea: rated Hard rather than Again."""


class Rating(IntEnum):
    """The four FSRS ratings, by the values of ``fsrs.Rating`` (checked by a test)."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


def rating_for(*, correct: bool, hints_used: int, revealed: bool, rule: str | None) -> Rating:
    """The rating of an encounter, from its first answer (or the reveal before it)."""
    if revealed:
        return Rating.AGAIN
    if correct:
        return Rating.HARD if hints_used else Rating.GOOD
    return Rating.HARD if rule in NEARLY_RIGHT_RULES else Rating.AGAIN


@frozen_dataclass(slots=True)
class Card:
    """A question's review schedule, as stored. Times are ISO-8601 UTC strings."""

    lesson_id: str
    question_id: str
    due: str
    state: int = 1
    step: int | None = 0
    stability: float | None = None
    difficulty: float | None = None
    last_review: str | None = None
    last_rating: int | None = None
    reviews: int = 0

    def is_due(self, now: str) -> bool:
        return self.due <= now

    def held(self, now: str) -> bool:
        """Last rated Good or Easy, and FSRS does not expect it to be fading yet."""
        return self.last_rating is not None and self.last_rating >= Rating.GOOD and not self.is_due(now)


def review(card: Card, rating: Rating, moment: datetime) -> Card:
    """``card`` after one review with ``rating`` at ``moment`` (a tz-aware datetime)."""
    import fsrs  # noqa: PLC0415 (kept off the start-up path)

    scheduled, _log = _scheduler().review_card(
        fsrs.Card(
            card_id=0,  # an explicit id: fsrs would otherwise sleep 1 ms to make one
            state=fsrs.State(card.state),
            step=card.step,
            stability=card.stability,
            difficulty=card.difficulty,
            due=datetime.fromisoformat(card.due),
            last_review=None if card.last_review is None else datetime.fromisoformat(card.last_review),
        ),
        fsrs.Rating(int(rating)),
        review_datetime=moment.astimezone(timezone.utc),
    )
    return Card(
        lesson_id=card.lesson_id,
        question_id=card.question_id,
        due=iso_utc(scheduled.due),
        state=int(scheduled.state),
        step=scheduled.step,
        stability=scheduled.stability,
        difficulty=scheduled.difficulty,
        last_review=iso_utc(scheduled.last_review),
        last_rating=int(rating),
        reviews=card.reviews + 1,
    )


_SCHEDULER: Any = None


def _scheduler():
    """One FSRS scheduler: default parameters, intervals in days only, no fuzz (see above)."""
    global _SCHEDULER
    if _SCHEDULER is None:
        import fsrs  # noqa: PLC0415

        _SCHEDULER = fsrs.Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    return _SCHEDULER


@frozen_dataclass(slots=True)
class Mastery:
    """How many of a concept's cards are held, of how many."""

    held: int
    cards: int

    @property
    def ratio(self) -> float | None:
        return self.held / self.cards if self.cards else None

    def as_dict(self) -> dict[str, Any]:
        return {"held": self.held, "cards": self.cards, "ratio": self.ratio}


def mastery(cards: Iterable[Card], groups: Mapping[str, Iterable[str]], now: str) -> dict[str, Mastery]:
    """Mastery per group (a tag or a section), given the groups of each lesson id.

    A card counts in every group of its lesson; lessons without groups (or unknown ones)
    count nowhere. Groups come out sorted by name.
    """
    counts: dict[str, list[int]] = {}
    for card in cards:
        for group in groups.get(card.lesson_id, ()):
            held_and_all = counts.setdefault(group, [0, 0])
            held_and_all[0] += card.held(now)
            held_and_all[1] += 1
    return {group: Mastery(*counts[group]) for group in sorted(counts)}
