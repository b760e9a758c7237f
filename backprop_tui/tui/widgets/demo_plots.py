"""Plots of the demos' results, drawn with textual-plotext.

Each demo has a `DemoPlots` widget: the screen hands it a finished result with `show(result)`
and it gives each of its `Chart`s a paint function. This module has the shared parts and the
plots of the vectorization and gradient-check demos; the word-vector and training-lab plots
have their own modules.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import ClassVar

from rich.console import RenderableType
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

from backprop_tui.engine.gradcheck import GOOD, OK, SUSPICIOUS
from backprop_tui.demos.vectorization import Comparison
from backprop_tui.tui.widgets.error_vs_h import paint_error_vs_h

LOOPED, BATCHED = "red", "green"
BAND_COLOURS = ((GOOD, "green"), (OK, "cyan"), (SUSPICIOUS, "orange"), (math.inf, "red"))


Paint = Callable[[Plot, Size], None]


class Chart(PlotextPlot):
    """A plot drawn afresh by `paint(plt, size)` at every render, so a drawing can fit the size."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self.paint: Paint | None = None

    def show(self, paint: Paint) -> None:
        self.paint = paint
        self.refresh()

    def render(self) -> RenderableType:
        plt = self.plt
        plt.clear_figure()
        # Set the theme before painting: text labels take the canvas colour as their background.
        plt.theme(self._get_plotext_theme_name(self.app.theme))
        if self.paint is not None:
            self.paint(plt, self.size)
        return super().render()


class DemoPlots(Vertical):
    """The plots of one demo: its `CHARTS` side by side (stacked when narrow), painted in `show`."""

    CHARTS: ClassVar[tuple[str, ...]] = ()  # the ids of the charts

    def compose(self) -> ComposeResult:
        with Horizontal(classes="demo-row"):
            for chart_id in self.CHARTS:
                yield Chart(id=chart_id)

    def chart(self, chart_id: str) -> Chart:
        return self.query_one(f"#{chart_id}", Chart)

    def show(self, result) -> None:
        raise NotImplementedError


class VectorizationPlots(DemoPlots):
    """Looped against batched time per part (their scales differ tenfold), on one BLAS thread
    and on all, and the time per window as N grows."""

    PARTS = (("matvec", "scores W·X"), ("classifier", "softmax loss, dW"))
    CHARTS = (*(f"{name}-plot" for name, _ in PARTS), "series-plot")

    def show(self, result) -> None:
        for name, title in self.PARTS:
            part = getattr(result, name)
            self.chart(f"{name}-plot").show(
                lambda plt, size, part=part, title=title: _timing_bars(plt, part, title))
        self.chart("series-plot").show(lambda plt, size: _per_example(plt, result.series))


def _timing_bars(plt, part: Comparison, title: str) -> None:
    bars = [(f"{name}{timing.threads or '*'}", seconds, colour)
            for timing in (part.single_thread, part.all_threads) if timing.verdict is not None
            for name, seconds, colour in (("L", timing.looped_seconds, LOOPED),
                                          ("B", timing.batched_seconds, BATCHED))]
    for position, (_, seconds, colour) in enumerate(bars, start=1):
        plt.bar([position], [seconds * 1e3], color=colour, width=0.5)
    plt.xticks(range(1, len(bars) + 1), [label for label, _, _ in bars])
    plt.xlim(0.4, len(bars) + 0.6)
    plt.ylim(0, None)
    plt.title(f"{title}, ms (L/B·threads)")


def _per_example(plt, series) -> None:
    sizes = [point.n for point in series]
    plt.plot(sizes, [p.looped_seconds_per_example * 1e6 for p in series],
             marker="braille", color=LOOPED, label="looped")
    plt.plot(sizes, [p.batched_seconds_per_example * 1e6 for p in series],
             marker="braille", color=BATCHED, label="batched")
    plt.xscale("log")
    plt.yscale("log")
    plt.title("µs per window, 1 thread (log)")
    plt.xlabel("N windows (log)")


class GradientCheckPlots(DemoPlots):
    """A histogram of log10 relative errors with the usual bands, the error against h of
    one-sided and centred differences, and the cost of each method."""

    CHARTS = ("errors-plot", "sweep-plot", "cost-plot")

    def show(self, result) -> None:
        self.chart("errors-plot").show(lambda plt, size: _error_histogram(plt, result))
        sweep = result.sweep
        self.chart("sweep-plot").show(lambda plt, size: paint_error_vs_h(
            plt, [p.h for p in sweep], [p.one_sided_error for p in sweep],
            [p.centred_error for p in sweep], slopes=result.sweep_slopes,
            round_off=[p.round_off for p in sweep], kinked=[p.kinks > 0 for p in sweep], width=size.width))
        self.chart("cost-plot").show(lambda plt, size: _cost_curves(plt, result))


def _error_histogram(plt, result) -> None:
    """One bar per decade, coloured by its band, with a line at each band's upper edge."""
    edges, counts = result.histogram_edges, result.histogram_counts
    bins = list(zip(edges, edges[1:], counts))
    low = -math.inf
    for edge, colour in BAND_COLOURS:
        high = math.log10(edge)
        band = [((left + right) / 2, count) for left, right, count in bins
                if count and low < right <= high]
        if band:
            plt.bar([x for x, _ in band], [count for _, count in band], width=0.7, color=colour)
        if math.isfinite(high):
            plt.vline(high, color=colour)
        low = high
    plt.xlim(edges[0], edges[-1])
    ticks = [e for e in edges if e % 4 == 0]
    plt.xticks(ticks, [f"1e{e:.0f}" for e in ticks])
    plt.title(f"relative errors of {result.parameters} parameters")
    plt.xlabel("good ≤ 1e-7 < ok ≤ 1e-4 < suspicious ≤ 1e-2 < wrong")


def _cost_curves(plt, result) -> None:
    parameters = [p.parameters for p in result.cost]
    plt.plot(parameters, [p.numerical_seconds * 1e3 for p in result.cost],
             marker="braille", color="red", label="numerical")
    plt.plot(parameters, [p.backward_seconds * 1e3 for p in result.cost],
             marker="braille", color="green", label="backward")
    plt.xscale("log")
    plt.yscale("log")
    plt.title("ms per full gradient (log)")
    plt.xlabel("parameters (log)")
