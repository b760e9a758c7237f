"""The demos' timing claims, which unit tests cannot assert (they depend on the machine's load).

Run: ``python tests/benchmarks/bench_claims.py [--strict]``: the batched vectorization beats the
loop at a moderate size, the numerical gradient's cost and its ratio to one backward pass
grow with the number of parameters, and the training lab trains at its defaults within 5 s. ``--strict`` exits 1 when a claim does not hold here.
"""

from __future__ import annotations

import argparse
import sys

from backprop_tui.demos.gradient_check import GradientCheckOptions, run_gradient_check
from backprop_tui.demos.training_lab import run_training_lab
from backprop_tui.demos.vectorization import FASTER, VectorizationOptions, run_vectorization, verdict_text


def claims() -> list[tuple[str, bool]]:
    vectorized = run_vectorization(VectorizationOptions(n=200, d=100, c=5, repeats=3))
    checked = run_gradient_check(GradientCheckOptions(
        hidden=6, examples=8, cost_hidden_sizes=(2, 8, 24), repeats=2))
    first, last = checked.cost[0], checked.cost[-1]
    trained = run_training_lab()
    return [
        (f"scores, 1 BLAS thread: {verdict_text(vectorized.matvec.single_thread)}",
         vectorized.matvec.single_thread.verdict == FASTER),
        (f"classifier, 1 BLAS thread: {verdict_text(vectorized.classifier.single_thread)}",
         vectorized.classifier.single_thread.verdict == FASTER),
        (f"numerical gradient {first.numerical_seconds * 1e3:.2f} ms at {first.parameters} "
         f"parameters, {last.numerical_seconds * 1e3:.2f} ms at {last.parameters}",
         last.numerical_seconds > first.numerical_seconds),
        (f"numerical / backward {first.ratio:.0f}x, then {last.ratio:.0f}x", last.ratio > first.ratio),
        (f"training lab at its defaults: {trained.train_seconds:.1f} s", trained.train_seconds < 5),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="exit 1 if a claim does not hold")
    args = parser.parse_args()
    results = claims()
    for text, holds in results:
        print(f"{'ok  ' if holds else 'FAIL'} {text}")
    return 1 if args.strict and not all(holds for _, holds in results) else 0


if __name__ == "__main__":
    sys.exit(main())
