"""QuizPanel: asks the current step's question before its numbers are shown.

The learner types an answer (Enter checks it), asks for hints one at a time (F2) or
reveals the answer (F3). Esc leaves the input so the step keys work again.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from backprop_tui.lessons.load import PreparedQuestion
from backprop_tui.lessons.quiz import LETTERS, Quiz


class QuizPanel(Vertical):
    BINDINGS = [
        Binding("f2", "hint", "Hint", tooltip="a hint for the question (one at a time)"),
        Binding("f3", "reveal", "Reveal", tooltip="show the question's answer and the worked step"),
        Binding("escape", "leave", "Leave input", show=False, tooltip="leave the answer box (in a question)"),
    ]

    class Settled(Message):
        """A question was answered correctly or revealed: its numbers may be shown."""

        def __init__(self, question_id: str) -> None:
            super().__init__()
            self.question_id = question_id

    def __init__(self, quiz: Quiz, **kwargs) -> None:
        super().__init__(**kwargs)
        self.quiz = quiz
        self.question: PreparedQuestion | None = None
        self._place: str | None = None
        self._feedback_step: str | None = None  # feedback stays visible while on its step

    @property
    def waiting(self) -> bool:
        return self.question is not None

    def on_mount(self) -> None:
        self.border_title = "Question"

    def compose(self) -> ComposeResult:
        yield Static(id="question")
        yield Input(
            placeholder="your answer — Enter checks, F2 hint, F3 reveal, Esc leaves", id="answer", compact=True
        )
        yield Static(id="feedback")

    def show_step(self, step_key: str, *, review: bool) -> None:
        """Ask the step's first unsettled question, if any (none in review mode)."""
        pending = [] if review else self.quiz.pending_at(step_key)
        self._ask(step_key, pending[0] if pending else None)

    def show_only(self, question: PreparedQuestion) -> None:
        """Ask one given question (the standalone quiz)."""
        self._ask(question.id, question)

    def _ask(self, place: str, question: PreparedQuestion | None) -> None:
        arrived = place != self._place
        if arrived:
            self._place = place
            self._feedback_step = None
            self.query_one("#feedback", Static).update("")
        if question is not self.question:
            if question is not None and self._feedback_step == place:
                self._mark_feedback_as_previous()
            self.question = question
            self.query_one(Input).value = ""
        self.query_one(Input).display = question is not None
        self.display = question is not None or self._feedback_step == place
        if question is not None:
            self._show_question(question)
            if arrived:  # a second question at the same step waits for `a`: keys meant to step on don't land in it
                self.focus_answer()

    def focus_answer(self) -> None:
        if self.question is not None:
            self.query_one(Input).focus()

    def _mark_feedback_as_previous(self) -> None:
        feedback = self.query_one("#feedback", Static)
        text = Text("previous question: ", style="dim")
        text.append_text(Text(str(feedback.content), style="dim"))
        text.append("\nanother question at this step: press a to answer it", style="italic")
        feedback.update(text)

    def _show_question(self, question: PreparedQuestion) -> None:
        text = Text("? ", style="bold yellow")
        text.append(question.ask, style="bold")
        for letter, choice in zip(LETTERS, question.question.choices or ()):
            text.append(f"\n  {letter}) {choice}")
        state = self.quiz.states[question.id]
        for hint in question.hints[: state.hints_shown]:
            text.append(f"\nhint: {hint}", style="cyan")
        self.query_one("#question", Static).update(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        question = self.question
        if question is None or not event.value.strip():
            return
        verdict = self.quiz.answer(question, event.value)
        feedback = Text("✓ " if verdict.correct else "✗ ", style="bold green" if verdict.correct else "bold red")
        feedback.append(verdict.feedback)
        if verdict.interpretation and not verdict.correct and verdict.interpretation not in verdict.feedback:
            feedback.append(f"\nread as: {verdict.interpretation}", style="dim")
        self._show_feedback(feedback)
        if verdict.correct:
            self._settle(question)

    def action_hint(self) -> None:
        if self.question is None:
            return
        if self.quiz.hint(self.question) is None:
            self.notify("No more hints: F3 reveals the answer.", timeout=3)
        self._show_question(self.question)

    def action_reveal(self) -> None:
        question = self.question
        if question is None:
            return
        answer = self.quiz.reveal(question)
        text = Text("answer: ", style="bold")
        text.append(answer, style="bold yellow")
        if question.explain:
            text.append(f"\n{question.explain}")
        self._show_feedback(text)
        self._settle(question)

    def _show_feedback(self, text: Text) -> None:
        self._feedback_step = self._place
        self.query_one("#feedback", Static).update(text)

    def _settle(self, question: PreparedQuestion) -> None:
        self.question = None
        self.query_one(Input).value = ""
        self.screen.set_focus(None)
        self.post_message(self.Settled(question.id))

    def action_leave(self) -> None:
        self.screen.set_focus(None)
