"""Speed figures for the demos at their default sizes.

Run as `python tests/benchmarks/bench_demos.py` (pytest does not collect it). Times are the
best of several runs, but on a busy machine a multithreaded BLAS can still be slowed down
by waiting for a free core.
"""

from __future__ import annotations

import os
import platform
import time

from backprop_tui.demos.training_lab import TrainingOptions, run_training_lab
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


if __name__ == "__main__":
    main()
