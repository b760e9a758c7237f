"""Several training-lab runs side by side: loss and accuracy curves, and activation statistics."""

from __future__ import annotations

import math

from rich.console import Group
from rich.table import Table
from rich.text import Text
from backprop_tui.demos.training_lab import stats_legend
from backprop_tui.tui.widgets.demo_plots import DemoPlots

RUN_COLOURS = ("red", "green", "blue", "orange", "magenta", "cyan")


class TrainingPlots(DemoPlots):
    """Shows a `ComparisonResult`: one curve per run."""

    CHARTS = ("loss-plot", "held_out_loss-plot", "accuracy-plot")
    TITLES = {"loss": "training loss (with L2)", "held_out_loss": "held-out loss (no L2)",
              "accuracy": "training accuracy"}

    def show(self, result) -> None:
        for field, title in self.TITLES.items():
            self.chart(f"{field}-plot").show(
                lambda plt, size, field=field, title=title: _curves(plt, result, field, title))


def _curves(plt, result, field: str, title: str) -> None:
    for index, (label, run) in enumerate(zip(result.labels, result.runs, strict=True)):
        points = [(epoch, value) for epoch, value in enumerate(getattr(run, field), start=1)
                  if math.isfinite(value)]
        if points:
            plt.plot([e for e, _ in points], [v for _, v in points], marker="braille",
                     color=RUN_COLOURS[index % len(RUN_COLOURS)], label=short_label(label))
    plt.title(title)
    plt.xlabel("epoch")


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
