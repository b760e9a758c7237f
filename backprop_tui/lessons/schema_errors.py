"""pydantic's validation errors as `file:line:col: message` problems a lesson author can act on."""

from __future__ import annotations

import dataclasses
import difflib
import functools

from pydantic import TypeAdapter, ValidationError

from backprop_tui.lessons.model import (
    EXPECT_FORMS, EXPECT_KINDS, EXPECT_PATTERN, Course, CourseEntry, GeneratedTensor, Lesson, Misconception, NodeSpec,
    Question, Training, VariedInput, Vary,
)
from backprop_tui.lessons.source import Located, Problem

KNOWN_KEYS = sorted(
    {field.metadata.get("alias", field.name)
     for model in (Lesson, NodeSpec, Question, Misconception, GeneratedTensor, VariedInput, Vary, Training, Course, CourseEntry)
     for field in dataclasses.fields(model)}
)


def validate(model: type, located: Located):
    """The model, or a list of problems."""
    return validate_part(model, located.data, located, ())


def validate_part(model: type, data, located: Located, at: tuple):
    """The model read from `data`, the part of the file at path `at`, or a list of problems."""
    try:
        return validator(model).validate_python(data), []
    except ValidationError as error:
        errors = [{**e, "loc": at + e["loc"]} for e in error.errors(include_url=False)]
    # a misspelt required key is also missing: report the misspelling only
    misspelt = {(e["loc"][:-1], _guess(str(e["loc"][-1]))) for e in errors if e["type"] == "unexpected_keyword_argument"}
    return None, [
        _problem(located, e) for e in errors if not (e["type"] == "missing" and (e["loc"][:-1], e["loc"][-1]) in misspelt)
    ]


@functools.cache
def validator(model: type) -> TypeAdapter:
    """pydantic's validator of a format class (built once, when first needed)."""
    return TypeAdapter(model)


def _guess(key: str) -> str | None:
    """A known key close to `key`; never `key` itself (a key of another kind of file, e.g. a
    course's `lessons` in a lesson, is not misspelt)."""
    return next(iter(difflib.get_close_matches(key, [k for k in KNOWN_KEYS if k != key], n=1)), None)


def _problem(located: Located, error: dict) -> Problem:
    loc = tuple(part for part in error["loc"] if part != "[key]")
    kind = error["type"]
    if kind == "unexpected_keyword_argument":
        key = str(loc[-1])
        guess = _guess(key)
        hint = f" (did you mean '{guess}'?)" if guess else ""
        return located.problem(loc, f"unknown key '{key}'{hint}", at_key=True)
    if kind == "missing":
        return located.problem(loc[:-1], f"missing key '{loc[-1]}'")
    if "[key]" in error["loc"]:
        return located.problem(loc, f"'{loc[-1]}' is not a valid name: {_message(error)}", at_key=True)
    where = ".".join(str(p) for p in loc)
    return located.problem(loc, f"{where}: {_message(error)}" if where else _message(error))


def _message(error: dict) -> str:
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        if pattern == EXPECT_PATTERN:
            return _expect_message(error["input"])
        if "forward|backward" in pattern:
            return f"'{error['input']}' is not a step: write forward.NODE or backward.NODE"
        if "a-z0-9-" in pattern:
            return f"'{error['input']}' is not a valid id: use lowercase letters, digits and '-'"
        return f"'{error['input']}' is not a valid name: a letter, then letters, digits or '_'"
    if error["type"] == "literal_error" and error["loc"] == ("format",):
        return f"unsupported format {error['input']!r}; this version reads format 1"
    return message


def _expect_message(expect: str) -> str:
    kind, _, names = expect.partition(".")
    guess = difflib.get_close_matches(kind, EXPECT_KINDS, n=1)
    if guess and guess[0] != kind and names.count(".") + 1 == EXPECT_KINDS[guess[0]]:
        return f"'{expect}' is not a form the engine computes (did you mean '{guess[0]}.{names}'?)"
    return f"'{expect}' must be {EXPECT_FORMS}"
