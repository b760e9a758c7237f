"""The `backprop-tui` command: subcommands wire the core to plain output or to the app.

Exit status: 0 on success, 1 when `check` finds problems (with --strict, warnings too), 2 for bad input (a one-line
message on stderr, never a traceback).

Only what a command needs is imported, when it runs: `--version` and `--help` never load
NumPy, SymPy, Rich or Textual.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from collections.abc import Callable, Sequence

from backprop_tui import __version__

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


def _parser(prog: str, description: str, epilog: str | None = None) -> argparse.ArgumentParser:
    return argparse.ArgumentParser(
        prog=prog, description=textwrap.fill(description, 79), epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


# --- shared flags and helpers ---------------------------------------------------------------


def _output_flags(parser) -> None:
    parser.add_argument("--json", action="store_true", help="print the trace as one JSON object")
    parser.add_argument("--plain", action="store_true", help="print the step-through as text")


def _lessons_flag(parser) -> None:
    parser.add_argument(
        "--lessons", action="append", default=[], metavar="DIR", help="another folder of lessons (repeatable)"
    )
    _data_dir_flag(parser)


def _data_dir_flag(parser) -> None:
    parser.add_argument(
        "--data-dir", metavar="DIR",
        help="where progress and your own lessons live (default: $BACKPROP_TUI_DATA_DIR or the user data dir)",
    )


def _data_dir(args):  # -> Path
    from backprop_tui.progress import default_data_dir

    return default_data_dir(args.data_dir)


def _catalog(args):
    from backprop_tui.lessons.catalog import discover

    return discover(_lesson_dirs(args), data_dir=_data_dir(args))


def _lesson_dirs(args):  # -> list[Path]
    from pathlib import Path

    return [Path(d) for d in args.lessons]


def _run(app) -> None:
    """Run the Textual app. Everything made before (modules, the catalog) lives as long as the
    process: frozen out of the garbage collector, it is not scanned again by the collections
    made while the first frame is built (a full one cost about 40 ms)."""
    import gc

    gc.freeze()
    try:
        app.run()
    finally:
        app.store.close()  # closed here, not left to the collector: see _freeze_at_exit
        gc.unfreeze()


def _print_json(data) -> None:
    import json

    print(json.dumps(data, indent=2))


def _interactive() -> bool:
    return sys.stdout.isatty() and sys.stdin.isatty()


def _console():
    """Rich output: wrapped to the terminal, or to $COLUMNS; unwrapped when piped."""
    from rich.console import Console

    class QuietConsole(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError  # main() ends quietly with status 0

    wraps = sys.stdout.isatty() or "COLUMNS" in os.environ
    # markup=False, emoji=False: lesson and program text is printed as written (and Rich's
    # table of emoji codes is never loaded)
    return QuietConsole(highlight=False, markup=False, emoji=False, width=None if wraps else NO_WRAP_WIDTH)


def _not_found(name: str, catalog, *, commands: bool = False) -> UserError:
    """'name' is neither a file nor a lesson id: suggest the closest lesson id (and command)."""
    from difflib import get_close_matches

    guesses = [f"the lesson '{i}'" for i in get_close_matches(name, [info.id for info in catalog.lessons], 1)]
    if commands:
        guesses = [f"the command '{c}'" for c in get_close_matches(name, COMMANDS, 1)] + guesses
        what = "a command, a lesson file or a lesson id"
        more = "commands: backprop-tui --help; lessons: backprop-tui list"
    else:
        what, more = "a lesson file or a lesson id", "lessons: backprop-tui list"
    guess = f"; did you mean {' or '.join(guesses)}?" if guesses else ""
    return UserError(f"'{name}' is not {what}{guess} ({more})")


def _lesson_path(name: str, args, *, commands: bool = False, catalog=None):  # -> Path
    from pathlib import Path

    path = Path(name)
    if path.exists():
        return path
    if catalog is None:
        catalog = _catalog(args)
    info = catalog.find(name)
    if info is None:
        raise _not_found(name, catalog, commands=commands)
    return info.path


def _load(name: str, args):
    """A lesson by file path or by id; bad files become a UserError listing every problem."""
    from backprop_tui.lessons.source import LessonFileError
    from backprop_tui.lessons.verified import load_verified

    path = _lesson_path(name, args)
    try:
        return load_verified(path, _data_dir(args))
    except LessonFileError as error:
        raise UserError(f"{path} has problems:\n{error}") from None


def _variant(loaded, seed: int):
    """The lesson's variant for `seed`; a variant that breaks the lesson becomes a UserError."""
    from backprop_tui.lessons.source import LessonFileError
    from backprop_tui.lessons.variants import has_variants, load_variant

    if not has_variants(loaded.lesson):
        raise UserError(f"the lesson '{loaded.lesson.id}' has no vary: inputs, so it has no variants")
    if seed < 0:
        raise UserError("--variant takes a seed of 0 or more")
    try:
        return load_variant(loaded, seed)
    except LessonFileError as error:
        raise UserError(f"variant {seed} of {loaded.path} has problems:\n{error}") from None


