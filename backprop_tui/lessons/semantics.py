"""The semantic pass: build the lesson's graph, run it, and check everything that refers to it.

Every problem found is reported (with its line) rather than stopping at the first.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping

import numpy as np

from backprop_tui.engine.init import initial_weights
from backprop_tui.engine.graph import Graph, GraphError, Node, node_problems
from backprop_tui.engine.statements import StatementError, parse_node_expression
from backprop_tui.engine.trace import Trace, run
from backprop_tui.engine.values import to_array
from backprop_tui.layout.place import MAX_TITLE
from backprop_tui.lessons.expectations import Expectation, ExpectationError, parse_expectation
from backprop_tui.lessons.files import Problem
from backprop_tui.lessons.format_records import from_data
from backprop_tui.lessons.located import Located
from backprop_tui.lessons.model import GeneratedTensor, Lesson, input_form
from backprop_tui.lessons.templates import FIELD
from backprop_tui.records import frozen_dataclass


@frozen_dataclass
class Built:
    graph: Graph
    inputs: Mapping[str, np.ndarray]
    trace: Trace
    owners: Mapping[str, str]  # graph node -> the lesson node (or input) it belongs to
    updated: Mapping[str, np.ndarray] | None = None  # inputs after one training step
    after: Trace | None = None  # the graph run again on the updated inputs


def build(lesson: Lesson, located: Located, *, inputs_checked: bool = False) -> tuple[Built | None, list[Problem]]:
    """The graph built and run; `inputs_checked`: the inputs' mappings passed validation before."""
    problems: list[Problem] = []
    inputs = _inputs(lesson, located, problems, inputs_checked)
    nodes, owners = _nodes(lesson, located, problems)
    nodes += [Node(name) for name in lesson.inputs]
    owners.update({name: name for name in lesson.inputs})
    by_name = {n.name: n for n in nodes}
    for problem in node_problems(by_name):
        problems.append(_locate(problem, owners, lesson, located))
    if not problems:  # a misspelt name would also leave its input unused: report the name only
        problems += _unused_inputs(lesson, located, nodes)
        problems += _names_cut_in_their_box(lesson, located)
    if problems:
        return None, problems
    try:
        graph = Graph.from_nodes(nodes, lesson.output)
        trace = run(graph, inputs)
    except GraphError as error:
        return None, [_locate(error, owners, lesson, located)]
    built = Built(graph, inputs, trace, owners)
    if lesson.train is None:
        return built, []
    return _train(lesson, located, built)


def _unused_inputs(lesson: Lesson, located: Located, nodes: list[Node]) -> list[Problem]:
    used = {source for node in nodes for source in node.inputs} | {lesson.output}
    return [
        located.problem(("inputs", name), f"no node uses the input '{name}': use it in a node or remove it", at_key=True)
        for name in lesson.inputs
        if name not in used
    ]


def _names_cut_in_their_box(lesson: Lesson, located: Located) -> list[Problem]:
    """The graph box of an input or a named node shows its name, cut to MAX_TITLE characters."""
    too_long = [(part, name) for part in ("inputs", "nodes") for name in getattr(lesson, part) if len(name) > MAX_TITLE]
    if not too_long:
        return []
    from backprop_tui.layout.grid import fit_text  # the graph's layout: a lesson that passes needs none to print

    return [
        located.problem((part, name), (
            f"the name '{name}' shows as '{fit_text(name, MAX_TITLE)}' in its graph box, which holds {MAX_TITLE} "
            f"characters: use a shorter name (a note can say more)"), at_key=True)
        for part, name in too_long
    ]


def _train(lesson: Lesson, located: Located, built: Built) -> tuple[Built | None, list[Problem]]:
    rate, names = lesson.train.learning_rate, lesson.train.update
    problems = [
        located.problem(("train", "update", i), f"'{name}' is not an input that takes a gradient")
        for i, name in enumerate(names)
        if name not in lesson.inputs or name not in built.trace.grads
    ]
    if problems:
        return None, problems
    with np.errstate(over="ignore", invalid="ignore"):
        updated = {name: built.inputs[name] - rate * built.trace.grads[name] for name in names}
    overflowed = [name for name, value in updated.items() if not np.all(np.isfinite(value))]
    if overflowed:
        return None, [located.problem(("train", "learning_rate"), f"the training step takes '{overflowed[0]}' "
                                      "beyond the largest float: use a smaller learning rate")]
    try:
        after = run(built.graph, {**built.inputs, **updated})
    except GraphError as error:
        return None, [located.problem(("train",), f"after the training step: {error.message}")]
    return Built(built.graph, built.inputs, built.trace, built.owners, updated, after), []


def _inputs(lesson: Lesson, located: Located, problems: list[Problem], checked: bool) -> dict[str, np.ndarray]:
    arrays = {}
    for name, raw in lesson.inputs.items():
        if (form := input_form(raw)) is not None:
            spec, spec_problems = (from_data(form, raw), []) if checked else _validated(form, raw, located, name)
            problems += spec_problems
            if spec is None:
                continue
        try:
            if form is not None:
                raw = generated(spec) if form is GeneratedTensor else spec.value
            arrays[name] = to_array(raw, name)
        except ValueError as error:  # ValueProblem, an unknown initializer
            problems.append(located.problem(("inputs", name), f"input '{name}': {str(error).splitlines()[0]}"))
    return arrays


def _validated(form: type, raw, located: Located, name: str):
    from backprop_tui.lessons.schema_errors import validate_part  # pydantic

    return validate_part(form, raw, located, ("inputs", name))


