"""ReviewScreen: the due review cards as a quiz, each with its lesson's graph at its step.

Each card's lesson is loaded (and its graph laid out) in a worker thread; the graph shows the
numbers known before the question's step, the question panel asks it, and once it is settled
the step's numbers appear. The first answer (or reveal) reviews the card (`lessons/quiz.py`).
"""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from backprop_tui.engine.steps import step_title
from backprop_tui.lessons.quiz import Quiz
from backprop_tui.lessons.review import DueQuestion, prepare_card
from backprop_tui.progress.cards import Card
from backprop_tui.tui.graph_picture import Picture, draw, labels_at
from backprop_tui.tui.screens.quiz import inputs_text
from backprop_tui.tui.widgets.app_header import AppHeader
from backprop_tui.tui.widgets.graph_view import GraphView
from backprop_tui.tui.widgets.key_footer import KeyFooter
from backprop_tui.tui.widgets.quiz_panel import QuizPanel


def _load(card: Card, catalog, data_dir) -> tuple[DueQuestion, Picture] | None:
    """Worker: the card's question, its explanations made (SymPy: the worked step shown once
    it is settled) and its lesson's graph picture; None when the question is gone."""
    due = prepare_card(card, catalog, data_dir)
    if due is None:
        return None
    due.walkthrough.explanations.make()
    return due, draw(due.walkthrough)


class ReviewScreen(Screen):
    BINDINGS = [
        Binding("n,right", "next", "Next card", tooltip="the next card (one left unanswered stays due)"),
        Binding("escape", "back", "Lessons"),
    ]
    HELP_BINDINGS = QuizPanel.BINDINGS
    help_intro = (
        "Spaced review: the questions due, each in its lesson's graph at the step it is asked, "
        "with fresh numbers when the lesson varies them. Your first answer rates the card: right "
        "at once brings it back in days (then weeks), wrong or revealed the next day."
    )

    def __init__(self, deck: list[Card], catalog, store, data_dir=None) -> None:
        super().__init__()
        self.sub_title = "review"
        self.deck = deck
        self.catalog = catalog
        self.store = store
        self.data_dir = data_dir
        self.position = 0
        self.current: DueQuestion | None = None
        self.answered = 0  # cards answered right or revealed
        self.first_try = 0  # ... of which right at the first answer
        self._loading: Worker | None = None

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield Static(id="review-progress")
        yield Vertical(id="review-card")
        yield Static(id="review-result")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.load_current()

    # --- cards --------------------------------------------------------------------

    def load_current(self) -> None:
        if self.position >= len(self.deck):
            self.show_result()
            return
        self.current = None
        self.query_one("#review-progress", Static).update(
            Text(f"Card {self.position + 1} of {len(self.deck)}: loading…", style="bold")
        )
        card = self.deck[self.position]
        self._loading = self.run_worker(
            partial(_load, card, self.catalog, self.data_dir), thread=True, group="review-load",
            exit_on_error=False,
        )

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._loading or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        self._loading = None
        card = self.deck[self.position]
        if event.state == WorkerState.ERROR or event.worker.result is None:
            why = f"its lesson has problems ({event.worker.error})" if event.state == WorkerState.ERROR \
                else "the lesson no longer has this question"
            self.notify(f"Skipped {card.lesson_id} / {card.question_id}: {why}.", severity="warning",
                        timeout=6, markup=False)
            self.position += 1
            self.load_current()
            return
        await self.show_card(*event.worker.result)

    async def show_card(self, due: DueQuestion, picture: Picture) -> None:
        self.current = due
        box = self.query_one("#review-card", Vertical)
        await box.remove_children()
        quiz = Quiz(due.walkthrough, self.store, restore=False, variant_seed=due.seed)
        panel = QuizPanel(quiz)
        await box.mount(GraphView(picture, id="graph"), Static(inputs_text(due.walkthrough), id="review-context"),
                        panel)
        progress = Text(f"Card {self.position + 1} of {len(self.deck)}", style="bold")
        progress.append(f"   {due.walkthrough.title} · {step_title(due.question.question.at)}", style="dim")
        self.query_one("#review-progress", Static).update(progress)
        self.show_graph(hide=True)
        panel.show_only(due.question)

    def show_graph(self, *, hide: bool) -> None:
        """The graph at the question's step; with `hide`, without the numbers it asks for."""
        due = self.current
        graph = self.query_one(GraphView)
        labels = labels_at(due.walkthrough, graph.picture, due.step_index, hide_current=hide)
        reached = frozenset(due.walkthrough.trace.values_known_at(due.step_index))
        asked = due.question.expectation.node if due.question.expectation else None
        graph.show(labels, reached, None, also=asked)

    def on_quiz_panel_settled(self, message: QuizPanel.Settled) -> None:
        state = self.query_one(QuizPanel).quiz.states[message.question_id]
        self.answered += 1
        self.first_try += state.first_try
        self.show_graph(hide=False)
        self.notify("n goes on to the next card.", timeout=2)

    def action_next(self) -> None:
        if self.position < len(self.deck) and self._loading is None:
            self.position += 1
            self.load_current()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next":
            return self.position < len(self.deck)
        return True

    def show_result(self) -> None:
        self.current = None
        card_box = self.query_one("#review-card", Vertical)
        card_box.remove_children()
        card_box.display = False
        self.query_one("#review-progress", Static).update("")
        text = Text(f"{self.answered} of {len(self.deck)} due cards done, "
                    f"{self.first_try} right at the first answer.\n", style="bold")
        text.append("Cards you missed come back tomorrow, the ones you knew in days or weeks.\n")
        text.append("\nEsc returns to the lessons.", style="italic")
        self.query_one("#review-result", Static).update(text)
        self.refresh_bindings()

    def action_back(self) -> None:
        self.app.pop_screen()
