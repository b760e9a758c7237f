"""The demo screens (one `DemoScreen` subclass per demo: it names the demo, picks its plots and
adds its keys; the training lab has its own module) and `DemoChooser`, which lists them."""

from __future__ import annotations

from dataclasses import replace

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from backprop_tui.text.demo_text import first_sentence
from backprop_tui.demos import DEMOS
from backprop_tui.demos.gradcheck_lab import demo_trace
from backprop_tui.tui.screens.demo_screen import DemoScreen
from backprop_tui.tui.screens.training_lab import TrainingLabScreen
from backprop_tui.tui.widgets.demo_plots import GradientCheckPlots, VectorizationPlots
from backprop_tui.tui.widgets.demo_word_vectors import WordVectorsPlot


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
    BINDINGS = [
        *DemoScreen.BINDINGS,
        Binding("n", "toggle_nonlinearity", "tanh/relu"),
        Binding("l", "lab", "Nudge lab"),
    ]

    def action_lab(self) -> None:
        """The lab on a small graph: nudge by hand, plant a bug, watch a kink."""
        from backprop_tui.tui.screens.gradcheck import GradCheckScreen

        self.app.push_screen(GradCheckScreen(demo_trace(), "w"))

    def action_toggle_nonlinearity(self) -> None:
        kinked = "tanh" if self.options.nonlinearity == "relu" else "relu"
        self.rerun_with(replace(self.options, nonlinearity=kinked))


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
