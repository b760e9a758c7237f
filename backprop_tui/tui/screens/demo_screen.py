"""DemoScreen: run one demo in a thread, show its progress, then plot the result.

The demo runs in a Textual thread worker. Its progress callback feeds the ProgressBar
through `app.call_from_thread`; Escape sets an event the demo polls as `should_stop`, so a
run ends early with `result.cancelled` and the screen stays open (a second Escape leaves).
One subclass per demo (in `demo.py`, the training lab in `training_lab.py`) names it, picks
its plots and adds its keys.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import ClassVar

from rich.console import RenderableType
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import ProgressBar, Static
from textual.worker import Worker, WorkerState, get_current_worker

from backprop_tui.demos import DEMOS
from backprop_tui.tui.widgets.app_header import AppHeader
from backprop_tui.tui.widgets.demo_plots import DemoPlots
from backprop_tui.tui.widgets.key_footer import KeyFooter

RUN_AGAIN = "r runs it again · Esc goes back"


class DemoScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Cancel/back"),
        Binding("r", "rerun", "Run again"),
    ]
    demo_name: ClassVar[str]
    plots_type: ClassVar[type[DemoPlots]]
    progress_step: ClassVar[float] = 0.01  # report progress to the screen at most once per percent

    def __init__(self, options=None, *, result=None) -> None:
        """`options` override the demo's defaults; a given `result` is shown instead of a run."""
        super().__init__()
        self.demo = DEMOS[self.demo_name]
        self.sub_title = self.demo.title
        self.help_intro = f"{self.demo.title}. {self.demo.description}"
        self.options = options if options is not None else self.demo.defaults
        self.result = result
        self._worker: Worker | None = None
        self._stop = threading.Event()

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Horizontal(id="demo-run"):
            yield Static(id="demo-status")
            yield ProgressBar(total=100, show_eta=False, id="demo-progress")
        with VerticalScroll(id="demo-body"):
            yield from self.compose_plots()
            with Horizontal(id="demo-notes"):
                yield Static(id="demo-summary")
                yield Static(self.demo.description, id="demo-about")
        yield KeyFooter(compact=True)

    def compose_plots(self) -> ComposeResult:
        yield self.plots_type(id="demo-plots")

    def on_mount(self) -> None:
        self.query_one("#demo-summary").border_title = "Summary"
        self.query_one("#demo-about").border_title = "About this demo"
        self.query_one("#demo-body").focus()
        if self.result is None:
            self.start()
        else:
            self._show_progress(1.0)
            self._finished(self.result)

    @property
    def running(self) -> bool:
        return self._worker is not None and not self._worker.is_finished

    # --- running ------------------------------------------------------------------

    def start(self) -> None:
        """Run the demo with the current options, stopping a run still going."""
        self._stop.set()
        stop = self._stop = threading.Event()
        self._show_progress(0.0)
        self._set_status("running… Esc cancels")
        app = self.app  # looked up here: in the thread the screen may already be gone
        self._worker = self.run_worker(
            lambda: self._work(app, stop), thread=True, exclusive=True, group="demo", exit_on_error=False
        )

    def _work(self, app, stop: threading.Event):
        """In the worker thread: run until done or until Escape or leaving the screen."""
        worker = get_current_worker()

        def should_stop() -> bool:
            return stop.is_set() or worker.is_cancelled

        return self.run_demo(self._reporter(app, should_stop), should_stop)

    def run_demo(self, progress: Callable[[float], None], should_stop: Callable[[], bool]):
        """The computation, called in the worker thread."""
        return self.demo(self.options, progress=progress, should_stop=should_stop)

    def _reporter(self, app, should_stop: Callable[[], bool]) -> Callable[[float], None]:
        shown = -1.0

        def report(fraction: float) -> None:
            nonlocal shown
            if should_stop() or (fraction - shown < self.progress_step and fraction < 1.0):
                return
            shown = fraction
            app.call_from_thread(self._show_progress, fraction)

        return report

    def rerun_with(self, options) -> None:
        self.options = options
        self.start()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._worker:
            return
        if event.state == WorkerState.SUCCESS:
            self._finished(event.worker.result)
        elif event.state == WorkerState.ERROR:
            self._set_status(f"failed: {event.worker.error} · {RUN_AGAIN}")

    # --- showing ------------------------------------------------------------------

    def _finished(self, result) -> None:
        self.result = result
        self.show_result(result)
        self.query_one("#demo-summary", Static).update(self.summary(result))
        self._set_status(f"{'cancelled' if result.cancelled else 'finished'} · {RUN_AGAIN}")

    def show_result(self, result) -> None:
        """Plot a finished result; a cancelled run's plots are hidden."""
        plots = self.query_one(DemoPlots)
        plots.display = not result.cancelled
        if not result.cancelled:
            plots.show(result)

    def summary(self, result) -> RenderableType:
        return "\n".join(self.demo.summarize(result))

    def _show_progress(self, fraction: float) -> None:
        self.query_one(ProgressBar).update(progress=100 * fraction)

    def _set_status(self, text: str) -> None:
        # One row whatever it says: no layout pass (a live demo's status changes often)
        self.query_one("#demo-status", Static).update(text, layout=False)

    # --- keys ---------------------------------------------------------------------

    def action_back(self) -> None:
        if self.running:
            self._stop.set()
            self._set_status("cancelling…")
            return
        self.app.pop_screen()

    def action_rerun(self) -> None:
        self.start()

    def on_unmount(self) -> None:
        self._stop.set()
