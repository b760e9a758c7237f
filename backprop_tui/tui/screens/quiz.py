"""QuizScreen: a lesson's questions one after another, then the score and what to review."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from backprop_tui.engine import format as fmt
from backprop_tui.engine.steps import step_title
from backprop_tui.lessons.quiz import Quiz
from backprop_tui.lessons.walkthrough import Walkthrough
from backprop_tui.tui.widgets.quiz_panel import QuizPanel


def inputs_text(walkthrough: Walkthrough) -> Text:
    """The lesson's summary and its inputs' values (a variant's, when it is one)."""
    trace = walkthrough.trace
    inputs = ", ".join(f"{name} = {fmt.value(trace.values[name])}" for name in trace.graph.input_names)
    return Text(f"{walkthrough.summary}\ninputs: {inputs}", style="dim")


class QuizScreen(Screen):
    BINDINGS = [
        Binding("n,right", "next", "Next question"),
        Binding("f4", "next", "Skip", show=False),
        Binding("escape", "back", "Lessons"),
    ]

    def __init__(self, walkthrough: Walkthrough, store=None) -> None:
        super().__init__()
        self.walkthrough = walkthrough
        self.quiz = Quiz(walkthrough, store, restore=False)
        self.position = 0

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="∂")
        with VerticalScroll(id="quiz-box"):
            yield Static(id="quiz-progress")
            yield Static(id="quiz-context")
            yield QuizPanel(self.quiz, id="quiz")
            yield Static(id="quiz-result")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "backprop-tui"
        self.sub_title = f"quiz: {self.walkthrough.title}"
        self.show_question()

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
        """The score screen shows only the keys that work there."""
        if action == "next":
            return self.position < len(self.questions)
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
