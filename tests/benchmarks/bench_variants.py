"""How long `check` takes to prove the bundled lessons' variants (issue #17: within 60 s).

Run: ``python tests/benchmarks/bench_variants.py [--strict]``: `check lessons/` with no variants
and with the 50 it draws by default, wall and CPU time, and the variant pass per lesson.
``--strict`` exits 1 when the whole check takes 60 s or more here.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from backprop_tui.lessons.check import check_paths
from backprop_tui.lessons.load import load_lesson
from backprop_tui.lessons.variant_check import CHECKED_VARIANTS, variant_problems
from backprop_tui.lessons.variants import has_variants

LESSONS = Path(__file__).resolve().parents[2] / "lessons"
LIMIT_SECONDS = 60.0


def timed(work) -> tuple[float, float]:
    """(wall, CPU) seconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args()
    check_paths([LESSONS], variants=0)  # imports (SymPy, the demos) paid before timing
    totals = {}
    for variants in (0, CHECKED_VARIANTS):
        totals[variants] = wall, cpu = timed(lambda: check_paths([LESSONS], variants=variants))
        print(f"check lessons/ with {variants:2d} variants per lesson: {wall:6.2f} s wall, {cpu:6.2f} s CPU")
    for path in sorted(LESSONS.glob("*.yaml")):
        if path.name == "course.yaml":
            continue
        loaded = load_lesson(path)
        if has_variants(loaded.lesson):
            wall, cpu = timed(lambda: variant_problems(loaded))
            print(f"  {path.stem:32s} {CHECKED_VARIANTS} variants: {wall:5.2f} s wall, {cpu:5.2f} s CPU")
    return 1 if args.strict and totals[CHECKED_VARIANTS][0] >= LIMIT_SECONDS else 0


if __name__ == "__main__":
    sys.exit(main())
