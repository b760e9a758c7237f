"""A spaced-review session's cards, made ready to ask: each due card's lesson loaded with a
fresh variant of its numbers (when the lesson has `vary:` inputs) and its question found, so
the quiz can show it with the lesson's graph at the question's step.

Loading reads files and may run SymPy: call :func:`prepare_card` from a worker thread.
"""

from __future__ import annotations

from pathlib import Path

from backprop_tui.lessons.catalog import Catalog
from backprop_tui.lessons.load import PreparedQuestion
from backprop_tui.lessons.notation_memory import memory_in
from backprop_tui.lessons.verified import load_verified
from backprop_tui.lessons.variants import variant_or_authored
from backprop_tui.lessons.walkthrough import Walkthrough
from backprop_tui.progress.cards import Card
from backprop_tui.records import frozen_dataclass


@frozen_dataclass
class DueQuestion:
    """A due card with the walkthrough it is asked in; ``seed`` is its variant's seed
    (``None``: the lesson's own numbers)."""

    card: Card
    walkthrough: Walkthrough
    question: PreparedQuestion
    seed: int | None = None

    @property
    def step_index(self) -> int:
        """The step the question is asked at (before its numbers show)."""
        return self.walkthrough.trace.step(self.question.question.at).index


def prepare_card(card: Card, catalog: Catalog, data_dir: Path | None, seed: int | None = None
                 ) -> DueQuestion | None:
    """The card's question in its lesson, on the variant drawn for ``seed`` (a new seed when
    ``None``), or ``None`` when the lesson or the question is gone. A lesson without `vary:`,
    or a variant that breaks it, asks the authored numbers (seed ``None``). Raises
    ``LessonFileError`` when the lesson file has problems now."""
    info = catalog.find(card.lesson_id)
    if info is None:
        return None
    loaded, seed = variant_or_authored(load_verified(info.path, data_dir), seed)
    walkthrough = Walkthrough.from_lesson(loaded, memory_in(data_dir))
    question = next((q for q in walkthrough.questions if q.id == card.question_id), None)
    if question is None:
        return None
    return DueQuestion(card, walkthrough, question, seed)
