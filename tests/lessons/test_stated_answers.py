"""`check --strict` warns about a hint that spells out its question's answer formula."""

from pathlib import Path

from backprop_tui.cli import main

LESSON = Path(__file__).parents[2] / "lessons" / "regularization.yaml"
HINT = "      - Square every entry of W, then add them up.\n"


def test_a_hint_stating_the_answer_formula_is_reported_and_one_naming_its_parts_is_not(tmp_path, capsys):
    text = LESSON.read_text(encoding="utf-8")
    line = text.splitlines(keepends=True).index(HINT) + 1
    lesson = tmp_path / LESSON.name
    lesson.write_text(text.replace(HINT, '      - "Type sum(W ^ 2)."\n'
                                         "      - Square W's entries with W^2, then sum(...) them.\n"), encoding="utf-8")
    assert main(["check", "--strict", "--variants", "0", str(lesson)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{lesson}:{line}:9: warning: hint 1 of question 'penalty-value' states its answer sum(W**2): "
        "give a step towards it instead"]
