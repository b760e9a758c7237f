"""What the stepper shows: a trace with its title, narration, questions and layout hints.

A lesson file and a bare `expr` program both become a Walkthrough, so the app has one
thing to render. A walkthrough without an id (an `expr`) saves no progress.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import field
from pathlib import Path

from backprop_tui.engine.explain import Explanation, explain_trace, remembered
from backprop_tui.engine.trace import BACKWARD, Trace
from backprop_tui.lessons.expectations import parse_expectation
from backprop_tui.lessons.load import LoadedLesson, PreparedQuestion
from backprop_tui.lessons.model import Question
from backprop_tui.lessons.notation_memory import NotationMemory, memory_in
from backprop_tui.lessons.variants import variant_or_authored
from backprop_tui.records import frozen_dataclass


class Explanations(Sequence):
    """What each backward step teaches, by step index (None for forward steps), made from the
    trace when first needed. Their formulas take SymPy: the lesson screen shows its first
    frame without them and has `make` run in a worker (`ready` tells whether it has).
    With a `memory` (the data dir's), formulas written before are taken from it and new ones
    added: a trace whose gates are all remembered is explained without SymPy."""

    def __init__(self, trace: Trace, memory: NotationMemory | None = None) -> None:
        self._trace = trace
        self.memory = memory
        self._made: tuple[Explanation | None, ...] | None = None
        self._lock = threading.Lock()

    @property
    def ready(self) -> bool:
        return self._made is not None

    def make(self) -> tuple[Explanation | None, ...]:
        with self._lock:  # the worker and a reader may ask at once: made once
            if self._made is None:
                if self.memory is None:
                    self._made = explain_trace(self._trace)
                else:
                    self._made = explain_trace(self._trace, self.memory.notations)
                    self.memory.save()
        return self._made

    def make_if_remembered(self) -> bool:
        """Make them now when the memory holds every formula (no SymPy); whether they are made."""
        if not self.ready and self.memory is not None and remembered(self._trace, self.memory.notations):
            self.make()
        return self.ready

    def if_made(self, index: int) -> Explanation | None:
        """The step's explanation when they are made already, else None (never makes them)."""
        return None if self._made is None else self._made[index]

    def __getitem__(self, index: int) -> Explanation | None:
        if self._made is None and self._trace.steps[index].phase != BACKWARD:
            return None  # a forward step explains nothing: no need to make them yet
        return self.make()[index]

    def __len__(self) -> int:
        return len(self._trace.steps)


@frozen_dataclass
class Walkthrough:
    id: str | None
    title: str
    summary: str
    trace: Trace
    explanations: Explanations  # made when first read (or by a worker): see Explanations
    notes: Mapping[str, str] = field(default_factory=dict)
    questions: tuple[PreparedQuestion, ...] = ()
    layout_hints: Mapping[str, tuple[int | None, int | None]] = field(default_factory=dict)  # node -> (rank, order)
    predict_every_step: bool = False
    demo: str | None = None
    source: LoadedLesson | None = field(default=None, compare=False, repr=False)  # a quiz draws its variants from it

    @classmethod
    def from_lesson(cls, loaded: LoadedLesson, memory: NotationMemory | None = None) -> Walkthrough:
        """`memory`: the data dir's formulas, for its explanations (see Explanations)."""
        lesson = loaded.lesson
        layout_hints = {name: (spec.rank, spec.order) for name, spec in lesson.nodes.items() if spec.rank or spec.order}
        questions = loaded.questions
        if lesson.predict_every_step:
            questions += prediction_questions(loaded.trace)
        return cls(
            id=lesson.id,
            title=lesson.title,
            summary=lesson.summary,
            trace=loaded.trace,
            explanations=Explanations(loaded.trace, memory),
            notes=loaded.notes,
            questions=questions,
            layout_hints=layout_hints,
            predict_every_step=lesson.predict_every_step,
            demo=lesson.demo,
            source=loaded,
        )

    @classmethod
    def for_app(cls, loaded: LoadedLesson, data_dir: Path | None) -> Walkthrough:
        """The walkthrough the app opens, with the data dir's formulas: its explanations are
        made now when it remembers every formula they need (no SymPy), else by the lesson
        screen after its first frame."""
        walkthrough = cls.from_lesson(loaded, memory_in(data_dir))
        walkthrough.explanations.make_if_remembered()
        return walkthrough

    @classmethod
    def from_trace(cls, title: str, trace: Trace, memory: NotationMemory | None = None) -> Walkthrough:
        return cls(id=None, title=title, summary="", trace=trace, explanations=Explanations(trace, memory))

    def fresh_variant(self, seed: int | None = None) -> tuple[Walkthrough, int | None]:
        """The walkthrough on the lesson's variant for `seed` (a new seed when None) and its
        seed; itself and None when the lesson has no `vary:` or that variant breaks it. Runs
        the engine: call it from a worker thread."""
        if self.source is None:
            return self, None
        loaded, seed = variant_or_authored(self.source, seed)
        return (self, None) if seed is None else (Walkthrough.from_lesson(loaded, self.explanations.memory), seed)

    def questions_at(self, step_key: str) -> list[PreparedQuestion]:
        return [q for q in self.questions if q.question.at == step_key]


def prediction_questions(trace: Trace) -> tuple[PreparedQuestion, ...]:
    """"Predict every step": at each backward op node, its local and downstream gradient per
    scalar input (inputs that are numbers written into the formula are left out)."""
    made = []
    for step in trace.steps:
        if step.phase != BACKWARD or trace.graph.nodes[step.node].kind != "op":
            continue
        for grad in step.gradients:
            if grad.local is None or trace.graph.nodes[grad.input].kind == "const":
                continue
            made += [
                _predict(trace, step.node, grad.input, "local", f"the local gradient ∂{step.node}/∂{grad.input}",
                         "Differentiate this gate's output with respect to that input, at the forward values."),
                _predict(trace, step.node, grad.input, "downstream",
                         f"the gradient {step.node} sends back to {grad.input}",
                         "Downstream = upstream × local."),
            ]
    return tuple(made)


def _predict(trace: Trace, node: str, source: str, kind: str, what: str, hint: str) -> PreparedQuestion:
    expect = f"{kind}.{node}.{source}"
    question = Question(
        id=f"predict-{kind}-{node}-{source}".lower().replace("_", "-"),
        at=f"backward.{node}",
        ask=f"Predict {what}.",
        expect=expect,
        hints=[hint],
    )
    return PreparedQuestion(question, question.ask, (hint,), None, (), parse_expectation(expect, trace))
