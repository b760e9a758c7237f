"""Loading a lesson file in three passes: YAML syntax, schema, semantics.

Each pass reports every problem it finds as `file:line:col: message`; a later pass runs
only when the earlier ones are clean. The semantic pass builds and runs the graph, renders
the engine's numbers into the text, and recomputes every question's answer key.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Container, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from backprop_tui.engine import format as fmt
from backprop_tui.engine.trace import Trace
from backprop_tui.engine.values import ValueProblem, to_array
from backprop_tui.lessons.claims import ClaimError, claim_failure
from backprop_tui.lessons.expectations import Expectation, parse_expectation
from backprop_tui.lessons.files import LessonFileError, Problem
from backprop_tui.lessons.format_records import from_data
from backprop_tui.lessons.located import Located
from backprop_tui.lessons.model import Lesson, Question
from backprop_tui.lessons.semantics import Built, build, check_references
from backprop_tui.lessons.templates import TemplateError, render
from backprop_tui.records import frozen_dataclass

DEFAULT_KEY_TOLERANCE = 1e-6


@frozen_dataclass
class PreparedQuestion:
    """A question with its text rendered and the engine's value for it."""

    question: Question
    ask: str
    hints: tuple[str, ...]
    explain: str | None
    misconceptions: tuple[tuple[Any, str], ...]  # (wrong answer, rendered message)
    expectation: Expectation | None

    @property
    def id(self) -> str:
        return self.question.id

    @property
    def expected(self) -> np.ndarray | None:
        return None if self.expectation is None else self.expectation.value


@frozen_dataclass
class LoadedLesson:
    path: Path
    lesson: Lesson
    built: Built
    notes: Mapping[str, str]  # step key -> rendered narration
    questions: tuple[PreparedQuestion, ...]
    digest: str  # of the file's text
    located: Located | None = None  # where each value stands in the file (problems of a variant point there)

    @property
    def trace(self) -> Trace:
        return self.built.trace

    def questions_at(self, step_key: str) -> list[PreparedQuestion]:
        return [q for q in self.questions if q.question.at == step_key]


def load_lesson(path: str | Path, *, verified: Container[str] = ()) -> LoadedLesson:
    """The lesson, or LessonFileError listing every problem found.

    Answer keys are verified (SymPy, slow) unless the file's digest is in `verified`:
    see verified.py, which remembers the digests of files that passed."""
    from backprop_tui.lessons.schema_errors import validate  # pydantic
    from backprop_tui.lessons.source import read_yaml  # PyYAML

    path = Path(path)
    located = read_yaml(path)
    if not isinstance(located.data, dict):
        raise LessonFileError([located.problem((), "a lesson file is a mapping of keys (format, id, title, ...)")])
    lesson, problems = validate(Lesson, located)
    if problems:
        raise LessonFileError(problems)
    return prepare(path, lesson, located, verify=located.digest not in verified)


def load_passed(path: Path, located: Located) -> LoadedLesson:
    """A lesson whose content passed every check before (verified.py remembers it), built
    from its data without checking it again: no YAML, pydantic or SymPy."""
    return prepare(path, from_data(Lesson, located.data), located, verify=False)


def prepare(path: Path, lesson: Lesson, located: Located, *, verify: bool = True, drawn: bool = False) -> LoadedLesson:
    """The semantic pass over a validated lesson: the file's own, or (`drawn`) a variant with
    other inputs, whose problems are reported at the same places and whose number keys are
    left to the engine (they were typed for the authored inputs). Without `verify`, the
    lesson's content passed before: its inputs are read as accepted then."""
    built, problems = build(lesson, located, inputs_checked=not verify)
    if built is None:
        raise LessonFileError(problems)
    expectations, problems = check_references(lesson, located, built)

    @functools.cache  # a field quoted in many notes (numeric.W runs the graph per entry) is computed once
    def lookup(field: str) -> np.ndarray:
        return parse_expectation(field, built.trace, built.updated, built.after).value

    notes, questions = _render(lesson, located, lookup, expectations, problems)
    problems += _false_claims(lesson, located, lookup)
    if verify:  # checks that import heavy modules (SymPy, the demos)
        problems += unknown_demo(lesson, located)
        problems += verify_answer_keys(lesson, located, built, expectations, drawn=drawn)
    if problems:
        raise LessonFileError(problems)
    return LoadedLesson(path, lesson, built, notes, questions, located.digest, located)


def _false_claims(lesson: Lesson, located: Located, lookup) -> list[Problem]:
    problems = []
    for index, claim in enumerate(lesson.claims):
        try:
            why = claim_failure(claim, lookup)
        except ClaimError as error:
            problems.append(located.problem(("assert", index), f"assert: {error}"))
            continue
        if why is not None:
            problems.append(located.problem(("assert", index), f"assert: '{claim}' does not hold: {why}"))
    return problems


