"""Schema version, the migration runner, and the frozen version-1 fixture."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from backprop_tui.progress import ProgressStore, Status, database_path
from backprop_tui.progress import schema
from backprop_tui.progress.db import connect

FIXTURE_V1 = Path(__file__).parent / "fixtures" / "schema_v1.sql"


def normalized_schema(conn: sqlite3.Connection) -> dict[str, str]:
    """name -> CREATE statement without comments, spacing or case differences."""
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")
    result = {}
    for name, sql in rows:
        sql = re.sub(r"--[^\n]*", "", sql)
        sql = re.sub(r"\s+", " ", sql)
        result[name] = re.sub(r"\s*([(),])\s*", r"\1", sql).strip().lower()
    return result


def make_v1_database(path: Path) -> None:
    """A version-1 file built from the frozen SQL, not from our migrations."""
    conn = sqlite3.connect(path)
    conn.executescript(FIXTURE_V1.read_text())
    conn.executescript(
        """
        INSERT INTO lessons VALUES
            ('apple-tax', 3, 'backward.price', 14, '2024-01-01T00:00:00.000000+00:00',
             '2024-01-01T00:05:00.000000+00:00', NULL);
        INSERT INTO attempts (lesson_id, question_id, answer, correct, rule, recorded_at)
        VALUES ('apple-tax', 'd-apple', '2.2', 1, 'correct', '2024-01-01T00:04:00.000000+00:00');
        """
    )
    conn.close()


def test_empty_database_is_migrated_to_the_current_version():
    conn = connect(":memory:")
    assert schema.user_version(conn) == 0
    assert schema.migrate(conn) == (0, schema.SCHEMA_VERSION)
    assert schema.user_version(conn) == schema.SCHEMA_VERSION
    assert schema.application_id(conn) == schema.APPLICATION_ID
    assert schema.REQUIRED_TABLES <= schema.table_names(conn)
    assert schema.migrate(conn) == (schema.SCHEMA_VERSION, schema.SCHEMA_VERSION)


def test_version_1_migration_matches_the_frozen_fixture():
    migrated = connect(":memory:")
    schema.migrate(migrated, schema.MIGRATIONS[:1])
    frozen = sqlite3.connect(":memory:")
    frozen.executescript(FIXTURE_V1.read_text())
    assert normalized_schema(migrated) == normalized_schema(frozen)
    assert schema.application_id(migrated) == schema.application_id(frozen)
    assert schema.user_version(migrated) == schema.user_version(frozen) == 1


def test_store_reads_a_hand_made_version_1_file(tmp_path):
    make_v1_database(database_path(tmp_path))
    with ProgressStore.open(tmp_path) as store:
        assert store.notice is None
        status = store.lesson_status("apple-tax")
        assert status.status is Status.IN_PROGRESS
        assert status.position.step_key == "backward.price"
        assert status.score.solved == 1


def add_difficulty_column(conn: sqlite3.Connection) -> None:
    """What a real version 2 might look like: one more function."""
    conn.execute("ALTER TABLE lessons ADD COLUMN difficulty INTEGER NOT NULL DEFAULT 1")


def test_a_new_version_is_one_more_function(tmp_path):
    path = database_path(tmp_path)
    make_v1_database(path)
    conn = connect(path)
    steps = (*schema.MIGRATIONS, add_difficulty_column)
    assert schema.migrate(conn, steps) == (1, len(steps))
    row = conn.execute("SELECT lesson_id, step_index, difficulty FROM lessons").fetchone()
    assert tuple(row) == ("apple-tax", 3, 1)
    assert schema.user_version(conn) == len(steps)
    conn.close()


def test_runner_applies_only_missing_steps_in_order():
    calls = []
    steps = [lambda conn, n=n: calls.append(n) for n in range(4)]
    conn = connect(":memory:")
    conn.execute("PRAGMA user_version = 2")
    assert schema.migrate(conn, steps) == (2, 4)
    assert calls == [2, 3]
    assert schema.user_version(conn) == 4


def test_failed_step_rolls_back_every_step():
    def create_table(conn):
        conn.execute("CREATE TABLE first (x)")

    def fail(conn):
        conn.execute("INSERT INTO first VALUES (1)")
        raise RuntimeError("step 2 broke")

    conn = connect(":memory:")
    with pytest.raises(RuntimeError, match="step 2 broke"):
        schema.migrate(conn, [create_table, fail])
    assert schema.user_version(conn) == 0
    assert schema.table_names(conn) == set()
    assert not conn.in_transaction


def test_runner_leaves_a_newer_database_alone():
    conn = connect(":memory:")
    conn.execute("PRAGMA user_version = 9")
    assert schema.migrate(conn) == (9, 9)
    assert schema.user_version(conn) == 9
