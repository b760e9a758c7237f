"""What the commands share: exit statuses, UserError, the Command record, common flags, the
data dir, the catalog, finding and loading a lesson, the Rich console, running the app."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import textwrap
from collections.abc import Callable

EXIT_OK, EXIT_PROBLEMS, EXIT_BAD_INPUT = 0, 1, 2
NO_WRAP_WIDTH = 10_000  # piped output: one line stays one line


EXIT_OK, EXIT_PROBLEMS, EXIT_BAD_INPUT = 0, 1, 2
NO_WRAP_WIDTH = 10_000  # piped output: one line stays one line


class UserError(Exception):
    """Bad input from the user: reported as one line, exit status 2."""


class Command:
    """A subcommand: its line in `backprop-tui --help`, its arguments, what it runs, more words
    for its own --help and an epilog built only when its parser is (plain class: no dataclasses
    import on the way to --version)."""

    def __init__(self, summary: str, add_arguments: Callable[[argparse.ArgumentParser], None],
                 run: Callable[[argparse.Namespace], int], description: str = "",
                 epilog: Callable[[], str] | None = None):
        self.summary, self.add_arguments, self.run = summary, add_arguments, run
        self.description, self.epilog = description, epilog


def parser(prog: str, description: str, epilog: str | None = None) -> argparse.ArgumentParser:
    return argparse.ArgumentParser(
        prog=prog, description=textwrap.fill(description, 79), epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )



def output_flags(parser) -> None:
    parser.add_argument("--json", action="store_true", help="print the trace as one JSON object")
    parser.add_argument("--plain", action="store_true", help="print the step-through as text")


def lessons_flag(parser) -> None:
    parser.add_argument(
        "--lessons", action="append", default=[], metavar="DIR", help="another folder of lessons (repeatable)"
    )
    data_dir_flag(parser)


def data_dir_flag(parser) -> None:
    parser.add_argument(
        "--data-dir", metavar="DIR",
        help="where progress and your own lessons live (default: $BACKPROP_TUI_DATA_DIR or the user data dir)",
    )


def data_dir(args):  # -> Path
    from backprop_tui.progress import default_data_dir

    return default_data_dir(args.data_dir)


def lesson_catalog(args):
    from backprop_tui.lessons.catalog import discover

    return discover(lesson_dirs(args), data_dir=data_dir(args))


def lesson_dirs(args):  # -> list[Path]
    from pathlib import Path

    return [Path(d) for d in args.lessons]


def pause_collector() -> None:
    """Pause Python's cyclic garbage collector until the app shows its first frame (see
    run_until_quit). Starting up makes hundreds of thousands of objects that live as long as the
    process (modules, styles, widgets, the lesson) and next to no cyclic garbage, and the collector
    scans them again and again as they pile up: about 70 ms of a lesson's start (0.98 s to
    0.91 s, medians of 12 runs)."""
    gc.disable()


def run_until_quit(app) -> None:
    """Run the Textual app. Everything made before its first frame (modules, the catalog, the
    first screen) lives as long as the process: frozen out of the garbage collector, it is not
    scanned again by later collections (a full one cost about 40 ms). The collector, if
    paused, runs again from then on."""
    gc.freeze()
    app.after_first_frame = _collect_from_now_on
    try:
        app.run()
    finally:
        app.store.close()  # closed here, not left to the collector: see freeze_at_exit in cli/__init__.py
        gc.unfreeze()
        gc.enable()


def _collect_from_now_on() -> None:
    gc.freeze()
    gc.enable()


def print_json(data) -> None:
    import json

    print(json.dumps(data, indent=2))


def interactive() -> bool:
    return sys.stdout.isatty() and sys.stdin.isatty()


def console():
    """Rich output: wrapped to the terminal, or to $COLUMNS; unwrapped when piped."""
    from rich.console import Console

    class QuietConsole(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError  # main() ends quietly with status 0

    wraps = sys.stdout.isatty() or "COLUMNS" in os.environ
    # markup=False, emoji=False: lesson and program text is printed as written (and Rich's
    # table of emoji codes is never loaded)
    return QuietConsole(highlight=False, markup=False, emoji=False, width=None if wraps else NO_WRAP_WIDTH)


def not_found(name: str, catalog, *, commands: bool = False) -> UserError:
    """'name' is neither a file nor a lesson id: suggest the closest lesson id (and command)."""
    from difflib import get_close_matches

    from backprop_tui.cli import COMMANDS

    guesses = [f"the lesson '{i}'" for i in get_close_matches(name, [info.id for info in catalog.lessons], 1)]
    if commands:
        guesses = [f"the command '{c}'" for c in get_close_matches(name, COMMANDS, 1)] + guesses
        what = "a command, a lesson file or a lesson id"
        more = "commands: backprop-tui --help; lessons: backprop-tui list"
    else:
        what, more = "a lesson file or a lesson id", "lessons: backprop-tui list"
    guess = f"; did you mean {' or '.join(guesses)}?" if guesses else ""
    return UserError(f"'{name}' is not {what}{guess} ({more})")


def lesson_path(name: str, args, *, commands: bool = False, catalog=None):  # -> Path
    from pathlib import Path

    path = Path(name)
    if path.exists():
        return path
    if catalog is None:
        catalog = lesson_catalog(args)
    info = catalog.find(name)
    if info is None:
        raise not_found(name, catalog, commands=commands)
    return info.path


def load(name: str, args):
    """A lesson by file path or by id; bad files become a UserError listing every problem."""
    from backprop_tui.lessons.files import LessonFileError
    from backprop_tui.lessons.verified import load_verified

    path = lesson_path(name, args)
    try:
        return load_verified(path, data_dir(args))
    except LessonFileError as error:
        raise UserError(f"{path} has problems:\n{error}") from None


def variant(loaded, seed: int):
    """The lesson's variant for `seed`; a variant that breaks the lesson becomes a UserError."""
    from backprop_tui.lessons.files import LessonFileError
    from backprop_tui.lessons.variants import has_variants, load_variant

    if not has_variants(loaded.lesson):
        raise UserError(f"the lesson '{loaded.lesson.id}' has no vary: inputs, so it has no variants")
    if seed < 0:
        raise UserError("--variant takes a seed of 0 or more")
    try:
        return load_variant(loaded, seed)
    except LessonFileError as error:
        raise UserError(f"variant {seed} of {loaded.path} has problems:\n{error}") from None
