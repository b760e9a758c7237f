"""Spaced review in the app, with a fake clock: due cards come back, each with its graph;
a card answered right moves later, one answered wrong sooner."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from backprop_tui.lessons.catalog import discover
from backprop_tui.progress import ProgressStore
from backprop_tui.progress.cards import Rating
from backprop_tui.tui.app import BackpropApp
from backprop_tui.tui.screens.picker import REVIEW_OPTION, LessonPicker
from backprop_tui.tui.screens.review import ReviewScreen
from backprop_tui.tui.widgets.graph_view import GraphView

from .conftest import submit, text_of, wait_until

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


class SetClock:
    """A clock that stands still until the test moves it."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def review_app(data_dir, clock: SetClock) -> BackpropApp:
    """The app on a store whose apple-tax questions were met at START: d-apple missed
    (due the next day), d-tax right (due in two days)."""
    store = ProgressStore.open(data_dir, clock=clock)
    store.record_attempt("apple-tax", "d-apple", "2", False, "missing_factor", rating=Rating.AGAIN)
    store.record_attempt("apple-tax", "d-tax", "650", True, "correct", rating=Rating.GOOD)
    return BackpropApp(discover(data_dir=data_dir), store, data_dir=data_dir)


def due_of(app, question_id: str) -> str:
    return next(c.due for c in app.store.cards("apple-tax") if c.question_id == question_id)


def key_of(review: ReviewScreen) -> str:
    """The right answer to the card shown, as the learner would type its number."""
    return repr(float(review.current.question.expected))


async def card_shown(pilot, position: int) -> None:
    screen = pilot.app.screen
    await wait_until(pilot, lambda: screen.current is not None and screen.position == position,
                     lambda app: text_of(app.screen.query_one("#review-progress")))
    await pilot.pause()


async def test_nothing_is_due_until_the_clock_says_so(data_dir):
    clock = SetClock()
    app = review_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        option_list = app.screen.query_one("OptionList")
        assert "Review: none due" in str(option_list.get_option(REVIEW_OPTION).prompt)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, LessonPicker)  # a message, no empty session


async def test_a_review_session_moves_right_cards_later_and_wrong_ones_sooner(data_dir):
    clock = SetClock()
    app = review_app(data_dir, clock)
    clock.now = START + timedelta(days=3)
    before = {q: due_of(app, q) for q in ("d-apple", "d-tax")}
    async with app.run_test(size=(80, 24)) as pilot:
        picker = app.screen
        assert "Review: 2 due" in str(picker.query_one("OptionList").get_option(REVIEW_OPTION).prompt)
        await pilot.press("r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert [c.question_id for c in review.deck] == ["d-apple", "d-tax"]  # most overdue first

        await card_shown(pilot, 0)
        graph = review.query_one(GraphView)
        asked = review.current.question
        assert asked.id == "d-apple"
        assert review.current.walkthrough.explanations.ready  # made in the worker, not on settling
        step = review.current.walkthrough.trace.step(asked.question.at)
        assert graph.labels.current == step.node  # the graph at the question's step
        assert asked.expectation.node not in graph.labels.grads  # ... without the asked gradient
        await submit(pilot, key_of(review))  # the variant's numbers: apple-tax varies
        assert asked.expectation.node in graph.labels.grads  # settled: the numbers show
        await pilot.press("n")

        await card_shown(pilot, 1)
        assert review.current.question.id == "d-tax"
        await submit(pilot, f"-({key_of(review)})")  # wrong: the sign
        review.query_one("#answer").value = ""  # a wrong answer stays in the box to be edited
        await submit(pilot, key_of(review))
        await pilot.press("n")
        await pilot.pause()
        assert "2 of 2 due cards done, 1 right at the first answer" in text_of(review.query_one("#review-result"))

    after = {q: due_of(app, q) for q in ("d-apple", "d-tax")}
    now = clock.now.isoformat(timespec="microseconds")
    assert after["d-apple"] > now and after["d-tax"] > now
    assert after["d-apple"] > after["d-tax"]  # answered right: later than the one answered wrong
    assert after["d-apple"] > before["d-apple"]
    cards = {c.question_id: c for c in app.store.cards("apple-tax")}
    assert (cards["d-apple"].last_rating, cards["d-tax"].last_rating) == (Rating.GOOD, Rating.AGAIN)

    clock.now += timedelta(days=1, hours=1)  # the missed card is back the next day, the known one later
    assert [c.question_id for c in app.store.due_cards()] == ["d-tax"]


async def test_the_picker_shows_mastery_per_section(data_dir):
    clock = SetClock()
    app = review_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        picker = app.screen
        info = app.catalog.find("apple-tax")
        headers = [str(o.prompt) for o in picker.query_one("OptionList").options if o.disabled]
        section = next(h for h in headers if "mastery" in h)
        assert section.endswith("mastery 1/2")  # d-tax held, d-apple missed
        picker.query_one("OptionList").highlighted = 0
        await pilot.pause()
        details = text_of(picker.query_one("#details"))
        for tag in info.tags:
            assert f"{tag}: 1/2" in details


async def test_a_review_asks_a_fresh_variant_and_stores_its_seed(data_dir, tmp_path):
    from backprop_tui.lessons.load import load_lesson
    from backprop_tui.lessons.variants import draw_variant
    from tests.lessons.test_review_cards import VARIED

    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "varied.yaml").write_text(VARIED, encoding="utf-8")
    clock = SetClock()
    store = ProgressStore.open(data_dir, clock=clock)
    store.record_attempt("varied", "dx", "3", True, "correct", rating=Rating.GOOD)
    clock.now = START + timedelta(days=30)
    app = BackpropApp(discover([folder], data_dir=data_dir), store, data_dir=data_dir, start_review=True)
    async with app.run_test(size=(80, 24)) as pilot:
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await card_shown(pilot, 0)
        seed = review.current.seed
        x = review.current.walkthrough.trace.values["x"]
        assert seed is not None
        assert x == draw_variant(load_lesson(folder / "varied.yaml").lesson, seed).inputs["x"]
        assert f"x = {x:g}" in text_of(review.query_one("#review-context"))
        await submit(pilot, "3")  # df/dx = y, whatever x was drawn
    assert [(a.variant_seed, a.correct) for a in app.store.attempts("varied")][-1] == (seed, True)
