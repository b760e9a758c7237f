import json
import re
from pathlib import Path

import pytest

from backprop_tui.cli import main
from backprop_tui.lessons.catalog import lesson_files
from backprop_tui.lessons.load import load_lesson
from backprop_tui.lessons.schema import SCHEMA_FILE, schema_text
from backprop_tui.lessons.source import LessonFileError

HERE = Path(__file__).parent
BROKEN = HERE / "broken"
LESSONS = HERE.parent.parent / "lessons"


def expected_problems() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for line in (BROKEN / "EXPECTED").read_text(encoding="utf-8").splitlines():
        name, _, problem = line.partition(":")
        table.setdefault(name, []).append(problem)
    return table


EXPECTED = expected_problems()


def test_every_broken_fixture_has_an_expectation():
    assert set(EXPECTED) == {p.name for p in BROKEN.glob("*.yaml")}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_lesson_reports_line_column_and_message(name):
    with pytest.raises(LessonFileError) as error:
        load_lesson(BROKEN / name)
    got = [f"{p.line}:{p.column}: {p.message}" for p in error.value.problems]
    assert got == EXPECTED[name]
    assert all(p.path == str(BROKEN / name) for p in error.value.problems)


def test_check_command_lists_all_problems_and_exits_1(capsys):
    assert main(["check", str(BROKEN)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == sum(len(v) for v in EXPECTED.values())
    assert all(line.startswith(str(BROKEN)) for line in out)


def test_bundled_lessons_pass_check_strict_with_no_warning(capsys):
    assert main(["check", "--strict", "--variants", "3", str(LESSONS)]) == 0  # CI's `check lessons/` draws 50
    assert capsys.readouterr().out == ""


def test_committed_schema_is_in_sync():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), "run: backprop-tui schema > " + str(SCHEMA_FILE)


@pytest.mark.parametrize("path", lesson_files([LESSONS]), ids=lambda p: p.name)
def test_bundled_lesson_points_at_the_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../backprop_tui/lessons/lesson.schema.json"


@pytest.mark.parametrize("path", lesson_files([LESSONS]), ids=lambda p: p.name)
def test_bundled_lesson_narrates_every_step_and_asks_three_questions(path):
    loaded = load_lesson(path)
    steps = {step.key for step in loaded.trace.steps}
    assert steps <= set(loaded.notes), f"steps without narration: {sorted(steps - set(loaded.notes))}"
    assert len(loaded.questions) >= 3


def test_walk_json_hides_answers_unless_asked(capsys):
    assert main(["walk", str(LESSONS / "apple-tax.yaml"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["lesson"]["id"] == "apple-tax"
    assert data["nodes"]["apple"]["grad"] == pytest.approx(2.2)
    assert all("answer" not in q for q in data["questions"])
    assert main(["walk", str(LESSONS / "apple-tax.yaml"), "--json", "--answers"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {q["id"]: q["answer"] for q in data["questions"]}["d-apple"] == "tax * apple_num = 2.2"


def test_walk_text_shows_notes_and_questions_at_their_steps(capsys):
    assert main(["walk", str(LESSONS / "apple-tax.yaml")]) == 0
    out = capsys.readouterr().out
    assert "The backward pass starts at the output" in out
    assert out.index("backward 1/9") < out.index("? The output gate is price = all_price × tax.") < out.index("backward 2/9")
    assert "answer:" not in out


def test_templates_render_engine_numbers():
    loaded = load_lesson(LESSONS / "apple-tax.yaml")
    assert "= 715" in loaded.notes["forward.price"]
    assert "{" not in "".join(loaded.notes.values())


def test_digits_sets_the_significant_digits_of_fields_without_a_format(tmp_path):
    # 1/3 and [2/3, -1/7]: a field without a format follows `digits:`, one with a format keeps it
    text = """\
format: 1
id: thirds
title: Thirds
summary: Division.
{digits}inputs: {{x: 1, y: 3, v: [2, -1], d: [3, 7]}}
nodes:
  q: {{op: div, inputs: [x, y]}}
  w: {{op: div, inputs: [v, d]}}
  f: {{op: add, inputs: [q, w]}}
  s: {{op: sum, inputs: [f]}}
output: s
notes:
  forward.q: "q = {{value.q}}, w = {{value.w}}, to two places {{value.q:.2f}}"
"""
    path = tmp_path / "thirds.yaml"
    path.write_text(text.format(digits=""), encoding="utf-8")
    assert load_lesson(path).notes["forward.q"] == "q = 0.3333, w = [0.6667, -0.1429], to two places 0.33"
    path.write_text(text.format(digits="digits: 6\n"), encoding="utf-8")
    assert load_lesson(path).notes["forward.q"] == "q = 0.333333, w = [0.666667, -0.142857], to two places 0.33"


def test_hostile_yaml_is_refused(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("format: 1\nid: !!python/object/apply:os.system ['echo pwned']\n", encoding="utf-8")
    with pytest.raises(LessonFileError, match="tag:yaml.org,2002:python/object/apply:os.system is not allowed"):
        load_lesson(path)


def test_alias_bomb_is_refused(tmp_path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(LessonFileError, match="too large"):
        load_lesson(path)


def test_predict_every_step_asks_local_and_downstream_at_each_backward_node(tmp_path):
    from backprop_tui.lessons.walkthrough import Walkthrough

    text = (LESSONS / "apple-tax.yaml").read_text(encoding="utf-8")
    path = tmp_path / "predict.yaml"
    path.write_text(text.replace("output: price", "output: price\npredict_every_step: true"), encoding="utf-8")
    walk = Walkthrough.from_lesson(load_lesson(path))
    extra = [q for q in walk.questions if q.id.startswith("predict-")]
    assert len(extra) == 4 * 2 * 2  # four mul/add gates, two inputs each, local and downstream
    at_apple_price = {q.id: float(q.expected) for q in walk.questions_at("backward.apple_price") if q in extra}
    assert at_apple_price["predict-local-apple-price-apple"] == 2.0
    assert at_apple_price["predict-downstream-apple-price-apple"] == pytest.approx(2.2)


GENERATED = """\
format: 1
id: generated
title: Generated weights
summary: Seeded tensors.
inputs:
  W: {shape: [4, 3], init: xavier, seed: 7}
  x: [1, 2, 3]
nodes:
  s: sum(W @ x)
output: s
"""


def test_generated_inputs_are_seeded_and_scaled(tmp_path):
    path = tmp_path / "generated.yaml"
    path.write_text(GENERATED, encoding="utf-8")
    first, second = load_lesson(path), load_lesson(path)
    W = first.trace.values["W"]
    assert W.shape == (4, 3)
    assert (W == second.trace.values["W"]).all()
    limit = (6 / (3 + 4)) ** 0.5
    assert abs(W).max() <= limit and W.std() > 0
    path.write_text(GENERATED.replace("seed: 7", "seed: 8"), encoding="utf-8")
    assert not (load_lesson(path).trace.values["W"] == W).all()


def test_exact_questions_want_the_formula_not_just_its_value(tmp_path):
    from backprop_tui.lessons.quiz import Quiz
    from backprop_tui.lessons.walkthrough import Walkthrough

    text = (LESSONS / "apple-tax.yaml").read_text(encoding="utf-8")
    text = text.replace("    answer: tax * apple_num\n", "    answer: tax * apple_num\n    exact: true\n")
    path = tmp_path / "exact.yaml"
    path.write_text(text, encoding="utf-8")
    quiz = Quiz(Walkthrough.from_lesson(load_lesson(path)))
    question = next(q for q in quiz.walkthrough.questions if q.id == "d-apple")
    assert quiz.answer(question, "apple_num * tax").correct
    assert not quiz.answer(question, "2.2").correct


def test_notes_quote_the_numerical_gradient_check():
    loaded = load_lesson(LESSONS / "numerical-gradient-check.yaml")
    note = loaded.notes["backward.w"]
    grad = f"{float(loaded.trace.grads['w']):.8f}"
    assert note.count(grad) == 2, "backprop and the centered difference agree to 8 decimals"
    error = re.search(r"relative error of (\d\.\de[-+]\d+)", note).group(1)
    assert float(error) < 1e-7
