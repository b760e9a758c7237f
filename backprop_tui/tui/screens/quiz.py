"""QuizScreen: a lesson's questions one after another, then the score and what to review."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from backprop_tui.engine import format as fmt
from backprop_tui.engine.steps import step_title
from backprop_tui.lessons.quiz import Quiz
from backprop_tui.lessons.variants import has_variants
from backprop_tui.lessons.walkthrough import Walkthrough
from backprop_tui.tui.widgets.app_header import AppHeader
from backprop_tui.tui.widgets.key_footer import KeyFooter
from backprop_tui.tui.widgets.quiz_panel import QuizPanel


def inputs_text(walkthrough: Walkthrough) -> Text:
    """The lesson's summary and its inputs' values (a variant's, when it is one)."""
    trace = walkthrough.trace
    inputs = ", ".join(f"{name} = {fmt.value(trace.values[name])}" for name in trace.graph.input_names)
    return Text(f"{walkthrough.summary}\ninputs: {inputs}", style="dim")


def _draw(walkthrough: Walkthrough, seed: int | None) -> tuple[Walkthrough, int | None]:
    """The quiz's variant, with its explanations (SymPy) made here rather than when a settled
    question shows its worked step on the UI thread."""
    drawn, seed = walkthrough.fresh_variant(seed)
    drawn.explanations.make()
    return drawn, seed


class QuizScreen(Screen):
    BINDINGS = [
        Binding("n,right", "next", "Next question"),
        Binding("f4", "next", "Skip", show=False),
        Binding("escape", "back", "Lessons"),
    ]

    def __init__(self, walkthrough: Walkthrough, store=None, *, seed: int | None = None) -> None:
        """A lesson with `vary:` is asked on a fresh variant (the one for `seed` when given),
        drawn in a worker; its seed is saved with every answer."""
        super().__init__()
        self.sub_title = f"quiz: {walkthrough.title}"
        self.store = store
        self.walkthrough = walkthrough
        self.quiz = Quiz(walkthrough, store, restore=False)
        self.position = 0
        self.seed: int | None = None  # the variant asked; None: the lesson's own numbers
        self._wanted_seed = seed
        self.drawing = walkthrough.source is not None and has_variants(walkthrough.source.lesson)

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with VerticalScroll(id="quiz-box"):
            yield Static(id="quiz-progress")
            yield Static(id="quiz-context")
            yield QuizPanel(self.quiz, id="quiz")
            yield Static(id="quiz-result")
        yield KeyFooter()

    def on_mount(self) -> None:
        if not self.drawing:
            self.show_question()
            return
        self.query_one(QuizPanel).display = False
        self.query_one("#quiz-progress", Static).update(Text("Drawing fresh numbers…", style="italic"))
        self.run_worker(partial(_draw, self.walkthrough, self._wanted_seed), thread=True, group="variant",
                        exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "variant" or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        if event.state == WorkerState.SUCCESS:  # on an error the lesson's own numbers are asked
            walkthrough, self.seed = event.worker.result
            if self.seed is not None:
                self.walkthrough = walkthrough
                self.quiz = Quiz(walkthrough, self.store, restore=False, variant_seed=self.seed)
                self.query_one(QuizPanel).quiz = self.quiz
        self.drawing = False
        self.show_question()
        self.refresh_bindings()

    @property
    def questions(self):
        return self.walkthrough.questions

    def show_question(self) -> None:
        if self.position >= len(self.questions):
            self.show_result()
            return
        question = self.questions[self.position]
        progress = Text(f"Question {self.position + 1} of {len(self.questions)}", style="bold")
        progress.append(f"   asked at {step_title(question.question.at)}", style="dim")
        if self.seed is not None:
            progress.append(f"   fresh numbers (variant {self.seed})", style="dim")
        self.query_one("#quiz-progress", Static).update(progress)
        self.query_one("#quiz-context", Static).update(inputs_text(self.walkthrough))
        panel = self.query_one(QuizPanel)
        panel.show_only(question)

    def on_quiz_panel_settled(self, message: QuizPanel.Settled) -> None:
        self.notify("n goes on to the next question.", timeout=2)

    def action_next(self) -> None:
        if self.position < len(self.questions):
            self.position += 1
            self.show_question()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The score screen shows only the keys that work there. A key can reach the screen's
        bindings before it has made its widgets (one that bubbles up to the app as the quiz
        opens; found by the key fuzz): `next` waits for them."""
        if action == "next":
            return self.is_mounted and not self.drawing and self.position < len(self.questions)
        return True

    def show_result(self) -> None:
        right, total = self.quiz.score()
        text = Text(f"{right} of {total} right the first time\n", style="bold")
        review = self.quiz.to_review()
        if review:
            text.append("To review (a second try, or revealed):\n", style="bold")
            for question in review:
                text.append(f"  • {question.ask}  ({step_title(question.question.at)})\n")
        else:
            text.append("Nothing to review: every question right the first time.\n", style="green")
        text.append("\nEsc returns to the lessons.", style="italic")
        self.query_one(QuizPanel).display = False
        self.query_one("#quiz-context", Static).update("")
        self.query_one("#quiz-progress", Static).update("")
        self.query_one("#quiz-result", Static).update(text)
        self.query_one("#quiz-box").focus()  # away from the hidden panel and its keys
        self.refresh_bindings()

    def action_back(self) -> None:
        self.app.pop_screen()
