"""`check --strict`: numbers typed by hand in lesson text that the engine computes.

Such a number goes stale when an input changes; a template (`{grad.x:.4f}`) prints it from
the engine. What counts (FORMAT.md says the same to authors):
- a number in a note, question, hint, explanation or misconception message, outside templates;
- a decimal with at least MIN_DIGITS significant digits, or a whole number from SCREEN_INTEGER
  up: `0.5`, `0.25`, `2` or `20` in prose is a constant (a rate, a bound, an epoch) more often
  than a computed value, so it is never flagged;
- it equals a scalar the engine computes exactly as a template would print it: the plain
  template, or one with as many decimals as were typed, renders the typed text (a typed `−` is
  a `-`). That is the template suggested, so taking it changes nothing the learner sees.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

import numpy as np

from backprop_tui.answers.parse import SCREEN_INTEGER
from backprop_tui.lessons.expectations import ExpectationError, parse_expectation
from backprop_tui.lessons.load import LoadedLesson
from backprop_tui.lessons.model import Lesson
from backprop_tui.lessons.source import Located, Problem, read_text, read_yaml
from backprop_tui.lessons.templates import render

MIN_DIGITS = 3
_EDGE = "0-9A-Za-z_"
NUMBER = re.compile(rf"(?<![{_EDGE}.])(?P<sign>[-−]?)(?P<body>\d+(?:\.\d+)?)(?![{_EDGE}]|\.\d)")
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_ALSO = 3  # other fields named when several print the same number


def hand_typed_numbers(loaded: LoadedLesson) -> list[Problem]:
    """A warning for each number in the lesson's text that a template should print."""
    lookup = _lookup(loaded)
    fields = _scalar_fields(loaded, lookup)

    def shows(template: str) -> str:  # as the app renders it, with the lesson's digits
        return render(template, lookup, loaded.lesson.digits)

    located = loaded.located or read_yaml(loaded.path)
    source = read_text(loaded.path)
    warnings = []
    for where, text in lesson_texts(loaded.lesson):
        seen: dict[str, int] = {}
        for match in NUMBER.finditer(text):
            body = match["body"]
            seen[body] = seen.get(body, 0) + 1
            typed = ("-" if match["sign"] else "") + body
            if not _counts(body):
                continue
            printing = _templates_printing(typed, body, fields, shows)
            if printing:
                (field, template), others = printing[0], [field for field, _ in printing[1:_ALSO + 1]]
                start = _value_start(source, located, where)
                index = _number_index(source, start, body, seen[body])
                before = source[:index]
                warnings.append(Problem(located.file, before.count("\n") + 1, index - before.rfind("\n"), (
                    f"warning: {match[0]} is {field} typed by hand: write {template} instead"
                    f"{_quotes_needed(source, start, index)}, which prints the same"
                    + (f" (also equal: {', '.join(others)})" if others else ""))))
    return warnings


def lesson_texts(lesson: Lesson) -> Iterator[tuple[tuple, str]]:
    """(YAML path, raw text) of every text the app renders templates in."""
    for key, note in lesson.notes.items():
        yield ("notes", key), note
    for index, question in enumerate(lesson.questions):
        where = ("questions", index)
        yield where + ("ask",), question.ask
        for i, hint in enumerate(question.hints):
            yield where + ("hints", i), hint
        if question.explain:
            yield where + ("explain",), question.explain
        for i, misconception in enumerate(question.misconceptions):
            yield where + ("misconceptions", i, "message"), misconception.message


def _counts(body: str) -> bool:
    if "." not in body:
        return int(body) >= SCREEN_INTEGER
    return len(body.replace(".", "").lstrip("0")) >= MIN_DIGITS


def _lookup(loaded: LoadedLesson) -> Callable[[str], np.ndarray]:
    built = loaded.built

    @functools.cache
    def lookup(field: str) -> np.ndarray:
        return parse_expectation(field, built.trace, built.updated, built.after).value

    return lookup


def _scalar_fields(loaded: LoadedLesson, lookup) -> list[str]:
    """Every scalar a template may quote, values and gradients first (numeric/relerr rerun the graph: left out)."""
    trace, built = loaded.trace, loaded.built
    named = [name for name in trace.values if _NAME.match(name)]
    fields = [f"value.{n}" for n in named] + [f"grad.{n}" for n in named if n in trace.grads]
    for step in trace.steps:
        if step.phase == "backward":
            inputs = [i for i in dict.fromkeys(step.inputs) if _NAME.match(i)]
            fields += [f"{kind}.{step.node}.{i}" for kind in ("local", "downstream") for i in inputs]
    if built.updated is not None:
        fields += [f"updated.{n}" for n in built.updated] + [f"after.{n}" for n in named]
    return [field for field in fields if _is_scalar(field, lookup)]


def _is_scalar(field: str, lookup) -> bool:
    try:
        return np.ndim(lookup(field)) == 0
    except ExpectationError:  # a local gradient that is a Jacobian, an input that takes no gradient
        return False


def _templates_printing(typed: str, body: str, fields: list[str], shows) -> list[tuple[str, str]]:
    """(field, template) for each field a template prints as `typed`: plain, or with the typed decimals."""
    decimals = len(body.partition(".")[2])
    found = []
    for field in fields:
        template = next((t for t in ("{" + field + "}", "{" + field + f":.{decimals}f}}") if shows(t) == typed), None)
        if template:
            found.append((field, template))
    return found


def _value_start(source: str, located: Located, where: tuple) -> int:
    line, column = located.position(where)
    return sum(len(text) for text in source.splitlines(keepends=True)[: line - 1]) + column - 1


def _number_index(source: str, start: int, body: str, occurrence: int) -> int:
    """Where the number is in the file (at its sign): its `occurrence`-th appearance from the start
    of the text's YAML value (a number never spans lines, so folding and quoting leave it as typed)."""
    pattern = re.compile(rf"(?<![{_EDGE}.]){re.escape(body)}(?![{_EDGE}]|\.\d)")
    for count, match in enumerate(pattern.finditer(source, start), start=1):
        if count == occurrence:
            return match.start() - (match.start() > start and source[match.start() - 1] in "-−")
    return start


def _quotes_needed(source: str, start: int, index: int) -> str:
    """A brace breaks a plain (unquoted) YAML value inside [...] or at its start."""
    if source[start] in "'\"|>":
        return ""
    if source[:start].rstrip().endswith(("[", ",")):
        return " and quote the item (a plain item of a [...] list cannot hold braces)"
    if index == start:
        return " and quote the text (a plain YAML value cannot start with a brace)"
    return ""
