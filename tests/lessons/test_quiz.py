"""The quiz: scores count first tries; the notation the lessons print is accepted in answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from backprop_tui.lessons.load import load_lesson
from backprop_tui.lessons.quiz import Quiz
from backprop_tui.lessons.walkthrough import Walkthrough

LESSONS = Path(__file__).resolve().parents[2] / "lessons"


def _quiz(path: Path) -> Quiz:
    return Quiz(Walkthrough.from_lesson(load_lesson(path)))


def _question(quiz: Quiz, question_id: str):
    return next(q for q in quiz.walkthrough.questions if q.id == question_id)


def test_the_score_counts_first_tries_and_lists_the_rest_to_review():
    quiz = _quiz(LESSONS / "matrix-gradients.yaml")
    first, second, *rest = [q for q in quiz.walkthrough.questions if q.question.choices is None]
    assert not quiz.answer(first, "h").correct
    assert quiz.answer(first, "u").correct
    assert quiz.answer(second, "u * h * (1 - h)").correct
    right, total = quiz.score()
    assert (right, total) == (1, len(quiz.walkthrough.questions))
    review = quiz.to_review()
    assert first in review and second not in review


def test_a_format_error_first_does_not_spoil_a_first_try():
    quiz = _quiz(LESSONS / "matrix-gradients.yaml")
    question = _question(quiz, "grad-h")
    assert not quiz.answer(question, "u +").counts_as_attempt
    assert quiz.answer(question, "u").correct
    assert question not in quiz.to_review()


@pytest.mark.parametrize(("question_id", "typed"), [
    ("grad-b", "δ"), ("grad-b", "delta"), ("grad-b", "dL/dz"), ("grad-b", "∂s/∂z"),
    ("grad-b", "u*σ′(z)"), ("grad-b", "u σ'(z)"), ("grad-w", "δ xᵀ"), ("grad-w", "outer(δ, x)"),
    ("grad-x", "W^T δ"), ("grad-x", "Wᵀδ"), ("grad-x", "W^T (u*h*(1-h))"),
])
def test_the_notation_of_a_matrix_lesson_is_accepted(question_id, typed):
    quiz = _quiz(LESSONS / "matrix-gradients.yaml")
    verdict = quiz.judge(_question(quiz, question_id), typed)
    assert verdict.correct, verdict.feedback


def test_a_question_may_declare_aliases(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text(
        "format: 1\nid: aliases\ntitle: Aliases\nsummary: Names a learner may use.\n"
        "inputs: {x: [1.0, 2.0], w: [0.5, -1.0]}\n"
        "nodes:\n  delta_z: x * w\n  out: sum(delta_z)\noutput: out\n"
        "questions:\n  - id: dx\n    at: backward.delta_z\n    ask: What is dout/dx?\n"
        "    expect: grad.x\n    aliases: {δ: w, yhat: delta_z}\n    hints: [It is w.]\n",
        encoding="utf-8",
    )
    quiz = _quiz(path)
    question = quiz.walkthrough.questions[0]
    for typed in ("δ", "delta", "w", "ŷ/x", "y_hat / x"):
        assert quiz.judge(question, typed).correct, typed
    assert quiz.judge(question, "x").rule != "correct"


def test_the_first_answer_or_reveal_in_a_quiz_reviews_the_card(tmp_path):
    from backprop_tui.progress import ProgressStore
    from backprop_tui.progress.cards import Rating

    path = tmp_path / "cards.yaml"
    path.write_text(
        "format: 1\nid: cards\ntitle: Cards\nsummary: One rating per question per quiz.\n"
        "inputs: {x: 3, y: -2}\nnodes:\n  f: x * y\noutput: f\nquestions:\n"
        + "".join(f"  - id: {q}\n    at: backward.f\n    ask: What is df/dx?\n    expect: grad.x\n"
                  "    hints: [The mul gate swaps.]\n" for q in ("right", "hinted", "wrong", "shown")),
        encoding="utf-8",
    )
    store = ProgressStore.in_memory()
    quiz = Quiz(Walkthrough.from_lesson(load_lesson(path)), store, variant_seed=7)
    right, hinted, wrong, shown = quiz.walkthrough.questions
    assert quiz.answer(right, "y").correct
    quiz.hint(hinted)
    assert quiz.answer(hinted, "-2").correct
    assert quiz.answer(wrong, "2").rule == "sign"
    assert quiz.answer(wrong, "-2").correct  # a second try: no second review
    quiz.reveal(shown)
    cards = {c.question_id: (c.last_rating, c.reviews) for c in store.cards("cards")}
    assert cards == {"right": (Rating.GOOD, 1), "hinted": (Rating.HARD, 1),
                     "wrong": (Rating.AGAIN, 1), "shown": (Rating.AGAIN, 1)}
    assert {a.variant_seed for a in store.attempts("cards")} == {7}
