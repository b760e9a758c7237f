"""The `backprop-tui` command: subcommands wire the core to plain output or to the app.

Exit status: 0 on success, 1 when `check` finds problems, 2 for bad input (a one-line
message on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from backprop_tui import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_BAD_INPUT = 0, 1, 2


class UserError(Exception):
    """Bad input from the user: reported as one line, exit status 2."""


def _expr_parser(sub) -> None:
    parser = sub.add_parser(
        "expr",
        help="step through any expression: backprop-tui expr \"q = x + y; f = q * z\" x=-2 y=5 z=-4",
        description="Statements separated by ';' or newlines (name = expression); the last one is "
        "the output. Inputs as name=value, the value a number or a JSON list.",
    )
    parser.add_argument("program", help='e.g. "q = x + y; f = q * z"')
    parser.add_argument("values", nargs="*", metavar="name=value")
    parser.add_argument("--output", help="the node to differentiate (default: the last statement)")
    _output_flags(parser)
    _data_dir_flag(parser)
    parser.set_defaults(run=run_expr)


def _output_flags(parser) -> None:
    parser.add_argument("--json", action="store_true", help="print the trace as one JSON object")
    parser.add_argument("--plain", action="store_true", help="print the step-through as text")


def run_expr(args) -> int:
    from backprop_tui.engine.statements import parse_program
    from backprop_tui.engine.values import parse_assignment

    graph = parse_program(args.program, output=args.output)
    values = dict(parse_assignment(item) for item in args.values)
    unknown = sorted(set(values) - set(graph.input_names))
    if unknown:
        raise UserError(f"{', '.join(unknown)} given but not used by the expression")
    return _show_trace(args, graph, values)


def _show_trace(args, graph, values) -> int:
    from backprop_tui.engine.export import trace_to_dict
    from backprop_tui.engine.trace import run

    trace = run(graph, values)
    if args.json:
        print(json.dumps(trace_to_dict(trace), indent=2))
        return EXIT_OK
    if not args.plain and sys.stdout.isatty() and sys.stdin.isatty():
        from backprop_tui.lessons.walkthrough import Walkthrough
        from backprop_tui.tui.app import create_app

        app = create_app(data_dir=_data_dir(args), first=Walkthrough.from_trace(args.program, trace))
        app.run()
        return EXIT_OK
    from backprop_tui.text.trace_text import print_trace

    print_trace(_console(), trace)
    return EXIT_OK


def _console():
    from rich.console import Console

    return Console(highlight=False, markup=False)  # lesson and program text is printed as written


def _walk_parser(sub) -> None:
    parser = sub.add_parser("walk", help="print a lesson's step-through as text, with its notes and questions")
    parser.add_argument("lesson", help="a lesson file, or the id of a lesson in the catalog")
    parser.add_argument("--answers", action="store_true", help="show the questions' answers")
    parser.add_argument("--json", action="store_true", help="print the trace, notes and questions as JSON")
    _lessons_flag(parser)
    parser.set_defaults(run=run_walk)


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


def _data_dir(args) -> Path:
    from backprop_tui.progress import default_data_dir

    return default_data_dir(args.data_dir)


def _catalog(args):
    from backprop_tui.lessons.catalog import discover

    return discover([Path(d) for d in args.lessons], data_dir=_data_dir(args))


def run_walk(args) -> int:
    from backprop_tui.text.lesson_text import print_walk, walk_to_dict

    loaded = _load(args.lesson, args)
    if args.json:
        print(json.dumps(walk_to_dict(loaded, show_answers=args.answers), indent=2))
    else:
        print_walk(_console(), loaded, show_answers=args.answers)
    return EXIT_OK


def _load(name: str, args):
    """A lesson by file path or by id; bad files become a UserError listing every problem."""
    from backprop_tui.lessons.load import load_lesson
    from backprop_tui.lessons.source import LessonFileError

    path = Path(name)
    if not path.exists():
        info = _catalog(args).find(name)
        if info is None:
            raise UserError(f"no lesson file or lesson id '{name}' (see: backprop-tui list)")
        path = info.path
    try:
        return load_lesson(path)
    except LessonFileError as error:
        raise UserError(f"{path} has problems:\n{error}") from None


def _check_parser(sub) -> None:
    parser = sub.add_parser(
        "check", help="validate lesson files and verify their answer keys (exit 1 on any problem)"
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="lesson files or folders")
    parser.set_defaults(run=run_check)


def run_check(args) -> int:
    from backprop_tui.lessons.check import check_paths

    problems, checked = check_paths([Path(p) for p in args.paths])
    for problem in problems:
        print(problem)
    noun = "file" if checked == 1 else "files"
    if problems:
        print(f"{len(problems)} problem(s) in {checked} {noun}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"{checked} {noun} checked: all answer keys agree with the engine", file=sys.stderr)
    return EXIT_OK


def _list_parser(sub) -> None:
    parser = sub.add_parser("list", help="the lessons found, with id, title and source folder")
    _lessons_flag(parser)
    parser.set_defaults(run=run_list)


def run_list(args) -> int:
    from rich.table import Table
    from rich.text import Text

    catalog = _catalog(args)
    table = Table(box=None, pad_edge=False)
    for column in ("id", "title", "source"):
        table.add_column(column)
    for info in catalog.lessons:
        table.add_row(Text(info.id), Text(info.title), Text(info.source))
    console = _console()
    console.print(table)
    for problem in catalog.problems:
        console.print(Text.assemble(("skipped", "yellow"), f": {problem}"))
    return EXIT_OK


def _schema_parser(sub) -> None:
    parser = sub.add_parser("schema", help="print the JSON Schema of the lesson format")
    parser.set_defaults(run=run_schema)


def run_schema(args) -> int:
    from backprop_tui.lessons.schema import schema_text

    print(schema_text(), end="")
    return EXIT_OK


def _quiz_parser(sub) -> None:
    parser = sub.add_parser("quiz", help="take a lesson's questions as a quiz, with a score at the end")
    parser.add_argument("lesson", help="a lesson file or id")
    _lessons_flag(parser)
    parser.set_defaults(run=run_quiz)


def run_quiz(args) -> int:
    from backprop_tui.lessons.walkthrough import Walkthrough
    from backprop_tui.tui.app import create_app

    walkthrough = Walkthrough.from_lesson(_load(args.lesson, args))
    if not walkthrough.questions:
        raise UserError(f"the lesson '{walkthrough.id}' has no questions")
    app = create_app(lesson_dirs=[Path(d) for d in args.lessons], data_dir=_data_dir(args),
                     first=walkthrough, quiz=True)
    app.run()
    return EXIT_OK


def _progress_parser(sub) -> None:
    parser = sub.add_parser("progress", help="what you have done, your scores and what to review")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    _lessons_flag(parser)
    parser.set_defaults(run=run_progress)


def run_progress(args) -> int:
    from backprop_tui.progress import ProgressStore
    from backprop_tui.text.progress_text import print_summary

    with ProgressStore.open(_data_dir(args)) as store:
        if store.notice:
            print(f"backprop-tui: {store.notice}", file=sys.stderr)
        summary = store.summary()
    if args.json:
        print(summary.to_json(indent=2))
        return EXIT_OK
    print_summary(_console(), summary, _catalog(args))
    return EXIT_OK


def _demo_parser(sub) -> None:
    parser = sub.add_parser(
        "demo", help="list the vectorized NumPy demos, or run one: backprop-tui demo vectorization",
        description="Without NAME, lists the demos. With NAME, runs it: in a terminal the app shows "
        "it with plots; with --plain or when the output is piped, its summary and a bar chart.",
    )
    parser.add_argument("name", nargs="?", help="the demo to run (omit to list them)")
    parser.add_argument("--set", action="append", default=[], dest="settings", metavar="KEY=VALUE",
                        help="change an option, e.g. --set n=1000 (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    parser.add_argument("--plain", action="store_true", help="print the summary and a bar chart as text")
    _data_dir_flag(parser)
    parser.set_defaults(run=run_demo)


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
    if not args.plain and sys.stdout.isatty() and sys.stdin.isatty():
        from backprop_tui.tui.app import create_app

        create_app(data_dir=_data_dir(args), demo=demo.name, demo_options=options).run()
        return EXIT_OK
    demo_text.print_result(_console(), demo, demo(options))
    return EXIT_OK


SUBCOMMANDS: dict[str, Callable] = {
    "expr": _expr_parser,
    "walk": _walk_parser,
    "check": _check_parser,
    "list": _list_parser,
    "schema": _schema_parser,
    "quiz": _quiz_parser,
    "progress": _progress_parser,
    "demo": _demo_parser,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backprop-tui",
        description="A terminal tutor for backpropagation: step through computation graphs.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add in SUBCOMMANDS.values():
        add(sub)
    return parser


def _open_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backprop-tui",
        description="A terminal tutor for backpropagation: step through computation graphs. "
        "Without a COMMAND, opens the lesson picker (or the LESSON given).",
        epilog="commands: " + ", ".join(SUBCOMMANDS) + " (backprop-tui COMMAND --help)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("lesson", nargs="?", help="a lesson file or id to open directly")
    parser.add_argument("--review", action="store_true", help="step through without being asked questions")
    _lessons_flag(parser)
    parser.set_defaults(run=run_app)
    return parser


def run_app(args) -> int:
    from backprop_tui.tui.app import create_app

    first = None
    if args.lesson:
        from backprop_tui.lessons.walkthrough import Walkthrough

        first = Walkthrough.from_lesson(_load(args.lesson, args))
    app = create_app(lesson_dirs=[Path(d) for d in args.lessons], data_dir=_data_dir(args), first=first,
                     review=args.review)
    app.run()
    return app.return_code or EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    from backprop_tui.engine.graph import GraphError
    from backprop_tui.engine.values import ValueProblem

    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in SUBCOMMANDS:
        parser = build_parser()
    else:
        parser = _open_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (UserError, GraphError, ValueProblem) as error:
        print(f"backprop-tui: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
