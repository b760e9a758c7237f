"""Pilot tests: stepping a lesson, what the inspector shows, questions, keys and resume."""

import pytest
from textual import events
from textual.widgets import Input

from backprop_tui.engine import format as fmt
from backprop_tui.tui.screens.lesson import PLAY_INTERVAL, LessonScreen
from backprop_tui.tui.screens.resume import ResumePrompt
from backprop_tui.tui.widgets.inspector import Inspector
from backprop_tui.tui.widgets.quiz_panel import QuizPanel

from .conftest import LESSONS, HandTurnedClock, go_to, submit, text_of, type_quickly, wait_until

SIZE = (100, 32)


async def test_step_to_the_end_and_back(make_app, apple_tax):
    app = make_app(first=apple_tax, review=True)
    trace = apple_tax.trace
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, LessonScreen) and screen.index == 0
        type_quickly(app, ["n"] * (len(trace.steps) + 3))
        await pilot.pause()
        assert screen.index == len(trace.steps) - 1
        type_quickly(app, ["left"] * len(trace.steps))
        await pilot.pause()
        assert screen.index == 0
        await pilot.press("b")
        assert trace.steps[screen.index].key == "backward.price"
        await pilot.press("end")
        assert screen.index == len(trace.steps) - 1
        await pilot.press("home")
        assert screen.index == 0


async def test_inspector_shows_upstream_local_downstream(make_app, apple_tax):
    app = make_app(first=apple_tax, review=True)
    trace = apple_tax.trace
    step = trace.step("backward.apple_price")
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, step.index)
        text = text_of(app.screen.query_one(Inspector))
        assert f"upstream ∂price/∂apple_price = {fmt.value(step.upstream)}" in text
        assert "mul swaps" in text
        by_input = {g.input: g for g in step.gradients}
        assert fmt.value(by_input["apple"].downstream) == "2.2"
        assert "apple_num = 2" in text and "2.2" in text
        assert "apple = 100" in text and "110" in text


async def test_forward_step_shows_value(make_app, apple_tax):
    app = make_app(first=apple_tax, review=True)
    step = apple_tax.trace.step("forward.all_price")
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, step.index)
        text = text_of(app.screen.query_one(Inspector))
        assert "value = 650" in text and "apple_price = 200" in text


async def test_question_hides_numbers_until_answered(make_app, apple_tax, data_dir):
    app = make_app(first=apple_tax)
    step = apple_tax.trace.step("backward.apple_price")
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, step.index)
        panel = app.screen.query_one(QuizPanel)
        assert panel.waiting and panel.display
        assert "2.2" not in text_of(app.screen.query_one(Inspector)).split("downstream")[-1]
        await submit(pilot, "110")  # the forward value times the tax: wrong
        feedback = text_of(panel.query_one("#feedback"))
        assert feedback.startswith("✗")
        await pilot.press("f2")
        assert "Upstream gradient × local gradient." in text_of(panel.query_one("#question"))
        panel.query_one("#answer").value = ""
        await submit(pilot, "tax*apple_num")
        assert not panel.waiting
        assert "✓" in text_of(panel.query_one("#feedback"))
        assert "2.2" in text_of(app.screen.query_one(Inspector))
    attempts = app.store.attempts("apple-tax", "d-apple")
    assert [a.correct for a in attempts] == [False, True]
    assert attempts[1].hints_used == 1


async def test_reveal_records_and_shows_answer(make_app, apple_tax):
    app = make_app(first=apple_tax)
    step = apple_tax.trace.step("backward.price")
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, step.index)
        await pilot.press("f3")
        await pilot.pause()
        panel = app.screen.query_one(QuizPanel)
        assert "answer: tax = 1.1" in text_of(panel.query_one("#feedback"))
    assert app.store.question_help("apple-tax") == {"d-all-price": (0, True)}


async def test_format_error_does_not_count(make_app, apple_tax):
    app = make_app(first=apple_tax)
    step = apple_tax.trace.step("backward.price")
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, step.index)
        await submit(pilot, "tax +")
        assert app.screen.query_one(QuizPanel).waiting
    assert app.store.attempts("apple-tax", "d-all-price") == []


async def test_progress_resumes_in_a_new_app(make_app, apple_tax):
    app = make_app(first=apple_tax, review=True)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(4):
            await pilot.press("n")
    saved = app.store.position("apple-tax")
    assert saved.step_index == 4
    app.store.close()

    second = make_app()
    async with second.run_test(size=SIZE) as pilot:
        info = second.catalog.find("apple-tax")
        second.open_lesson(info)
        assert (await continue_where_left_off(pilot)).index == 4


