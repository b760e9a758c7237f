"""The training lab: one network with every knob on screen (the single-run view), or one setting
compared across several values (o, n, i, s, l; c goes back and forth).

Training runs in a thread worker; between epochs it posts a snapshot at most every
LIVE_INTERVAL seconds and waits while the plots redraw from it, so that drawing and training
never compete for the interpreter (a thread that draws while another trains slows the training
threefold; drawing in turn costs the run a few per cent of its time, none of its steps/s).
Space pauses and resumes, e trains one epoch, Escape cancels at once (also while paused).
"""

from __future__ import annotations

import threading
from dataclasses import replace

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message

from backprop_tui.demos import compare, summarize_comparison
from backprop_tui.demos.mlp import INITS, NONLINEARITIES
from backprop_tui.demos.pacing import HOLD_POLL, EpochGate, Pacer
from backprop_tui.demos.schedules import SCHEDULES
from backprop_tui.demos.training_lab import summarize_training
from backprop_tui.tui.screens.demo_screen import DemoScreen
from backprop_tui.tui.widgets.decision_boundary import DecisionBoundary
from backprop_tui.tui.widgets.demo_training import TrainingPlots, activation_stats, short_label
from backprop_tui.tui.widgets.training_knobs import KnobPanel

LIVE_INTERVAL = 0.2  # seconds: at most five redraws a second while training
PAINT_WAIT = 0.05  # seconds a paint waits for an epoch to end, so that a slow one never freezes it
AXES = {  # what the compare view compares: one setting, several values
    "optimizer": ("sgd", "momentum", "adam"),
    "nonlinearity": NONLINEARITIES,
    "init": INITS,
    "schedule": SCHEDULES,
    "l2": (0.0, 0.003, 0.03),  # no penalty, some, too much: compare the held-out loss
}


