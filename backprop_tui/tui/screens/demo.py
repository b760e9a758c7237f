"""DemoScreen: run one demo in a thread, show its progress, then plot the result.

The demo runs in a Textual thread worker. Its progress callback feeds the ProgressBar
through `app.call_from_thread`; Escape sets an event the demo polls as `should_stop`, so a
run ends early with `result.cancelled` and the screen stays open (a second Escape leaves).
One subclass per demo names it, picks its plots and adds its keys. `DemoChooser` lists them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState, get_current_worker

from backprop_tui.text.demo_text import first_sentence
from backprop_tui.demos import DEMOS, compare, summarize_comparison
from backprop_tui.demos.mlp import INITS, NONLINEARITIES
from backprop_tui.demos.schedules import SCHEDULES
from backprop_tui.tui.widgets.demo_plots import DemoPlots, GradientCheckPlots, VectorizationPlots
from backprop_tui.tui.widgets.demo_training import TrainingPlots, activation_stats
from backprop_tui.tui.widgets.demo_word_vectors import WordVectorsPlot

PROGRESS_STEP = 0.01  # report progress to the screen at most once per percent
RUN_AGAIN = "r runs it again · Esc goes back"


class DemoScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Cancel/back"),
        Binding("r", "rerun", "Run again"),
    ]
    demo_name: ClassVar[str]
    plots_type: ClassVar[type[DemoPlots]]

    def __init__(self, options=None, *, result=None) -> None:
        """`options` override the demo's defaults; a given `result` is shown instead of a run."""
        super().__init__()
        self.demo = DEMOS[self.demo_name]
        self.help_intro = f"{self.demo.title}. {self.demo.description}"
        self.options = options if options is not None else self.demo.defaults
        self.result = result
        self._worker: Worker | None = None
        self._stop = threading.Event()

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="∂")
        with Horizontal(id="demo-run"):
            yield Static(id="demo-status")
            yield ProgressBar(total=100, show_eta=False, id="demo-progress")
        with VerticalScroll(id="demo-body"):
            yield self.plots_type(id="demo-plots")
            with Horizontal(id="demo-notes"):
                yield Static(id="demo-summary")
                yield Static(self.demo.description, id="demo-about")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "backprop-tui"
        self.sub_title = self.demo.title
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
            if should_stop() or (fraction - shown < PROGRESS_STEP and fraction < 1.0):
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
        plots = self.query_one(DemoPlots)
        plots.display = not result.cancelled
        if not result.cancelled:
            plots.show(result)
        self.query_one("#demo-summary", Static).update(self.summary(result))
        self._set_status(f"{'cancelled' if result.cancelled else 'finished'} · {RUN_AGAIN}")

    def summary(self, result) -> RenderableType:
        return "\n".join(self.demo.summarize(result))

    def _show_progress(self, fraction: float) -> None:
        self.query_one(ProgressBar).update(progress=100 * fraction)

    def _set_status(self, text: str) -> None:
        self.query_one("#demo-status", Static).update(text)

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


class VectorizationScreen(DemoScreen):
    demo_name = "vectorization"
    plots_type = VectorizationPlots
    BINDINGS = [
        *DemoScreen.BINDINGS,
        Binding("plus", "scale(2)", "Double N"),
        Binding("minus", "scale(0.5)", "Halve N"),
    ]

    def summary(self, result) -> RenderableType:
        return Group(super().summary(result), Text("\n" + result.note, style="italic"))

    def action_scale(self, factor: float) -> None:
        try:
            options = replace(self.options, n=max(1, round(self.options.n * factor)))
        except ValueError as error:  # beyond the sizes this machine can hold
            self.notify(str(error), severity="warning", timeout=5)
            return
        self.rerun_with(options)


