"""Database schema, its version, and the migration runner.

The file is marked as ours with ``PRAGMA application_id`` and versioned with
``PRAGMA user_version``. ``MIGRATIONS[i]`` upgrades a database from version
``i`` to ``i + 1``; a brand-new (empty) database is version 0. To change the
schema, append one function to ``MIGRATIONS`` (never edit a shipped one) and
add a test that upgrades a fixture of the previous version.

:func:`migrate` applies every missing step inside one ``BEGIN IMMEDIATE``
transaction, so a database is either fully upgraded or left untouched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from backprop_tui.progress.db import transaction

Migration = Callable[[sqlite3.Connection], None]

APPLICATION_ID = 0x42505455
"""``PRAGMA application_id`` of our files: the bytes ``BPTU``."""

REQUIRED_TABLES = frozenset({"lessons", "attempts", "question_help", "cards"})


def _v1_initial(conn: sqlite3.Connection) -> None:
    """Version 1: lessons (position, completion), attempts, per-question help."""
    for statement in (
        f"PRAGMA application_id = {APPLICATION_ID}",
        """
        CREATE TABLE lessons (
            lesson_id    TEXT PRIMARY KEY,
            step_index   INTEGER,          -- NULL until a position is saved
            step_key     TEXT,
            total_steps  INTEGER,
            started_at   TEXT NOT NULL,
            updated_at   TEXT NOT NULL,
            completed_at TEXT              -- NULL unless done; first completion
        )
        """,
        """
        CREATE TABLE attempts (
            id          INTEGER PRIMARY KEY,
            lesson_id   TEXT NOT NULL,
            question_id TEXT NOT NULL,
            answer      TEXT NOT NULL,
            correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
            rule        TEXT NOT NULL,
            hints_used  INTEGER NOT NULL DEFAULT 0 CHECK (hints_used >= 0),
            revealed    INTEGER NOT NULL DEFAULT 0 CHECK (revealed IN (0, 1)),
            recorded_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX attempts_by_question ON attempts (lesson_id, question_id, id)",
        """
        CREATE TABLE question_help (
            lesson_id   TEXT NOT NULL,
            question_id TEXT NOT NULL,
            hints_used  INTEGER NOT NULL DEFAULT 0 CHECK (hints_used >= 0),
            revealed_at TEXT,              -- NULL unless the answer was shown
            PRIMARY KEY (lesson_id, question_id)
        ) WITHOUT ROWID
        """,
    ):
        conn.execute(statement)


def _v2_cards(conn: sqlite3.Connection) -> None:
    """Version 2: the variant each answer was given to, and a review card per question.

    A card holds the FSRS scheduler's state (:mod:`.cards`). Questions met before this
    version get a card that was never reviewed, due at their last activity: the first
    review session brings them back once.
    """
    for statement in (
        "ALTER TABLE attempts ADD COLUMN variant_seed INTEGER",  # NULL: the lesson's own numbers
        """
        CREATE TABLE cards (
            lesson_id   TEXT NOT NULL,
            question_id TEXT NOT NULL,
            state       INTEGER NOT NULL DEFAULT 1,  -- fsrs.State: 1 learning, 2 review, 3 relearning
            step        INTEGER DEFAULT 0,           -- (re)learning step; NULL in review
            stability   REAL,                        -- NULL until the first review
            difficulty  REAL,
            due         TEXT NOT NULL,
            last_review TEXT,
            last_rating INTEGER CHECK (last_rating BETWEEN 1 AND 4),  -- fsrs.Rating
            reviews     INTEGER NOT NULL DEFAULT 0 CHECK (reviews >= 0),
            PRIMARY KEY (lesson_id, question_id)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX cards_by_due ON cards (due)",
        """
        INSERT INTO cards (lesson_id, question_id, due)
        SELECT lesson_id, question_id, MAX(moment) FROM (
            SELECT lesson_id, question_id, recorded_at AS moment FROM attempts
            UNION ALL
            SELECT lesson_id, question_id, revealed_at FROM question_help
            WHERE revealed_at IS NOT NULL
        ) GROUP BY lesson_id, question_id
        """,
    ):
        conn.execute(statement)


MIGRATIONS: tuple[Migration, ...] = (_v1_initial, _v2_cards)
SCHEMA_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def application_id(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA application_id").fetchone()[0]


def table_names(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return {name for (name,) in rows}


def migrate(
    conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS
) -> tuple[int, int]:
    """Bring ``conn`` up to ``len(migrations)``; return ``(from_version, to_version)``.

    ``conn`` must be in autocommit mode (``isolation_level=None``). The version
    is read after taking the write lock, so two processes opening a new file
    at once migrate it once. Any exception rolls every step back. A database
    newer than ``migrations`` is left alone (the caller checks for that first).
    """
    target = len(migrations)
    with transaction(conn):
        current = user_version(conn)
        for step in migrations[current:]:
            step(conn)
        if current < target:
            conn.execute(f"PRAGMA user_version = {target:d}")
    return current, max(current, target)
