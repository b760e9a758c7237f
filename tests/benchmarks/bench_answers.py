"""Benchmark ``backprop_tui.answers.check`` over the answer corpus.

Run: ``python tests/benchmarks/bench_answers.py [--rounds N] [--strict]``. After one warm-up pass
(which fills the parse and compile caches, as a lesson session would), every corpus entry is
checked ``rounds`` times; the script reports the median and 99th percentile of single calls.
Goals: median <= 2 ms, p99 <= 20 ms (``--strict`` exits 1 when they are missed).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from backprop_tui.answers import check  # noqa: E402
from tests.answers.corpus import CORPUS  # noqa: E402

GOAL_MEDIAN_MS = 2.0
GOAL_P99_MS = 20.0


def _time_corpus() -> list[float]:
    timings = []
    for entry in CORPUS:
        start = time.perf_counter()
        check(entry.answer, entry.key, entry.variables, **entry.options)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--strict", action="store_true", help="exit 1 if a goal is missed")
    args = parser.parse_args()

    _time_corpus()  # warm-up
    timings = [ms for _ in range(args.rounds) for ms in _time_corpus()]
    median = statistics.median(timings)
    p99 = statistics.quantiles(timings, n=100)[98]
    print(f"check() over {len(CORPUS)} corpus answers x {args.rounds} rounds "
          f"({len(timings)} calls)")
    print(f"  median {median:.3f} ms (goal <= {GOAL_MEDIAN_MS} ms)")
    print(f"  p99    {p99:.3f} ms (goal <= {GOAL_P99_MS} ms)")
    print(f"  max    {max(timings):.3f} ms")
    met = median <= GOAL_MEDIAN_MS and p99 <= GOAL_P99_MS
    print("  goals met" if met else "  GOALS MISSED")
    return 0 if met or not args.strict else 1


if __name__ == "__main__":
    sys.exit(main())
