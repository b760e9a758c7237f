"""The training lab's settings panel: ↑/↓ picks a knob, ←/→ steps its value, Enter types one."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from backprop_tui.demos.training_knobs import KNOBS, Knob, stepped, typed
from backprop_tui.demos.training_options import TrainingOptions

LABEL_WIDTH = max(len(knob.label) for knob in KNOBS) + 1


class KnobInput(Input):
    """Where a value is typed; Escape gives up typing (and leaves the run alone)."""

    BINDINGS = [Binding("escape", "give_up", "Stop typing")]

    def action_give_up(self) -> None:
        self.display = False
        self.parent.focus()


class KnobPanel(Vertical, can_focus=True):
    BINDINGS = [
        Binding("up", "move(-1)", "Previous knob", show=False),
        Binding("down", "move(1)", "Next knob", show=False),
        Binding("left", "step(-1)", "Less", show=False),
        Binding("right", "step(1)", "More", show=False),
        Binding("enter", "edit", "Type a value", show=False),
    ]

    class Changed(Message):
        """The learner changed a setting: `options` hold all of them, checked."""

        def __init__(self, options: TrainingOptions) -> None:
            super().__init__()
            self.options = options

    def __init__(self, options: TrainingOptions, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.options = options
        self.cursor = 0

    def compose(self) -> ComposeResult:
        yield Static(id="knob-list")
        yield KnobInput(id="knob-input", compact=True)

    def on_mount(self) -> None:
        self.border_title = "Settings"
        self.border_subtitle = "↑↓ ←→ ⏎ types"
        self.query_one(KnobInput).display = False
        self._draw()

    @property
    def knob(self) -> Knob:
        return KNOBS[self.cursor]

    def show(self, options: TrainingOptions) -> None:
        self.options = options
        self._draw()

    def _draw(self) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        for index, knob in enumerate(KNOBS):
            line = Text(knob.label.ljust(LABEL_WIDTH), style="bold" if index == self.cursor else "")
            line.append(knob.text(self.options), style="cyan")
            if index == self.cursor:
                line.stylize("reverse")
            text.append_text(line)
            if index < len(KNOBS) - 1:
                text.append("\n")
        self.query_one("#knob-list", Static).update(text)

    def action_move(self, delta: int) -> None:
        self.cursor = (self.cursor + delta) % len(KNOBS)
        self._draw()

    def action_step(self, direction: int) -> None:
        self._change(lambda: stepped(self.options, self.knob, direction))

    def action_edit(self) -> None:
        editor = self.query_one(KnobInput)
        editor.value = ""
        editor.placeholder = self.knob.allowed()  # the knob and its value show, highlighted, above
        editor.display = True
        editor.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        event.input.display = False
        self.focus()
        self._change(lambda: typed(self.options, self.knob, event.value))

    def _change(self, make) -> None:
        try:
            options = make()
        except ValueError as error:
            self.notify(str(error), severity="warning", timeout=6, markup=False)
            return
        if options != self.options:
            self.show(options)
            self.post_message(self.Changed(options))
