"""QuizPanel: asks the current step's question before its numbers are shown.

The learner types an answer (Enter checks it), asks for hints one at a time (F2) or
reveals the answer (F3). While a question is open every printable key belongs to the
answer box: each new question takes focus by itself, and only Esc leaves the box (then
the step keys work again and `a` comes back).
"""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual import events
from textual._time import get_time
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from backprop_tui.lessons.load import PreparedQuestion
from backprop_tui.lessons.quiz import LETTERS, Quiz
from backprop_tui.lessons.walkthrough import Walkthrough
from backprop_tui.records import frozen_dataclass


CHECK_TIME_LIMIT = 10.0  # seconds an answer may take to check before the learner is told
CHECKING = "checking…"
TOO_LONG = (
    f"✗ Checking this answer took over {CHECK_TIME_LIMIT:.0f} s, so it was stopped (not counted). "
    "A simpler form, or the number itself, checks faster; F3 reveals the answer."
)


@frozen_dataclass
class PendingCheck:
    worker: Worker
    timer: Timer
    question: PreparedQuestion
    text: str


def worked_lines(walkthrough: Walkthrough, step_key: str) -> list[str]:
    """The step's chain rule with its numbers, per input: "q: upstream × local = 1 × -4 = -4"."""
    explanation = walkthrough.explanations[walkthrough.trace.step(step_key).index]
    if explanation is None:  # a forward step
        return []
    return [
        f"{term.input}: {term.product if term.product.startswith(term.rule) else f'{term.rule} = {term.product}'}"
        for term in explanation.inputs
        if term.takes_gradient
    ]


class AnswerBox(Input):
    """The answer input. Keys pressed before its question appeared (a burst of `n` that
    stepped onto the question) are dropped rather than typed."""

    opened_at: float = 0.0

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable and event.time < self.opened_at:
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)

    def type_key(self, event: events.Key) -> None:
        """A printable key that reached the screen while this box should have had it."""
        self.focus()
        if event.time >= self.opened_at and event.character is not None:
            self.insert_text_at_cursor(event.character)


