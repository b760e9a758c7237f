"""Upgrading a real progress file: a copy of ``fixtures/progress_v1.sqlite3``.

That file was written by the schema-1 release through ``ProgressStore``'s public API, the
way the app saves (positions, attempts right and wrong, hints, reveals, a completion) across
three lessons: apple-tax (done), chain-rule and sigmoid-neuron. It is never edited: each test
upgrades a copy and checks that every row and the summary survive.
"""

from __future__ import annotations

import shutil
import signal
import sqlite3
import textwrap
from pathlib import Path

import pytest

from backprop_tui.progress import ProgressStore, Status, database_path
from backprop_tui.progress import schema

from backprop_tui.progress import recovery

from .conftest import run_sql
from .test_recovery import read_only_connect
from .test_durability import kill_after, start_python

FIXTURE = Path(__file__).parent / "fixtures" / "progress_v1.sqlite3"
V1_TABLES = {
    "lessons": "lesson_id",
    "attempts": "id",
    "question_help": "lesson_id, question_id",
}
V1_COLUMNS = {
    "lessons": "lesson_id, step_index, step_key, total_steps, started_at, updated_at, completed_at",
    "attempts": "id, lesson_id, question_id, answer, correct, rule, hints_used, revealed, recorded_at",
    "question_help": "lesson_id, question_id, hints_used, revealed_at",
}


def v1_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of the version-1 tables, in their version-1 columns."""
    return {
        table: run_sql(path, f"SELECT {V1_COLUMNS[table]} FROM {table} ORDER BY {order}")
        for table, order in V1_TABLES.items()
    }


def copy_fixture(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copyfile(FIXTURE, database_path(data_dir)))


def test_the_fixture_is_a_version_1_file():
    conn = sqlite3.connect(f"file:{FIXTURE}?mode=ro", uri=True)
    try:
        assert schema.user_version(conn) == 1
        assert schema.application_id(conn) == schema.APPLICATION_ID
    finally:
        conn.close()
    rows = v1_rows(FIXTURE)
    assert len(rows["attempts"]) == 10 and len(rows["lessons"]) == 3


def test_upgrading_a_copy_keeps_every_row(tmp_path):
    path = copy_fixture(tmp_path)
    before = v1_rows(path)
    with ProgressStore.open(tmp_path) as store:
        assert store.notice is None
    assert run_sql(path, "PRAGMA user_version") == [(schema.SCHEMA_VERSION,)]
    assert run_sql(path, "PRAGMA integrity_check") == [("ok",)]
    assert v1_rows(path) == before


def test_the_upgraded_file_reads_as_before(tmp_path):
    copy_fixture(tmp_path)
    with ProgressStore.open(tmp_path) as store:
        summary = store.summary()
        assert summary.done == ("apple-tax",)
        assert set(summary.in_progress) == {"chain-rule", "sigmoid-neuron"}
        assert (summary.score.attempted, summary.score.solved, summary.score.first_try) == (9, 5, 3)
        assert summary.mistakes == {"missing_factor": 2, "sign": 2, "wrong_node": 1}
        assert [(i.lesson_id, i.question_id, i.reason) for i in summary.review] == [
            ("apple-tax", "d-apple", "right after a retry"),
            ("apple-tax", "d-tax", "right after a retry"),
            ("chain-rule", "grad-x", "never correct"),
            ("chain-rule", "local-square", "revealed"),
            ("sigmoid-neuron", "local-reciprocal", "never correct"),
            ("sigmoid-neuron", "sigma-shortcut", "revealed"),
        ]
        status = store.lesson_status("chain-rule")
        assert status.status is Status.IN_PROGRESS
        assert status.position.step_key == "backward.t"
        assert store.question_help("chain-rule") == {"local-square": (2, True), "grad-x": (0, False)}
        assert store.attempts("apple-tax", "d-apple-price")[0].hints_used == 1


def test_questions_met_before_the_upgrade_become_due_cards(tmp_path):
    copy_fixture(tmp_path)
    with ProgressStore.open(tmp_path) as store:
        cards = store.cards()
        assert len(cards) == 9  # every question answered or revealed, once
        assert {(c.reviews, c.last_rating) for c in cards} == {(0, None)}
        assert len(store.due_cards()) == 9
        # due at the question's last activity: the reveal, or the last answer
        revealed_at = run_sql(FIXTURE, "SELECT revealed_at FROM question_help WHERE question_id = 'local-square'")
        last_answer = store.attempts("apple-tax", "d-apple")[-1].recorded_at
        due = {c.question_id: c.due for c in cards}
        assert (due["local-square"], due["d-apple"]) == (revealed_at[0][0], last_answer)
        assert {a.variant_seed for a in store.attempts("apple-tax")} == {None}


MIGRATION_KILLED = textwrap.dedent(
    """
    import sys, threading
    from backprop_tui.progress import schema
    from backprop_tui.progress.db import configure, connect

    def hold(conn):
        print("inside", flush=True)
        threading.Event().wait()  # until the test kills it

    conn = connect(sys.argv[1])
    configure(conn)
    schema.migrate(conn, (*schema.MIGRATIONS, hold))
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_migration_killed_midway_leaves_the_old_file_whole(tmp_path):
    path = copy_fixture(tmp_path)
    before = v1_rows(path)
    # the upgrade steps have run, uncommitted, when the child says "inside"
    assert kill_after(start_python(MIGRATION_KILLED, str(path)), 1) == ["inside"]
    assert run_sql(path, "PRAGMA user_version") == [(1,)]
    assert v1_rows(path) == before
    with ProgressStore.open(tmp_path) as store:
        assert store.notice is None
        assert len(store.cards()) == 9
    assert v1_rows(path) == before


def test_a_read_only_old_file_is_upgraded_in_memory_only(tmp_path, monkeypatch):
    path = copy_fixture(tmp_path)
    monkeypatch.setattr(recovery, "connect", read_only_connect)
    with ProgressStore.open(tmp_path) as store:
        assert "read-only" in store.notice and not store.persistent
        assert store.summary().score.attempted == 9  # past progress shows
        assert len(store.cards()) == 9
    assert run_sql(path, "PRAGMA user_version") == [(1,)]
