"""The SQL statistics agree with a plain-Python reading of the definitions."""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from backprop_tui.progress import ProgressStore, Score

LESSONS = ("a", "b")
QUESTIONS = ("q1", "q2", "q3")

events = st.lists(
    st.tuples(
        st.sampled_from(["answer", "hint", "reveal"]),
        st.sampled_from(LESSONS),
        st.sampled_from(QUESTIONS),
        st.booleans(),
    ),
    max_size=30,
)


@dataclass
class Question:
    answers: list[bool] = field(default_factory=list)  # correct and not yet revealed
    revealed: bool = False


def reference(history):
    questions: dict[tuple[str, str], Question] = {}
    for kind, lesson, question, correct in history:
        q = questions.setdefault((lesson, question), Question())
        if kind == "answer":
            q.answers.append(correct and not q.revealed)
        elif kind == "reveal":
            q.revealed = True
    attempted = {key: q for key, q in questions.items() if q.answers or q.revealed}
    solved = {key for key, q in attempted.items() if any(q.answers)}
    first = {key for key, q in attempted.items() if q.answers and q.answers[0]}
    review = {key for key in attempted if key not in first or attempted[key].revealed}
    attempts = sum(len(q.answers) for q in questions.values())
    return len(attempted), len(solved), len(first), attempts, review


@settings(max_examples=60, deadline=None)
@given(events)
def test_summary_matches_reference(history):
    with ProgressStore.in_memory() as store:
        for kind, lesson, question, correct in history:
            if kind == "answer":
                store.record_attempt(lesson, question, "x", correct, "correct" if correct else "r")
            elif kind == "hint":
                store.record_hint(lesson, question)
            else:
                store.record_reveal(lesson, question)
        summary = store.summary()
        attempted, solved, first, attempts, review = reference(history)
        assert summary.score == Score(attempted, solved, first, attempts)
        assert {(r.lesson_id, r.question_id) for r in summary.review} == review
        wrong = sum(1 for kind, *_, ok in history if kind == "answer" and not ok)
        assert sum(summary.mistakes.values()) == wrong
