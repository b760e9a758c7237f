"""`expr`, `walk` and `quiz`: a program or a lesson, stepped through as text or in the app."""

from __future__ import annotations

import textwrap

from backprop_tui.cli import common
from backprop_tui.cli.common import EXIT_OK, UserError


def expr_arguments(parser) -> None:
    parser.add_argument("program", help='e.g. "q = x + y; f = q * z"')
    parser.add_argument("values", nargs="*", metavar="name=value")
    parser.add_argument("--output", help="the node to differentiate (default: the last statement)")
    common.output_flags(parser)
    common.data_dir_flag(parser)


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

    memory = NotationMemory(common.data_dir(args))
    explanations = explain_trace(trace, memory.notations)
    memory.save()
    return explanations


def _show_trace(args, trace) -> int:
    from backprop_tui.engine.export import trace_to_dict

    if args.json:
        common.print_json(trace_to_dict(trace, _explain(trace, args)))
        return EXIT_OK
    if not args.plain and common.interactive():
        common.pause_collector()
        from backprop_tui.lessons.notation_memory import NotationMemory
        from backprop_tui.lessons.walkthrough import Walkthrough
        from backprop_tui.tui.app import create_app

        walkthrough = Walkthrough.from_trace(args.program, trace, NotationMemory(common.data_dir(args)))
        app = create_app(data_dir=common.data_dir(args), first=walkthrough)
        common.run_until_quit(app)
        return EXIT_OK
    from backprop_tui.text.trace_text import print_trace

    print_trace(common.console(), trace, _explain(trace, args))
    return EXIT_OK



def walk_arguments(parser) -> None:
    parser.add_argument("lesson", help="a lesson file, or the id of a lesson in the catalog")
    parser.add_argument("--answers", action="store_true", help="show the questions' answers")
    parser.add_argument("--json", action="store_true", help="print the trace, notes and questions as JSON")
    parser.add_argument("--variant", type=int, metavar="SEED",
                        help="walk the variant a quiz draws for SEED (as check reports it) instead of the lesson's numbers")
    common.lessons_flag(parser)


def run_walk(args) -> int:
    from backprop_tui.text.lesson_text import print_walk, walk_to_dict

    loaded = common.load(args.lesson, args)
    if args.variant is not None:
        loaded = common.variant(loaded, args.variant)
    explanations = _explain(loaded.trace, args)
    if args.json:
        common.print_json(walk_to_dict(loaded, explanations, show_answers=args.answers))
    else:
        print_walk(common.console(), loaded, explanations, show_answers=args.answers)
    return EXIT_OK


def quiz_arguments(parser) -> None:
    parser.add_argument("lesson", help="a lesson file or id")
    common.lessons_flag(parser)


def run_quiz(args) -> int:
    common.pause_collector()
    from backprop_tui.lessons.notation_memory import NotationMemory
    from backprop_tui.lessons.walkthrough import Walkthrough
    from backprop_tui.tui.app import create_app

    walkthrough = Walkthrough.from_lesson(common.load(args.lesson, args), NotationMemory(common.data_dir(args)))
    if not walkthrough.questions:
        raise UserError(f"the lesson '{walkthrough.id}' has no questions")
    app = create_app(lesson_dirs=common.lesson_dirs(args), data_dir=common.data_dir(args),
                     first=walkthrough, quiz=True)
    common.run_until_quit(app)
    return EXIT_OK


def ops_epilog() -> str:
    from backprop_tui.engine.ops import OPS

    return textwrap.fill("ops (also as functions in expressions): " + " ".join(sorted(OPS)), 79)