class QuizPanel(Vertical):
    BINDINGS = [
        Binding("f2", "hint", "Hint", tooltip="a hint for the question (one at a time)"),
        Binding("f3", "reveal", "Reveal", tooltip="show the question's answer and the worked step"),
        Binding("escape", "leave", "Leave box", tooltip="leave the answer box: the step keys work again, a returns"),
        Binding("pageup", "page_up", "Scroll up", show=False, tooltip="scroll the question panel up (a short screen)"),
        Binding("pagedown", "page_down", "Scroll down", show=False, tooltip="scroll the question panel down"),
    ]

    # What bounds an answer check in time; tests swap in a hand-turned timer.
    start_check_timer = Vertical.set_timer

    class Changed(Message):
        """What the panel shows changed, and with it the rows it needs."""

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
        self.left = False  # the learner pressed Esc: the step keys are theirs until `a`
        self._check: PendingCheck | None = None  # an answer being checked in a worker thread

    @property
    def waiting(self) -> bool:
        return self.question is not None

    @property
    def answering(self) -> bool:
        """A question is open and the learner has not left its box: printable keys are answers."""
        return self.question is not None and not self.left

    def on_mount(self) -> None:
        self.border_title = "Question"

    def compose(self) -> ComposeResult:
        yield Static(id="question")
        yield AnswerBox(
            placeholder="your answer — Enter checks, F2 hint, F3 reveal, Esc leaves", id="answer", compact=True,
            select_on_focus=False,
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
            self._update_feedback("")
        if question is not self.question:
            self._drop_check()
            if question is not None and self._feedback_step == place:
                self._mark_feedback_as_previous()
            self.question = question
            self.query_one(Input).value = ""
            if question is not None:
                self.query_one(AnswerBox).opened_at = get_time()
                self.focus_answer()
        self.query_one(Input).display = question is not None
        self.display = question is not None or self._feedback_step == place
        if question is not None:
            self._show_question(question)

    def focus_answer(self) -> None:
        if self.question is not None:
            self.left = False
            self.query_one(Input).focus()
            self.screen.refresh_bindings()

    def take_key(self, event: events.Key) -> bool:
        """Route a printable key that missed the box into it while answering; True if taken."""
        if not (self.answering and event.is_printable):
            return False
        event.stop()
        event.prevent_default()
        self.query_one(AnswerBox).type_key(event)
        return True

    def _mark_feedback_as_previous(self) -> None:
        feedback = self.query_one("#feedback", Static)
        text = Text("previous question: ", style="dim")
        text.append_text(Text(str(feedback.content), style="dim"))
        self._update_feedback(text)

    def _show_question(self, question: PreparedQuestion) -> None:
        text = Text("? ", style="bold yellow")
        text.append(question.ask, style="bold")
        for letter, choice in zip(LETTERS, question.question.choices or ()):
            text.append(f"\n  {letter}) {choice}")
        state = self.quiz.states[question.id]
        for hint in question.hints[: state.hints_shown]:
            text.append(f"\nhint: {hint}", style="cyan")
        self.query_one("#question", Static).update(text)
        self.post_message(self.Changed())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        question, text = self.question, event.value
        if question is None or not text.strip() or self._check is not None:
            return  # nothing to check, or the last answer is still being checked
        worker = self.run_worker(
            partial(self.quiz.judge, question, text), thread=True, group="check", exit_on_error=False
        )
        timer = self.start_check_timer(CHECK_TIME_LIMIT, self._check_took_too_long)
        self._check = PendingCheck(worker, timer, question, text)
        self._update_feedback(Text(CHECKING, style="italic"))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        check = self._check
        if check is None or event.worker is not check.worker or event.state not in (
            WorkerState.SUCCESS, WorkerState.ERROR
        ):
            return
        self._drop_check()
        if event.state == WorkerState.ERROR:
            self._show_feedback(Text(f"✗ This answer could not be checked: {event.worker.error}", style="red"))
            return
        verdict = self.quiz.record(check.question, check.text, event.worker.result)
        feedback = Text("✓ " if verdict.correct else "✗ ", style="bold green" if verdict.correct else "bold red")
        feedback.append(verdict.feedback)
        if verdict.correct:
            # the box empties on settling, so the headline keeps what the learner typed
            feedback.append(f" (you typed {check.text.strip()})", style="dim")
            self._settle(check.question, feedback)
            return
        if verdict.interpretation and verdict.interpretation not in verdict.feedback:
            feedback.append(f"\nread as: {verdict.interpretation}", style="dim")
        self._show_feedback(feedback)

    def _check_took_too_long(self) -> None:
        if self._check is None:
            return
        self._drop_check()
        self._show_feedback(Text(TOO_LONG, style="red"))

    def _drop_check(self) -> None:
        """Forget the pending check: its result, if it ever comes, is not shown or counted."""
        if self._check is not None:
            self._check.worker.cancel()
            self._check.timer.stop()
            self._check = None

    @property
    def checking(self) -> bool:
        return self._check is not None

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
        self._settle(question, text)

    def _show_feedback(self, text: Text) -> None:
        self._feedback_step = self._place
        self._update_feedback(text)

    def _update_feedback(self, text: Text | str) -> None:
        feedback = self.query_one("#feedback", Static)
        feedback.update(text)
        feedback.display = bool(text)
        self.post_message(self.Changed())
        if text:
            self.call_after_refresh(self._feedback_in_view)

    def _feedback_in_view(self) -> None:
        """On a short screen the panel may not hold the question and the feedback at once:
        the feedback, just given, is the part kept in view (its top, when it is taller still)."""
        try:
            feedback = self.query_one("#feedback", Static)
        except NoMatches:
            return  # the screen went in the meantime
        if feedback.display and feedback.size.height:
            self.scroll_to_widget(feedback, animate=False, immediate=True)

    def _settle(self, question: PreparedQuestion, headline: Text) -> None:
        """Show why (the question's explanation; once the step has no question left, its
        worked arithmetic), then let the step show its numbers."""
        text = headline.copy()
        if question.explain:
            text.append(f"\n{question.explain}")
        step_key = question.question.at
        if not self.quiz.pending_at(step_key):
            for line in worked_lines(self.quiz.walkthrough, step_key):
                text.append(f"\n{line}", style="cyan")
        self._show_feedback(text)
        self._drop_check()
        self.question = None
        self.query_one(Input).value = ""
        self.query_one(Input).display = False  # nothing to type until the next question
        self.screen.set_focus(None)
        self.screen.refresh_bindings()
        self.post_message(self.Settled(question.id))

    def action_leave(self) -> None:
        self.left = True
        self.screen.set_focus(None)
        self.screen.refresh_bindings()
