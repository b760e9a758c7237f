"""A command's process ends without the interpreter's last garbage collections scanning every
object it made (they are frozen at exit), so what must be closed is closed beforehand."""

import gc
import sqlite3
import subprocess
import sys

import pytest
from textual.app import App

from backprop_tui.cli import common, main
from backprop_tui.tui.app import BackpropApp

from .test_cli import APPLE_TAX
from .tui.conftest import wait_until


def test_what_lives_at_exit_is_frozen_out_of_the_collector(tmp_path, capsys):
    assert main(["walk", str(APPLE_TAX), "--data-dir", str(tmp_path)]) == 0  # fills the caches: a quicker walk below
    capsys.readouterr()
    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print(gc.get_freeze_count() > 0))  # runs after main's handlers\n"
        "from backprop_tui.cli import main\n"
        f"main(['walk', {str(APPLE_TAX)!r}, '--data-dir', {str(tmp_path)!r}])\n"
        "print('walked')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines()[-2:] == ["walked", "True"]


def test_the_app_closes_the_progress_store_when_it_ends(tmp_path, monkeypatch):
    apps = []

    async def quit_at_once(pilot):
        pilot.app.exit()

    def run_and_quit(app):
        apps.append(app)
        App.run(app, headless=True, size=(80, 24), auto_pilot=quit_at_once)

    monkeypatch.setattr(BackpropApp, "run", run_and_quit)
    assert main(["--data-dir", str(tmp_path)]) == 0
    (app,) = apps
    with pytest.raises(sqlite3.ProgrammingError):  # closed
        app.store.statuses(["apple-tax"])


@pytest.mark.parametrize("argv, first", [
    ([], ["LessonPicker"]),
    (["apple-tax"], ["OpeningScreen", "LessonScreen"]),
    (["expr", "f = x * 2", "x=3"], ["LessonScreen"]),
], ids=["picker", "lesson", "expr"])
def test_the_collector_is_paused_from_start_up_to_the_first_frame(tmp_path, monkeypatch, argv, first):
    """Starting makes objects that live as long as the process: the cyclic collector stays
    paused until the first screen asked for (the lesson, once loaded) has drawn its first frame."""
    from backprop_tui.tui.screens.lesson import LessonScreen

    enabled = {}
    push_screen = BackpropApp.push_screen

    def noting_push_screen(app, screen, *args, **kwargs):
        enabled.setdefault(type(screen).__name__, gc.isenabled())
        return push_screen(app, screen, *args, **kwargs)

    async def quit_after_first_frame(pilot):
        if argv:
            await wait_until(pilot, lambda: isinstance(pilot.app.screen, LessonScreen))
        await pilot.pause()
        enabled["after the first frame"] = gc.isenabled()
        pilot.app.exit()

    monkeypatch.setattr(common, "interactive", lambda: True)  # expr opens the app in a terminal
    monkeypatch.setattr(BackpropApp, "push_screen", noting_push_screen)
    monkeypatch.setattr(BackpropApp, "run", lambda app: App.run(app, headless=True, size=(80, 24),
                                                                auto_pilot=quit_after_first_frame))
    assert main([*argv, "--data-dir", str(tmp_path)]) == 0
    assert enabled == {**dict.fromkeys(first, False), "after the first frame": True}
    assert gc.isenabled()


def test_the_collector_runs_again_when_the_app_cannot_start(tmp_path, capsys):
    assert main(["no-such-lesson", "--data-dir", str(tmp_path)]) == 2
    assert "no-such-lesson" in capsys.readouterr().err
    assert gc.isenabled()
