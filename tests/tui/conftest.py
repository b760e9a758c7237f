import shutil
from pathlib import Path

import pytest
from rich.console import Console
from textual import events

from backprop_tui.demos import (
    DemoInfo, GradientCheckOptions, TrainingOptions, VectorizationOptions, WordVectorsOptions,
)
from backprop_tui.lessons.cache import CACHE_DIR
from backprop_tui.lessons.catalog import discover
from backprop_tui.lessons.load import load_lesson
from backprop_tui.lessons.walkthrough import Walkthrough
from backprop_tui.tui.app import create_app

LESSONS = Path(__file__).parent.parent.parent / "lessons"


def text_of(widget) -> str:
    """What a Static shows, as plain text."""
    console = Console(width=120, record=True, file=open("/dev/null", "w"), color_system=None)
    console.print(widget.content)
    return console.export_text()


# Runs that finish in a fraction of a second.
SMALL = {
    "vectorization": VectorizationOptions(n=20, d=10, repeats=1),
    "word-vectors": WordVectorsOptions(epochs=30),
    "training-lab": TrainingOptions(points_per_class=10, hidden=4, epochs=3, grid=0),
    "gradient-check": GradientCheckOptions(hidden=3, examples=4, cost_hidden_sizes=(2, 3), repeats=1),
}
# The character each named key types (a one-character key types itself).
CHARACTERS = {
    "space": " ", "question_mark": "?", "plus": "+", "minus": "-", "full_stop": ".", "asterisk": "*",
    "slash": "/", "circumflex_accent": "^", "left_parenthesis": "(", "right_parenthesis": ")",
}


def type_quickly(app, keys) -> None:
    """Keys as fast as a paste: all queued at once; the caller's next pause (or wait) lets the
    app handle them. `pilot.press` waits after each key until the process is idle: ≥ 40 ms,
    and a whole second while a worker thread computes (Textual's test for idle watches the
    process's CPU time)."""
    for key in keys:
        app.post_message(events.Key(key, CHARACTERS.get(key, key if len(key) == 1 else None)))


@pytest.fixture
def small_demos(monkeypatch) -> None:
    """Demos opened without options (by a key, a menu, the command line) make SMALL runs: a
    default run computes for seconds, and while it does the pilot's every pause lasts a second."""
    monkeypatch.setattr(DemoInfo, "defaults", property(lambda demo: SMALL[demo.name]))


WAIT_SECONDS = 60  # generous: the machine may be busy; nothing here measures time


async def wait_until(pilot, condition, describe=repr) -> None:
    """Poll `condition()` while the app runs, for what takes real time (a thread, a file
    watcher). The one sanctioned wait: a fixed pause races a busy machine."""
    for _ in range(WAIT_SECONDS * 10):
        if condition():
            return
        await pilot.pause(0.1)  # polling: allowed by tests/test_suite_rules.py
    raise AssertionError(f"the app never reached the expected state; it shows {describe(pilot.app)}")


@pytest.fixture(scope="session")
def warm_caches(tmp_path_factory) -> Path:
    """The caches a learner's data dir holds after one start: the bundled lessons' headers."""
    template = tmp_path_factory.mktemp("warm-data")
    discover(data_dir=template)
    return template / CACHE_DIR


@pytest.fixture
def data_dir(tmp_path, monkeypatch, warm_caches) -> Path:
    """An app's data dir as on a second start: no progress, but the lesson headers cached, so
    an app starts without reading every bundled lesson file (tests/lessons/test_header_cache.py
    covers the first start)."""
    monkeypatch.setenv("BACKPROP_TUI_DATA_DIR", str(tmp_path / "env-dir-must-not-be-used"))
    data = tmp_path / "data"
    shutil.copytree(warm_caches, data / CACHE_DIR)
    return data


@pytest.fixture
def apple_tax() -> Walkthrough:
    walkthrough = Walkthrough.from_lesson(load_lesson(LESSONS / "apple-tax.yaml"))
    walkthrough.explanations.make()  # as if the lesson screen's worker had made them: no waiting in tests
    return walkthrough


@pytest.fixture
def make_app(data_dir):
    def make(**kwargs):
        return create_app(data_dir=data_dir, **kwargs)

    return make


async def go_to(pilot, index: int) -> None:
    """Put the lesson screen at step `index` and let it settle."""
    pilot.app.screen.go(index)
    await pilot.pause()


async def submit(pilot, text: str = "") -> None:
    """Type `text` into the answer box, press Enter and wait until the answer is checked."""
    await pilot.press(*text, "enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


class HandTurnedClock:
    """Stands in for play's interval timer: the test makes each tick happen."""

    def __init__(self):
        self.interval = self.tick = None
        self.running = False

    def __call__(self, interval, callback):
        self.interval, self.tick, self.running = interval, callback, True
        return self

    def stop(self):
        self.running = False
