"""Narration: the lesson's note for the current step, in words."""

from __future__ import annotations

from textual.widgets import Static

NO_NOTE = "No note for this step: read the inspector."


class Narration(Static):
    def show(self, note: str | None) -> None:
        self.update(note or NO_NOTE)
        self.set_class(note is None, "-empty")
