"""Speed figures for the demos at their default sizes.

Run as `python tests/benchmarks/bench_demos.py` (pytest does not collect it). Times are the
best of several runs, but on a busy machine a multithreaded BLAS can still be slowed down
by waiting for a free core.
"""

from __future__ import annotations

import asyncio
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

from backprop_tui.demos.training_lab import TrainingOptions, run_training_lab
from backprop_tui.tui.app import create_app
from backprop_tui.demos.vectorization import (
    VectorizationOptions, run_vectorization, threads_text, verdict_text,
)


def main() -> None:
    print(f"python {platform.python_version()}, {os.cpu_count()} cpus, "
          f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}")

    options = VectorizationOptions()
    result = run_vectorization(options)
    print(f"vectorization at N={options.n}, d={options.d}, C={options.c} "
          f"(median of {options.repeats} alternating pairs; results agree: {result.agree})")
    for label, part in (("  W.dot(x_i) loop vs W.dot(X)", result.matvec),
                        ("  softmax classifier fwd+bwd ", result.classifier)):
        for timing in (part.single_thread, part.all_threads):
            print(f"{label} [{threads_text(timing)}]: looped {timing.looped_seconds * 1e3:8.3f} ms, "
                  f"batched {timing.batched_seconds * 1e3:7.3f} ms, {verdict_text(timing)}")

    options = TrainingOptions()
    start = time.perf_counter()
    lab = run_training_lab(options)
    total = time.perf_counter() - start
    print(f"training lab at defaults ({options.dataset}, hidden {options.hidden}, {options.epochs} "
          f"epochs, batch {options.batch_size}, {options.optimizer}):")
    print(f"  {lab.steps} steps, {lab.steps_per_second:,.0f} steps/s; whole run {total:.2f} s "
          f"including gradient check and statistics; final accuracy {lab.accuracy[-1]:.0%}")
    live_plots_side_by_side()


async def _in_the_app(size: tuple[int, int]) -> tuple[float, float]:
    """Steps/s and the whole run's seconds of the lab at its defaults in the app (headless),
    its plots redrawn live as it trains."""
    with tempfile.TemporaryDirectory() as data:
        app = create_app(data_dir=Path(data))
        async with app.run_test(size=size):
            start = time.perf_counter()
            app.open_demo("training-lab")
            screen = app.screen
            while screen.result is None or screen.running:
                await asyncio.sleep(0.02)
            return screen.result.runs[0].steps_per_second, time.perf_counter() - start


def _alone() -> tuple[float, float]:
    start = time.perf_counter()
    return run_training_lab().steps_per_second, time.perf_counter() - start


def live_plots_side_by_side(pairs: int = 3, size: tuple[int, int] = (100, 30)) -> None:
    """Alone and with live plots, alternating, so that the machine's load hits both alike."""
    alone, live = [], []
    for _ in range(pairs):
        alone.append(_alone())
        live.append(asyncio.run(_in_the_app(size)))
    rate_alone, rate_live = (statistics.median(rate for rate, _ in runs) for runs in (alone, live))
    wall_alone, wall_live = (statistics.median(wall for _, wall in runs) for runs in (alone, live))
    print(f"training lab, {pairs} alternating pairs, medians: alone {rate_alone:,.0f} steps/s "
          f"(run {wall_alone:.1f} s); in the app with live plots at {size[0]}x{size[1]} "
          f"{rate_live:,.0f} steps/s ({rate_live / rate_alone:.0%}; run {wall_live:.1f} s)")


if __name__ == "__main__":
    main()
