"""How long the answer checker takes over hostile input (tests/answers/test_hostile.py).

Run: ``python tests/benchmarks/bench_hostile.py [--strict]``. Each input is checked with empty
caches, after a warm-up that imports SymPy's lazily loaded parts. Goal: every input under
100 ms (``--strict`` exits 1 when one is not).
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from backprop_tui.answers import check, evaluation  # noqa: E402
from backprop_tui.answers import parse as parse_module  # noqa: E402
from tests.answers.test_hostile import HOSTILE, VARIABLES  # noqa: E402

GOAL_MS = 100.0


def cold_check_ms(text: str) -> float:
    """One check with empty caches and no garbage-collector pause inside the timing."""
    parse_module.parse.cache_clear()
    evaluation._compiled.cache_clear()
    gc.disable()
    try:
        start = time.perf_counter()
        check(text, "x", VARIABLES)
        return (time.perf_counter() - start) * 1000
    finally:
        gc.enable()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="exit 1 if an input misses the goal")
    args = parser.parse_args()
    check("2*x*y + exp(x)/y", "x", VARIABLES)
    check("W.T", "W", VARIABLES)
    timings = sorted(((cold_check_ms(text), text) for text in HOSTILE), reverse=True)
    slow = [(ms, text) for ms, text in timings if ms >= GOAL_MS]
    print(f"{len(HOSTILE)} hostile inputs: slowest {timings[0][0]:.1f} ms, "
          f"{len(slow)} over {GOAL_MS:.0f} ms")
    for ms, text in timings[:5]:
        print(f"  {ms:7.1f} ms  {text[:40]!r}")
    return 1 if args.strict and slow else 0


if __name__ == "__main__":
    sys.exit(main())
