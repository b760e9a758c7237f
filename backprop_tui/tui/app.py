"""The Textual app: the lesson picker, lesson screens, quizzes and help.

Built by `create_app` from its dependencies (lesson folders, data dir) so tests can inject
temporary ones. The app renders what the core computed; it computes no gradient itself.
Engine modules (NumPy, SymPy) are imported only when a lesson is opened, and lessons are
loaded in a worker (OpeningScreen), so no screen's first frame waits for them. (A lesson
named on the command line whose content passed before comes ready-made: the CLI opened it
before the app started, with nothing to verify.)
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from backprop_tui.lessons.catalog import Catalog, LessonInfo, discover
from backprop_tui.lessons.files import LessonFileError
from backprop_tui.progress import ProgressStore, default_data_dir
from backprop_tui.tui.commands import LiteralSystemCommands
from backprop_tui.tui.screens.opening import OpeningScreen
from backprop_tui.tui.screens.picker import LessonPicker
from backprop_tui.tui.saving import ReportingStore
from backprop_tui.tui import textual_fixes, textual_speedups

textual_fixes.apply()
textual_speedups.apply()

DEFAULT_THEME = "textual-dark"
QUIT_WAIT_CHECKS = 100  # of 10 ms: how long a quit waits at most for the screen showing to mount


class BackpropApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "backprop-tui"
    COMMANDS = {LiteralSystemCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    BINDINGS = [
        Binding("q", "quit", "Quit", tooltip="quit (your progress is saved)"),
        Binding("question_mark,f1", "help", "Help", tooltip="this list of keys"),
    ]

    def __init__(
        self, catalog: Catalog, store: ProgressStore, *, first=None, quiz: bool = False, review: bool = False,
        demo: str | None = None, demo_options=None, data_dir: Path | None = None, start_review: bool = False,
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.data_dir = data_dir  # remembers which lesson files' answer keys were verified
        self.store = ReportingStore(store, self._report_save_problem)
        self.first = first  # a Walkthrough, or a lesson file to load, to open straight away (as a quiz with `quiz`)
        self.startup_error: str | None = None  # why that lesson file could not be opened (run_app reports it)
        self.first_as_quiz = quiz
        self.review = review
        self.start_review = start_review  # open the due review cards straight away
        self.first_demo = (demo, demo_options)  # a demo to open straight away, with its options
        self.theme = DEFAULT_THEME
        self.after_first_frame = None  # called once, after the first frame of the first screen asked for

    def on_mount(self) -> None:
        if self.first is None:  # a lesson named on the command line comes first, the picker later: see pop_screen
            self.push_screen(self._picker())
        if self.store.notice:
            self.notify(self.store.notice, severity="warning", timeout=10, markup=False)
        for problem in self.catalog.problems:
            self.notify(str(problem), title="lesson skipped", severity="warning", timeout=8, markup=False)
        if isinstance(self.first, Path):
            self._load(self.first, self.first.name, self._push_quiz if self.first_as_quiz else self._resume_or_open,
                       self._exit_unopenable)
        elif self.first is not None and self.first_as_quiz:
            self._push_quiz(self.first)
        elif self.first is not None:
            self._resume_or_open(self.first)
        elif self.first_demo[0] is not None:
            self.open_demo(*self.first_demo)
        elif self.start_review:
            self.open_review()

    def push_screen(self, screen, *args, **kwargs):
        if isinstance(screen, Screen) and not screen.is_running:
            # Textual gives a screen its breakpoint classes (-narrow, -short) only when its first
            # layout resizes it, then styles and lays it all out again: given now, once will do.
            width, height = self.size
            screen.add_class(*screen._get_breakpoint_classes(width, self.HORIZONTAL_BREAKPOINTS),
                             *screen._get_breakpoint_classes(height, self.VERTICAL_BREAKPOINTS), update=False)
        pushed = super().push_screen(screen, *args, **kwargs)
        if self.after_first_frame is not None and isinstance(screen, Screen) and not isinstance(screen, OpeningScreen):
            screen.call_after_refresh(self.after_first_frame)  # after the screen's first refresh
            self.after_first_frame = None
        return pushed

    def _picker(self) -> LessonPicker:
        return LessonPicker(self.catalog, self._statuses, self.store)

    def pop_screen(self):
        """The screen beneath, or the lesson picker when only the app's default screen is
        beneath: a lesson opened from the command line shows before the picker is made, so
        its first frame does not wait for the picker's."""
        if len(self.screen_stack) == 2 and not isinstance(self.screen, (LessonPicker, OpeningScreen)):
            return self.switch_screen(self._picker())
        return super().pop_screen()

    def _report_save_problem(self, message: str) -> None:
        self.notify(message, title="not saved", severity="error", timeout=8, markup=False)

    def _statuses(self):
        return self.store.statuses([info.id for info in self.catalog.lessons])

    # --- opening lessons ------------------------------------------------------------

    def _load(self, path: Path, title: str, then, failed) -> None:
        """Load the lesson file in a worker (OpeningScreen shows meanwhile), then `then(walkthrough)`;
        `failed(path, error)` when the file has problems; nothing when the learner cancelled."""

        def opened(result) -> None:
            if isinstance(result, LessonFileError):
                failed(path, result)
            elif result is not None:
                then(result)
            elif len(self.screen_stack) == 1:  # cancelled before the picker was made
                self.push_screen(self._picker())

        opening = OpeningScreen(path, title, self.data_dir)
        if len(self.screen_stack) == 1:  # over the app's empty default screen (see app.tcss)
            opening.add_class("-alone")
        self.push_screen(opening, opened)

    def _notify_unopenable(self, path: Path, error: LessonFileError) -> None:
        self.notify(str(error), title=f"cannot open {path.name}", severity="error", timeout=15, markup=False)

    def _exit_unopenable(self, path: Path, error: LessonFileError) -> None:
        self.startup_error = f"{path} has problems:\n{error}"
        self.exit(return_code=2)

    def open_lesson(self, info: LessonInfo) -> None:
        self._load(info.path, info.title, self._resume_or_open, self._notify_unopenable)

    def _resume_or_open(self, walkthrough) -> None:
        position = self.store.position(walkthrough.id)
        total = len(walkthrough.trace.steps)
        if position is None or position.step_index == 0 or position.step_index >= total - 1:
            self.open_walkthrough(walkthrough)
            return

        from backprop_tui.tui.screens.resume import ResumePrompt

        def answered(resume: bool | None) -> None:
            self.open_walkthrough(walkthrough, start=position.step_index if resume else 0)

        self.push_screen(ResumePrompt(walkthrough.title, position.step_key), answered)

    def open_walkthrough(self, walkthrough, start: int = 0) -> None:
        from backprop_tui.tui.screens.lesson import LessonScreen

        self.push_screen(LessonScreen(walkthrough, self.store, start=start, review=self.review))

    def open_quiz(self, info: LessonInfo) -> None:
        self._load(info.path, info.title, self._quiz_if_any, self._notify_unopenable)

    def _quiz_if_any(self, walkthrough) -> None:
        if not walkthrough.questions:
            self.notify("This lesson has no questions.", timeout=3)
            return
        self._push_quiz(walkthrough)

    def _push_quiz(self, walkthrough) -> None:
        from backprop_tui.tui.screens.quiz import QuizScreen

        self.push_screen(QuizScreen(walkthrough, self.store))

    def open_review(self) -> None:
        """The due review cards as a quiz (a message when none is due)."""
        from backprop_tui.tui.screens.review import ReviewScreen

        deck = self.store.due_cards([info.id for info in self.catalog.lessons])
        if not deck:
            self.notify("No card is due for review.", timeout=3)
            return
        self.push_screen(ReviewScreen(deck, self.catalog, self.store, self.data_dir))

    def reset_progress(self, info: LessonInfo) -> None:
        self.store.reset(info.id)
        self.notify(f"Progress of “{info.title}” cleared.", timeout=3, markup=False)

    # --- demos -------------------------------------------------------------------------

    def open_demo(self, name: str, options=None) -> None:
        """The demo's screen, which starts running it (with `options`, else its defaults)."""
        from backprop_tui.tui.screens.demo import SCREENS

        if name not in SCREENS:
            self.notify(f"There is no demo called “{name}”.", severity="error", timeout=5, markup=False)
            return
        self.push_screen(SCREENS[name](options))

    def choose_demo(self) -> None:
        from backprop_tui.tui.screens.demo import DemoChooser

        self.push_screen(DemoChooser(), lambda name: name and self.open_demo(name))

    async def action_quit(self) -> None:
        """Quit once the screen showing has mounted: a screen taken down while it mounts
        fails in its widgets' mount handlers (Textual's Header among them), which `q` pressed
        just as a lesson appears did. A screen mounts in milliseconds; the wait is bounded."""
        for _ in range(QUIT_WAIT_CHECKS):
            if self.screen.is_mounted:
                break
            await asyncio.sleep(0.01)
        self.exit()

    # --- help and the command palette -------------------------------------------------

    def action_help(self) -> None:
        from backprop_tui.tui.screens.help import HelpScreen, intro_for, key_rows

        if isinstance(self.screen, HelpScreen):
            return
        screen = self.screen
        bindings = [*screen.BINDINGS, *getattr(screen, "HELP_BINDINGS", ()), *self.BINDINGS]
        self.push_screen(HelpScreen(key_rows(bindings), intro_for(screen)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from backprop_tui.demos import DEMOS

        yield from super().get_system_commands(screen)
        for binding in getattr(screen, "BINDINGS", ()):
            if binding.description:
                yield SystemCommand(
                    binding.description, f"key: {binding.key}", _runner(screen, binding.action)
                )
        for info in self.catalog.lessons:
            yield SystemCommand(f"Open lesson: {info.title}", info.summary, _opener(self, info))
        for demo in DEMOS.values():
            yield SystemCommand(f"Run demo: {demo.title}", demo.name, partial(self.open_demo, demo.name))


def _runner(screen: Screen, action: str):
    async def run() -> None:
        # Keys typed after the palette closed may have left this screen before the command runs.
        if screen is screen.app.screen:
            await screen.run_action(action)

    return run


def _opener(app: BackpropApp, info: LessonInfo):
    return lambda: app.open_lesson(info)


def create_app(
    *,
    lesson_dirs: Iterable[Path] = (),
    data_dir: Path | None = None,
    first=None,
    quiz: bool = False,
    review: bool = False,
    demo: str | None = None,
    demo_options=None,
    start_review: bool = False,
    catalog: Catalog | None = None,
) -> BackpropApp:
    """The app; `catalog` is discovered from `lesson_dirs` and the data dir unless given."""
    data = default_data_dir(data_dir)
    if catalog is None:
        catalog = discover(lesson_dirs, data_dir=data)
    return BackpropApp(catalog, ProgressStore.open(data), first=first, quiz=quiz, review=review,
                       demo=demo, demo_options=demo_options, data_dir=data, start_review=start_review)
