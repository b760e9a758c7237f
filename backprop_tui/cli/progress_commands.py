"""`progress` and `review`: what the data dir's progress store holds."""

from __future__ import annotations

import sys

from backprop_tui.cli import common
from backprop_tui.cli.common import EXIT_OK


def progress_arguments(parser) -> None:
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    common.lessons_flag(parser)


def _read_progress(args, read):
    """What `read(store)` returns from the learner's progress, the store's notice (read-only,
    recovered from a damaged file) said on stderr."""
    from backprop_tui.progress import ProgressStore

    with ProgressStore.open(common.data_dir(args)) as store:
        if store.notice:
            print(f"backprop-tui: {store.notice}", file=sys.stderr)
        return read(store)


def run_progress(args) -> int:
    from backprop_tui.text.progress_text import print_summary

    catalog = common.lesson_catalog(args)
    summary = _read_progress(args, lambda store: store.summary({info.id: info.tags for info in catalog.lessons}))
    if args.json:
        print(summary.to_json(indent=2))
        return EXIT_OK
    print_summary(common.console(), summary, catalog, _question_prompts(summary, catalog, args))
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
            loaded = load_verified(info.path, common.data_dir(args))
        except LessonFileError:
            continue  # the review table falls back to the question's id
        prompts.update({(lesson_id, q.id): q.ask for q in loaded.questions})
    return prompts


def review_arguments(parser) -> None:
    parser.add_argument("--json", action="store_true", help="list the due cards as JSON")
    parser.add_argument("--plain", action="store_true", help="list the due cards as text")
    common.lessons_flag(parser)


def run_review(args) -> int:
    catalog = common.lesson_catalog(args)
    due = _read_progress(args, lambda store: store.due_cards([info.id for info in catalog.lessons]))
    if due and not (args.json or args.plain) and common.interactive():
        common.pause_collector()
        from backprop_tui.tui.app import create_app

        common.run_until_quit(create_app(lesson_dirs=common.lesson_dirs(args), data_dir=common.data_dir(args), start_review=True))
        return EXIT_OK
    from backprop_tui.text.review_text import due_to_dict, print_due

    if args.json:
        common.print_json(due_to_dict(due))
    else:
        print_due(common.console(), due, catalog, _asked(due, catalog, common.data_dir(args)))
    return EXIT_OK


def _asked(cards, catalog, data_dir) -> dict[tuple[str, str], str]:
    """What each card's question asks, by (lesson id, question id), from the lessons that
    load (a lesson file with problems, or gone, leaves its questions to their ids)."""
    from backprop_tui.lessons.files import LessonFileError
    from backprop_tui.lessons.verified import load_verified

    asked = {}
    for lesson_id in dict.fromkeys(card.lesson_id for card in cards):
        info = catalog.find(lesson_id)
        if info is None:
            continue
        try:
            loaded = load_verified(info.path, data_dir)
        except LessonFileError:
            continue
        asked.update(((lesson_id, question.id), question.ask) for question in loaded.questions)
    return asked
