"""Start-up and stepping, side by side with a bare Textual app in the same run.

    python tests/benchmarks/bench_startup.py [--runs 5] [--only lesson walk ...]

Each start is a whole process (`python -c ...`), headless at 100×30, that exits on the first
frame of the screen it is asked for. Two figures, medians of --runs runs taken in turns (bare,
product, bare, product, ...) so that a busy machine slows both alike: the first frame (from
launching the process to the frame, which the process writes down) and the whole process (to
its exit, which also waits for background workers, e.g. the lesson's explanations), and the
CPU time the process used up to its first frame, which other users of a shared machine disturb
least. Beside each ratio, the middle half of the run-by-run ratios: on a machine whose speed
varies from run to run, how far the median can be trusted. Every run gets the same data dir,
warmed by one untimed start, as a learner's second start would. "The first frame" is when
the screen asked for has been drawn and the process has gone idle (Pilot.pause), so work
left running after the frame counts too.

Stepping: in one process, a key press on a lesson screen until the screen has processed it
and repainted (median and p90 over every step of the lesson), for a 60-node lesson and a
200-node `expr` chain, beside the same measure for a bare app updating one Static.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZE = (100, 30)

# The harness replaces App.run with a headless run that exits once `ready(app)` holds. It does
# so when the program itself imports Textual, so that the program starts as it would without
# the harness (a program may, say, pause the garbage collector before importing Textual).
HARNESS = """
import asyncio, importlib.abc, importlib.util, os, sys, time

def run_headless(self, *args, **kwargs):
    async def exit_when_ready(pilot):
        while not READY(pilot.app):
            await asyncio.sleep(0.005)  # not pilot.pause, which would make the app repaint each time
        await pilot.pause()
        with open(os.environ["BENCH_FIRST_FRAME_FILE"], "w") as out:
            out.write(f"{time.time()!r} {time.process_time()!r}")
        pilot.app.exit()
    return run_headless.__wrapped__(self, headless=True, size=%r, auto_pilot=exit_when_ready)

class PatchTextualApp(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "textual.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        exec_module = spec.loader.exec_module

        def exec_and_patch(module):
            exec_module(module)
            run_headless.__wrapped__ = module.App.run
            module.App.run = run_headless
        spec.loader.exec_module = exec_and_patch
        return spec

sys.meta_path.insert(0, PatchTextualApp())
""" % (SIZE,)

BARE = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()

Bare().run()
"""

READY_ANY = "READY = lambda app: True\n"
# The lesson loads in a worker behind a loading box: ready when the lesson itself shows.
READY_LESSON = "READY = lambda app: type(app.screen).__name__ == 'LessonScreen'\n"


def product(argv: list[str]) -> str:
    return f"import sys; from backprop_tui.cli import main; sys.exit(main({argv!r}))"


def timed(code: str, env: dict[str, str]) -> tuple[float, float, float]:
    """Seconds to the first frame and to the exit, and the CPU seconds the process used up to
    its first frame (on a shared machine the least noisy figure); for a process that draws no
    frame, its exit stands for the frame."""
    with tempfile.TemporaryDirectory() as tmp:
        first_frame_file = Path(tmp) / "first-frame"
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        launched, start = time.time(), time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True,
                       env=dict(env, BENCH_FIRST_FRAME_FILE=str(first_frame_file)),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        whole = time.perf_counter() - start
        if not first_frame_file.exists():
            cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = sum(getattr(cpu_after, f) - getattr(cpu_before, f) for f in ("ru_utime", "ru_stime"))
            return whole, whole, cpu
        frame, cpu = map(float, first_frame_file.read_text().split())
        return frame - launched, whole, cpu


def compare(label: str, baseline: str, candidate: str, env: dict[str, str], runs: int) -> None:
    timed(candidate, env)  # warms the data dir's caches, as a second start would find them
    base, cand = [], []
    for _ in range(runs):
        base.append(timed(baseline, env))
        cand.append(timed(candidate, env))
    drew = any(t[0] != t[1] for t in base + cand)
    for i, what in enumerate(("first frame", "whole process", "CPU to frame" if drew else "CPU")):
        if what == "whole process" and not drew:
            continue  # no frame: the first frame was the whole process
        b, c = statistics.median(t[i] for t in base), statistics.median(t[i] for t in cand)
        print(f"{label:<44} {what:<13} {c * 1000:7.0f} ms   baseline {b * 1000:6.0f} ms"
              f"   ratio {c / b:4.2f}×   {spread([tc[i] / tb[i] for tb, tc in zip(base, cand)])}")


def spread(ratios: list[float]) -> str:
    """The middle half of the run-by-run ratios (each run beside the baseline run before it):
    how far one median can be trusted on a machine whose speed varies."""
    if len(ratios) < 4:
        return ""
    low, _, high = statistics.quantiles(ratios, n=4)
    return f"(middle half {low:.2f}–{high:.2f}×)"


def absolute(label: str, code: str, env: dict[str, str], runs: int) -> None:
    timed(code, env)
    runs_timed = [timed(code, env) for _ in range(runs)]
    wall, cpu = (statistics.median(t[i] for t in runs_timed) for i in (1, 2))
    print(f"{label:<44} {wall * 1000:7.0f} ms   CPU {cpu * 1000:6.0f} ms")


def many_lessons(folder: Path, count: int) -> None:
    for i in range(count):
        (folder / f"gen-{i:03d}.yaml").write_text(
            f"format: 1\nid: gen-{i:03d}\ntitle: Generated lesson {i}\nsummary: A product.\n"
            "inputs: {x: 3, y: -4}\nnodes:\n  f: {op: mul, inputs: [x, y]}\noutput: f\n",
            encoding="utf-8",
        )


STARTS = ("picker", "lesson", "many", "version", "list", "walk", "expr")


def starts(runs: int, only: set[str]) -> None:
    import os

    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, BACKPROP_TUI_DATA_DIR=str(Path(tmp) / "data"), COLUMNS="100")
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its bytecode written
        bare = HARNESS + READY_ANY + BARE
        if "picker" in only:
            compare("backprop-tui → picker's first frame", bare, HARNESS + READY_ANY + product([]), env, runs)
        if "lesson" in only:
            compare("backprop-tui apple-tax → lesson's first frame", bare,
                    HARNESS + READY_LESSON + product(["apple-tax"]), env, runs)
        if "many" in only:
            folder = Path(tmp) / "many"
            folder.mkdir()
            many_lessons(folder, 200)
            compare("picker with 200 more lessons (--lessons)", bare,
                    HARNESS + READY_ANY + product(["--lessons", str(folder)]), env, runs)
        if "version" in only:
            compare("backprop-tui --version", "pass", product(["--version"]), env, runs)
        if "list" in only:
            absolute("backprop-tui list", product(["list"]), env, runs)
        if "walk" in only:
            absolute("backprop-tui walk apple-tax", product(["walk", "apple-tax"]), env, runs)
        if "expr" in only:
            absolute("backprop-tui expr ... --plain", product(["expr", "q = x + y; f = q * z", "x=-2", "y=5",
                                                               "z=-4", "--plain"]), env, runs)


