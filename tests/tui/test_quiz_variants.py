"""A quiz asks a fresh variant of a lesson with `vary:`, and saves its seed with each answer."""

import pytest

from backprop_tui.lessons.load import load_lesson
from backprop_tui.lessons.variants import draw_variant
from backprop_tui.lessons.walkthrough import Walkthrough
from backprop_tui.tui.screens.lesson import LessonScreen
from backprop_tui.tui.screens.quiz import QuizScreen

from .conftest import submit, text_of, wait_until

LESSON = """\
format: 1
id: varied-quiz
title: A quiz on fresh numbers
summary: f = x · y with x drawn afresh.
inputs:
  x: {value: -2, vary: {integers: [1, 9]}}
  y: 3
nodes:
  f: x * y
output: f
questions:
  - id: d-y
    at: backward.f
    ask: With x = {value.x}, what is ∂f/∂y?
    expect: grad.y
    answer: x
    hints: [A mul gate swaps.]
"""


@pytest.fixture
def varied(tmp_path) -> Walkthrough:
    path = tmp_path / "varied-quiz.yaml"
    path.write_text(LESSON, encoding="utf-8")
    return Walkthrough.from_lesson(load_lesson(path))


async def test_a_quiz_shows_a_drawn_value_and_stores_the_seed(make_app, varied):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(QuizScreen(varied, app.store, seed=7))
        await wait_until(pilot, lambda: isinstance(app.screen, QuizScreen) and not app.screen.drawing)
        quiz = app.screen
        x = draw_variant(varied.source.lesson, 7).inputs["x"]
        assert quiz.seed == 7 and 1 <= x <= 9  # never the authored -2
        assert f"With x = {x:g}, what is ∂f/∂y?" in text_of(quiz.query_one("#question"))
        assert f"x = {x:g}, y = 3" in text_of(quiz.query_one("#quiz-context"))
        assert "variant 7" in text_of(quiz.query_one("#quiz-progress"))
        await submit(pilot, f"{x:g}")
        [attempt] = app.store.attempts("varied-quiz", "d-y")
        assert attempt.correct and attempt.variant_seed == 7


async def test_each_quiz_draws_its_own_seed_and_the_lesson_keeps_its_numbers(make_app, varied):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(QuizScreen(varied, app.store))
        await wait_until(pilot, lambda: isinstance(app.screen, QuizScreen) and not app.screen.drawing)
        assert app.screen.seed is not None
        assert app.screen.walkthrough.trace.values["x"] >= 1
        app.pop_screen()
        app.open_walkthrough(varied)
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.walkthrough.trace.values["x"] == -2
