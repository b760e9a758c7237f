"""Persistent learner progress, in SQLite (stdlib ``sqlite3``).

Usage::

    from backprop_tui.progress import ProgressStore, default_data_dir

    store = ProgressStore.open(default_data_dir(args.data_dir))
    if store.notice:                      # file moved aside / not writable
        app.notify(store.notice)
    store.save_position("apple-tax", 5, "backward.apple_price", 14)
    store.record_attempt("apple-tax", "d-apple", "2.2", True, "correct")
    store.statuses(catalog_ids)["apple-tax"].status   # Status.IN_PROGRESS
    print(store.summary().to_json())

The database is ``progress.sqlite3`` in :func:`default_data_dir` (explicit
``--data-dir`` > ``$BACKPROP_TUI_DATA_DIR`` > platformdirs' user data dir).
Lessons are keyed by lesson id, questions by (lesson id, question id).
Timestamps are ISO-8601 UTC strings (``2024-05-01T12:00:00.000000+00:00``).

Spaced review: each question is a card scheduled by FSRS; an attempt or a
reveal recorded with a ``rating`` (:func:`.cards.rating_for`) reviews it in the
same transaction. ``store.due_cards()`` lists what is due by the store's clock;
``store.mastery(groups)`` the share of each concept's cards held (:mod:`.cards`).
An attempt may name the ``variant_seed`` of the numbers it answered.

Durability: WAL journal, ``synchronous=NORMAL``, one ``BEGIN IMMEDIATE``
transaction per save (reasons in :mod:`backprop_tui.progress.db`). A corrupt,
foreign or newer-schema file is moved aside (:mod:`.recovery`); the schema is
versioned with ``PRAGMA user_version`` and upgraded by :mod:`.schema`.

JSON shape of ``Summary.as_dict()`` / ``Summary.to_json()`` (format 1)::

    {
      "format": 1,
      "lessons": {
        "done": ["apple-tax"],               # by completion time
        "in_progress": ["sigmoid"]           # most recently touched first
      },
      "score": {
        "attempted": 4,                      # questions answered or revealed
        "solved": 3,                         # ... answered right before any reveal
        "first_try": 2,                      # ... right on the first answer
        "attempts": 7,                       # answers submitted
        "accuracy": 0.75,                    # solved / attempted, null if none
        "first_try_accuracy": 0.5            # first_try / attempted, null if none
      },
      "mistakes": [                          # wrong answers by rule, most frequent
        {"rule": "sign", "count": 2},        #   first, then by rule name;
        {"rule": "missing_factor", "count": 1}  # "correct" never listed
      ],
      "review": [                            # by lesson id, then question id
        {"lesson_id": "sigmoid", "question_id": "d-z",
         "reason": "never correct",          # or "revealed", "right after a retry"
         "attempts": 2, "last_answer": "-0.2",   # null if revealed unanswered
         "last_rule": "sign"}
      ],
      "due": 3,                              # review cards due now
      "mastery": {                           # per concept (lesson tag), by name;
        "chain-rule": {"held": 2, "cards": 5, "ratio": 0.4}  # only with the catalog's tags
      }
    }

A rule is the answer checker's verdict rule id: a value of
``backprop_tui.answers.rules.Rule`` (e.g. "sign", "missing_factor", "ascent",
"wrong_node", "imprecise"), which also says what each means to a learner.
The definitions behind ``score`` are in :class:`Score`. Keys are only ever
added within format 1.

This package must stay light: it imports no textual, numpy or sympy.
"""

from backprop_tui.progress.paths import DATA_DIR_ENV, DB_FILENAME, database_path, default_data_dir

# Imported when first used: a command that only needs the data dir's path (expr, walk) does
# without SQLite and the store.
_LAZY = {
    "Attempt": "models",
    "LessonStatus": "models",
    "Position": "models",
    "ReviewItem": "models",
    "Score": "models",
    "Status": "models",
    "Summary": "models",
    "ProgressStore": "store",
}

__all__ = ["DATA_DIR_ENV", "DB_FILENAME", "database_path", "default_data_dir", *_LAZY]


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