# --- expr -----------------------------------------------------------------------------------


def _expr_arguments(parser) -> None:
    parser.add_argument("program", help='e.g. "q = x + y; f = q * z"')
    parser.add_argument("values", nargs="*", metavar="name=value")
    parser.add_argument("--output", help="the node to differentiate (default: the last statement)")
    _output_flags(parser)
    _data_dir_flag(parser)


def run_expr(args) -> int:
    from backprop_tui.engine.graph import GraphError
    from backprop_tui.engine.statements import parse_program
    from backprop_tui.engine.trace import run
    from backprop_tui.engine.values import ValueProblem, parse_assignment

    try:
        graph = parse_program(args.program, output=args.output)
        values = dict(parse_assignment(item) for item in args.values)
        unknown = sorted(set(values) - set(graph.input_names))
        if unknown:
            raise UserError(f"{', '.join(unknown)} given but not used by the expression")
        trace = run(graph, values)
    except (GraphError, ValueProblem) as error:
        raise UserError(str(error)) from None
    return _show_trace(args, trace)


def _explain(trace, args):
    """The trace's explanations, formulas written before taken from the data dir (no SymPy)."""
    from backprop_tui.engine.explain import explain_trace
    from backprop_tui.lessons.notation_memory import NotationMemory

    memory = NotationMemory(_data_dir(args))
    explanations = explain_trace(trace, memory.notations)
    memory.save()
    return explanations


def _show_trace(args, trace) -> int:
    from backprop_tui.engine.export import trace_to_dict

    if args.json:
        _print_json(trace_to_dict(trace, _explain(trace, args)))
        return EXIT_OK
    if not args.plain and _interactive():
        from backprop_tui.lessons.notation_memory import NotationMemory
        from backprop_tui.lessons.walkthrough import Walkthrough
        from backprop_tui.tui.app import create_app

        walkthrough = Walkthrough.from_trace(args.program, trace, NotationMemory(_data_dir(args)))
        app = create_app(data_dir=_data_dir(args), first=walkthrough)
        _run(app)
        return EXIT_OK
    from backprop_tui.text.trace_text import print_trace

    print_trace(_console(), trace, _explain(trace, args))
    return EXIT_OK


# --- lessons: walk, quiz, list, check, schema -----------------------------------------------


def _walk_arguments(parser) -> None:
    parser.add_argument("lesson", help="a lesson file, or the id of a lesson in the catalog")
    parser.add_argument("--answers", action="store_true", help="show the questions' answers")
    parser.add_argument("--json", action="store_true", help="print the trace, notes and questions as JSON")
    parser.add_argument("--variant", type=int, metavar="SEED",
                        help="walk the variant a quiz draws for SEED (as check reports it) instead of the lesson's numbers")
    _lessons_flag(parser)


