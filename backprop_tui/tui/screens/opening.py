"""OpeningScreen: a lesson file being loaded in a worker, with a loading indicator meanwhile.

A modal box over the screen beneath, without a Header: it may be dismissed moments after it
was pushed, and Textual's Header raises when its screen goes while it is still mounting.

Loading reads the file, validates it, runs its graph (NumPy) and, for a file whose answer
keys have not passed before, verifies them (SymPy): none of it on the UI thread. The screen
dismisses itself with the lesson's walkthrough, the file's problems (LessonFileError), or
None when the learner pressed Esc first.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import LoadingIndicator, Static
from textual.worker import Worker, WorkerState

from backprop_tui.lessons.files import LessonFileError


def load_walkthrough(path: Path, data_dir: Path | None):
    """The lesson's walkthrough (see Walkthrough.for_app); its answer keys verified unless they passed before."""
    from backprop_tui.lessons.verified import load_verified
    from backprop_tui.lessons.walkthrough import Walkthrough

    return Walkthrough.for_app(load_verified(path, data_dir), data_dir)


SHOW_AFTER = 0.5  # seconds; until then the screen draws nothing that moves, leaving the CPU to the loading


class OpeningScreen(ModalScreen):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, path: Path, title: str, data_dir: Path | None) -> None:
        super().__init__()
        self.path, self.lesson_title, self.data_dir = path, title, data_dir

    def compose(self) -> ComposeResult:
        with Vertical(id="opening-box") as box:
            box.display = False  # until SHOW_AFTER: a lesson that opens sooner flashes nothing
            yield Static(Text(f"Opening “{self.lesson_title}”…"), id="opening-what")
            yield LoadingIndicator()
            yield Static(Text("Esc cancels", style="dim"))

    def on_mount(self) -> None:
        self.set_timer(SHOW_AFTER, self._show_box)
        self.run_worker(lambda: load_walkthrough(self.path, self.data_dir), thread=True, group="open",
                        exit_on_error=False)

    def _show_box(self) -> None:
        self.query_one("#opening-box").display = True

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.SUCCESS:
            self.dismiss(event.worker.result)
        elif event.state == WorkerState.ERROR:
            if not isinstance(event.worker.error, LessonFileError):
                raise event.worker.error  # a bug, not a bad file: fail loudly
            self.dismiss(event.worker.error)
