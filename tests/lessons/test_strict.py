"""`check --strict`: numbers typed by hand that the engine computes are reported with the
template that prints the same; taking every suggestion leaves what the learner reads unchanged."""

import json
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


def take(text: str, column: int, template: str, quote: str | None) -> str:
    """The line with the number at `column` replaced by `template`, its value quoted as asked
    (the fixture's values to quote are one line long, and a list to quote holds one item)."""
    number = NUMBER.match(text, column - 1)
    fixed = text[: number.start()] + template + text[number.end():]
    if quote == "text":
        left, right = number.start(), len(fixed.rstrip("\n"))
    elif quote == "item":
        left, right = fixed.rindex("[", 0, number.start()) + 1, fixed.index("]", number.start())
    else:
        return fixed
    return fixed[:left] + json.dumps(fixed[left:right], ensure_ascii=False) + fixed[right:]


def test_taking_every_suggestion_changes_nothing_the_learner_sees_and_silences_strict(tmp_path, capsys):
    main(["check", "--strict", str(FIXTURE)])
    warnings = capsys.readouterr().out.splitlines()
    assert any("quote the text" in w for w in warnings) and any("quote the item" in w for w in warnings)
    lines = FIXTURE.read_text(encoding="utf-8").splitlines(keepends=True)
    for warning in reversed(warnings):  # right to left within a line
        line, column = map(int, re.match(r".*?:(\d+):(\d+): warning: ", warning).groups())
        template = re.search(r"write (\{[^}]*\}) instead", warning)[1]
        quote = re.search(r"and quote the (text|item)", warning)
        lines[line - 1] = take(lines[line - 1], column, template, quote and quote[1])
    fixed = tmp_path / FIXTURE.name
    fixed.write_text("".join(lines), encoding="utf-8")
    assert shown(fixed) == shown(FIXTURE)
    assert main(["check", "--strict", str(fixed)]) == 0
