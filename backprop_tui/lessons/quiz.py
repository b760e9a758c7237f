"""A learner's quiz over one walkthrough: answers checked, hints given one at a time, reveals.

Attempts, hints and reveals are saved to the progress store when the walkthrough has an
id. The first answer (or a reveal before it) to a question in a quiz reviews its spaced-review
card, rated by `progress.cards.rating_for`; later tries in the same quiz do not. A question counts as settled once it was answered correctly or revealed (in this run
or an earlier one), so a learner coming back is not asked again what they already did.
Format errors (unreadable answers) are shown but never count as attempts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from backprop_tui import answers
from backprop_tui.answers import Verdict
from backprop_tui.answers.env import make_env, random_points
from backprop_tui.engine import format as fmt
from backprop_tui.engine.graph import GraphError
from backprop_tui.engine.trace import Trace, run
from backprop_tui.engine.values import to_python
from backprop_tui.lessons.load import PreparedQuestion
from backprop_tui.lessons.walkthrough import Walkthrough
from backprop_tui.progress.cards import Rating, rating_for

LETTERS = "abcdefgh"


@dataclass
class QuestionState:
    hints_shown: int = 0
    attempts: int = 0
    previous: str | None = None
    correct: bool = False
    revealed: bool = False
    first_try: bool = False  # the first counted answer was right (no reveal before it)
    reviewed: bool = False  # its card was reviewed in this quiz (never restored: a new quiz reviews anew)
    mistakes: list[str] = field(default_factory=list)

    @property
    def settled(self) -> bool:
        return self.correct or self.revealed


class Quiz:
    def __init__(self, walkthrough: Walkthrough, store=None, *, restore: bool = True,
                 variant_seed: int | None = None) -> None:
        """`restore=False` asks every question again (a standalone quiz) but still records.
        `variant_seed` is the seed of the variant the walkthrough shows, saved with each answer."""
        self.walkthrough = walkthrough
        self.variant_seed = variant_seed
        self.store = store if walkthrough.id is not None else None
        self.states = {q.id: QuestionState() for q in walkthrough.questions}
        self._points: dict[str, list[dict]] = {}
        if self.store is not None and restore:
            self._restore()

    def _restore(self) -> None:
        helped = self.store.question_help(self.walkthrough.id)
        for question in self.walkthrough.questions:
            state = self.states[question.id]
            state.hints_shown, state.revealed = helped.get(question.id, (0, False))
            for attempt in self.store.attempts(self.walkthrough.id, question.id):
                if state.attempts == 0:
                    state.first_try = attempt.correct and not attempt.revealed
                state.attempts += 1
                state.correct |= attempt.correct
                state.revealed |= attempt.revealed
                state.hints_shown = max(state.hints_shown, attempt.hints_used)
                state.previous = attempt.answer

    def pending_at(self, step_key: str) -> list[PreparedQuestion]:
        return [q for q in self.walkthrough.questions_at(step_key) if not self.states[q.id].settled]

    def answer(self, question: PreparedQuestion, text: str) -> Verdict:
        return self.record(question, text, self.judge(question, text))

    def judge(self, question: PreparedQuestion, text: str) -> Verdict:
        """The verdict alone: no state changes, so it may run in a worker thread."""
        return self._judge(question, text, self.states[question.id].previous)

    def record(self, question: PreparedQuestion, text: str, verdict: Verdict) -> Verdict:
        """Count a judged answer as an attempt (if it is one) and save it."""
        state = self.states[question.id]
        if verdict.counts_as_attempt:
            if state.attempts == 0:
                state.first_try = verdict.correct and not state.revealed
            state.attempts += 1
            state.previous = text
            state.correct |= verdict.correct
            if not verdict.correct:
                state.mistakes.append(verdict.rule)
            rating = self._review(state, correct=verdict.correct, rule=verdict.rule)
            if self.store is not None:
                self.store.record_attempt(
                    self.walkthrough.id, question.id, text, verdict.correct, verdict.rule,
                    hints_used=state.hints_shown, variant_seed=self.variant_seed, rating=rating,
                )
        return verdict

    @staticmethod
    def _review(state: QuestionState, *, correct: bool, rule: str | None) -> Rating | None:
        """The rating of the question's first answer or reveal in this quiz; None after that."""
        if state.reviewed:
            return None
        state.reviewed = True
        return rating_for(correct=correct, hints_used=state.hints_shown, revealed=state.revealed, rule=rule)

    def hint(self, question: PreparedQuestion) -> str | None:
        """The next hint, or None when all have been shown."""
        state = self.states[question.id]
        if state.hints_shown >= len(question.hints):
            return None
        state.hints_shown += 1
        if self.store is not None:
            self.store.record_hint(self.walkthrough.id, question.id)
        return question.hints[state.hints_shown - 1]

    def reveal(self, question: PreparedQuestion) -> str:
        state = self.states[question.id]
        state.revealed = True
        rating = self._review(state, correct=False, rule=None)
        if self.store is not None:
            self.store.record_reveal(self.walkthrough.id, question.id, rating=rating)
        return answer_text(question)

    def score(self) -> tuple[int, int]:
        """(questions answered right at the first try, questions): a second try, a hint seen
        before answering or a reveal does not count."""
        right = sum(1 for s in self.states.values() if s.first_try)
        return right, len(self.states)

    def to_review(self) -> list[PreparedQuestion]:
        """The questions not answered right at the first try, in the lesson's order."""
        return [q for q in self.walkthrough.questions if not self.states[q.id].first_try]

    # --- checking ----------------------------------------------------------------

    def _judge(self, question: PreparedQuestion, text: str, previous: str | None) -> Verdict:
        if question.question.choices is not None:
            return judge_choice(question, text, previous)
        q = question.question
        expected = q.answer if isinstance(q.answer, str) else to_python(question.expected)
        variables = self._names_for(question, self.walkthrough.trace)
        return answers.check(  # imports SymPy on the first answer, not at start-up
            text,
            expected,
            variables,
            misconceptions=[(str(wrong), message) for wrong, message in question.misconceptions],
            previous=previous,
            forward_values=self._forward_values,
            branch_terms=self._branch_terms(question),
            tolerance=q.tolerance,
            sig_digits=q.sig_digits,
            exact=q.exact,
            points=self._points_for(question),
            asks=None if question.expectation is None else question.expectation.kind,
            upstream=self._upstream(question),
        )

    def _upstream(self, question: PreparedQuestion):
        """The upstream gradient at the gate the question is about, when there is one gate."""
        expectation, trace = question.expectation, self.walkthrough.trace
        if expectation is None or expectation.kind not in ("local", "downstream", "grad"):
            return None
        gate = expectation.node
        if expectation.kind == "grad":
            consumers = trace.graph.consumers.get(gate, ())
            if len(consumers) != 1:
                return None
            gate = consumers[0][0]
        grad = trace.grads.get(gate)
        return None if grad is None else to_python(grad)

    @cached_property
    def _forward_values(self) -> dict:
        return learner_variables(self.walkthrough.trace)

    def _names_for(self, question: PreparedQuestion, trace: Trace) -> dict:
        """The names a learner may type for this question, at the values of ``trace``: the
        nodes' values, the gradients as ∂L/∂x (also under the output's name: ∂price/∂apple),
        the question's aliases, and δ for ∂L/∂z where the graph has a node z and nothing else
        is called δ."""
        graph = trace.graph
        names = learner_variables(trace)
        for name, grad in trace.grads.items():
            if graph.nodes[name].kind != "const":
                for top in {"L", graph.output}:
                    names[f"∂{top}/∂{name}"] = to_python(grad)
        aliases = question.question.aliases
        if not {"δ", "delta"} & (set(aliases) | set(names)) and "∂L/∂z" in names:
            names["δ"] = names["∂L/∂z"]
        for alias, expression in aliases.items():
            try:
                names[alias] = to_python(answers.evaluate(expression, names))
            except answers.AnswerError:
                continue  # an alias that can't be evaluated here is left out
        return names

    def _points_for(self, question: PreparedQuestion) -> list[dict]:
        """Test points for formulas: the graph run again on random inputs, so that every name
        (values, gradients, aliases) is consistent with the others. Inputs that take no
        gradient (class labels) keep their values; inputs the graph can't run on are skipped."""
        if question.id not in self._points:
            trace = self.walkthrough.trace
            graph = trace.graph
            fixed = {name for name in graph.input_names if name not in trace.grads}
            inputs = {name: trace.values[name] for name in graph.input_names if name not in fixed}
            points = []
            for point in random_points(make_env(inputs)):
                try:
                    again = run(graph, {**{n: trace.values[n] for n in fixed}, **point})
                except GraphError:
                    continue
                points.append(self._names_for(question, again))
            self._points[question.id] = points
        return self._points[question.id]

    def _branch_terms(self, question: PreparedQuestion) -> list[str] | None:
        """At a fork, each path's contribution: one of them alone is the classic mistake."""
        expectation = question.expectation
        if expectation is None or expectation.kind != "grad":
            return None
        try:
            step = self.walkthrough.trace.step(f"backward.{expectation.node}")
        except KeyError:
            return None
        if len(step.contributions) < 2 or np.ndim(step.upstream):
            return None
        return [repr(float(c.value)) for c in step.contributions]