class WordVectorsScreen(DemoScreen):
    """Plays the run's snapshots as an animation: space plays and pauses, ←/→ step a frame."""

    demo_name = "word-vectors"
    plots_type = WordVectorsPlot
    BINDINGS = [
        *DemoScreen.BINDINGS,
        Binding("f", "toggle_freeze", "Freeze/fine-tune"),
        Binding("space", "play", "Play/pause"),
        Binding("left", "step_frame(-1)", "Frame back", priority=True),
        Binding("right", "step_frame(1)", "Frame on", priority=True),
    ]
    FRAME_SECONDS = 0.25
    # What makes play tick; tests swap in a hand-turned clock instead of waiting in real time.
    start_ticker = Screen.set_interval

    def __init__(self, options=None, *, result=None) -> None:
        super().__init__(options, result=result)
        self._player = None

    @property
    def plots(self) -> WordVectorsPlot:
        return self.query_one(WordVectorsPlot)

    def action_toggle_freeze(self) -> None:
        self._stop_playing()
        self.rerun_with(replace(self.options, freeze_vectors=not self.options.freeze_vectors))

    def action_play(self) -> None:
        if self._player is not None:
            self._stop_playing()
            return
        if self.plots.result is None:
            return
        if self.plots.frame == self.plots.last_frame:  # at the end: play from the start
            self.plots.show_frame(0)
        self._player = self.start_ticker(self.FRAME_SECONDS, self._next_frame)

    def _next_frame(self) -> None:
        if self.plots.frame >= self.plots.last_frame:
            self._stop_playing()
            return
        self.plots.show_frame(self.plots.frame + 1)

    def action_step_frame(self, step: int) -> None:
        self._stop_playing()
        if self.plots.result is not None:
            self.plots.show_frame(self.plots.frame + step)

    def _stop_playing(self) -> None:
        if self._player is not None:
            self._player.stop()
            self._player = None


class GradientCheckScreen(DemoScreen):
    demo_name = "gradient-check"
    plots_type = GradientCheckPlots
    BINDINGS = [*DemoScreen.BINDINGS, Binding("n", "toggle_nonlinearity", "tanh/relu")]

    def action_toggle_nonlinearity(self) -> None:
        kinked = "tanh" if self.options.nonlinearity == "relu" else "relu"
        self.rerun_with(replace(self.options, nonlinearity=kinked))


AXES = {  # what the training lab compares: one setting, several values
    "optimizer": ("sgd", "momentum", "adam"),
    "nonlinearity": NONLINEARITIES,
    "init": INITS,
    "schedule": SCHEDULES,
    "l2": (0.0, 0.003, 0.03),  # no penalty, some, too much: compare the held-out loss
}


class TrainingLabScreen(DemoScreen):
    """Trains one network per value of the compared setting, the other settings shared."""

    demo_name = "training-lab"
    plots_type = TrainingPlots
    BINDINGS = [
        *DemoScreen.BINDINGS,
        Binding("o", "compare('optimizer')", "Optimizers"),
        Binding("n", "compare('nonlinearity')", "Nonlinearities"),
        Binding("i", "compare('init')", "Inits"),
        Binding("s", "compare('schedule')", "Schedules"),
        Binding("l", "compare('l2')", "L2"),
    ]

    def __init__(self, options=None, *, result=None, axis: str = "optimizer") -> None:
        super().__init__(options, result=result)
        self.axis = axis

    def run_demo(self, progress, should_stop):
        runs = [replace(self.options, **{self.axis: value}) for value in AXES[self.axis]]
        return compare(runs, progress=progress, should_stop=should_stop)

    def summary(self, result) -> RenderableType:
        lines = summarize_comparison(result)
        for index, run in enumerate(result.runs):  # one line per run comes first
            lines[index] += f"; {run.steps_per_second:,.0f} steps/s"
        heading = f"comparing {self.axis}: o, n, i, s, l compare another setting"
        return Group(Text(heading, style="bold"), "\n".join(lines), "", activation_stats(result))

    def action_compare(self, axis: str) -> None:
        self.axis = axis
        self.start()


SCREENS: dict[str, type[DemoScreen]] = {
    screen.demo_name: screen
    for screen in (VectorizationScreen, WordVectorsScreen, TrainingLabScreen, GradientCheckScreen)
}


class DemoChooser(ModalScreen[str | None]):
    """The demos as a list; Enter returns the chosen demo's name, Escape returns None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Close")]

    def compose(self) -> ComposeResult:
        options = []
        for demo in DEMOS.values():
            label = Text(demo.title, style="bold")
            label.append("\n" + first_sentence(demo.description), style="default")
            options.append(Option(label, id=demo.name))
        with Vertical(id="demo-chooser-box") as box:
            box.border_title = "Demos"
            box.border_subtitle = "enter runs · esc closes"
            yield OptionList(*options, id="demo-choices")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
