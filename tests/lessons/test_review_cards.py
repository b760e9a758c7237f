"""A due card made ready to ask: its lesson on a fresh variant, the seed kept to redraw it."""

from __future__ import annotations

import pytest

from backprop_tui.lessons.catalog import discover
from backprop_tui.lessons.load import load_lesson
from backprop_tui.lessons.review import prepare_card
from backprop_tui.lessons.variants import draw_variant
from backprop_tui.progress.cards import Card

VARIED = """\
format: 1
id: varied
title: Varied
summary: Fresh numbers on every review.
inputs:
  x: {value: -2, vary: {integers: [-5, 5], not: [0]}}
  y: 3
nodes:
  f: x * y
output: f
questions:
  - id: dx
    at: backward.f
    ask: What is df/dx?
    expect: grad.x
    hints: [The mul gate swaps.]
"""


@pytest.fixture
def catalog(tmp_path):
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "varied.yaml").write_text(VARIED, encoding="utf-8")
    (folder / "fixed.yaml").write_text(
        VARIED.replace("id: varied", "id: fixed").replace("{value: -2, vary: {integers: [-5, 5], not: [0]}}", "-2"),
        encoding="utf-8",
    )
    return discover([folder])


def card(lesson_id: str, question_id: str = "dx") -> Card:
    return Card(lesson_id, question_id, due="2024-01-01T00:00:00.000000+00:00")


def test_a_card_is_asked_on_the_variant_its_seed_draws(catalog):
    due = prepare_card(card("varied"), catalog, None, seed=12345)
    assert due.seed == 12345 and due.question.id == "dx"
    drawn = draw_variant(load_lesson(catalog.find("varied").path).lesson, 12345).inputs["x"]
    assert due.walkthrough.trace.values["x"] == pytest.approx(drawn)
    assert due.walkthrough.trace.grads["x"] == pytest.approx(3)  # df/dx = y whatever x is
    assert due.walkthrough.trace.step(due.question.question.at).index == due.step_index


def test_without_a_seed_each_review_draws_a_new_one(catalog):
    seeds = {prepare_card(card("varied"), catalog, None).seed for _ in range(3)}
    assert None not in seeds and len(seeds) > 1


def test_a_lesson_without_vary_is_asked_on_its_own_numbers(catalog):
    due = prepare_card(card("fixed"), catalog, None, seed=7)
    assert due.seed is None
    assert due.walkthrough.trace.values["x"] == pytest.approx(-2)


def test_a_gone_lesson_or_question_gives_none(catalog):
    assert prepare_card(card("nowhere"), catalog, None) is None
    assert prepare_card(card("varied", "renamed"), catalog, None) is None
