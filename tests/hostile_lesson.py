"""A valid lesson whose every text is Rich/Textual markup: it must be shown as written.

Parsed as markup, its first note would be a link that runs `app.screenshot` into `target`
when clicked, `[/]` would raise MarkupError and `s[y]` would lose its `[y]`.
"""

from __future__ import annotations

from pathlib import Path

CLICK = "[@click=app.screenshot('pwned.svg','{target}')]CLICK HERE[/]"
TAIL = "s[y] [bold]loud[/bold] [/]"


def hostile(target: Path, where: str) -> str:
    return f"{CLICK.format(target=target)} {where} {TAIL}"


def write_hostile_lesson(folder: Path, target: Path) -> Path:
    """The lesson file `folder`/hostile.yaml; a parsed click would write into `target`."""

    def text(where: str) -> str:
        return '"' + hostile(target, where) + '"'

    lesson = f"""\
format: 1
id: hostile-text
title: {text("title")}
summary: {text("summary")}
tags: [{text("tag")}]
inputs:
  x: 2
  y: 3
nodes:
  f: {{op: mul, inputs: [x, y], label: "s[y] [/]"}}
output: f
notes:
  forward.x: {text("note")}
  forward.y: {text("note y")}
  forward.f: {text("note f")}
  backward.f: {text("note back")}
  backward.x: {text("note x")}
  backward.y: {text("note back y")}
questions:
  - id: d-x
    at: backward.f
    ask: {text("ask")}
    expect: grad.x
    answer: y
    hints: [{text("hint")}]
    explain: {text("explain")}
    misconceptions:
      - answer: x
        message: {text("misconception")}
  - id: pick
    at: forward.f
    ask: {text("ask pick")}
    choices: [{text("choice a")}, {text("choice b")}]
    answer: {text("choice b")}
    hints: [{text("hint pick")}]
"""
    path = folder / "hostile.yaml"
    path.write_text(lesson, encoding="utf-8")
    return path
