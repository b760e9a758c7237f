"""The `backprop-tui` command: subcommands wire the core to plain output or to the app.

Exit status: 0 on success, 1 when `check` finds problems (with --strict, warnings too), 2 for bad input (a one-line
message on stderr, never a traceback).

Only what a command needs is imported, when it runs: `--version` and `--help` never load
NumPy, SymPy, Rich or Textual. Here: the command table, parsing and main; each group of commands
in its module (trace_commands, progress_commands, demo_commands, author_commands), and what they
share in common.py.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from backprop_tui import __version__
from backprop_tui.cli import common
from backprop_tui.cli.author_commands import (author_arguments, check_arguments, list_arguments, new_arguments,
                                              serve_arguments, run_author, run_check, run_list, run_new, run_schema,
                                              run_serve)
from backprop_tui.cli.common import EXIT_BAD_INPUT, EXIT_OK, Command, UserError
from backprop_tui.cli.demo_commands import demo_arguments, demo_epilog, run_demo
from backprop_tui.cli.progress_commands import progress_arguments, review_arguments, run_progress, run_review
from backprop_tui.cli.trace_commands import (expr_arguments, ops_epilog, quiz_arguments, walk_arguments, run_expr,
                                             run_quiz, run_walk)

COMMANDS: dict[str, Command] = {
    "expr": Command(
        "step through any expression: backprop-tui expr \"q = x + y; f = q * z\" x=-2 y=5 z=-4",
        expr_arguments, run_expr,
        "Statements separated by ';' or newlines (name = expression); the last one is the output. "
        "Inputs as name=value, the value a number or a JSON list. In a terminal it opens the stepper; "
        "--plain prints the step-through, --json the whole trace.",
        epilog=ops_epilog,
    ),
    "walk": Command(
        "print a lesson's step-through as text, with its notes and questions", walk_arguments, run_walk,
        "Every forward and backward step of the lesson, as the app shows them, printed as text.",
    ),
    "quiz": Command(
        "take a lesson's questions as a quiz, with a score at the end", quiz_arguments, run_quiz,
        "The lesson's questions one after another, without stepping through the graph.",
    ),
    "progress": Command(
        "what you have done, your scores and what to review", progress_arguments, run_progress,
        "A summary of the progress saved in the data dir: lessons done, accuracy, frequent mistakes.",
    ),
    "review": Command(
        "the questions due for spaced review, asked again with fresh numbers", review_arguments, run_review,
        "Each question you answered is a card scheduled by FSRS: one you missed comes back the next day, "
        "one you knew in days. In a terminal it asks the due cards, each with its lesson's graph (or says that none is "
        "due); --plain or --json (or piped output) lists them.",
    ),
    "demo": Command(
        "list the vectorized NumPy demos, or run one: backprop-tui demo vectorization",
        demo_arguments, run_demo,
        "Without NAME, lists the demos. With NAME, runs it: in a terminal the app shows it with "
        "plots; with --plain or when the output is piped, its summary and a bar chart.",
        epilog=demo_epilog,
    ),
    "list": Command(
        "the lessons found: id, title, section, source and file", list_arguments, run_list,
        "Bundled lessons, then those in the data dir's lessons folder, lesson packs and --lessons folders. "
        "Files that could not be read are listed as skipped (run check on them).",
    ),
    "check": Command(
        "for authors: validate lessons and verify their answer keys (exit 1 on any problem)",
        check_arguments, run_check,
        "Reads each lesson in full (YAML, schema, meaning), recomputes every answer key with the engine and "
        "prints each problem as file:line:column: message. Without arguments it checks every lesson the app "
        "would show. --strict also warns about numbers typed by hand that a template should print and "
        "about hints that state their question's answer (exit 1 when there is any).",
    ),
    "new": Command(
        "for authors: write a minimal lesson file to start from: backprop-tui new my-lesson",
        new_arguments, run_new,
        "Writes ID.yaml with the schema modeline (editor completion), two gates, notes and a question; "
        "check passes it as it is.",
    ),
    "author": Command(
        "for authors: show a lesson file in the app and reload it on every save",
        author_arguments, run_author,
        "Opens the lesson and watches the file: each save reloads it at the step you were on, or shows "
        "its problems as file:line:column lines until the next save fixes them.",
    ),
    "serve": Command(
        "the app in a web browser: backprop-tui serve, then open http://127.0.0.1:8000",
        serve_arguments, run_serve,
        "Each browser session runs its own app, with its own progress unless --data-dir names one "
        "to share. Stop the server with Ctrl+C.",
    ),
    "schema": Command(
        "print the JSON Schema of the lesson format", lambda parser: None, run_schema,
        "For editors: the schema the lesson files' modeline points to.",
    ),
}


def command_parser(name: str) -> argparse.ArgumentParser:
    command = COMMANDS[name]
    description = f"{command.summary[0].upper()}{command.summary[1:]}. {command.description}"
    parser = common.parser(f"backprop-tui {name}", description, command.epilog() if command.epilog else None)
    command.add_arguments(parser)
    parser.set_defaults(run=command.run)
    return parser


def _commands_help() -> str:
    width = max(map(len, COMMANDS))
    lines = [f"  {name:<{width}}  {command.summary}" for name, command in COMMANDS.items()]
    return "commands (backprop-tui COMMAND --help tells more):\n" + "\n".join(lines)


def _open_parser() -> argparse.ArgumentParser:
    parser = common.parser(
        "backprop-tui",
        "A terminal tutor for backpropagation: step through computation graphs. Without a COMMAND, "
        "opens the lesson picker (or the LESSON given).",
        _commands_help(),
    )
    parser.add_argument("--version", action="version", version=f"backprop-tui {__version__}",
                        help="show the version and exit")
    parser.add_argument("lesson", nargs="?", help="a lesson file or id to open directly")
    parser.add_argument("--review", action="store_true", help="step through without being asked questions")
    common.lessons_flag(parser)
    parser.set_defaults(run=run_app)
    return parser


def run_app(args) -> int:
    common.pause_collector()
    catalog = common.lesson_catalog(args)  # once, for the lesson id and the app
    # A typo is reported before Textual starts.
    first = common.lesson_path(args.lesson, args, commands=True, catalog=catalog) if args.lesson else None
    data_dir = common.data_dir(args)
    if first is not None:
        first = _opened_if_passed(first, data_dir)
    from backprop_tui.tui.app import create_app

    app = create_app(lesson_dirs=common.lesson_dirs(args), data_dir=data_dir, first=first, review=args.review,
                     catalog=catalog)
    common.run_until_quit(app)
    if app.startup_error:
        raise UserError(app.startup_error)
    return app.return_code or EXIT_OK


def _opened_if_passed(path: Path, data_dir: Path):
    """The lesson's walkthrough when the data dir remembers the file's content as passed:
    nothing to verify, so it opens in a blink, before the app: no screen waits for it, and the
    lesson is the app's first screen (measured: its first frame ~20 ms sooner, A/B of 31 runs,
    than after the loading screen). Else the path, which the app loads in a worker behind its
    loading screen (SymPy may verify it)."""
    from backprop_tui.lessons.verified import load_if_passed
    from backprop_tui.lessons.walkthrough import Walkthrough

    loaded = load_if_passed(path, data_dir)
    return path if loaded is None else Walkthrough.for_app(loaded, data_dir)


def _parse(argv: list[str]) -> argparse.Namespace:
    if argv and argv[0] in COMMANDS:
        # intermixed: `expr "f = x*2" --json x=1` takes x=1 although it follows a flag
        return command_parser(argv[0]).parse_intermixed_args(argv[1:])
    parser = _open_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        if args.lesson and not os.path.exists(args.lesson):
            common.lesson_path(args.lesson, args, commands=True)  # an unknown command: suggests the closest
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def _freeze_at_exit() -> None:
    """Everything alive when the process ends is frozen out of the garbage collector: the
    interpreter's last collections would scan each object the command made, just before the
    operating system frees them all (measured: 0.1 s for `walk`, 0.4 s after a lesson's app,
    with NumPy, pydantic and Textual loaded)."""
    import atexit

    atexit.unregister(gc.freeze)  # once, however often main runs in one process (tests)
    atexit.register(gc.freeze)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _freeze_at_exit()
    # pydantic (lesson files) looks its plugins up in every installed package's entry points,
    # ~50 ms at the first lesson loaded; backprop-tui uses none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # OpenBLAS's helper threads, started with NumPy, wait for work spinning 2^28 cycles (~0.1 s
    # of a core, while the app starts) before they sleep; 2^24 (~6 ms) still keeps them awake
    # between the back-to-back products the vectorization demo times. Read once, at NumPy's import.
    os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "24")
    try:
        args = _parse(argv)
        code = args.run(args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except UserError as error:
        print(f"backprop-tui: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `backprop-tui walk apple-tax | head -2`: the reader has all it wants
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    finally:
        gc.enable()  # paused for an app's start (common.pause_collector) that stopped before its first frame
