"""StepBar: where the learner is — "forward 3/7 · q", with a bar for the whole walk."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

BAR_WIDTH = 20


class StepBar(Static):
    def show(self, phase: str, position: int, total: int, node: str, overall: float, note: str = "") -> None:
        text = Text()
        text.append(f" {phase} {position}/{total} ", style="bold reverse green" if phase == "forward" else "bold reverse red")
        text.append(f"  {node}  ", style="bold")
        filled = round(overall * BAR_WIDTH)
        text.append("━" * filled, style="bold")
        text.append("━" * (BAR_WIDTH - filled), style="dim")
        if note:
            text.append(f"  {note}", style="italic")
        self.update(text)