def _render(lesson: Lesson, located: Located, lookup, expectations, problems: list[Problem]):
    def text(raw: str | None, where: tuple) -> str | None:
        if raw is None:
            return None
        try:
            return render(raw, lookup, lesson.digits)
        except TemplateError as error:
            problems.append(located.problem(where, str(error)))
            return raw

    notes = {key: text(note, ("notes", key)) for key, note in lesson.notes.items()}
    questions = []
    for index, q in enumerate(lesson.questions):
        where = ("questions", index)
        questions.append(
            PreparedQuestion(
                question=q,
                ask=text(q.ask, where + ("ask",)),
                hints=tuple(text(h, where + ("hints", i)) for i, h in enumerate(q.hints)),
                explain=text(q.explain, where + ("explain",)),
                misconceptions=tuple(
                    (m.answer, text(m.message, where + ("misconceptions", i, "message")))
                    for i, m in enumerate(q.misconceptions)
                ),
                expectation=expectations.get(q.id),
            )
        )
    return notes, tuple(questions)


def unknown_demo(lesson: Lesson, located: Located) -> list[Problem]:
    from backprop_tui.demos import DEMOS

    if lesson.demo is None or lesson.demo in DEMOS:
        return []
    guess = difflib.get_close_matches(lesson.demo, DEMOS, n=1)
    hint = f"did you mean '{guess[0]}'?" if guess else "demos are " + ", ".join(DEMOS)
    return [located.problem(("demo",), f"unknown demo '{lesson.demo}': {hint}")]


def verify_answer_keys(lesson: Lesson, located: Located, built: Built, expectations, *, drawn: bool = False) -> list[Problem]:
    """Each author's key must equal the engine's value; each misconception must differ from it;
    the app's answer checker must accept the lesson's values."""
    problems = _checkable_by_the_app(lesson, located, built) if expectations else []
    if problems:
        return problems
    variables = dict(built.trace.values)
    for index, q in enumerate(lesson.questions):
        expectation = expectations.get(q.id)
        if expectation is None:
            continue
        where = ("questions", index)
        tolerance = q.tolerance or DEFAULT_KEY_TOLERANCE
        if q.answer is not None and not (drawn and not isinstance(q.answer, str)):
            key, problem = _author_value(q.answer, variables)
            if problem:
                problems.append(located.problem(where + ("answer",), f"answer: {problem}"))
            elif not agrees(key, expectation.value, tolerance):
                problems.append(
                    located.problem(
                        where + ("answer",),
                        f"the answer key {_show(key)} disagrees with the engine: "
                        f"{expectation.text} = {_show(expectation.value)}",
                    )
                )
        # Numbers and lists of earlier misconceptions: the first that matches a typed answer is the one
        # shown. (A formula is matched at several points, so equal values here do not make it shadow.)
        earlier: list[tuple[Any, np.ndarray]] = []
        for i, misconception in enumerate(q.misconceptions):
            wrong, problem = _author_value(misconception.answer, variables)
            spot = where + ("misconceptions", i, "answer")
            if problem:
                problems.append(located.problem(spot, f"misconception: {problem}"))
            elif agrees(wrong, expectation.value, tolerance):
                problems.append(located.problem(spot, "this misconception equals the correct answer"))
            elif isinstance(misconception.answer, str):
                continue
            elif (shadowing := next((a for a, value in earlier if agrees(wrong, value, tolerance)), None)) is not None:
                problems.append(located.problem(spot, (
                    f"this misconception equals the earlier one '{shadowing}', which is matched first, "
                    "so its message is never shown: remove it or merge the two messages")))
            else:
                earlier.append((misconception.answer, wrong))
    return problems


def _checkable_by_the_app(lesson: Lesson, located: Located, built: Built) -> list[Problem]:
    """The checker takes every node's value as a variable: one it refuses leaves no question checkable."""
    from backprop_tui.answers.env import make_env
    from backprop_tui.lessons.quiz import learner_variables

    for name, value in learner_variables(built.trace).items():
        try:
            make_env({name: value})
        except ValueError as error:
            owner = built.owners.get(name, name)
            where = ("inputs", owner) if owner in lesson.inputs else ("nodes", owner)
            return [located.problem(where, f"the app could not check answers in this lesson: {error}")]
    return []


def _author_value(raw: Any, variables: Mapping[str, np.ndarray]) -> tuple[np.ndarray | None, str | None]:
    if isinstance(raw, str):
        from backprop_tui.answers import AnswerError, evaluate

        try:
            return np.asarray(evaluate(raw, variables), dtype=float), None
        except AnswerError as error:
            return None, f"'{raw}': {error}"
    try:
        return to_array(raw), None
    except ValueProblem as error:
        return None, str(error)


def agrees(a: np.ndarray, b: np.ndarray, tolerance: float) -> bool:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=tolerance, atol=1e-9))


def _show(value) -> str:
    return fmt.value(value, digits=8)
