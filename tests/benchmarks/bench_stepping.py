"""The lesson screen's cost per step and per resize, in CPU time and layout passes.

    python tests/benchmarks/bench_stepping.py [LESSON ...] [--size 100x30] [--rounds 3]

For each lesson (default: apple-tax, window-word-vectors), in one process: every step of the
lesson in review mode (`n` and a settle, as the Pilot tests press keys), then ten resizes
between 60×20 and 160×48, each round timed with time.process_time (a shared machine disturbs
CPU time less than wall time); the best round is printed, with the layout passes (the screen's
screen_layout_refresh_signal) and paints (compositor refreshes) per key or resize.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the checkout this file is in, not the installed package

from textual.screen import Screen  # noqa: E402

from backprop_tui.lessons.load import load_lesson  # noqa: E402
from backprop_tui.lessons.walkthrough import Walkthrough  # noqa: E402
from backprop_tui.tui.app import create_app  # noqa: E402

LESSONS = ROOT / "lessons"
SIZES = [(80, 24), (120, 40), (60, 20), (160, 48), (100, 30)] * 2

paints = Counter()
_compositor_refresh = Screen._compositor_refresh


def _counted_refresh(screen: Screen) -> None:
    paints[type(screen).__name__] += 1
    _compositor_refresh(screen)


Screen._compositor_refresh = _counted_refresh


async def best_round(pilot, rounds: int, actions: list, before=None) -> tuple[float, int, int]:
    """Best CPU seconds of `rounds` runs of `actions`, with that run's layout passes and paints."""
    screen = pilot.app.screen
    passes: list = []
    screen.screen_layout_refresh_signal.subscribe(screen, passes.append, immediate=True)
    best = None
    for _ in range(rounds):
        if before is not None:
            await before()
        passes.clear()
        paints.clear()
        start = time.process_time()
        for action in actions:
            await action()
            await pilot.pause()
        await pilot.pause()
        result = (time.process_time() - start, len(passes), paints["LessonScreen"])
        best = result if best is None or result[0] < best[0] else best
    return best


async def measure(name: str, size: tuple[int, int], rounds: int) -> None:
    walk = Walkthrough.from_lesson(load_lesson(LESSONS / f"{name}.yaml"))
    walk.explanations.make()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(data_dir=Path(tmp), first=walk, review=True)
        async with app.run_test(size=size) as pilot:
            while type(app.screen).__name__ != "LessonScreen":
                await pilot.pause(0.01)
            await pilot.pause()

            async def back_to_start():
                await pilot.resize_terminal(*size)
                app.screen.go(0)
                await pilot.pause()

            keys = len(walk.trace.steps) - 1
            cpu, passes, painted = await best_round(
                pilot, rounds, [lambda: pilot.press("n")] * keys, before=back_to_start)
            print(f"{name} at {size[0]}×{size[1]}: n  {cpu / keys * 1000:6.1f} ms CPU"
                  f"  {passes / keys:4.2f} layouts  {painted / keys:4.2f} paints  (per key, {keys} keys)")
            resizes = [lambda s=s: pilot.resize_terminal(*s) for s in SIZES]
            cpu, passes, painted = await best_round(pilot, rounds, resizes)
            print(f"{'':<{len(name) + 12}}resize {cpu / len(SIZES) * 1000:6.1f} ms CPU"
                  f"  {passes / len(SIZES):4.2f} layouts  {painted / len(SIZES):4.2f} paints  (per resize)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="*", default=["apple-tax", "window-word-vectors"])
    parser.add_argument("--size", default="100x30")
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    width, height = map(int, options.size.split("x"))
    for lesson_name in options.lessons:
        asyncio.run(measure(lesson_name, (width, height), options.rounds))
