"""`backprop-tui new ID`: a minimal lesson that `check` passes, to start writing from."""

from __future__ import annotations

from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from backprop_tui.lessons.model import Slug
from backprop_tui.lessons.schema import SCHEMA_FILE

STARTER = """\
# yaml-language-server: $schema={schema}
format: 1
id: {id}
title: {title}
summary: One sentence for the lesson picker.
inputs: {{x: 3, y: -4, b: 2}}
nodes:
  p: {{op: mul, inputs: [x, y]}}
  f: {{op: add, inputs: [p, b]}}
output: f
notes:
  forward.p: "x times y is {{value.p}}."
  backward.p: "The mul gate swaps: x gets upstream × y = {{grad.x}}."
questions:
  - id: d-x
    at: backward.p
    ask: What is ∂f/∂x?
    expect: grad.x   # what the engine computes
    answer: y        # your key: check verifies that it agrees
    hints: [A mul gate hands each input the other input's value times the upstream gradient.]
"""


def starter_lesson(lesson_id: str, schema: Path = SCHEMA_FILE) -> str:
    """The lesson text; ValueError when `lesson_id` is not a valid id."""
    try:
        TypeAdapter(Slug).validate_python(lesson_id)
    except ValidationError:
        raise ValueError(f"'{lesson_id}' is not a lesson id: use a-z, 0-9 and '-', "
                         "starting with a letter or digit, at most 64 characters") from None
    title = lesson_id.replace("-", " ").capitalize()
    return STARTER.format(schema=schema, id=lesson_id, title=title)
