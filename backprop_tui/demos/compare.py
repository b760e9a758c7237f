"""Several training-lab configurations run one after another, for side-by-side loss curves."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields

from backprop_tui.demos._common import AsDict, Progress, ShouldStop
from backprop_tui.demos.pacing import Pacer
from backprop_tui.demos.training_lab import TrainingResult, run_training_lab
from backprop_tui.demos.training_options import TrainingOptions
from backprop_tui.records import frozen_dataclass


@frozen_dataclass
class ComparisonResult(AsDict):
    labels: tuple[str, ...]  # what sets each run apart, e.g. "optimizer=sgd"
    runs: tuple[TrainingResult, ...]
    cancelled: bool = False


def _labels(runs: Sequence[TrainingOptions]) -> tuple[str, ...]:
    differing = [f.name for f in fields(TrainingOptions)
                 if len({getattr(run, f.name) for run in runs}) > 1]
    if not differing:
        return tuple(f"run {i + 1}" for i in range(len(runs)))
    return tuple(", ".join(f"{name}={getattr(run, name)}" for name in differing) for run in runs)


def compare(
    runs: Sequence[TrainingOptions],
    *,
    progress: Progress = None,
    should_stop: ShouldStop = None,
    pacer: Pacer | None = None,
) -> ComparisonResult:
    """Train several configurations one after another, for side-by-side loss curves. A `pacer`
    is shown the comparison so far (the finished runs and the one training) between epochs."""
    labels = _labels(runs)
    results: list[TrainingResult] = []
    for index, options in enumerate(runs):
        def share(fraction: float, index: int = index) -> None:
            if progress is not None:
                progress((index + fraction) / len(runs))

        def so_far(run: TrainingResult, done: tuple = tuple(results)) -> ComparisonResult:
            return ComparisonResult(labels[: len(done) + 1], (*done, run))

        result = run_training_lab(options, progress=share, should_stop=should_stop,
                                  pacer=pacer and pacer.framed(so_far))
        results.append(result)
        if result.cancelled:
            break
    cancelled = len(results) < len(runs) or any(r.cancelled for r in results)
    return ComparisonResult(labels[: len(results)], tuple(results), cancelled)


def summarize_comparison(result: ComparisonResult) -> list[str]:
    lines = []
    for label, run in zip(result.labels, result.runs, strict=True):
        if run.loss:
            held_out = (f"; held-out loss {run.held_out_loss[-1]:.4f}, accuracy "
                        f"{run.held_out_accuracy[-1]:.0%}" if run.held_out_loss else "")
            lines.append(f"{label}: loss {run.loss[-1]:.4f}, accuracy {run.accuracy[-1]:.0%} "
                         f"after {len(run.loss)} epochs{held_out}")
        else:
            lines.append(f"{label}: no epochs run")
    if result.cancelled:
        lines.append("cancelled")
    return lines
