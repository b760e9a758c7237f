"""`demo`: list the vectorized NumPy demos or run one."""

from __future__ import annotations

from backprop_tui.cli import common
from backprop_tui.cli.common import EXIT_OK, UserError


def demo_arguments(parser) -> None:
    parser.add_argument("name", nargs="?", help="the demo to run (omit to list them)")
    parser.add_argument("--set", action="append", default=[], dest="settings", metavar="KEY=VALUE",
                        help="change an option, e.g. --set n=1000 (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    parser.add_argument("--plain", action="store_true", help="print the summary and a bar chart as text")
    common.data_dir_flag(parser)


def demo_epilog() -> str:
    from backprop_tui.text.demo_text import demo_options_help

    return demo_options_help()


def run_demo(args) -> int:
    from backprop_tui.text import demo_text

    if args.name is None:
        if args.settings:
            raise UserError("--set needs a demo name: backprop-tui demo NAME --set key=value")
        demo_text.print_demo_list(common.console())
        return EXIT_OK
    try:
        demo, options = demo_text.find_demo(args.name, args.settings)
    except ValueError as error:
        raise UserError(str(error)) from None
    if args.json:
        print(demo_text.result_json(demo(options)))
        return EXIT_OK
    if not args.plain and common.interactive():
        common.pause_collector()
        from backprop_tui.tui.app import create_app

        common.run_until_quit(create_app(data_dir=common.data_dir(args), demo=demo.name, demo_options=options))
        return EXIT_OK
    demo_text.print_result(common.console(), demo, demo(options))
    return EXIT_OK
