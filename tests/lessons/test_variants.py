"""Randomized variants: a draw is deterministic per seed, respects its `vary:` spec, and the
engine recomputes everything that quotes the inputs."""

from dataclasses import replace

import numpy as np
import yaml
import pytest

from backprop_tui.lessons.load import load_lesson
from backprop_tui.lessons.source import LessonFileError
from backprop_tui.lessons.variants import draw_variant, has_variants, load_variant, varied_inputs

VARIED = """\
format: 1
id: varied
title: Varied
summary: Inputs a quiz draws afresh.
inputs:
  x: {value: -2, vary: {integers: [-5, 5], not: [0]}}
  y: {value: [1.5, 2], vary: {decimals: [1, 2], places: 2}}
  W: {shape: [2, 2], init: xavier, seed: 3, vary: true}
  c: {value: 2, vary: {choice: [2, 3, 4], not: [3]}}
  k: 5
nodes:
  f: sum(W @ (x * y)) * c * k
output: f
questions:
  - id: d-c
    at: backward.f
    ask: x is {value.x}. What is ∂f/∂c?
    expect: grad.c
    answer: f / c
    hints: [The mul gate swaps.]
"""


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    path = tmp_path_factory.mktemp("variants") / "varied.yaml"
    path.write_text(VARIED, encoding="utf-8")
    return load_lesson(path)


def test_the_walk_through_keeps_the_authored_values(loaded):
    assert loaded.trace.values["x"] == -2
    assert loaded.trace.values["y"].tolist() == [1.5, 2]
    assert loaded.questions[0].ask == "x is -2. What is ∂f/∂c?"


def test_a_lesson_knows_which_inputs_vary(loaded):
    assert has_variants(loaded.lesson)
    assert varied_inputs(loaded.lesson) == ["x", "y", "W", "c"]
    assert not has_variants(draw_variant(loaded.lesson, 1))  # a variant is drawn once


def test_a_draw_is_deterministic_per_seed(loaded):
    assert draw_variant(loaded.lesson, 7).inputs == draw_variant(loaded.lesson, 7).inputs
    draws = {str(draw_variant(loaded.lesson, seed).inputs) for seed in range(20)}
    assert len(draws) == 20


def test_each_draw_respects_its_spec(loaded):
    for seed in range(200):
        inputs = draw_variant(loaded.lesson, seed).inputs
        assert inputs["x"] in set(range(-5, 6)) - {0}
        assert len(inputs["y"]) == 2
        assert all(1 <= y <= 2 and round(y, 2) == y for y in inputs["y"])
        assert inputs["c"] in (2, 4)
        assert inputs["W"]["shape"] == [2, 2] and inputs["W"]["seed"] != 3
        assert inputs["k"] == 5


def test_an_input_draws_the_same_whatever_the_other_inputs(loaded):
    fewer = replace(loaded.lesson, inputs={"x": loaded.lesson.inputs["x"]})
    assert draw_variant(fewer, 11).inputs["x"] == draw_variant(loaded.lesson, 11).inputs["x"]


def test_a_variant_is_recomputed_by_the_engine(loaded):
    variant = load_variant(loaded, 5, verify=True)
    x, c = variant.lesson.inputs["x"], variant.lesson.inputs["c"]
    assert variant.trace.values["x"] == x
    assert variant.questions[0].ask == f"x is {x:g}. What is ∂f/∂c?"
    assert np.isclose(variant.questions[0].expected, variant.trace.values["f"] / c)
    assert variant.digest == loaded.digest


@pytest.mark.parametrize("vary, message", [
    ("{integers: [3, 1]}", "the range [3, 1] is empty"),
    ("{integers: [0, 1], not: [0, 1]}", "'not' excludes every number"),
    ("{choice: [1, 2], places: 1}", "'places' goes with 'decimals'"),
    ("{integers: [0, 1], choice: [1]}", "exactly one of 'integers', 'decimals' or 'choice'"),
    ("{decimals: [0, 1e300]}", "less than or equal to 1000000000"),
])
def test_a_spec_that_cannot_draw_is_reported_at_its_place(tmp_path, vary, message):
    path = tmp_path / "bad.yaml"
    path.write_text(VARIED.replace("{integers: [-5, 5], not: [0]}", vary), encoding="utf-8")
    with pytest.raises(LessonFileError) as error:
        load_lesson(path)
    [problem] = error.value.problems
    assert problem.line == 6 and problem.column >= 24 and message in problem.message  # at vary: or inside it


def test_the_json_schema_knows_vary_and_assert():
    from .test_schema import VALIDATOR

    lesson = yaml.safe_load(VARIED)
    lesson["assert"] = ["{grad.c} > 0"]
    assert VALIDATOR.is_valid(lesson)
    lesson["inputs"]["x"]["vary"]["integer"] = [1, 2]
    assert not VALIDATOR.is_valid(lesson)


def test_not_may_leave_a_single_number(loaded):
    lesson = replace(loaded.lesson, inputs={
        "v": {"value": [1.0] * 50, "vary": {"integers": [0, 2], "not": [0, 1]}}})
    assert draw_variant(lesson, 3).inputs["v"] == [2.0] * 50
