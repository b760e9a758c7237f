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


SUBCOMMANDS: dict[str, Callable] = {"expr": _expr_parser}


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
