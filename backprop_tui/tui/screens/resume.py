"""ResumePrompt: continue a lesson where the learner left off, or start over."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from backprop_tui.engine.steps import step_title


class ResumePrompt(ModalScreen[bool]):
    BINDINGS = [Binding("escape", "dismiss(False)", "Start over")]

    def __init__(self, title: str, where: str) -> None:
        super().__init__()
        self.lesson_title, self.where = title, where

    def compose(self) -> ComposeResult:
        with Vertical(id="resume-box"):
            yield Static(Text(f"You left “{self.lesson_title}” at {step_title(self.where)}."))
            with Horizontal(id="resume-buttons"):
                yield Button("Continue", variant="primary", id="continue")
                yield Button("Start over", id="restart")

    def on_mount(self) -> None:
        self.query_one("#continue").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "continue")