def run_walk(args) -> int:
    from backprop_tui.text.lesson_text import print_walk, walk_to_dict

    loaded = _load(args.lesson, args)
    if args.variant is not None:
        loaded = _variant(loaded, args.variant)
    explanations = _explain(loaded.trace, args)
    if args.json:
        _print_json(walk_to_dict(loaded, explanations, show_answers=args.answers))
    else:
        print_walk(_console(), loaded, explanations, show_answers=args.answers)
    return EXIT_OK


def _quiz_arguments(parser) -> None:
    parser.add_argument("lesson", help="a lesson file or id")
    _lessons_flag(parser)


def run_quiz(args) -> int:
    from backprop_tui.lessons.notation_memory import NotationMemory
    from backprop_tui.lessons.walkthrough import Walkthrough
    from backprop_tui.tui.app import create_app

    walkthrough = Walkthrough.from_lesson(_load(args.lesson, args), NotationMemory(_data_dir(args)))
    if not walkthrough.questions:
        raise UserError(f"the lesson '{walkthrough.id}' has no questions")
    app = create_app(lesson_dirs=_lesson_dirs(args), data_dir=_data_dir(args),
                     first=walkthrough, quiz=True)
    _run(app)
    return EXIT_OK


def _check_arguments(parser) -> None:
    parser.add_argument("targets", nargs="*", metavar="FILE|FOLDER|ID",
                        help="lesson files, folders of lessons or lesson ids (default: every lesson found)")
    parser.add_argument("--strict", action="store_true",
                        help="also report numbers typed by hand that the engine computes (write templates instead) "
                             "and hints that state their answer")
    parser.add_argument("--variants", type=int, default=None, metavar="N",
                        help="seeded draws of each lesson with vary: to check (default 50; 0: none)")
    _lessons_flag(parser)


def run_check(args) -> int:
    from backprop_tui.lessons.check import check_paths
    from backprop_tui.lessons.variant_check import CHECKED_VARIANTS

    if args.variants is not None and args.variants < 0:
        raise UserError("--variants takes a count of 0 or more")
    paths, problems = _check_targets(args)
    found, checked = check_paths(paths, strict=args.strict,
                                 variants=CHECKED_VARIANTS if args.variants is None else args.variants)
    problems = sorted(problems + found)
    for problem in problems:
        print(problem)
    noun = "file" if checked == 1 else "files"
    if problems:
        print(f"{len(problems)} problem(s) in {checked} {noun}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"{checked} {noun} checked: all answer keys agree with the engine", file=sys.stderr)
    return EXIT_OK


def _check_targets(args):  # -> (list[Path], list[Problem])
    """The paths to check, and the problems found on the way (a broken lesson pack)."""
    if not args.targets:
        from backprop_tui.lessons.catalog import lesson_folders

        folders, problems = lesson_folders(_lesson_dirs(args), data_dir=_data_dir(args))
        return [folder for folder, _ in folders], problems
    from pathlib import Path

    paths = []
    for target in args.targets:
        path = Path(target)
        if not path.exists():
            info = _catalog(args).find(target)
            if info is None:
                raise UserError(f"{target}: no such file or folder, and no lesson has this id "
                                "(backprop-tui check alone checks every lesson found)")
            path = info.path
        paths.append(path)
    return paths, []


def _list_arguments(parser) -> None:
    parser.add_argument("--json", action="store_true", help="print the lessons and problems as JSON")
    _lessons_flag(parser)


def run_list(args) -> int:
    catalog = _catalog(args)
    if args.json:
        lessons = [
            {"id": i.id, "title": i.title, "summary": i.summary, "section": i.section, "course": i.course,
             "source": i.source, "path": str(i.path), "tags": list(i.tags), "requires": list(i.requires)}
            for i in catalog.lessons
        ]
        _print_json({"lessons": lessons, "problems": [str(p) for p in catalog.problems]})
        return EXIT_OK
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False)
    for column in ("id", "title", "section", "source", "file"):
        table.add_column(column)
    for info in catalog.lessons:
        table.add_row(*(Text(str(cell or "")) for cell in (info.id, info.title, info.section, info.source, info.path)))
    console = _console()
    console.print(table)
    for problem in catalog.problems:
        console.print(Text.assemble(("skipped", "yellow"), f": {problem}"))
    return EXIT_OK


