"""Pilot tests: answers are checked in a worker thread, with "checking…" shown, bounded in time,
so a large lesson's slow check never freezes the keys."""

import threading

import pytest

from backprop_tui.lessons.load import load_lesson
from backprop_tui.lessons.walkthrough import Walkthrough
from backprop_tui.tui.widgets.quiz_panel import CHECK_TIME_LIMIT, CHECKING, TOO_LONG, QuizPanel

from .conftest import HandTurnedClock, go_to, text_of

CHAIN = 300  # nodes: a lesson as large as those whose formula answers took seconds to check


@pytest.fixture
def long_chain(tmp_path) -> Walkthrough:
    """n0 → n1 = −n0 → … → n300: one question about the gradient at the far end."""
    nodes = "\n".join(f"  n{i}: {{op: neg, inputs: [n{i - 1}]}}" for i in range(1, CHAIN + 1))
    text = f"""format: 1
id: long-chain
title: A long chain
summary: Many nodes.
inputs:
  n0: 1
nodes:
{nodes}
output: n{CHAIN}
questions:
  - id: d-n0
    at: backward.n1
    ask: What is the gradient of the output with respect to n0?
    expect: grad.n0
    answer: 1
    hints: [Every gate on the way flips the sign.]
"""
    path = tmp_path / "long-chain.yaml"
    path.write_text(text)
    return Walkthrough.from_lesson(load_lesson(path))


def held_checks(panel: QuizPanel) -> threading.Event:
    """Make the panel's checks wait for the returned event before they judge."""
    gate = threading.Event()
    judge = panel.quiz.judge

    def held(question, text):
        gate.wait(timeout=30)
        return judge(question, text)

    panel.quiz.judge = held
    return gate


async def open_question(pilot, walkthrough: Walkthrough) -> QuizPanel:
    await go_to(pilot, walkthrough.trace.step("backward.n1").index)
    panel = pilot.app.screen.query_one(QuizPanel)
    assert panel.waiting
    return panel


async def test_the_app_takes_keys_while_an_answer_is_checked(make_app, long_chain):
    app = make_app(first=long_chain)
    async with app.run_test(size=(100, 32)) as pilot:
        panel = await open_question(pilot, long_chain)
        gate = held_checks(panel)
        await pilot.press(*"n0/n0", "enter")  # a formula: the slow kind of answer
        await pilot.pause()
        assert panel.checking
        assert text_of(panel.query_one("#feedback")).strip() == CHECKING
        await pilot.press("f2")  # handled while the check is pending
        assert "Every gate on the way flips the sign." in text_of(panel.query_one("#question"))
        await pilot.press("enter")  # a second Enter does not start a second check
        assert panel.checking
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not panel.checking and not panel.waiting
        feedback = text_of(panel.query_one("#feedback"))
        assert feedback.startswith("✓")
        assert "(you typed n0/n0)" in feedback  # the emptied box's answer stays in view
    assert [a.correct for a in app.store.attempts("long-chain", "d-n0")] == [True]


async def test_a_check_that_takes_too_long_is_stopped_and_not_counted(make_app, long_chain):
    app = make_app(first=long_chain)
    async with app.run_test(size=(100, 32)) as pilot:
        panel = await open_question(pilot, long_chain)
        panel.start_check_timer = clock = HandTurnedClock()
        gate = held_checks(panel)
        await pilot.press("1", "enter")
        await pilot.pause()
        assert clock.running and clock.interval == CHECK_TIME_LIMIT
        clock.tick()  # the time limit passes
        await pilot.pause()
        assert not panel.checking and panel.waiting
        assert text_of(panel.query_one("#feedback")).replace("\n", " ").startswith(TOO_LONG[:40])
        gate.set()  # the late verdict is dropped
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert panel.waiting
        assert app.store.attempts("long-chain", "d-n0") == []


async def test_a_quick_check_stops_its_timer(make_app, long_chain):
    app = make_app(first=long_chain)
    async with app.run_test(size=(100, 32)) as pilot:
        panel = await open_question(pilot, long_chain)
        panel.start_check_timer = clock = HandTurnedClock()
        await pilot.press("2", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not clock.running
        assert text_of(panel.query_one("#feedback")).startswith("✗")