def learner_variables(trace) -> dict:
    """The names a learner may use: inputs and computed nodes (numbers written into a
    formula are constants with internal names, not variables)."""
    return {
        name: to_python(value)
        for name, value in trace.values.items()
        if trace.graph.nodes[name].kind != "const"
    }


def judge_choice(question: PreparedQuestion, text: str, previous: str | None) -> Verdict:
    choices = question.question.choices
    picked = _picked_choice(text.strip(), choices)
    if picked is None:
        letters = ", ".join(LETTERS[: len(choices)])
        return Verdict(False, f"Type the letter of a choice ({letters}).", "syntax", counts_as_attempt=False)
    if previous is not None and _picked_choice(previous.strip(), choices) == picked:
        return Verdict(False, "That is the choice you gave last time.", "same_as_previous", counts_as_attempt=False)
    if picked == question.question.answer:
        return Verdict(True, "Correct.", "correct", interpretation=picked)
    for wrong, message in question.misconceptions:
        if wrong == picked:
            return Verdict(False, message, "misconception", interpretation=picked)
    return Verdict(False, "Not that one. Try a hint.", "wrong", interpretation=picked)


def _plain(text: str) -> str:
    return " ".join(text.replace("−", "-").lower().split())


def _picked_choice(text: str, choices: list[str]) -> str | None:
    """A choice by its text, its letter (b, b), (b), b.) or its number (2)."""
    exact = next((c for c in choices if _plain(c) == _plain(text)), None)
    if exact is not None:
        return exact
    lowered = text.lower().strip("().")
    if len(lowered) == 1 and lowered in LETTERS[: len(choices)]:
        return choices[LETTERS.index(lowered)]
    if lowered.isdigit() and 1 <= int(lowered) <= len(choices):
        return choices[int(lowered) - 1]
    return None


def answer_text(question: PreparedQuestion) -> str:
    q = question.question
    if q.choices is not None:
        return f"{LETTERS[q.choices.index(q.answer)]}) {q.answer}"
    value = fmt.value(question.expected)
    return f"{q.answer} = {value}" if isinstance(q.answer, str) else value
