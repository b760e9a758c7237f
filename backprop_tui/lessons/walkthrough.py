"""What the stepper shows: a trace with its title, narration, questions and layout hints.

A lesson file and a bare `expr` program both become a Walkthrough, so the app has one
thing to render. A walkthrough without an id (an `expr`) saves no progress.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from backprop_tui.engine.trace import Trace
from backprop_tui.lessons.load import LoadedLesson, PreparedQuestion


@dataclass(frozen=True)
class Walkthrough:
    id: str | None
    title: str
    summary: str
    trace: Trace
    notes: Mapping[str, str] = field(default_factory=dict)
    questions: tuple[PreparedQuestion, ...] = ()
    hints: Mapping[str, tuple[int | None, int | None]] = field(default_factory=dict)  # node -> (rank, order)
    predict_every_step: bool = False
    demo: str | None = None

    @classmethod
    def from_lesson(cls, loaded: LoadedLesson) -> Walkthrough:
        lesson = loaded.lesson
        hints = {name: (spec.rank, spec.order) for name, spec in lesson.nodes.items() if spec.rank or spec.order}
        return cls(
            id=lesson.id,
            title=lesson.title,
            summary=lesson.summary,
            trace=loaded.trace,
            notes=loaded.notes,
            questions=loaded.questions,
            hints=hints,
            predict_every_step=lesson.predict_every_step,
            demo=lesson.demo,
        )

    @classmethod
    def from_trace(cls, title: str, trace: Trace) -> Walkthrough:
        return cls(id=None, title=title, summary="", trace=trace)

    def questions_at(self, step_key: str) -> list[PreparedQuestion]:
        return [q for q in self.questions if q.question.at == step_key]

    @property
    def variables(self) -> dict:
        return dict(self.trace.values)