@pytest.mark.parametrize("opened_as", ["file", "walkthrough"])
async def test_a_lesson_named_on_the_command_line_offers_to_continue(make_app, apple_tax, opened_as):
    """`backprop-tui apple-tax` gives the app the file, or, when its content passed before,
    the walkthrough made from it: either way it offers to continue."""
    first = make_app(first=apple_tax, review=True)
    async with first.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await pilot.press("n")
    first.store.close()

    second = make_app(first=LESSONS / "apple-tax.yaml" if opened_as == "file" else apple_tax)
    async with second.run_test(size=SIZE) as pilot:
        assert (await continue_where_left_off(pilot)).index == 3


async def continue_where_left_off(pilot) -> LessonScreen:
    """Click Continue once the resume prompt shows; the lesson screen it opens."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, ResumePrompt))
    await pilot.pause()  # its buttons are mounted
    await pilot.click("#continue")
    await pilot.pause()
    assert isinstance(app.screen, LessonScreen)
    return app.screen


async def test_select_node_with_keys_and_escape_returns(make_app, apple_tax):
    app = make_app(first=apple_tax, review=True)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.go(apple_tax.trace.step("backward.price").index)
        await pilot.pause()
        await pilot.press("tab")
        assert app.screen.selected is not None
        text = text_of(app.screen.query_one(Inspector))
        assert app.screen.selected in text and "Esc returns" in text
        await pilot.press("escape")
        assert app.screen.selected is None
        assert isinstance(app.screen, LessonScreen)


async def test_every_help_key_is_a_binding(make_app, apple_tax):
    app = make_app(first=apple_tax, review=True)
    async with app.run_test(size=SIZE) as pilot:
        lesson = app.screen
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        bindings = [*lesson.BINDINGS, *QuizPanel.BINDINGS, *app.BINDINGS]
        bound = {key for b in bindings for key in b.key.split(",")}
        assert {"f2", "f3", "n", "b", "g"} <= bound
        for key, _ in help_screen.rows:
            for name in key.split(" / "):
                assert {"?": "question_mark", "esc": "escape"}.get(name, name) in bound
        await pilot.press("escape")
        assert app.screen is lesson


async def test_play_steps_by_itself_until_paused(make_app, apple_tax):
    app = make_app(first=apple_tax, review=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        screen.start_ticker = clock = HandTurnedClock()
        await pilot.press("space")
        assert clock.running and clock.interval == PLAY_INTERVAL
        clock.tick()
        clock.tick()
        assert screen.index == 2
        await pilot.press("space")
        assert not clock.running
        await pilot.press("space")  # plays again after a pause
        assert clock.running


async def test_play_stops_at_the_last_step(make_app, apple_tax):
    app = make_app(first=apple_tax, review=True)
    last = len(apple_tax.trace.steps) - 1
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        screen.start_ticker = clock = HandTurnedClock()
        screen.go(last - 1)
        await pilot.press("space")
        clock.tick()
        assert screen.index == last and clock.running
        clock.tick()
        assert screen.index == last and not clock.running


async def test_resize_is_safe(make_app, apple_tax):
    app = make_app(first=apple_tax, review=True)
    async with app.run_test(size=(200, 60)) as pilot:
        for size in [(80, 24), (40, 12), (200, 60), (80, 24)]:
            await pilot.resize_terminal(*size)
            await pilot.press("n")
        assert isinstance(app.screen, LessonScreen)


async def test_g_opens_the_gradient_check_lab_on_the_selected_input_only(make_app, apple_tax):
    from backprop_tui.tui.screens.gradcheck import GradCheckScreen

    app = make_app(first=apple_tax, review=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")  # at forward.apple, an input
        await pilot.pause()
        assert isinstance(app.screen, GradCheckScreen)
        assert app.screen.state.series.input == "apple"
        assert app.screen.state.series.analytic == pytest.approx(2.2)
        await pilot.press("escape")
        app.screen.go(apple_tax.trace.step("forward.apple_price").index)
        await pilot.press("g")
        assert not isinstance(app.screen, GradCheckScreen)  # not an input: a hint instead


async def test_the_second_question_takes_the_keys_typed_for_it(make_app, apple_tax):
    app = make_app(first=apple_tax)
    step = apple_tax.trace.step("backward.price")
    assert len(apple_tax.questions_at(step.key)) == 2
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, step.index)
        panel = app.screen.query_one(QuizPanel)
        await pilot.press("f3")  # reveal the first
        await pilot.pause()
        assert panel.waiting and panel.question.id == "d-tax"
        assert panel.query_one(Input).has_focus
        assert "previous question" in text_of(panel.query_one("#feedback"))
        await pilot.press(*"all_price")  # p (previous step) and r (review mode) are letters of the answer
        assert app.screen.index == step.index and not app.screen.review
        assert panel.query_one(Input).value == "all_price"
        await submit(pilot)
        assert not panel.waiting
        await pilot.press("n")  # a step key again, not an answer
        assert app.screen.index == step.index + 1


async def test_no_letter_of_an_answer_fires_a_shortcut(make_app, apple_tax):
    app = make_app(first=apple_tax)
    step = apple_tax.trace.step("backward.price")
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, step.index)
        typed = "2*lambda*W δ xᵀ sqdgr"
        await pilot.press(*typed)
        assert app.screen.index == step.index and app.screen.symbolic and not app.screen.review
        assert app.screen.query_one(Input).value == typed
        assert isinstance(app.screen, LessonScreen)


async def test_a_key_that_misses_the_box_still_lands_in_it(make_app, apple_tax):
    app = make_app(first=apple_tax)
    step = apple_tax.trace.step("backward.price")
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, step.index)
        app.screen.query_one("#inspector-box").focus()  # e.g. a click on a panel
        await pilot.press("p", "r")
        assert app.screen.index == step.index and not app.screen.review
        assert app.screen.query_one(Input).value == "pr"


async def test_esc_leaves_the_box_and_a_returns_to_it(make_app, apple_tax):
    app = make_app(first=apple_tax)
    step = apple_tax.trace.step("backward.price")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        screen.go(step.index)
        await pilot.pause()
        assert screen.check_action("answer", ()) is False  # in the box: nothing to come back to
        await pilot.press("escape")
        assert screen.check_action("answer", ()) is True  # the footer offers `a`
        assert "answer" in {b.binding.action for b in screen.active_bindings.values()}
        await pilot.press("s")  # a shortcut again
        assert not screen.symbolic
        await pilot.press("a", *"tax")
        assert screen.query_one(Input).value == "tax"
        assert screen.index == step.index


async def test_step_keys_pressed_before_a_question_appears_are_not_typed(make_app, apple_tax):
    app = make_app(first=apple_tax)
    step = apple_tax.trace.step("backward.price")
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, step.index - 1)
        for _ in range(3):  # a burst: all three are pressed before the first one is handled
            app.post_message(events.Key("n", "n"))
        await pilot.pause()
        assert app.screen.index == step.index
        answer = app.screen.query_one(Input)
        assert answer.has_focus and answer.value == ""
        await pilot.press("n")  # pressed after the question appeared: typed
        assert answer.value == "n"


async def test_a_failed_save_is_reported_and_the_lesson_goes_on(make_app, apple_tax, monkeypatch):
    import sqlite3

    app = make_app(first=apple_tax, review=True)

    def full_disk(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(app.store._store, "save_position", full_disk)
        await pilot.press("n", "n")
        await pilot.pause()
        assert app.screen.index == 2
        assert any("could not be saved" in n.message for n in app._notifications)


async def test_the_last_step_alone_does_not_finish_a_lesson_with_questions(make_app, apple_tax):
    app = make_app(first=apple_tax)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end")
        await pilot.pause()
        assert app.screen.index == len(apple_tax.trace.steps) - 1
    assert not app.store.lesson_status("apple-tax").completed


async def test_a_lesson_is_done_once_its_questions_are_settled(make_app, apple_tax):
    app = make_app(first=apple_tax)
    asked = [apple_tax.trace.step(q.question.at).index for q in apple_tax.questions]
    async with app.run_test(size=SIZE) as pilot:
        for index in sorted(set(asked)):
            app.screen.go(index)
            await pilot.pause()
            while app.screen.quiz_panel.waiting:
                assert not app.store.lesson_status("apple-tax").completed
                await pilot.press("f3")
                await pilot.pause()
        assert app.store.lesson_status("apple-tax").completed


async def test_a_lesson_without_questions_is_done_at_its_last_step(make_app, apple_tax):
    from dataclasses import replace

    plain = replace(apple_tax, questions=())
    app = make_app(first=plain)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert not app.store.lesson_status("apple-tax").completed
        await pilot.press("end")
        await pilot.pause()
    assert app.store.lesson_status("apple-tax").completed
