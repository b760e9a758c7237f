"""No key sequence crashes the app (#10 §5).

Seeded random keys, in batches with a terminal resize (20×6 … 200×60) between them, go to
each starting screen: the picker, a lesson, a question, the quiz and every demo. After every
batch the app must still be running; `run_test` re-raises any exception the app hit.

Keys reach wherever the previous keys led (the palette, help, another lesson, a demo), so
the runs also cover the screens in between. Quitting is the one way out that is not a crash,
so `q`, ctrl+q and ctrl+c are never sent and the palette's "Quit" command does nothing here.
Seeds that once found a crash stay in REGRESSIONS with a note of what broke.
"""

from __future__ import annotations

import math
import random

import pytest

from backprop_tui.demos import DEMOS
from backprop_tui.lessons.catalog import Catalog
from backprop_tui.tui.app import BackpropApp
from backprop_tui.tui.screens import opening

from .conftest import CHARACTERS, type_quickly, wait_until

SPECIAL = (
    "up down left right pageup pagedown home end tab shift+tab enter escape backspace ctrl+p f1 f2 f3 f4"
).split()
KEYS = SPECIAL + list(CHARACTERS) + list("RKabdgknprsfioxyz01237")
KEYS_PER_RUN = 250
BATCH = 50
SMALLEST, LARGEST = (20, 6), (200, 60)
START_SIZE = (80, 24)

STARTS = ["picker", "lesson", "question", "quiz", *(f"demo:{name}" for name in DEMOS)]
REGRESSIONS = [  # (start, seed): what it found
    ("demo:vectorization", 1),  # two Enters in the demo chooser dismissed it twice: ScreenStackError
    ("picker", 3),  # two Enters in the command palette dismissed it twice: ScreenStackError
]
# One run per start; where a seed once found a crash, it is that start's run (seed 0 otherwise):
# 8 starts × 250 keys = 2,000 keys per run of the suite, the kept seeds among them.
RUNS = [*REGRESSIONS, *((start, 0) for start in STARTS if start not in dict(REGRESSIONS))]


@pytest.fixture
def fuzz_app(make_app, apple_tax, small_demos, monkeypatch, tmp_path):
    """An app on one small lesson (opened without reloading it) whose demos run small."""
    monkeypatch.chdir(tmp_path)  # the palette's "Save screenshot" writes here
    monkeypatch.setattr(opening, "load_walkthrough", lambda path, data_dir: apple_tax)
    monkeypatch.setattr(BackpropApp, "action_quit", lambda app: None)

    def make(start: str) -> BackpropApp:
        if start.startswith("demo:"):
            app = make_app(demo=start.removeprefix("demo:"))
        elif start == "picker":
            app = make_app()
        else:
            app = make_app(first=apple_tax, quiz=start == "quiz", review=start == "lesson")
        app.catalog = Catalog(lessons=[app.catalog.find("apple-tax")])
        return app

    return make


def random_size(rng: random.Random) -> tuple[int, int]:
    """Log-uniform: cramped sizes, where layouts break, come up as often as roomy ones (and cost less)."""
    return tuple(round(math.exp(rng.uniform(math.log(low), math.log(high))))
                 for low, high in zip(SMALLEST, LARGEST))


def first_question_step(screen) -> int:
    at = screen.walkthrough.questions[0].question.at
    return next(step.index for step in screen.trace.steps if step.key == at)


def test_every_start_gets_its_share_of_the_2000_keys():
    assert sorted(start for start, _ in RUNS) == sorted(STARTS)
    assert len(RUNS) * KEYS_PER_RUN >= 2000


@pytest.mark.parametrize(("start", "seed"), RUNS)
async def test_random_keys_never_crash_the_app(fuzz_app, start, seed):
    rng = random.Random(f"{start}/{seed}")
    app = fuzz_app(start)
    async with app.run_test(size=START_SIZE) as pilot:
        await pilot.pause()
        if start == "question":
            app.screen.go(first_question_step(app.screen))
            await pilot.pause()
            assert app.screen.query_one("#quiz").waiting
        for sent in range(0, KEYS_PER_RUN, BATCH):
            type_quickly(app, [rng.choice(KEYS) for _ in range(BATCH)])
            await pilot.resize_terminal(*random_size(rng))  # queued behind the keys; then one pause
            assert app.is_running, f"the app stopped after {sent + BATCH} keys"
        await pilot.pause()
        assert app.is_running and app.screen_stack
        # Leave as a learner would (the test never sends q): run_test's teardown closes the
        # screens at once, and a key still on its way (a busy machine leaves more of them) then
        # reached an app without screens (NoMatches, ScreenStackError). Exiting stops the app
        # taking keys first, as quitting does.
        app.exit()
        await wait_until(pilot, lambda: not app.is_running)
