"""Narration: the lesson's note for the current step, in words."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

NO_NOTE = "No note for this step: read the inspector."
AFTER_QUESTION = "Answer the question first (F2 for a hint): the explanation follows."


class Narration(Static):
    def show(self, note: str | None, *, held_back: bool = False) -> None:
        """`held_back`: a question is pending here, and the note would give its answer away."""
        self.update(Text(AFTER_QUESTION if held_back else note or NO_NOTE))
        self.set_class(note is None or held_back, "-empty")