class TrainingLabScreen(DemoScreen):
    demo_name = "training-lab"
    plots_type = TrainingPlots
    progress_step = 0.05  # each update repaints the screen, and the live plots show progress too
    BINDINGS = [
        *DemoScreen.BINDINGS,
        Binding("space", "pause", "Pause/resume"),
        Binding("e", "one_epoch", "One epoch"),
        Binding("c", "toggle_view", "Compare/single"),
        Binding("o", "compare('optimizer')", "Optimizers", show=False),
        Binding("n", "compare('nonlinearity')", "Nonlinearities", show=False),
        Binding("i", "compare('init')", "Inits", show=False),
        Binding("s", "compare('schedule')", "Schedules", show=False),
        Binding("l", "compare('l2')", "L2", show=False),
    ]

    class Snapshot(Message):
        """The training so far (a `ComparisonResult`), from run number `generation`; the
        screen sets `drawn` once it has drawn it."""

        def __init__(self, result, generation: int, drawn: threading.Event) -> None:
            super().__init__()
            self.result, self.generation, self.drawn = result, generation, drawn

    def __init__(self, options=None, *, result=None, axis: str | None = None) -> None:
        """`axis` None: the single-run view; else the compare view of that setting (AXES)."""
        if options is None and axis is None and result is not None and result.runs:
            options = result.runs[0].options  # (a compared run's options differ from the base)
        super().__init__(options, result=result)
        self.axis = axis
        self.last_axis = axis or "optimizer"
        self.gate = EpochGate()
        self.generation = 0
        self.latest = None  # the last snapshot of the run going on

    def compose_plots(self) -> ComposeResult:
        with Horizontal(id="lab"):
            with Vertical(id="lab-side"):
                yield KnobPanel(self.options, id="lab-knobs")
                yield DecisionBoundary(id="lab-boundary")
            yield TrainingPlots(id="lab-plots")

    def on_mount(self) -> None:
        self.query_one(DecisionBoundary).border_title = "decision boundary"
        self.call_after_refresh(self.query_one(KnobPanel).focus)  # after DemoScreen's own focus

    # --- training -----------------------------------------------------------------

    def runs(self) -> list:
        if self.axis is None:
            return [self.options]
        return [replace(self.options, **{self.axis: value}) for value in AXES[self.axis]]

    def start(self) -> None:
        self.generation += 1
        self.latest = None
        self.gate.wake()  # a held run sees its stop now
        super().start()
        self._set_status(self._progress_text())

    def run_demo(self, progress, should_stop):
        generation = self.generation

        def publish(result) -> None:
            """Hand the screen a snapshot and wait until it is drawn: drawing while the
            network trains would slow both (they share Python's one interpreter lock)."""
            drawn = threading.Event()
            self.post_message(self.Snapshot(result, generation, drawn))
            while not drawn.wait(HOLD_POLL) and not should_stop():
                pass

        pacer = Pacer(self.gate, publish, LIVE_INTERVAL)
        return compare(self.runs(), progress=progress, should_stop=should_stop, pacer=pacer)

    def on_training_lab_screen_snapshot(self, message: Snapshot) -> None:
        if message.generation != self.generation or not self.running or self._stop.is_set():
            message.drawn.set()  # from a run replaced, cancelled or finished meanwhile
            return
        self.latest = message.result
        self._draw(message.result)  # the charts build their rows here, while training waits
        self._set_status(self._progress_text())
        message.drawn.set()

    def _progress_text(self) -> str:
        result = self.latest
        run = result.runs[-1] if result is not None and result.runs else None
        where = f"epoch {len(run.loss) if run else 0}/{self.options.epochs}"
        if self.axis is not None:
            where = f"{short_label(result.labels[-1]) if run else self.axis}, {where}"
        if self.gate.paused:
            return f"paused at {where} · space resumes · e trains one epoch"
        return f"training, {where} · space pauses"

    # --- showing ------------------------------------------------------------------

    def show_result(self, result) -> None:
        self._draw(result)  # a cancelled run keeps what it had learned on screen

    def _draw(self, result) -> None:
        self.query_one(TrainingPlots).show(result, comparing=self.axis is not None)
        if result.runs:
            run, boundary = result.runs[-1], self.query_one(DecisionBoundary)
            boundary.show(run)
            name = f"{short_label(result.labels[-1])} · " if self.axis is not None else ""
            boundary.border_title = f"boundary · {name}epoch {len(run.loss)}"
        if not self.running or self.gate.paused:  # the summary's text is slow to lay out
            self.query_one("#demo-summary").update(self.summary(result))

    def summary(self, result) -> RenderableType:
        if self.axis is None:
            lines = summarize_training(result.runs[0]) if result.runs else []
            return "\n".join(lines)
        lines = summarize_comparison(result)
        for index, run in enumerate(result.runs):  # one line per run comes first
            lines[index] += f"; {run.steps_per_second:,.0f} steps/s"
        heading = f"comparing {self.axis}: o, n, i, s, l compare another setting; c one run"
        return Group(Text(heading, style="bold"), "\n".join(lines), "", activation_stats(result))

    # --- keys ---------------------------------------------------------------------

    def _compositor_refresh(self) -> None:
        """Textual's paint of the screen, done between epochs when it can (EpochGate.quiet)."""
        between_epochs = self.gate.quiet.acquire(timeout=PAINT_WAIT)
        try:
            super()._compositor_refresh()
        finally:
            if between_epochs:
                self.gate.quiet.release()

    def on_knob_panel_changed(self, message: KnobPanel.Changed) -> None:
        self.rerun_with(message.options)

    def action_pause(self) -> None:
        if not self.running:
            self.notify("Not training now: r trains again.", timeout=3)
            return
        if self.gate.paused:
            self.gate.resume()
        else:
            self.gate.pause()
        self._set_status(self._progress_text())

    def action_one_epoch(self) -> None:
        if not self.running:
            self.notify("Not training now: r trains again.", timeout=3)
            return
        self.gate.step()

    def action_compare(self, axis: str) -> None:
        self.axis = self.last_axis = axis
        self.start()

    def action_toggle_view(self) -> None:
        self.axis = None if self.axis is not None else self.last_axis
        self.start()

    def action_back(self) -> None:
        super().action_back()
        self.gate.wake()

    def on_unmount(self) -> None:  # runs before DemoScreen's
        self._stop.set()
        self.gate.wake()
