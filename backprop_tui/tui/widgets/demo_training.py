"""The training lab's curves, 2 × 2: for one run its loss, accuracy, learning rate and per-layer
gradient norms; when comparing, one curve per run. Redrawn from each snapshot while it trains."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal

from backprop_tui.demos.training_lab import stats_legend
from backprop_tui.tui.widgets.demo_plots import DemoPlots
from backprop_tui.tui.widgets.line_chart import ChartData, LineChart, Series

RUN_COLOURS = ("red", "green", "dodger_blue1", "orange1", "magenta", "cyan")
TRAINING, HELD_OUT = "cyan", "orange1"
LAYER_COLOURS = ("red", "orange1", "green", "cyan", "dodger_blue1")
COMPARED = (  # the compare view's charts: the field each run draws and its title
    ("loss", "training loss (with L2)"), ("held_out_loss", "held-out loss"),
    ("accuracy", "training accuracy"), ("learning_rates", "learning rate"),
)


class TrainingPlots(DemoPlots):
    """Shows a `ComparisonResult`: its one run (`comparing=False`) or each run side by side."""

    ROWS = (("loss-plot", "accuracy-plot"), ("rate-plot", "gradients-plot"))
    CHARTS = tuple(chart for row in ROWS for chart in row)

    def compose(self) -> ComposeResult:
        for row in self.ROWS:
            with Horizontal(classes="demo-row"):
                for chart_id in row:
                    yield LineChart(id=chart_id)

    def show(self, result, *, comparing: bool = False) -> None:
        charts = compared_charts(result) if comparing else run_charts(result.runs[0])
        for chart_id, data in zip(self.CHARTS, charts, strict=True):
            self.query_one(f"#{chart_id}", LineChart).show(data)


def run_charts(run) -> tuple[ChartData, ...]:
    """One run: loss and accuracy (training and held-out), learning rate, gradient norms."""
    epochs = run.options.epochs
    held = run.held_out_points > 0

    def pair(training, held_out, title, **bounds) -> ChartData:
        series = (Series("train", TRAINING, training),
                  *((Series("held-out", HELD_OUT, held_out),) if held else ()))
        return ChartData(title, series, epochs, **bounds)

    layers = tuple(Series(f"W{index + 1}", LAYER_COLOURS[index % len(LAYER_COLOURS)], norms)
                   for index, norms in enumerate(run.gradient_norms))
    return (
        pair(run.data_loss, run.held_out_loss, "loss"),
        pair(run.accuracy, run.held_out_accuracy, "accuracy", y_low=0.0, y_high=1.0),
        ChartData(f"learning rate ({run.options.schedule})",
                  (Series("", "green", run.learning_rates),), epochs, y_low=0.0),
        ChartData("‖∂L/∂W‖ (log)", layers, epochs, log_y=True),
    )


def compared_charts(result) -> tuple[ChartData, ...]:
    """One curve per run on each chart."""
    epochs = max((run.options.epochs for run in result.runs), default=1)
    return tuple(
        ChartData(title, tuple(Series(short_label(label), RUN_COLOURS[index % len(RUN_COLOURS)],
                                      getattr(run, field))
                               for index, (label, run) in enumerate(zip(result.labels, result.runs, strict=True))),
                  epochs, **({"y_low": 0.0, "y_high": 1.0} if field == "accuracy" else {}))
        for field, title in COMPARED
    )


def short_label(label: str) -> str:
    """'optimizer=sgd' reads as 'sgd' when one setting tells the runs apart."""
    _, equals, value = label.partition("=")
    return value if equals and "," not in label else label


def activation_stats(result) -> Group:
    """Per hidden layer of each run, at its last recorded epoch: how its units behave."""
    table = Table(title="hidden layers at the end", title_justify="left", box=None, pad_edge=False)
    for column in ("run", "layer", "mean", "std", "saturated", "dead units"):
        table.add_column(column, justify="left" if column == "run" else "right")
    for label, run in zip(result.labels, result.runs, strict=True):
        if not run.activations:
            continue
        for layer in run.activations[-1].layers:
            table.add_row(short_label(label), str(layer.layer), f"{layer.mean:+.3f}", f"{layer.std:.3f}",
                          f"{layer.saturated:.0%}", f"{layer.dead_units:.0%}")
    kinds = dict.fromkeys(run.options.nonlinearity for run in result.runs)
    legend = [line for kind in kinds for line in stats_legend(kind)[:1]] + stats_legend("relu")[1:]
    return Group(table, Text("\n".join(line.strip() for line in legend), style="dim"))
