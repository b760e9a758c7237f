"""`backprop-tui review --plain/--json`: the review cards due, as text or JSON (no Textual)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from backprop_tui.layout.grid import fit_text
from backprop_tui.lessons.catalog import Catalog
from backprop_tui.progress.cards import Card, Rating
from backprop_tui.text.words import counted

QUESTION_WIDTH = 60  # characters of a question shown in the list


def _short(text: str | None) -> str | None:
    """A question's first line, cut to QUESTION_WIDTH characters with '…'."""
    lines = (text or "").strip().splitlines()
    return fit_text(lines[0], QUESTION_WIDTH) if lines else None


def _last(card: Card) -> str:
    return "never reviewed" if card.last_rating is None else Rating(card.last_rating).name.lower()


def due_to_dict(cards: list[Card]) -> dict[str, Any]:
    """``{"due": [{lesson_id, question_id, due, reviews, last_rating}, ...]}``, most overdue first;
    ``last_rating`` is "again", "hard", "good", "easy" or null (never reviewed)."""
    return {
        "due": [
            {"lesson_id": c.lesson_id, "question_id": c.question_id, "due": c.due, "reviews": c.reviews,
             "last_rating": None if c.last_rating is None else _last(c)}
            for c in cards
        ]
    }


def print_due(console: Console, cards: list[Card], catalog: Catalog,
              asked: Mapping[tuple[str, str], str] | None = None) -> None:
    """The due cards as a table, each question shown by what it asks (`asked`, by lesson and
    question id) or else by its id."""
    if not cards:
        console.print("No review card is due.")
        return
    titles = {info.id: info.title for info in catalog.lessons}
    asked = asked or {}
    table = Table(title=f"{counted(len(cards), 'review card')} due", title_justify="left", box=None, pad_edge=False)
    for column in ("lesson", "question", "due since", "last review"):
        table.add_column(column)
    for card in cards:
        question = asked.get((card.lesson_id, card.question_id))
        table.add_row(Text(titles.get(card.lesson_id, card.lesson_id)), Text(_short(question) or card.question_id),
                      card.due[:16].replace("T", " "), _last(card))
    console.print(table)
    console.print("backprop-tui review (in a terminal) asks them.")
