"""Regenerate the SVG screenshots in screenshots/: `python -m tests.make_screenshots`.

Each shot drives the real app with Pilot at a fixed size, theme and a temporary data dir,
so the pictures are the same on every machine.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from backprop_tui.lessons.load import load_lesson
from backprop_tui.lessons.walkthrough import Walkthrough
from backprop_tui.tui.app import create_app
from backprop_tui.tui.screens.demo import SCREENS
from backprop_tui.tui.screens.gradcheck import GradCheckScreen
from tests.fixed_demo_results import fixed_demo_result
from tests.fixed_lab_states import NUDGED, fixed_lab_state, lesson

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"
OUT = ROOT / "screenshots"


def walkthrough(name: str) -> Walkthrough:
    made = Walkthrough.from_lesson(load_lesson(LESSONS / name))
    made.explanations.make()  # as the lesson screen's worker would: a picture never races it
    return made


async def shoot(name: str, size: tuple[int, int], *, first=None, review=True, keys=(), step=None,
                demo: str | None = None, lab: str | None = None) -> Path:
    with tempfile.TemporaryDirectory() as data:
        app = create_app(data_dir=Path(data), first=first, review=review)
        async with app.run_test(size=size) as pilot:
            if step is not None:
                app.screen.go(first.trace.step(step).index)
            if demo is not None:
                await app.push_screen(SCREENS[demo](result=fixed_demo_result(demo)))
            if lab is not None:  # lesson 13's gradient-check lab, from a stored state
                await app.push_screen(GradCheckScreen(lesson().trace, NUDGED, state=fixed_lab_state(lab)))
            for key in keys:
                await pilot.press(key)
            await app.workers.wait_for_complete()  # an answer is checked in a worker
            await pilot.pause(0.3)
            path = OUT / f"{name}.svg"
            app.save_screenshot(str(path))
            return path


SHOTS = {
    "picker": dict(size=(110, 32)),
    "lesson-forward": dict(size=(120, 36), first="apple-tax.yaml", step="forward.all_price"),
    "lesson-backward": dict(size=(120, 36), first="apple-tax.yaml", step="backward.apple_price"),
    "question": dict(size=(120, 36), first="sigmoid-neuron.yaml", review=False, step=None, keys=("b",)),
    "question-80x24": dict(
        size=(80, 24), first="upstream-local-downstream.yaml", review=False, keys=("b", *"y", "enter")
    ),
    "question-160x48": dict(size=(160, 48), first="apple-tax.yaml", review=False, keys=("b",)),
    "tensor-lesson": dict(size=(140, 44), first="matrix-gradients.yaml", step="backward.W"),
    "help": dict(size=(110, 32), first="apple-tax.yaml", keys=("question_mark",)),
    "small-80x24": dict(size=(80, 24), first="gradients-add-at-a-fork.yaml", step="backward.b"),
    "large-200x60": dict(size=(200, 60), first="sigmoid-neuron.yaml", step="backward.z"),
    "demo-vectorization": dict(size=(120, 36), demo="vectorization"),
    "gradcheck-lab-80x24": dict(size=(80, 24), lab="gradcheck-lab", keys=("down", "up")),
    "gradcheck-lab-bug-found": dict(size=(140, 40), lab="gradcheck-lab-bug", keys=("c",) * 6),
    "demo-word-vectors-frame": dict(size=(120, 36), demo="word-vectors", keys=("left",) * 15),
    "demo-word-vectors": dict(size=(120, 36), demo="word-vectors"),
    "demo-training-lab": dict(size=(140, 44), demo="training-lab"),
    "demo-training-lab-80x24": dict(size=(80, 24), demo="training-lab"),
    "demo-gradient-check": dict(size=(120, 36), demo="gradient-check"),
    "demo-80x24": dict(size=(80, 24), demo="word-vectors"),
}


async def main(names: list[str]) -> None:
    OUT.mkdir(exist_ok=True)
    for name, spec in SHOTS.items():
        if names and name not in names:
            continue
        spec = dict(spec)
        if "first" in spec:
            spec["first"] = walkthrough(spec["first"])
        print(await shoot(name, **spec))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
