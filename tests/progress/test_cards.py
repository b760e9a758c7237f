"""Review cards: ratings, FSRS scheduling through the store, due cards, mastery."""

from __future__ import annotations

from datetime import timedelta

import fsrs
import pytest

from backprop_tui.progress import ProgressStore
from backprop_tui.progress.cards import Card, Mastery, Rating, mastery, rating_for

from .conftest import START


def test_ratings_are_fsrs_ratings():
    assert {r.name.lower(): r.value for r in Rating} == {r.name.lower(): r.value for r in fsrs.Rating}


@pytest.mark.parametrize(
    ("correct", "hints", "revealed", "rule", "rating"),
    [
        (True, 0, False, "correct", Rating.GOOD),
        (True, 2, False, "correct", Rating.HARD),
        (False, 0, False, "not_exact", Rating.HARD),
        (False, 0, False, "sign", Rating.AGAIN),
        (False, 1, False, "missing_factor", Rating.AGAIN),
        (False, 0, True, None, Rating.AGAIN),
    ],
)
def test_rating_of_an_encounter(correct, hints, revealed, rule, rating):
    assert rating_for(correct=correct, hints_used=hints, revealed=revealed, rule=rule) is rating


def answer(store: ProgressStore, question: str, rating: Rating) -> Card:
    correct = rating >= Rating.GOOD
    store.record_attempt("apple-tax", question, "x", correct, "correct" if correct else "sign", rating=rating)
    return next(c for c in store.cards("apple-tax") if c.question_id == question)


def iso(moment) -> str:
    return moment.isoformat(timespec="microseconds")


def test_right_moves_a_card_later_than_wrong(store, clock):
    right, wrong = answer(store, "right", Rating.GOOD), answer(store, "wrong", Rating.AGAIN)
    assert right.due > wrong.due > iso(START)
    assert (right.reviews, right.last_rating, wrong.last_rating) == (1, Rating.GOOD, Rating.AGAIN)

    # two cards with the same history, due again: one answered right, one wrong
    answer(store, "twin", Rating.GOOD)
    clock.now = START + timedelta(days=3)
    assert {c.question_id for c in store.due_cards()} == {"right", "wrong", "twin"}
    again_right, lapsed = answer(store, "right", Rating.GOOD), answer(store, "twin", Rating.AGAIN)
    assert again_right.due > lapsed.due > iso(clock.now)
    assert again_right.due > iso(START + timedelta(days=10))  # the interval grew with the stability
    assert lapsed.stability < right.stability < again_right.stability


def test_due_cards_follow_the_clock_and_the_catalog(store, clock):
    answer(store, "d-apple", Rating.AGAIN)  # FSRS: again the next day
    store.record_attempt("sigmoid", "d-z", "0.2", True, "correct", rating=Rating.GOOD)  # in 2 days
    assert store.due_cards() == []
    clock.now = START + timedelta(days=1, hours=1)
    assert [c.question_id for c in store.due_cards()] == ["d-apple"]
    clock.now = START + timedelta(days=5)
    assert [c.question_id for c in store.due_cards()] == ["d-apple", "d-z"]
    assert [c.lesson_id for c in store.due_cards(["sigmoid", "elsewhere"])] == ["sigmoid"]


def test_attempts_without_a_rating_leave_cards_alone(store):
    store.record_attempt("apple-tax", "d-apple", "2.2", True, "correct")
    store.record_reveal("apple-tax", "d-tax")
    assert store.cards() == []
    store.record_reveal("apple-tax", "d-tax", rating=Rating.AGAIN)
    assert [(c.question_id, c.last_rating) for c in store.cards()] == [("d-tax", Rating.AGAIN)]


def test_variant_seed_is_stored_with_the_attempt(store):
    store.record_attempt("apple-tax", "d-apple", "2.2", True, "correct", variant_seed=12345)
    store.record_attempt("apple-tax", "d-apple", "2.2", True, "correct")
    assert [a.variant_seed for a in store.attempts("apple-tax")] == [12345, None]


def test_reset_forgets_the_lessons_cards(store):
    answer(store, "d-apple", Rating.GOOD)
    store.record_attempt("other", "q", "1", True, "correct", rating=Rating.GOOD)
    store.reset("apple-tax")
    assert [c.lesson_id for c in store.cards()] == ["other"]


NOW = "2024-05-10T00:00:00.000000+00:00"
LATER = "2024-06-01T00:00:00.000000+00:00"
EARLIER = "2024-05-01T00:00:00.000000+00:00"


def test_mastery_by_hand():
    cards = [
        Card("L1", "a", due=LATER, last_rating=Rating.GOOD),   # held
        Card("L1", "b", due=LATER, last_rating=Rating.AGAIN),  # rated Again: not held
        Card("L2", "c", due=EARLIER, last_rating=Rating.EASY),  # due again: fading
        Card("L2", "d", due=EARLIER),                           # never reviewed
        Card("L2", "e", due=LATER, last_rating=Rating.EASY),   # held
        Card("L3", "f", due=LATER, last_rating=Rating.GOOD),   # a lesson without groups
    ]
    groups = {"L1": ["chain-rule", "gates"], "L2": ["gates"], "L3": []}
    # chain-rule: a of {a, b}; gates: a, e of {a, b, c, d, e}
    assert mastery(cards, groups, NOW) == {"chain-rule": Mastery(1, 2), "gates": Mastery(2, 5)}
    assert mastery(cards, groups, NOW)["gates"].ratio == pytest.approx(0.4)
    assert mastery([], groups, NOW) == {}


def test_store_mastery_from_real_reviews(store, clock):
    answer(store, "right", Rating.GOOD)
    answer(store, "wrong", Rating.AGAIN)
    store.record_attempt("sigmoid", "d-z", "1", True, "correct", rating=Rating.HARD)
    groups = {"apple-tax": ["chain-rule"], "sigmoid": ["chain-rule", "sigmoid"]}
    assert store.mastery(groups) == {"chain-rule": Mastery(1, 3), "sigmoid": Mastery(0, 1)}
    clock.now = START + timedelta(days=400)  # everything due: nothing held
    assert store.mastery(groups) == {"chain-rule": Mastery(0, 3), "sigmoid": Mastery(0, 1)}
