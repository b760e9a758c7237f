"""HelpScreen: every key of the screen it was opened from, and what it does."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from backprop_tui.answers.syntax import ANSWER_SYNTAX

GENERAL_INTRO = "The keys of this screen."


def intro_for(screen) -> str:
    """What a screen says about itself above its keys (its `help_intro`), else a plain line."""
    return getattr(screen, "help_intro", GENERAL_INTRO)


def key_rows(bindings) -> list[tuple[str, str]]:
    rows = []
    for binding in bindings:
        keys = " / ".join(_key_name(k) for k in binding.key.split(","))
        rows.append((keys, binding.tooltip or binding.description or binding.action))
    return rows


def _key_name(key: str) -> str:
    return {"question_mark": "?", "space": "space", "escape": "esc"}.get(key, key)


class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close")]

    def __init__(self, rows: list[tuple[str, str]], intro: str = GENERAL_INTRO) -> None:
        super().__init__()
        self.rows = rows
        self.intro = intro

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column(style="bold yellow", no_wrap=True)
        table.add_column()
        for key, description in self.rows:
            table.add_row(key, description)
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "esc closes"
            yield Static(self.intro, id="help-intro")
            yield Static(table, id="help-keys")
            yield Static(_answer_syntax(), id="help-answers")


def _answer_syntax() -> Table:
    """How to type an answer, with examples (a section of its own, below the keys)."""
    table = Table(title="Typing an answer", title_justify="left", box=None, show_header=False,
                  pad_edge=False)
    table.add_column(style="bold cyan")
    table.add_column()
    for example, meaning in ANSWER_SYNTAX:
        table.add_row(Text(example), Text(meaning))  # literal: [0.5, -1] is no markup
    return table
