"""`check` proves a lesson's variants: every seeded draw must keep every question sound.

A variant breaks the lesson when its graph fails (a division by zero, a log of a negative, a
number beyond a float), when a misconception or an earlier misconception equals the key, when
an `assert:` claim the narration relies on turns false, or when a node lands on a kink (relu
or abs at 0, a tie at a max) where the authored values did not: there the gradient is a
convention, not something a learner can work out. Each place is reported once, with the
first seed that breaks it and how many of the draws do.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from backprop_tui.engine import format as fmt
from backprop_tui.engine.gradcheck import kinks_crossed
from backprop_tui.engine.trace import Trace
from backprop_tui.lessons.load import LoadedLesson, prepare
from backprop_tui.lessons.semantics import Built, build
from backprop_tui.lessons.source import LessonFileError, Problem
from backprop_tui.lessons.variants import draw_variant, varied_inputs

CHECKED_VARIANTS = 50  # seeds 0, 1, ... 49: the same draws on every run and machine
_NUDGE = 1e-7  # relative: a value this close to a kink is on it


def variant_problems(loaded: LoadedLesson, seeds: Iterable[int] = range(CHECKED_VARIANTS)) -> list[Problem]:
    """The problems of the lesson's variants, one per place in the file."""
    seeds = list(seeds)
    authored_kinks = set(kinks_at(loaded.trace))
    found: dict[tuple[int, int], tuple[int, Problem, int]] = {}  # place -> (seed, problem, variants broken)
    for seed in seeds:
        variant = draw_variant(loaded.lesson, seed)
        for problem in _problems(loaded, variant, authored_kinks):
            place = (problem.line, problem.column)
            first_seed, first, count = found.get(place, (seed, problem, 0))
            found[place] = (first_seed, first, count + 1)
    return [
        Problem(problem.path, problem.line, problem.column, (
            f"variant {seed} ({_drawn(loaded, seed)}) breaks the lesson: {problem.message}"
            f" [{count} of {len(seeds)} variants break here]"))
        for seed, problem, count in found.values()
    ]


def _problems(loaded: LoadedLesson, variant, authored_kinks: set[str]) -> list[Problem]:
    located = loaded.located
    built, problems = build(variant, located)
    if built is None:
        return problems
    for node in kinks_at(built.trace):
        if node not in authored_kinks:
            problems.append(_kink_problem(loaded, built, node))
    try:  # the kink may be why a claim or a key fails: both are reported
        prepare(loaded.path, variant, located, drawn=True)
    except LessonFileError as error:
        problems += error.problems
    return problems


def _kink_problem(loaded: LoadedLesson, built: Built, node: str) -> Problem:
    owner = built.owners.get(node, node)
    where = ("nodes", owner) if owner in loaded.lesson.nodes else ("inputs", owner)
    graph_node = built.trace.graph.nodes[node]
    inputs = ", ".join(fmt.value(built.trace.values[name]) for name in graph_node.inputs)
    return loaded.located.problem(where, (
        f"{graph_node.op} {graph_node.where()} sits on its kink (inputs {inputs}): its gradient there is "
        "a convention, not a derivative; narrow the inputs' vary: or exclude the values with not:"))


def kinks_at(trace: Trace) -> tuple[str, ...]:
    """The nodes whose inputs sit on a kink: relu, abs or step at 0, a max or min with a tie, ...
    (every value nudged up and down by a tiny random amount lands on both sides of it)."""
    rng = np.random.default_rng(0)
    nudges = {name: _NUDGE * (1 + np.abs(v)) * rng.standard_normal(np.shape(v)) for name, v in trace.values.items()}
    up = {name: trace.values[name] + nudge for name, nudge in nudges.items()}
    down = {name: trace.values[name] - nudge for name, nudge in nudges.items()}
    return kinks_crossed(trace.graph, [up, down])


def _drawn(loaded: LoadedLesson, seed: int) -> str:
    """The varied inputs of a variant, as a learner would see them: `x = 3, W seed 81`."""
    variant = draw_variant(loaded.lesson, seed)
    parts = []
    for name in varied_inputs(loaded.lesson):
        raw = variant.inputs[name]
        parts.append(f"{name} seed {raw['seed']}" if isinstance(raw, dict) else f"{name} = {fmt.value(raw)}")
    return ", ".join(parts)
