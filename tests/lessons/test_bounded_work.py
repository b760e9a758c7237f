"""Loading a lesson does a bounded amount of engine work."""

import pytest

from backprop_tui.lessons import expectations
from backprop_tui.lessons.load import load_lesson
from backprop_tui.lessons.source import LessonFileError

from .test_loader import BROKEN


@pytest.fixture
def gradient_checks(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = expectations.gradient_check

    def counting(graph, inputs, wrt, *args):
        seen.append(wrt)
        return real(graph, inputs, wrt, *args)

    monkeypatch.setattr(expectations, "gradient_check", counting)
    return seen


def test_a_number_quoted_in_many_notes_is_computed_once(tmp_path, gradient_checks):
    text = (BROKEN / "wrong-answer-key.yaml").read_text(encoding="utf-8").replace("answer: 4", "answer: y")
    notes = "notes:\n" + "".join(f"  {step}: numerically {{numeric.x}}\n" for step in ("forward.x", "forward.f", "backward.f"))
    path = tmp_path / "quoted.yaml"
    path.write_text(text.replace("questions:", notes + "questions:"), encoding="utf-8")
    loaded = load_lesson(path)
    assert gradient_checks == ["x"]
    assert loaded.notes["forward.x"] == loaded.notes["backward.f"] == "numerically -4"


def test_a_numeric_check_too_large_is_refused_before_any_work(gradient_checks):
    with pytest.raises(LessonFileError):
        load_lesson(BROKEN / "numeric-too-costly.yaml")
    assert gradient_checks == []
