"""For authors and for finding lessons: `check`, `list`, `schema`, `new`, `author`, `serve`."""

from __future__ import annotations

import sys

from backprop_tui.cli import common
from backprop_tui.cli.common import EXIT_OK, EXIT_PROBLEMS, UserError
from backprop_tui.text.words import counted


def check_arguments(parser) -> None:
    parser.add_argument("targets", nargs="*", metavar="FILE|FOLDER|ID",
                        help="lesson files, folders of lessons or lesson ids (default: every lesson found)")
    parser.add_argument("--strict", action="store_true",
                        help="also report numbers typed by hand that the engine computes (write templates instead) "
                             "and hints that state their answer")
    parser.add_argument("--variants", type=int, default=None, metavar="N",
                        help="seeded draws of each lesson with vary: to check (default 50; 0: none)")
    common.lessons_flag(parser)


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
    files = counted(checked, "file")
    if problems:
        print(f"{counted(len(problems), 'problem')} in {files}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"{files} checked: all answer keys agree with the engine", file=sys.stderr)
    return EXIT_OK


def _check_targets(args):  # -> (list[Path], list[Problem])
    """The paths to check, and the problems found on the way (a broken lesson pack)."""
    if not args.targets:
        from backprop_tui.lessons.catalog import lesson_folders

        folders, problems = lesson_folders(common.lesson_dirs(args), data_dir=common.data_dir(args))
        return [folder for folder, _ in folders], problems
    from pathlib import Path

    paths = []
    for target in args.targets:
        path = Path(target)
        if not path.exists():
            info = common.lesson_catalog(args).find(target)
            if info is None:
                raise UserError(f"{target}: no such file or folder, and no lesson has this id "
                                "(backprop-tui check alone checks every lesson found)")
            path = info.path
        paths.append(path)
    return paths, []


def list_arguments(parser) -> None:
    parser.add_argument("--json", action="store_true", help="print the lessons and problems as JSON")
    common.lessons_flag(parser)


def run_list(args) -> int:
    catalog = common.lesson_catalog(args)
    if args.json:
        lessons = [
            {"id": i.id, "title": i.title, "summary": i.summary, "section": i.section, "course": i.course,
             "source": i.source, "path": str(i.path), "tags": list(i.tags), "requires": list(i.requires)}
            for i in catalog.lessons
        ]
        common.print_json({"lessons": lessons, "problems": [str(p) for p in catalog.problems]})
        return EXIT_OK
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False)
    for column in ("id", "title", "section", "source", "file"):
        table.add_column(column)
    for info in catalog.lessons:
        table.add_row(*(Text(str(cell or "")) for cell in (info.id, info.title, info.section, info.source, info.path)))
    console = common.console()
    console.print(table)
    for problem in catalog.problems:
        console.print(Text.assemble(("skipped", "yellow"), f": {problem}"))
    return EXIT_OK


def run_schema(args) -> int:
    from backprop_tui.lessons.schema import schema_text

    print(schema_text(), end="")
    return EXIT_OK



def new_arguments(parser) -> None:
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


def author_arguments(parser) -> None:
    parser.add_argument("file", help="the lesson file to show and watch")
    common.data_dir_flag(parser)


def run_author(args) -> int:
    from pathlib import Path

    path = Path(args.file)
    if not path.is_file():
        raise UserError(f"{path}: no such file (start one with: backprop-tui new ID)")
    common.pause_collector()
    from backprop_tui.tui.author import create_authoring_app

    common.run_until_quit(create_authoring_app(path, common.data_dir(args)))
    return EXIT_OK



def serve_arguments(parser) -> None:
    parser.add_argument("--host", default="127.0.0.1",
                        help="the address to listen on (default: 127.0.0.1, this machine only; "
                        "0.0.0.0 for a class on the network)")
    parser.add_argument("--port", type=int, default=8000, help="the port (default: 8000)")
    common.lessons_flag(parser)


def run_serve(args) -> int:
    from backprop_tui.tui.serve import serve

    data_dir = common.data_dir(args) if args.data_dir else None
    try:
        serve(host=args.host, port=args.port, data_dir=data_dir, lesson_dirs=common.lesson_dirs(args))
    except OSError as error:
        raise UserError(f"cannot serve on {args.host}:{args.port}: {error.strerror or error}") from None
    return EXIT_OK
