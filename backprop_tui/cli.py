"""The `backprop-tui` command: subcommands wire the core to plain output or to the app.

Exit status: 0 on success, 1 when `check` finds problems, 2 for bad input (a one-line
message on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence

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
    from backprop_tui.plain import print_trace

    print_trace(_console(), trace)
    return EXIT_OK


def _console():
    from rich.console import Console

    return Console(highlight=False)


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


def run_walk(args) -> int:
    from backprop_tui.lesson_text import print_walk, walk_to_dict

    loaded = _load(args.lesson, args.lessons)
    if args.json:
        print(json.dumps(walk_to_dict(loaded, show_answers=args.answers), indent=2))
    else:
        print_walk(_console(), loaded, show_answers=args.answers)
    return EXIT_OK


def _load(name: str, extra_dirs):
    """A lesson by file path or by id; bad files become a UserError listing every problem."""
    from pathlib import Path

    from backprop_tui.lessons.catalog import discover
    from backprop_tui.lessons.load import load_lesson
    from backprop_tui.lessons.source import LessonFileError

    path = Path(name)
    if not path.exists():
        info = discover([Path(d) for d in extra_dirs]).find(name)
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
    from pathlib import Path

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
    from pathlib import Path

    from rich.table import Table

    from backprop_tui.lessons.catalog import discover

    catalog = discover([Path(d) for d in args.lessons])
    table = Table(box=None, pad_edge=False)
    for column in ("id", "title", "source"):
        table.add_column(column)
    for info in catalog.lessons:
        table.add_row(info.id, info.title, info.source)
    console = _console()
    console.print(table)
    for problem in catalog.problems:
        console.print(f"[yellow]skipped[/]: {problem}")
    return EXIT_OK


def _schema_parser(sub) -> None:
    parser = sub.add_parser("schema", help="print the JSON Schema of the lesson format")
    parser.set_defaults(run=run_schema)


def run_schema(args) -> int:
    from backprop_tui.lessons.schema import schema_text

    print(schema_text(), end="")
    return EXIT_OK


SUBCOMMANDS: dict[str, Callable] = {
    "expr": _expr_parser,
    "walk": _walk_parser,
    "check": _check_parser,
    "list": _list_parser,
    "schema": _schema_parser,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backprop-tui",
        description="A terminal tutor for backpropagation: step through computation graphs.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add in SUBCOMMANDS.values():
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from backprop_tui.engine.graph import GraphError
    from backprop_tui.engine.values import ValueProblem

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_OK
    try:
        return args.run(args)
    except (UserError, GraphError, ValueProblem) as error:
        print(f"backprop-tui: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
