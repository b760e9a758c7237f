"""`backprop-tui author FILE`: the app showing one lesson file and reloading it on every save.

The file's folder is watched (editors often save by replacing the file); each change to the
file loads it again in a worker thread. A good file replaces the lesson screen at the step the
author was looking at; a broken one shows its problems as `file:line:col: message` lines
instead, until the next good save brings the lesson back.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from backprop_tui.lessons.catalog import discover
from backprop_tui.progress import ProgressStore, default_data_dir
from backprop_tui.tui.app import BackpropApp
from backprop_tui.tui.widgets.key_footer import KeyFooter

DEBOUNCE_MS = 200  # a save often arrives as several events; wait this long for the last one


class LessonProblems(Screen):
    """What is wrong with the lesson file, in place of the lesson."""

    def __init__(self, path: Path, problems: list) -> None:
        super().__init__()
        self.path, self.problems = path, problems

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self._text(), id="author-problems")
        yield KeyFooter()

    def _text(self) -> Text:
        text = Text(f"{self.path} has problems; save it again once they are fixed:\n\n", style="bold")
        for problem in self.problems:
            text.append(f"{problem}\n", style="red")
        return text


class AuthoringApp(BackpropApp):
    def __init__(self, path: Path, catalog, store, **kwargs) -> None:
        super().__init__(catalog, store, **kwargs)
        self.path = Path(path).resolve()
        self.step = 0  # the step shown, kept across reloads
        self.shown: Screen | None = None  # the lesson or problems screen this app put up
        self.showing = asyncio.Lock()  # a save and the watcher may both reload: one swap at a time

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = f"authoring {self.path.name}: every save reloads it"
        self.reload()
        self.run_worker(self._watch(), exclusive=True, group="author-watch")

    def reload(self) -> None:
        """Load the file again (in a thread) and show the lesson or its problems."""
        self.run_worker(self._load, thread=True, exclusive=True, group="author-load")

    def _load(self) -> None:
        from backprop_tui.lessons.load import load_lesson
        from backprop_tui.lessons.notation_memory import memory_in
        from backprop_tui.lessons.source import LessonFileError
        from backprop_tui.lessons.walkthrough import Walkthrough

        try:
            result = Walkthrough.from_lesson(load_lesson(self.path), memory_in(self.data_dir))
        except LessonFileError as error:
            result = error.problems
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self.show, result)

    async def _watch(self) -> None:
        from watchfiles import awatch

        async for changes in awatch(self.path.parent, debounce=DEBOUNCE_MS, recursive=False):
            if any(Path(changed) == self.path for _, changed in changes):
                self.reload()

    async def show(self, result) -> None:
        """`result` is a Walkthrough, or the file's problems."""
        from backprop_tui.tui.screens.lesson import LessonScreen

        async with self.showing:
            if isinstance(self.shown, LessonScreen):
                self.step = self.shown.index  # read when replaced, not watched: a watch missed steps taken while it mounted
            if isinstance(result, list):
                screen = LessonProblems(self.path, result)
            else:
                last = len(result.trace.steps) - 1
                screen = LessonScreen(result, self.store, start=min(self.step, last), review=self.review)
            if self.shown is not None and self.screen is self.shown:
                await self.pop_screen()  # gone before the next one mounts (switch_screen races the Header)
            self.shown = screen
            await self.push_screen(screen)
            # a screen removed before its widgets finish mounting breaks them: let it settle first
            settled = asyncio.Event()
            screen.call_after_refresh(settled.set)
            await settled.wait()


def create_authoring_app(path: Path, data_dir: Path | None = None) -> AuthoringApp:
    data = default_data_dir(data_dir)
    return AuthoringApp(path, discover(data_dir=data), ProgressStore.open(data), data_dir=data)
