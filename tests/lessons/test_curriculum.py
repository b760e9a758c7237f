"""What the bundled lessons teach stays true: rules over their text and the engine's numbers.

Each test guards a fix found by comparing the lessons with the lecture notes (issue 15).
"""

import functools
import inspect
import re
from pathlib import Path

import numpy as np
import pytest

from backprop_tui.engine.gradcheck import gradient_check
from backprop_tui.engine.trace import forward_values
from backprop_tui.lessons.catalog import lesson_files
from backprop_tui.lessons.load import load_lesson

LESSONS = Path(__file__).parent.parent.parent / "lessons"
BUNDLED = lesson_files([LESSONS])


@functools.cache
def loaded_lesson(path: Path):
    return load_lesson(path)


def lesson(lesson_id: str):
    return loaded_lesson(LESSONS / f"{lesson_id}.yaml")


def raw_texts(loaded) -> list[str]:
    """Every piece of text an author wrote, before the numbers are filled in."""
    texts = list(loaded.lesson.notes.values())
    for q in loaded.lesson.questions:
        texts += [q.ask, *q.hints, q.explain or "", *(m.message for m in q.misconceptions)]
    return texts


def question(loaded, question_id: str):
    return next(q for q in loaded.questions if q.id == question_id)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_local_and_downstream_questions_at_one_step_differ_in_value(path):
    # Asking "local ∂f/∂q" and "what f sends to q" back to back teaches nothing when the two
    # numbers coincide (upstream 1 at the output): the learner cannot tell them apart.
    loaded = loaded_lesson(path)
    for step in {q.question.at for q in loaded.questions}:
        asked = {q.question.expect: q.expected for q in loaded.questions_at(step) if q.expected is not None}
        for expect, value in asked.items():
            if not expect.startswith("local."):
                continue
            _, node, name = expect.split(".")
            for twin in (f"downstream.{node}.{name}", f"grad.{name}"):
                if twin in asked:
                    assert not np.allclose(asked[twin], value), f"{step}: {expect} and {twin} are both {value}"


def test_gradient_check_lesson_states_the_engines_step():
    loaded = lesson("numerical-gradient-check")
    step = inspect.signature(gradient_check).parameters["h"].default
    stated = [float(h) for text in raw_texts(loaded) for h in re.findall(r"(?<!coarse )\bh = ([0-9.]+e-?\d+)", text)]
    assert stated and all(h == step for h in stated), f"lesson 13 says h = {stated}, the engine uses {step}"


def test_relative_error_question_states_method_and_step():
    ask = question(lesson("numerical-gradient-check"), "read-relative-error").ask
    assert "centered difference" in ask and re.search(r"\bh = ", ask)


def test_one_sided_coarse_difference_is_off_by_a_few_percent_with_correct_backprop():
    # The lesson claims it; check the claim on the lesson's own function.
    loaded = lesson("numerical-gradient-check")
    graph, values = loaded.trace.graph, dict(loaded.built.inputs)
    h = 0.1
    nudged = {**values, "w": values["w"] + h}
    one_sided = (forward_values(graph, nudged)["f"] - loaded.trace.values["f"]) / h
    analytic = loaded.trace.grads["w"]
    error = abs(one_sided - analytic) / max(abs(one_sided), abs(analytic))
    assert 1e-2 < error < 1e-1
    assert gradient_check(graph, values, "w").relative_error < 1e-7


def test_television_ends_on_the_wrong_side_after_fine_tuning():
    loaded = lesson("retraining-word-vectors")
    before = loaded.trace.values["scores"]
    after = loaded.built.after.values["scores"]
    tv, telly, television, radio = range(4)
    assert before[television] > 0 and after[television] < 0
    assert after[tv] > 0 and after[telly] > 0 and after[radio] < 0
    assert not loaded.trace.grads["television"].any()


def test_fine_tuning_rule_follows_the_notes():
    explain = question(lesson("retraining-word-vectors"), "fine-tune-or-not").explain
    assert "a million words" in explain and "100 million words" in explain
    assert "hundreds of thousands" not in explain


