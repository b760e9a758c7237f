"""`check --strict`: numbers typed by hand that the engine computes are reported with the
template that prints the same; taking every suggestion leaves what the learner reads unchanged."""

import re
from pathlib import Path

from backprop_tui.cli import main
from backprop_tui.lessons.load import load_lesson
from backprop_tui.lessons.strict import NUMBER

STRICT = Path(__file__).parent / "strict"
FIXTURE = STRICT / "hand-typed-numbers.yaml"


def test_strict_reports_each_hand_typed_number_with_its_place_and_template(capsys):
    assert main(["check", "--strict", str(STRICT)]) == 1
    out = [line.removeprefix(f"{STRICT}/") for line in capsys.readouterr().out.splitlines()]
    assert out == (STRICT / "EXPECTED").read_text(encoding="utf-8").splitlines()


def test_without_strict_the_same_lesson_passes(capsys):
    assert main(["check", str(STRICT)]) == 0


def shown(path: Path) -> list[str]:
    """Every text the learner reads, as rendered (a typed − and the template's - are one sign)."""
    loaded = load_lesson(path)
    texts = list(loaded.notes.values())
    for q in loaded.questions:
        texts += [q.ask, *q.hints, q.explain or "", *(message for _, message in q.misconceptions)]
    return [text.replace("−", "-") for text in texts]


def test_taking_every_suggestion_changes_nothing_the_learner_sees_and_silences_strict(tmp_path, capsys):
    main(["check", "--strict", str(FIXTURE)])
    warnings = capsys.readouterr().out.splitlines()
    lines = FIXTURE.read_text(encoding="utf-8").splitlines(keepends=True)
    for warning in warnings:
        line, column = map(int, re.match(r".*?:(\d+):(\d+): warning: ", warning).groups())
        template = re.search(r"write (\{[^}]*\}) instead", warning)[1]
        text = lines[line - 1]
        number = NUMBER.match(text, column - 1)
        lines[line - 1] = text[: number.start()] + template + text[number.end():]
    fixed = tmp_path / FIXTURE.name
    fixed.write_text("".join(lines), encoding="utf-8")
    assert shown(fixed) == shown(FIXTURE)
    assert main(["check", "--strict", str(fixed)]) == 0
