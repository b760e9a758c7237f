"""Summary: lesson lists, accuracy, mistake frequencies, review list, JSON."""

from __future__ import annotations

import json

import pytest

from backprop_tui.progress import ReviewItem, Score, Summary


def test_empty_summary(store):
    summary = store.summary()
    assert summary == Summary()
    assert json.loads(summary.to_json()) == {
        "format": 1,
        "lessons": {"done": [], "in_progress": []},
        "score": {
            "attempted": 0,
            "solved": 0,
            "first_try": 0,
            "attempts": 0,
            "accuracy": None,
            "first_try_accuracy": None,
        },
        "mistakes": [],
        "review": [],
        "due": 0,
        "mastery": {},
    }


@pytest.fixture
def busy(store):
    """Two lessons done (b before a), two in progress (d touched last)."""
    store.save_position("c", 0, "forward.x", 3)
    store.mark_completed("b")
    store.mark_completed("a")
    store.save_position("d", 0, "forward.x", 3)
    # a/q1: wrong-sign twice, then right.
    store.record_attempt("a", "q1", "-2", False, "wrong-sign")
    store.record_attempt("a", "q1", "-2.2", False, "wrong-sign")
    store.record_attempt("a", "q1", "2.2", True, "correct")
    # a/q2: right at once.
    store.record_attempt("a", "q2", "1", True, "correct")
    # c/q1: never right.
    store.record_attempt("c", "q1", "x", False, "syntax-error")
    store.record_attempt("c", "q1", "150", False, "forward-value")
    # c/q0: right, then revealed anyway.
    store.record_attempt("c", "q0", "3", True, "correct")
    store.record_reveal("c", "q0")
    # b/q1: revealed before any answer.
    store.record_reveal("b", "q1")
    # An odd checker result: wrong but labelled "correct" is not a mistake rule.
    store.record_attempt("b", "q2", "7", False, "correct")
    return store


def test_lesson_lists(busy):
    summary = busy.summary()
    assert summary.done == ("b", "a")
    assert summary.in_progress == ("c", "d")  # c was touched last, by a reveal


def test_counts_and_accuracy(busy):
    score = busy.summary().score
    # solved: a/q1, a/q2, c/q0; first try: a/q2, c/q0
    assert score == Score(attempted=6, solved=3, first_try=2, attempts=8)
    assert score.accuracy == pytest.approx(3 / 6)
    assert score.first_try_accuracy == pytest.approx(2 / 6)


def test_mistakes_by_frequency_without_correct(busy):
    mistakes = busy.summary().mistakes
    assert mistakes == {"wrong-sign": 2, "forward-value": 1, "syntax-error": 1}
    assert list(mistakes) == ["wrong-sign", "forward-value", "syntax-error"]


def test_review_list(busy):
    assert busy.summary().review == (
        ReviewItem("a", "q1", "right after a retry", 3, "2.2", "correct"),
        ReviewItem("b", "q1", "revealed", 0, None, None),
        ReviewItem("b", "q2", "never correct", 1, "7", "correct"),
        ReviewItem("c", "q0", "revealed", 1, "3", "correct"),
        ReviewItem("c", "q1", "never correct", 2, "150", "forward-value"),
    )


def test_json_shape(busy):
    data = json.loads(busy.summary().to_json())
    assert data["format"] == 1
    assert data["lessons"] == {"done": ["b", "a"], "in_progress": ["c", "d"]}
    assert data["score"] == {
        "attempted": 6,
        "solved": 3,
        "first_try": 2,
        "attempts": 8,
        "accuracy": pytest.approx(0.5),
        "first_try_accuracy": pytest.approx(1 / 3),
    }
    assert data["mistakes"][0] == {"rule": "wrong-sign", "count": 2}
    assert data["review"][4] == {
        "lesson_id": "c",
        "question_id": "q1",
        "reason": "never correct",
        "attempts": 2,
        "last_answer": "150",
        "last_rule": "forward-value",
    }
    assert json.loads(busy.summary().to_json(indent=None)) == data


def test_summary_agrees_with_lesson_statuses(busy):
    scores = [status.score for status in busy.statuses().values()]
    assert busy.summary().score == Score(
        *(sum(getattr(s, name) for s in scores) for name in ("attempted", "solved", "first_try", "attempts"))
    )


def test_non_ascii_answers_survive_json(store):
    store.record_attempt("s", "q", "σ(z)(1-σ(z))", False, "wrong-sign")
    assert "σ(z)(1-σ(z))" in store.summary().to_json()
