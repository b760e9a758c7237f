"""Round trips of every ProgressStore method, status transitions, scores."""

from __future__ import annotations

import pytest

from backprop_tui.progress import Attempt, LessonStatus, Position, ProgressStore, Score, Status

LESSON = "apple-tax"


def test_fresh_store_knows_nothing(store):
    assert store.position(LESSON) is None
    assert store.lesson_status(LESSON) == LessonStatus(LESSON)
    assert store.statuses() == {}
    assert store.attempts(LESSON) == []
    assert store.persistent and store.path.name == "progress.sqlite3"


def test_position_round_trip_survives_reopen(store, tmp_path, clock):
    saved = store.save_position(LESSON, 4, "backward.apple_price", 14)
    assert saved == Position(LESSON, 4, "backward.apple_price", 14)
    assert store.position(LESSON) == saved
    store.save_position(LESSON, 5, "backward.apple", 14)
    store.close()
    with ProgressStore.open(tmp_path, clock=clock) as reopened:
        assert reopened.position(LESSON) == Position(LESSON, 5, "backward.apple", 14)


@pytest.mark.parametrize("index, total", [(-1, 3), (3, 3), (0, 0)])
def test_position_outside_the_lesson_is_rejected(store, index, total):
    with pytest.raises(ValueError):
        store.save_position(LESSON, index, "forward.x", total)
    assert store.position(LESSON) is None


@pytest.mark.parametrize("bad", ["", None, 3])
def test_ids_must_be_non_empty_strings(store, bad):
    with pytest.raises(ValueError):
        store.record_attempt(LESSON, bad, "1", True, "correct")
    with pytest.raises(ValueError):
        store.mark_completed(bad)
    with pytest.raises(ValueError):
        store.save_position(LESSON, 0, bad, 3)


def test_attempt_round_trip(store):
    returned = store.record_attempt(LESSON, "d-apple", "2", False, "missing-upstream", hints_used=1)
    assert returned == Attempt(
        LESSON, "d-apple", "2", False, "missing-upstream", 1, False,
        "2024-05-01T12:00:00.000000+00:00",
    )
    store.record_attempt(LESSON, "d-tax", "200", True, "correct")
    assert store.attempts(LESSON, "d-apple") == [returned]
    assert [a.question_id for a in store.attempts(LESSON)] == ["d-apple", "d-tax"]
    assert store.attempts("other-lesson") == []


def test_hint_counts_accumulate_and_reach_the_attempt(store):
    assert store.record_hint(LESSON, "q") == 1
    assert store.record_hint(LESSON, "q") == 2
    assert store.record_hint(LESSON, "other") == 1
    assert store.record_attempt(LESSON, "q", "1", False, "wrong-sign").hints_used == 2
    # A caller that counts hints itself: the larger count wins.
    assert store.record_attempt(LESSON, "q", "1", False, "wrong-sign", hints_used=3).hints_used == 3
    assert store.record_hint(LESSON, "q") == 4


def test_reveal_marks_later_attempts(store):
    assert store.record_attempt(LESSON, "q", "1", False, "wrong-sign").revealed is False
    store.record_reveal(LESSON, "q")
    store.record_reveal(LESSON, "q")  # idempotent
    assert store.record_attempt(LESSON, "q", "2.2", True, "correct").revealed is True


def test_status_transitions(store):
    assert store.lesson_status(LESSON).status == "not started"
    store.save_position(LESSON, 0, "forward.apple_price", 14)
    started = store.lesson_status(LESSON)
    assert started.status is Status.IN_PROGRESS and not started.completed
    assert started.started_at == "2024-05-01T12:00:00.000000+00:00"
    store.mark_completed(LESSON)
    done = store.lesson_status(LESSON)
    assert done.status == "done" and done.completed
    assert done.completed_at == "2024-05-01T12:00:01.000000+00:00"
    assert done.started_at == started.started_at
    # Revisiting a done lesson keeps it done, and keeps the first completion time.
    store.save_position(LESSON, 3, "forward.price", 14)
    store.mark_completed(LESSON)
    again = store.lesson_status(LESSON)
    assert again.status is Status.DONE
    assert again.completed_at == done.completed_at
    assert again.updated_at == "2024-05-01T12:00:03.000000+00:00"
    assert again.position == Position(LESSON, 3, "forward.price", 14)