def run_schema(args) -> int:
    from backprop_tui.lessons.schema import schema_text

    print(schema_text(), end="")
    return EXIT_OK


# --- progress, demo -------------------------------------------------------------------------


def _progress_arguments(parser) -> None:
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    _lessons_flag(parser)


def _read_progress(args, read):
    """What `read(store)` returns from the learner's progress, the store's notice (read-only,
    recovered from a damaged file) said on stderr."""
    from backprop_tui.progress import ProgressStore

    with ProgressStore.open(_data_dir(args)) as store:
        if store.notice:
            print(f"backprop-tui: {store.notice}", file=sys.stderr)
        return read(store)


def run_progress(args) -> int:
    from backprop_tui.text.progress_text import print_summary

    catalog = _catalog(args)
    summary = _read_progress(args, lambda store: store.summary({info.id: info.tags for info in catalog.lessons}))
    if args.json:
        print(summary.to_json(indent=2))
        return EXIT_OK
    print_summary(_console(), summary, catalog, _question_prompts(summary, catalog, args))
    return EXIT_OK


def _question_prompts(summary, catalog, args) -> dict[tuple[str, str], str]:
    """(lesson id, question id) -> the question as the learner saw it, for the questions to review."""
    from backprop_tui.lessons.files import LessonFileError
    from backprop_tui.lessons.verified import load_verified

    prompts = {}
    for lesson_id in {item.lesson_id for item in summary.review}:
        info = catalog.find(lesson_id)
        if info is None:
            continue
        try:
            loaded = load_verified(info.path, _data_dir(args))
        except LessonFileError:
            continue  # the review table falls back to the question's id
        prompts.update({(lesson_id, q.id): q.ask for q in loaded.questions})
    return prompts


def _review_arguments(parser) -> None:
    parser.add_argument("--json", action="store_true", help="list the due cards as JSON")
    parser.add_argument("--plain", action="store_true", help="list the due cards as text")
    _lessons_flag(parser)


def run_review(args) -> int:
    catalog = _catalog(args)
    due = _read_progress(args, lambda store: store.due_cards([info.id for info in catalog.lessons]))
    if due and not (args.json or args.plain) and _interactive():
        from backprop_tui.tui.app import create_app

        _run(create_app(lesson_dirs=_lesson_dirs(args), data_dir=_data_dir(args), start_review=True))
        return EXIT_OK
    from backprop_tui.text.review_text import due_to_dict, print_due

    if args.json:
        _print_json(due_to_dict(due))
    else:
        print_due(_console(), due, catalog)
    return EXIT_OK


def _demo_arguments(parser) -> None:
    parser.add_argument("name", nargs="?", help="the demo to run (omit to list them)")
    parser.add_argument("--set", action="append", default=[], dest="settings", metavar="KEY=VALUE",
                        help="change an option, e.g. --set n=1000 (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    parser.add_argument("--plain", action="store_true", help="print the summary and a bar chart as text")
    _data_dir_flag(parser)


def _ops_epilog() -> str:
    from backprop_tui.engine.ops import OPS

    return textwrap.fill("ops (also as functions in expressions): " + " ".join(sorted(OPS)), 79)


def _demo_epilog() -> str:
    from backprop_tui.text.demo_text import demo_options_help

    return demo_options_help()


def run_demo(args) -> int:
    from backprop_tui.text import demo_text

    if args.name is None:
        if args.settings:
            raise UserError("--set needs a demo name: backprop-tui demo NAME --set key=value")
        demo_text.print_demo_list(_console())
        return EXIT_OK
    try:
        demo, options = demo_text.find_demo(args.name, args.settings)
    except ValueError as error:
        raise UserError(str(error)) from None
    if args.json:
        print(demo_text.result_json(demo(options)))
        return EXIT_OK
    if not args.plain and _interactive():
        from backprop_tui.tui.app import create_app

        _run(create_app(data_dir=_data_dir(args), demo=demo.name, demo_options=options))
        return EXIT_OK
    demo_text.print_result(_console(), demo, demo(options))
    return EXIT_OK


# --- authoring: new, author ------------------------------------------------------------------


def _new_arguments(parser) -> None:
    parser.add_argument("id", help="the new lesson's id (a-z, 0-9 and '-'), also its file name")
    parser.add_argument("--folder", default=".", metavar="DIR", help="where to write ID.yaml (default: here)")


def run_new(args) -> int:
    from pathlib import Path

    from backprop_tui.lessons.starter import starter_lesson

    try:
        text = starter_lesson(args.id)
    except ValueError as error:
        raise UserError(str(error)) from None
    path = Path(args.folder) / f"{args.id}.yaml"
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror.lower()}") from None
    print(f"wrote {path}; edit it while the app shows it with: backprop-tui author {path}")
    return EXIT_OK


