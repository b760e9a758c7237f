"""Corrupt, foreign, newer and unusable files: never crash, never lose the old file."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from backprop_tui.progress import ProgressStore, Status, database_path
from backprop_tui.progress import db, recovery, schema

from .conftest import START, run_sql

STAMP = "20240501T120000Z"  # the FakeClock's first instant, as in file names


def files_in(directory: Path) -> set[str]:
    return {p.name for p in directory.iterdir()}


def moved_aside(directory: Path, clock, kind: str, phrase: str) -> Path:
    """Open a store over a bad file; check the file was moved aside with a
    notice containing ``phrase`` and that the fresh store works. Return the
    moved file."""
    with ProgressStore.open(directory, clock=clock) as store:
        [aside] = directory.glob(f"progress.sqlite3.{kind}-*[0-9]Z")
        assert store.notice is not None
        for expected in (phrase, aside.name, "fresh progress file"):
            assert expected in store.notice
        assert store.persistent and store.statuses() == {}
        store.record_attempt("apple-tax", "q", "1", True, "correct")
        assert store.lesson_status("apple-tax").status is Status.IN_PROGRESS
    return aside


def test_random_bytes_are_moved_aside(tmp_path, clock):
    garbage = os.urandom(4096)
    database_path(tmp_path).write_bytes(garbage)
    aside = moved_aside(tmp_path, clock, "corrupt", "damaged")
    assert aside.read_bytes() == garbage


def test_another_programs_database_is_moved_aside_intact(tmp_path, clock):
    run_sql(
        database_path(tmp_path),
        "CREATE TABLE bookmarks (url TEXT)",
        "INSERT INTO bookmarks VALUES ('https://example.org')",
    )
    aside = moved_aside(tmp_path, clock, "foreign", "not a backprop-tui progress file")
    assert run_sql(aside, "SELECT url FROM bookmarks") == [("https://example.org",)]


def test_foreign_database_with_a_user_version_is_still_foreign(tmp_path, clock):
    run_sql(database_path(tmp_path), "PRAGMA user_version = 1")
    moved_aside(tmp_path, clock, "foreign", "application id 0x0, tables: none")


def test_newer_schema_is_moved_aside_intact(tmp_path, clock):
    with ProgressStore.open(tmp_path, clock=clock) as store:
        store.mark_completed("apple-tax")
    run_sql(database_path(tmp_path), f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    aside = moved_aside(tmp_path, clock, "newer", "newer version")
    assert run_sql(aside, "SELECT lesson_id FROM lessons") == [("apple-tax",)]


def test_our_file_with_missing_tables_is_corrupt(tmp_path, clock):
    with ProgressStore.open(tmp_path, clock=clock):
        pass
    run_sql(database_path(tmp_path), "DROP TABLE attempts")
    moved_aside(tmp_path, clock, "corrupt", "missing tables: attempts")


def test_damaged_pages_are_detected(tmp_path, clock):
    with ProgressStore.open(tmp_path, clock=clock) as store:
        for i in range(300):
            store.record_attempt("apple-tax", f"q{i}", "x" * 50, False, "wrong-sign")
    path = database_path(tmp_path)
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[page_size : 3 * page_size] = os.urandom(2 * page_size)  # pages 2 and 3
    path.write_bytes(bytes(data))
    moved_aside(tmp_path, clock, "corrupt", "damaged")


def test_sidecar_files_move_with_the_database(tmp_path, clock):
    path = database_path(tmp_path)
    path.write_bytes(b"not a database at all")
    Path(f"{path}-wal").write_bytes(b"stale wal")
    Path(f"{path}-journal").write_bytes(b"stale journal")
    aside = moved_aside(tmp_path, clock, "corrupt", "not an SQLite database")
    assert Path(f"{aside}-wal").read_bytes() == b"stale wal"
    assert Path(f"{aside}-journal").read_bytes() == b"stale journal"


def test_second_file_moved_aside_in_the_same_second_gets_a_new_name(tmp_path):
    path = database_path(tmp_path)
    first, second = f"progress.sqlite3.corrupt-{STAMP}", f"progress.sqlite3.corrupt-{STAMP}-1"
    for expected in (first, second):
        path.write_bytes(b"garbage" * 100)
        with ProgressStore.open(tmp_path, clock=lambda: START) as store:
            assert expected in store.notice
    assert {first, second} <= files_in(tmp_path)


def assert_memory_fallback(store: ProgressStore, fragment: str) -> None:
    assert not store.persistent and store.path is None
    assert "kept in memory only" in store.notice and fragment in store.notice
    store.record_attempt("apple-tax", "q", "1", True, "correct")
    assert store.lesson_status("apple-tax").score.solved == 1


def test_data_dir_that_is_a_file_falls_back_to_memory(tmp_path, clock):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("I am a file")
    with ProgressStore.open(blocker / "nested", clock=clock) as store:
        assert_memory_fallback(store, "progress.sqlite3")
    assert blocker.read_text() == "I am a file"


def test_database_path_that_is_a_directory_is_not_moved(tmp_path, clock):
    database_path(tmp_path).mkdir()
    with ProgressStore.open(tmp_path, clock=clock) as store:
        assert_memory_fallback(store, "could not be opened")
    assert files_in(tmp_path) == {"progress.sqlite3"}


def test_locked_database_is_not_mistaken_for_corrupt(tmp_path, clock, monkeypatch):
    monkeypatch.setattr(db, "BUSY_TIMEOUT_SECONDS", 0.05)
    path = database_path(tmp_path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with ProgressStore.open(tmp_path, clock=clock) as store:
            assert_memory_fallback(store, "locked")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert files_in(tmp_path) <= {"progress.sqlite3", "progress.sqlite3-journal"}
    with ProgressStore.open(tmp_path, clock=clock) as store:
        assert store.notice is None and store.persistent


@pytest.mark.parametrize("name", ["progress.sqlite3", "progress.sqlite3-wal"])
def test_a_fifo_in_place_of_a_file_is_refused_not_read(tmp_path, clock, name):
    fifo = tmp_path / name
    os.mkfifo(fifo)
    # Bytes waiting in the FIFO: reading it would not hang this test, it would be "corrupt".
    holder = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)
    try:
        os.write(holder, b"garbage" * 100)
        with ProgressStore.open(tmp_path, clock=clock) as store:
            assert_memory_fallback(store, f"{name} is a FIFO, not a regular file")
    finally:
        os.close(holder)
    assert files_in(tmp_path) == {name}


def read_only_connect(target):
    """What SQLite does with a file it may not write: opens it read-only, silently."""
    if target == ":memory:":
        return db.connect(target)
    conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True, isolation_level=None)
    conn.row_factory = sqlite3.Row
    return conn


def test_a_read_only_file_is_shown_with_a_notice_at_start(tmp_path, clock, monkeypatch):
    with ProgressStore.open(tmp_path, clock=clock) as store:
        store.mark_completed("apple-tax")

    monkeypatch.setattr(recovery, "connect", read_only_connect)
    with ProgressStore.open(tmp_path, clock=clock) as store:
        assert "read-only" in store.notice and "kept in memory only" in store.notice
        assert not store.persistent
        assert store.lesson_status("apple-tax").status is Status.DONE
        store.mark_completed("chain-rule")  # saved in memory, no error
        assert store.lesson_status("chain-rule").status is Status.DONE
    monkeypatch.undo()
    with ProgressStore.open(tmp_path, clock=clock) as store:
        assert store.notice is None and set(store.statuses()) == {"apple-tax"}