def test_answering_or_hinting_starts_a_lesson_without_a_position(store):
    store.record_hint("a", "q")
    store.record_attempt("b", "q", "1", True, "correct")
    for lesson_id in "ab":
        status = store.lesson_status(lesson_id)
        assert status.status is Status.IN_PROGRESS
        assert status.position is None


def test_score_arithmetic(store):
    # q1: wrong, then right -> solved, not first try
    store.record_attempt(LESSON, "q1", "2", False, "wrong-sign")
    store.record_attempt(LESSON, "q1", "2.2", True, "correct")
    # q2: right at once (with a hint) -> solved, first try
    store.record_hint(LESSON, "q2")
    store.record_attempt(LESSON, "q2", "3", True, "correct")
    # q3: revealed, then typed correctly -> attempted, not solved
    store.record_attempt(LESSON, "q3", "0", False, "off-by-factor")
    store.record_reveal(LESSON, "q3")
    store.record_attempt(LESSON, "q3", "1.1", True, "correct")
    # q4: revealed without answering -> attempted, not solved
    store.record_reveal(LESSON, "q4")
    # q5: only a hint -> not attempted
    store.record_hint(LESSON, "q5")
    score = store.lesson_status(LESSON).score
    assert score == Score(attempted=4, solved=2, first_try=1, attempts=5)
    assert score.accuracy == pytest.approx(2 / 4)
    assert score.first_try_accuracy == pytest.approx(1 / 4)


def test_no_attempts_means_no_score(store):
    store.save_position(LESSON, 0, "forward.x", 3)
    score = store.lesson_status(LESSON).score
    assert score == Score()
    assert score.accuracy is None and score.first_try_accuracy is None


def test_statuses_in_one_call_matches_lesson_status(store):
    store.save_position("a", 1, "forward.y", 4)
    store.record_attempt("a", "q", "1", True, "correct")
    store.record_attempt("b", "q", "1", False, "wrong-sign")
    store.mark_completed("c")
    statuses = store.statuses(["a", "z"])
    assert set(statuses) == {"a", "b", "c", "z"}
    for lesson_id, status in statuses.items():
        assert status == store.lesson_status(lesson_id)
    assert statuses["z"].status is Status.NOT_STARTED
    assert statuses["c"].status is Status.DONE


def test_reset_forgets_one_lesson_only(store):
    for lesson_id in ("a", "b"):
        store.save_position(lesson_id, 1, "forward.y", 4)
        store.record_hint(lesson_id, "q")
        store.record_attempt(lesson_id, "q", "1", False, "wrong-sign")
        store.record_reveal(lesson_id, "q")
        store.mark_completed(lesson_id)
    store.reset("a")
    assert store.lesson_status("a") == LessonStatus("a")
    assert store.attempts("a") == []
    assert store.record_hint("a", "q") == 1  # hint count was reset too
    assert store.lesson_status("b").status is Status.DONE
    assert len(store.attempts("b")) == 1


def test_reset_all(store):
    store.record_attempt("a", "q", "1", False, "wrong-sign")
    store.mark_completed("b")
    store.reset_all()
    assert store.statuses() == {}
    assert store.summary().score.attempts == 0


def test_naive_clock_is_rejected(tmp_path):
    from datetime import datetime

    with ProgressStore.open(tmp_path, clock=datetime.now) as naive:
        with pytest.raises(ValueError, match="naive"):
            naive.mark_completed(LESSON)


def test_in_memory_store_works_and_is_not_persistent(clock):
    with ProgressStore.in_memory(clock=clock) as memory:
        memory.record_attempt(LESSON, "q", "1", True, "correct")
        assert memory.lesson_status(LESSON).score.solved == 1
        assert not memory.persistent and memory.notice is None


def test_close_is_idempotent_and_context_manager_closes(tmp_path):
    with ProgressStore.open(tmp_path) as opened:
        pass
    opened.close()
    with pytest.raises(Exception):
        opened.position(LESSON)


def test_question_help_reports_hints_and_reveals(tmp_path):
    store = ProgressStore.open(tmp_path)
    store.record_hint("l", "q1")
    store.record_hint("l", "q1")
    store.record_reveal("l", "q2")
    assert store.question_help("l") == {"q1": (2, False), "q2": (0, True)}
    assert store.question_help("other") == {}