async def step_times(app, ready, keys: int) -> list[float]:
    """Seconds from posting a key to the app having handled it and repainted."""
    from textual import events

    times = []
    async with app.run_test(size=SIZE) as pilot:
        while not ready(app):
            await pilot.pause(0.01)
        await pilot.pause()
        for _ in range(keys):
            start = time.perf_counter()
            app.screen.post_message(events.Key("n", "n"))
            await pilot.pause()
            times.append(time.perf_counter() - start)
    return times


def chain_program(length: int) -> str:
    lines = ["a0 = x * w"] + [f"a{i} = a{i - 1} * w + {i % 7 + 1}" for i in range(1, length)]
    return "; ".join(lines)


def report(label: str, times: list[float]) -> None:
    times = sorted(times)
    p90 = times[int(0.9 * (len(times) - 1))]
    print(f"{label:<44} median {statistics.median(times) * 1000:6.1f} ms   p90 {p90 * 1000:6.1f} ms"
          f"   ({len(times)} keys)")


def stepping() -> None:
    import asyncio

    from textual.app import App
    from textual.widgets import Static

    from backprop_tui.engine.statements import parse_program
    from backprop_tui.engine.trace import run
    from backprop_tui.lessons.catalog import discover
    from backprop_tui.lessons.verified import load_verified
    from backprop_tui.lessons.walkthrough import Walkthrough
    from backprop_tui.tui.app import create_app

    class BareCounter(App):
        count = 0

        def compose(self):
            yield Static("0")

        def on_key(self, event) -> None:
            self.count += 1
            self.query_one(Static).update(str(self.count))

    is_lesson = lambda app: type(app.screen).__name__ == "LessonScreen"  # noqa: E731
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        report("bare Textual: key → Static updated", asyncio.run(step_times(BareCounter(), lambda a: True, 60)))
        lessons = [load_verified(info.path, data) for info in discover((), data_dir=data).lessons]
        biggest = max(lessons, key=lambda loaded: len(loaded.trace.graph.nodes))
        app = create_app(data_dir=data, first=Walkthrough.from_lesson(biggest), review=True)
        report(f"lesson {biggest.lesson.id} ({len(biggest.trace.graph.nodes)} nodes): n",
               asyncio.run(step_times(app, is_lesson, 60)))
        program = chain_program(66)  # three nodes a statement: about 200
        graph = parse_program(program)
        values = {"x": 0.5, "w": 0.9}
        trace = run(graph, values)
        app = create_app(data_dir=data, first=Walkthrough.from_trace("chain", trace))
        report(f"expr chain ({len(graph.nodes)} nodes): n", asyncio.run(step_times(app, is_lesson, 60)))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="+", choices=(*STARTS, "stepping"), default=(*STARTS, "stepping"),
                        help="measure only these (default: all)")
    options = parser.parse_args()
    starts(options.runs, set(options.only))
    if "stepping" in options.only:
        stepping()
