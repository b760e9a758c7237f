"""`backprop-tui walk`: a lesson's step-through as text, with narration and questions at their steps."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from backprop_tui.engine.export import trace_to_dict
from backprop_tui.lessons.load import LoadedLesson, PreparedQuestion
from backprop_tui.text.trace_text import Explanations, print_trace


def print_walk(
    console: Console, loaded: LoadedLesson, explanations: Explanations, *, show_answers: bool = False
) -> None:
    lesson = loaded.lesson
    console.print(Text(lesson.title, style="bold"))
    console.print(Text(lesson.summary, style="italic"))
    console.print()

    def extras(step) -> list[Text]:
        lines = []
        note = loaded.notes.get(step.key)
        if note:
            lines.append(Text(f"    ▸ {note}", style="cyan"))
        for question in loaded.questions_at(step.key):
            lines += _question_lines(question, show_answers)
        return lines

    print_trace(console, loaded.trace, explanations, extras)


def _question_lines(question: PreparedQuestion, show_answers: bool) -> list[Text]:
    lines = [Text(f"    ? {question.ask}", style="bold yellow")]
    for letter, choice in zip("abcdefgh", question.question.choices or ()):
        lines.append(Text(f"        {letter}) {choice}"))
    if show_answers:
        lines.append(Text(f"      answer: {_answer(question)}", style="yellow"))
    return lines


def walk_to_dict(loaded: LoadedLesson, explanations: Explanations, *, show_answers: bool = False) -> dict:
    data = trace_to_dict(loaded.trace, explanations)
    lesson = loaded.lesson
    data["lesson"] = {"id": lesson.id, "title": lesson.title, "summary": lesson.summary}
    data["notes"] = dict(loaded.notes)
    data["questions"] = [_question_dict(q, show_answers) for q in loaded.questions]
    return data


def _question_dict(question: PreparedQuestion, show_answers: bool) -> dict:
    entry = {"id": question.id, "at": question.question.at, "ask": question.ask, "hints": list(question.hints)}
    if question.question.choices is not None:
        entry["choices"] = list(question.question.choices)
    if show_answers:
        entry["answer"] = _answer(question)
    return entry


def _answer(question: PreparedQuestion) -> str:
    from backprop_tui.lessons.quiz import answer_text  # the answer checker's modules: only for --answers

    return answer_text(question)