def generated(spec: GeneratedTensor) -> np.ndarray:
    """A lesson's W multiplies as W @ x: its shape is (fan_out, fan_in)."""
    shape = tuple(spec.shape)
    fan_in = shape[-1] if len(shape) > 1 else shape[0]
    weights = initial_weights(spec.init, shape, fan_in=fan_in, fan_out=shape[0],
                              rng=np.random.default_rng(spec.seed))
    return weights * spec.scale


def _nodes(lesson: Lesson, located: Located, problems: list[Problem]):
    taken = set(lesson.inputs) | set(lesson.nodes)
    nodes: list[Node] = []
    owners: dict[str, str] = {}
    for name, spec in lesson.nodes.items():
        if name in lesson.inputs:
            problems.append(located.problem(("nodes", name), f"'{name}' is both an input and a node", at_key=True))
            continue
        if spec.expr is not None:
            try:
                made = parse_node_expression(name, spec.expr, taken)
            except StatementError as error:
                column = f" (column {error.column})" if error.column else ""
                problems.append(located.problem(("nodes", name), f"node '{name}': {error.message}{column}"))
                continue
        else:
            made = _op_node(name, spec)
        if spec.label:
            made[-1] = Node(made[-1].name, made[-1].op, made[-1].inputs, spec.label, made[-1].source, made[-1].value)
        taken.update(n.name for n in made)
        nodes += made
        owners.update({n.name: name for n in made})
    return nodes, owners


def _op_node(name: str, spec) -> list[Node]:
    made, inputs = [], []
    for slot, item in enumerate(spec.inputs):
        if isinstance(item, str):
            inputs.append(item)
            continue
        constant = f"{name}#{slot + 1}"
        made.append(Node(constant, "const", label=f"{item:g}", source=name, value=float(item)))
        inputs.append(constant)
    made.append(Node(name, spec.op, tuple(inputs)))
    return made


def _locate(error: GraphError, owners, lesson: Lesson, located: Located) -> Problem:
    owner = owners.get(error.node or "")
    if owner in lesson.nodes:
        return located.problem(("nodes", owner), error.message)
    if owner in lesson.inputs:
        return located.problem(("inputs", owner), error.message)
    if "output" in error.message:
        return located.problem(("output",), error.message)
    return located.problem(("nodes",), error.message)


def check_references(lesson: Lesson, located: Located, built: Built) -> tuple[dict[str, Expectation], list[Problem]]:
    """Notes and questions name existing steps; each question's expectation is computable."""
    problems: list[Problem] = []
    steps = {step.key for step in built.trace.steps}
    for key in lesson.notes:
        if key not in steps:
            problems.append(located.problem(("notes", key), not_a_step(key, steps, built.trace), at_key=True))
    expectations: dict[str, Expectation] = {}
    seen: set[str] = set()
    for index, question in enumerate(lesson.questions):
        where = ("questions", index)
        if question.id in seen:
            problems.append(located.problem(where + ("id",), f"the question id '{question.id}' is used twice"))
        seen.add(question.id)
        if question.at not in steps:
            problems.append(located.problem(where + ("at",), not_a_step(question.at, steps, built.trace)))
        if question.expect is not None:
            try:
                expectations[question.id] = parse_expectation(
                    question.expect, built.trace, built.updated, built.after
                )
            except ExpectationError as error:
                problems.append(located.problem(where + ("expect",), str(error)))
        phase, _, node = question.at.partition(".")
        if phase == "backward" and question.expect == f"grad.{node}":
            problems.append(
                located.problem(
                    where + ("at",),
                    f"the step {question.at} shows {question.expect} as its upstream gradient: "
                    "ask it at the step of a node that sends it",
                )
            )
    return expectations, problems + _give_aways(lesson, located, built)


def not_a_step(key: str, steps: Collection[str], trace: Trace) -> str:
    name = key.partition(".")[2]
    if name in trace.values:  # an input without a gradient (a class index) has a forward step only
        return f"'{key}' is not a step of this lesson: '{name}' takes no gradient; write forward.{name}"
    guess = difflib.get_close_matches(key, steps, n=1)
    hint = f" (did you mean '{guess[0]}'?)" if guess else ""
    return f"'{key}' is not a step of this lesson: there is no input or node '{name}'{hint}"


def _give_aways(lesson: Lesson, located: Located, built: Built) -> list[Problem]:
    """A note or hint must not print the answer of a question that is still pending when it shows.

    A hint shows while its question is pending; a note shows at its step, except that the app
    holds it back while a question of that same step is pending, so only earlier notes give away."""
    order = {step.key: index for index, step in enumerate(built.trace.steps)}
    pending = [q for q in lesson.questions if q.expect is not None and q.at in order]
    texts = [(("notes", key), order.get(key), note, False) for key, note in lesson.notes.items()]
    for index, question in enumerate(lesson.questions):
        texts += [
            (("questions", index, "hints", i), order.get(question.at), hint, True) for i, hint in enumerate(question.hints)
        ]
    problems = []
    for where, shown_at, text, shown_while_pending in texts:
        if shown_at is None:
            continue
        for field in dict.fromkeys(match.group(1) for match in FIELD.finditer(text)):
            for question in pending:
                asked = order[question.at]
                if field == question.expect and (shown_at < asked or shown_while_pending and shown_at == asked):
                    problems.append(located.problem(where, (
                        f"{{{field}}} gives away the answer of question '{question.id}' (asked at "
                        f"{question.at}) before it is settled: quote it in the question's explain or in the note of "
                        f"{question.at} or a later step")))
    return problems