def test_window_lesson_says_which_parameters_the_step_updated():
    loaded = lesson("window-word-vectors")
    assert set(loaded.lesson.train.update) >= {"W", "b", "u"}
    (text,) = [note for note in loaded.lesson.notes.values() if "{after.s}" in note]
    assert "W, b and u" in text


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_no_lesson_claims_a_penalty_makes_a_model_generalize(path):
    for text in raw_texts(loaded_lesson(path)):
        assert not re.search(r"so the model generali[sz]es|which reduces overfitting", text), text


def test_readme_lists_the_course_in_order():
    import yaml

    from backprop_tui.lessons.catalog import discover

    readme = (LESSONS.parent / "README.md").read_text(encoding="utf-8")
    course = readme.split("## The course", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\s+- \*(.+?)\* — ", course, flags=re.MULTILINE)
    order = [entry["id"] for entry in yaml.safe_load((LESSONS / "course.yaml").read_text())["lessons"]]
    titles = {info.id: info.title for info in discover().lessons}
    # The README may drop a title's part after a colon ("Gradient flow patterns: add, max, mul").
    assert listed == [titles[lesson_id].split(":")[0] if titles[lesson_id].split(":")[0] in listed
                      else titles[lesson_id] for lesson_id in order]


def test_overfitting_lesson_shows_the_tug_of_war_it_narrates():
    loaded = lesson("overfitting-and-regularization")
    values = loaded.trace.values

    def pull(node):
        return next(g.downstream for g in loaded.trace.step(f"backward.{node}").gradients if g.input == "w")

    assert values["held"] > values["train"]
    assert pull("p_h") > 0 > pull("p_tr")  # the held-out loss wants a smaller w, the training loss a larger


def three_digits(value) -> str:
    value = np.asarray(value, dtype=float)
    if value.ndim == 0:
        return f"{float(value):.3g}"
    return "[" + ", ".join(three_digits(item) for item in value) + "]"


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_a_number_typed_to_three_digits_is_accepted(path):
    # The lessons tell learners that 3–4 digits are enough; no question may demand more.
    from backprop_tui.lessons.quiz import Quiz
    from backprop_tui.lessons.walkthrough import Walkthrough

    walk = Walkthrough.from_lesson(loaded_lesson(path))
    quiz = Quiz(walk, None, restore=False)
    for question in walk.questions:
        if question.expected is not None and not question.id.startswith("predict-"):
            typed = three_digits(question.expected)
            assert quiz.judge(question, typed).correct, f"{question.id}: {typed}"


def test_hinge_lesson_shows_the_broadcast_sum_at_s_y():
    # s_y is one number subtracted from every class's score: its gradient is a sum, not an
    # element-by-element product (the inspector once said the latter).
    from backprop_tui.engine.explain import explain

    trace = lesson("svm-hinge-loss").trace
    (term,) = [t for t in explain(trace, trace.step("backward.gap")).inputs if t.input == "s_y"]
    assert "Σ" in term.worked and "element by element" not in term.rule


def test_a_gate_rule_names_only_the_gates_own_inputs():
    """Lesson 2 squares t: its power rule must not speak of an x that is not the gate's input."""
    from backprop_tui.engine.explain import explain_trace

    explanations = [e for e in explain_trace(lesson("chain-rule").trace) if e is not None]
    assert any("power rule" in e.rule for e in explanations)
    for explanation in explanations:
        inputs = {term.input for term in explanation.inputs}
        for variable in re.findall(r"\b([a-z])\^", explanation.rule):
            assert variable in inputs, explanation.rule


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_no_label_only_restates_the_formula_the_app_writes_itself(path):
    from backprop_tui.engine.formula import written

    loaded = loaded_lesson(path)
    nodes = loaded.trace.graph.nodes
    for name, spec in loaded.lesson.nodes.items():
        if spec.label:
            label, formula = (text.replace(" ", "") for text in (spec.label, written(nodes, name)))
            assert label not in (formula, f"{name}={formula}"), f"{name}: drop the label {spec.label!r}"
