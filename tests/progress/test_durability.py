"""Killed writers, concurrent stores: nothing committed is lost, nothing corrupts."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap

import pytest

from backprop_tui.progress import ProgressStore, database_path

from .conftest import run_sql, subprocess_env

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

WRITER = textwrap.dedent(
    """
    import sys
    from backprop_tui.progress import ProgressStore
    from backprop_tui.progress.cards import Rating

    store = ProgressStore.open(sys.argv[1])
    assert store.notice is None, store.notice
    lesson = sys.argv[2]
    i = len(store.attempts(lesson))
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else None
    while limit is None or i < limit:
        ok = i % 3 == 0
        store.record_attempt(lesson, f"q{i % 7}", str(i), ok, "correct" if ok else "wrong-sign",
                             rating=Rating.GOOD if ok else Rating.AGAIN)
        store.save_position(lesson, i % 50, f"step.{i}", 50)
        print(i, flush=True)
        i += 1
    """
)


def start_python(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        text=True,
        env=subprocess_env(),
    )


def kill_after(process: subprocess.Popen[str], lines: int) -> list[str]:
    """Read ``lines`` lines of output, SIGKILL the process, return all output."""
    seen = [process.stdout.readline() for _ in range(lines)]
    process.send_signal(signal.SIGKILL)
    seen += process.stdout.readlines()
    assert process.wait(timeout=10) == -signal.SIGKILL
    return [line.strip() for line in seen if line.strip()]


@pytest.mark.parametrize("lines_before_kill", [1, 150, 400])
def test_writer_killed_mid_run_loses_nothing_committed(tmp_path, lines_before_kill):
    acknowledged: list[int] = []
    for _ in range(2):  # kill, restart from where it stopped, kill again
        output = kill_after(start_python(WRITER, str(tmp_path), "stress"), lines_before_kill)
        acknowledged += [int(line) for line in output]

    assert run_sql(database_path(tmp_path), "PRAGMA integrity_check") == [("ok",)]
    with ProgressStore.open(tmp_path) as store:
        assert store.notice is None
        answers = [int(a.answer) for a in store.attempts("stress")]
        # Every acknowledged write is there, in order, without gaps or doubles;
        # at most one more (committed, killed before it was printed).
        assert answers == list(range(len(answers)))
        assert set(acknowledged) <= set(answers)
        assert len(answers) - (max(acknowledged) + 1) in (0, 1)
        # Each position was saved after its attempt: it names the last or the one before.
        last_step = int(store.position("stress").step_key.removeprefix("step."))
        assert last_step in (len(answers) - 1, len(answers) - 2)
        assert store.lesson_status("stress").score.attempts == len(answers)
        # each attempt reviewed its card in the same transaction: never one without the other
        assert sum(card.reviews for card in store.cards("stress")) == len(answers)


UNCOMMITTED = textwrap.dedent(
    """
    import sqlite3, sys, threading
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    for i in range(500):
        conn.execute(
            "INSERT INTO attempts (lesson_id, question_id, answer, correct, rule, recorded_at)"
            " VALUES ('stress', 'q', 'uncommitted', 0, 'wrong-sign', 'now')"
        )
    print("inside", flush=True)
    threading.Event().wait()  # until the test kills it
    """
)


def test_writer_killed_inside_a_transaction_leaves_no_trace(tmp_path):
    with ProgressStore.open(tmp_path) as store:
        for i in range(20):
            store.record_attempt("stress", "q", str(i), False, "wrong-sign")
    assert kill_after(start_python(UNCOMMITTED, str(database_path(tmp_path))), 1) == ["inside"]

    with ProgressStore.open(tmp_path) as store:
        assert store.notice is None  # a hot WAL is not mistaken for corruption
        assert [a.answer for a in store.attempts("stress")] == [str(i) for i in range(20)]
        store.record_attempt("stress", "q", "after", True, "correct")  # lock was released
    assert run_sql(database_path(tmp_path), "PRAGMA integrity_check") == [("ok",)]


def test_two_processes_writing_at_once(tmp_path):
    with ProgressStore.open(tmp_path):
        pass  # create the file first so both writers only migrate a no-op
    writers = [start_python(WRITER, str(tmp_path), lesson, "300") for lesson in ("a", "b")]
    for writer in writers:
        writer.communicate(timeout=60)
        assert writer.returncode == 0
    with ProgressStore.open(tmp_path) as store:
        for lesson in ("a", "b"):
            assert [int(a.answer) for a in store.attempts(lesson)] == list(range(300))


def test_second_store_sees_what_the_first_committed(tmp_path):
    with ProgressStore.open(tmp_path) as first, ProgressStore.open(tmp_path) as second:
        first.save_position("apple-tax", 2, "forward.all_price", 14)
        first.record_attempt("apple-tax", "d-apple", "2.2", True, "correct")
        assert second.position("apple-tax").step_key == "forward.all_price"
        assert second.lesson_status("apple-tax").score.solved == 1
        second.mark_completed("apple-tax")
        assert first.lesson_status("apple-tax").completed
        assert first.summary() == second.summary()


def test_journal_mode_is_wal(tmp_path):
    with ProgressStore.open(tmp_path):
        assert run_sql(database_path(tmp_path), "PRAGMA journal_mode") == [("wal",)]