def _author_arguments(parser) -> None:
    parser.add_argument("file", help="the lesson file to show and watch")
    _data_dir_flag(parser)


def run_author(args) -> int:
    from pathlib import Path

    path = Path(args.file)
    if not path.is_file():
        raise UserError(f"{path}: no such file (start one with: backprop-tui new ID)")
    from backprop_tui.tui.author import create_authoring_app

    _run(create_authoring_app(path, _data_dir(args)))
    return EXIT_OK


# --- serve ---------------------------------------------------------------------------------


def _serve_arguments(parser) -> None:
    parser.add_argument("--host", default="127.0.0.1",
                        help="the address to listen on (default: 127.0.0.1, this machine only; "
                        "0.0.0.0 for a class on the network)")
    parser.add_argument("--port", type=int, default=8000, help="the port (default: 8000)")
    _lessons_flag(parser)


def run_serve(args) -> int:
    from backprop_tui.tui.serve import serve

    data_dir = _data_dir(args) if args.data_dir else None
    try:
        serve(host=args.host, port=args.port, data_dir=data_dir, lesson_dirs=_lesson_dirs(args))
    except OSError as error:
        raise UserError(f"cannot serve on {args.host}:{args.port}: {error.strerror or error}") from None
    return EXIT_OK


COMMANDS: dict[str, Command] = {
    "expr": Command(
        "step through any expression: backprop-tui expr \"q = x + y; f = q * z\" x=-2 y=5 z=-4",
        _expr_arguments, run_expr,
        "Statements separated by ';' or newlines (name = expression); the last one is the output. "
        "Inputs as name=value, the value a number or a JSON list. In a terminal it opens the stepper; "
        "--plain prints the step-through, --json the whole trace.",
        epilog=_ops_epilog,
    ),
    "walk": Command(
        "print a lesson's step-through as text, with its notes and questions", _walk_arguments, run_walk,
        "Every forward and backward step of the lesson, as the app shows them, printed as text.",
    ),
    "quiz": Command(
        "take a lesson's questions as a quiz, with a score at the end", _quiz_arguments, run_quiz,
        "The lesson's questions one after another, without stepping through the graph.",
    ),
    "progress": Command(
        "what you have done, your scores and what to review", _progress_arguments, run_progress,
        "A summary of the progress saved in the data dir: lessons done, accuracy, frequent mistakes.",
    ),
    "review": Command(
        "the questions due for spaced review, asked again with fresh numbers", _review_arguments, run_review,
        "Each question you answered is a card scheduled by FSRS: one you missed comes back the next day, "
        "one you knew in days. In a terminal it asks the due cards, each with its lesson's graph (or says that none is "
        "due); --plain or --json (or piped output) lists them.",
    ),
    "demo": Command(
        "list the vectorized NumPy demos, or run one: backprop-tui demo vectorization",
        _demo_arguments, run_demo,
        "Without NAME, lists the demos. With NAME, runs it: in a terminal the app shows it with "
        "plots; with --plain or when the output is piped, its summary and a bar chart.",
        epilog=_demo_epilog,
    ),
    "list": Command(
        "the lessons found: id, title, section, source and file", _list_arguments, run_list,
        "Bundled lessons, then those in the data dir's lessons folder, lesson packs and --lessons folders. "
        "Files that could not be read are listed as skipped (run check on them).",
    ),
    "check": Command(
        "for authors: validate lessons and verify their answer keys (exit 1 on any problem)",
        _check_arguments, run_check,
        "Reads each lesson in full (YAML, schema, meaning), recomputes every answer key with the engine and "
        "prints each problem as file:line:column: message. Without arguments it checks every lesson the app "
        "would show. --strict also warns about numbers typed by hand that a template should print and "
        "about hints that state their question's answer (exit 1 when there is any).",
    ),
    "new": Command(
        "for authors: write a minimal lesson file to start from: backprop-tui new my-lesson",
        _new_arguments, run_new,
        "Writes ID.yaml with the schema modeline (editor completion), two gates, notes and a question; "
        "check passes it as it is.",
    ),
    "author": Command(
        "for authors: show a lesson file in the app and reload it on every save",
        _author_arguments, run_author,
        "Opens the lesson and watches the file: each save reloads it at the step you were on, or shows "
        "its problems as file:line:column lines until the next save fixes them.",
    ),
    "serve": Command(
        "the app in a web browser: backprop-tui serve, then open http://127.0.0.1:8000",
        _serve_arguments, run_serve,
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
    parser = _parser(f"backprop-tui {name}", description, command.epilog() if command.epilog else None)
    command.add_arguments(parser)
    parser.set_defaults(run=command.run)
    return parser


def _commands_help() -> str:
    width = max(map(len, COMMANDS))
    lines = [f"  {name:<{width}}  {command.summary}" for name, command in COMMANDS.items()]
    return "commands (backprop-tui COMMAND --help tells more):\n" + "\n".join(lines)


def _open_parser() -> argparse.ArgumentParser:
    parser = _parser(
        "backprop-tui",
        "A terminal tutor for backpropagation: step through computation graphs. Without a COMMAND, "
        "opens the lesson picker (or the LESSON given).",
        _commands_help(),
    )
    parser.add_argument("--version", action="version", version=f"backprop-tui {__version__}",
                        help="show the version and exit")
    parser.add_argument("lesson", nargs="?", help="a lesson file or id to open directly")
    parser.add_argument("--review", action="store_true", help="step through without being asked questions")
    _lessons_flag(parser)
    parser.set_defaults(run=run_app)
    return parser


def run_app(args) -> int:
    catalog = _catalog(args)  # once, for the lesson id and the app
    # A typo is reported before Textual starts; the file itself is loaded by the app, in a worker.
    first = _lesson_path(args.lesson, args, commands=True, catalog=catalog) if args.lesson else None
    from backprop_tui.tui.app import create_app

    app = create_app(lesson_dirs=_lesson_dirs(args), data_dir=_data_dir(args), first=first,
                     review=args.review, catalog=catalog)
    _run(app)
    if app.startup_error:
        raise UserError(app.startup_error)
    return app.return_code or EXIT_OK


def _parse(argv: list[str]) -> argparse.Namespace:
    if argv and argv[0] in COMMANDS:
        # intermixed: `expr "f = x*2" --json x=1` takes x=1 although it follows a flag
        return command_parser(argv[0]).parse_intermixed_args(argv[1:])
    parser = _open_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        if args.lesson and not os.path.exists(args.lesson):
            _lesson_path(args.lesson, args, commands=True)  # an unknown command: suggests the closest
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def _freeze_at_exit() -> None:
    """Everything alive when the process ends is frozen out of the garbage collector: the
    interpreter's last collections would scan each object the command made, just before the
    operating system frees them all (measured: 0.1 s for `walk`, 0.4 s after a lesson's app,
    with NumPy, pydantic and Textual loaded)."""
    import atexit
    import gc

    atexit.unregister(gc.freeze)  # once, however often main runs in one process (tests)
    atexit.register(gc.freeze)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _freeze_at_exit()
    # pydantic (lesson files) looks its plugins up in every installed package's entry points,
    # ~50 ms at the first lesson loaded; backprop-tui uses none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
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
