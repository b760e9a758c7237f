"""Answer keys are verified when a file's content is new, not at every opening; `check` always."""

import json
import shutil
import subprocess
import sys

import pytest

from backprop_tui.cli import main
from backprop_tui.lessons import load, verified
from backprop_tui.lessons.cache import cache_file
from backprop_tui.lessons.catalog import lesson_files
from backprop_tui.lessons.format_records import from_data
from backprop_tui.lessons.model import Lesson, input_form
from backprop_tui.lessons.schema_errors import validator
from backprop_tui.lessons.source import LessonFileError, read_yaml
from backprop_tui.lessons.verified import PASSED_DIR, VERIFIED_FILE, load_verified

from .test_loader import BROKEN, LESSONS


@pytest.fixture
def verifications(monkeypatch) -> list[str]:
    """The lesson ids whose answer keys were verified, in order."""
    seen: list[str] = []
    real = load.verify_answer_keys

    def counting(lesson, *args, **kwargs):
        seen.append(lesson.id)
        return real(lesson, *args, **kwargs)

    monkeypatch.setattr(load, "verify_answer_keys", counting)
    return seen


def test_an_unchanged_file_is_verified_once(tmp_path, verifications):
    path = shutil.copy(LESSONS / "apple-tax.yaml", tmp_path / "lesson.yaml")
    data = tmp_path / "data"
    first = load_verified(path, data)
    second = load_verified(path, data)
    assert verifications == ["apple-tax"]
    assert second.questions == first.questions
    path.write_text(path.read_text(encoding="utf-8").replace("apple_num: {value: 2", "apple_num: {value: 3"), encoding="utf-8")
    load_verified(path, data)
    assert verifications == ["apple-tax", "apple-tax"]


def test_a_file_that_fails_is_verified_every_time(tmp_path, verifications):
    data = tmp_path / "data"
    for _ in range(2):
        with pytest.raises(LessonFileError):
            load_verified(BROKEN / "wrong-answer-key.yaml", data)
    assert verifications == ["broken", "broken"]


def test_a_corrupt_memory_verifies_again(tmp_path, verifications):
    data = tmp_path / "data"
    load_verified(LESSONS / "apple-tax.yaml", data)
    cache_file(data, VERIFIED_FILE).write_text('{"version": [], "digests": 3}', encoding="utf-8")
    load_verified(LESSONS / "apple-tax.yaml", data)
    assert verifications == ["apple-tax", "apple-tax"]


def test_check_verifies_even_a_remembered_file(tmp_path, verifications, capsys):
    load_verified(LESSONS / "apple-tax.yaml", tmp_path / "data")
    assert main(["check", "--variants", "0", str(LESSONS / "apple-tax.yaml")]) == 0
    assert verifications == ["apple-tax", "apple-tax"]


def opened(loaded) -> str:
    """What a loaded lesson shows and where its values stand, as text to compare."""
    questions = [(q.ask, q.hints, q.explain, q.misconceptions, q.expected) for q in loaded.questions]
    return repr((loaded.lesson, dict(loaded.notes), questions, loaded.located.values, loaded.located.keys))


def test_a_remembered_file_opens_as_before_without_yaml_pydantic_or_sympy(tmp_path, capsys):
    path = shutil.copy(LESSONS / "apple-tax.yaml", tmp_path / "lesson.yaml")
    data = tmp_path / "data"
    first = opened(load_verified(path, data))
    assert main(["walk", str(path), "--data-dir", str(data)]) == 0  # remembers the formulas it shows (SymPy)
    program = (
        "import contextlib, io, sys; from pathlib import Path\n"
        "from backprop_tui.cli import main\n"
        "from backprop_tui.lessons.verified import load_verified\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        f"    assert main(['walk', {str(path)!r}, '--data-dir', {str(data)!r}]) == 0\n"
        "assert 'Apples, oranges and tax' in out.getvalue()\n"
        f"loaded = load_verified(Path({str(path)!r}), Path({str(data)!r}))\n"
        "print(sorted(m for m in ('yaml', 'pydantic', 'sympy') if m in sys.modules))\n"
        "from tests.lessons.test_verified import opened\n"  # imports both for its own checks
        "print(opened(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    imported, again = result.stdout.split("\n", 1)
    assert imported == "[]"
    assert again.strip() == first


def test_an_edited_file_is_validated_again(tmp_path):
    path = shutil.copy(LESSONS / "apple-tax.yaml", tmp_path / "lesson.yaml")
    data = tmp_path / "data"
    load_verified(path, data)
    path.write_text(path.read_text(encoding="utf-8").replace("id: apple-tax", "id: Apple-Tax"), encoding="utf-8")
    with pytest.raises(LessonFileError) as error:
        load_verified(path, data)
    assert str(error.value) == (
        f"{path}:3:5: id: 'Apple-Tax' is not a valid id: use lowercase letters, digits and '-'"
    )


@pytest.mark.parametrize("entry", [
    "{not json",
    '{"version": "0.0.0-other", "digest": "%s", "data": {}, "values": [], "keys": []}',
    '{"version": "%s", "digest": "%s", "data": [], "values": 3, "keys": []}',
    '{"version": "%s", "digest": "%s", "data": {"format": 1}, "values": [], "keys": []}',
], ids=["not-json", "other-version", "not-positions", "not-a-lesson"])
def test_a_corrupt_remembered_file_is_read_again(tmp_path, verifications, entry):
    from backprop_tui import __version__

    path = LESSONS / "apple-tax.yaml"
    data = tmp_path / "data"
    first = load_verified(path, data)
    remembered = cache_file(data, PASSED_DIR) / f"{first.digest}.json"
    remembered.write_text(entry.replace('"%s", "digest"', f'"{__version__}", "digest"').replace("%s", first.digest),
                          encoding="utf-8")
    assert opened(load_verified(path, data)) == opened(first)
    assert verifications == ["apple-tax"]  # its keys passed: only the file is read again
    assert json.loads(remembered.read_text(encoding="utf-8"))["data"] == read_yaml(path).data


def test_the_remembered_files_are_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(verified, "MAX_PASSED_FILES", 2)
    for name in ("apple-tax", "chain-rule", "staged-expression"):
        load_verified(LESSONS / f"{name}.yaml", tmp_path)
    assert len(list(cache_file(tmp_path, PASSED_DIR).glob("*.json"))) == 2


def test_each_bundled_lesson_reads_the_same_without_pydantic():
    """from_data, which opens a remembered file, builds what pydantic builds (repr: 2 is not 2.0)."""
    for path in lesson_files([LESSONS]):
        data = read_yaml(path).data
        if data.get("lessons") is not None:
            continue  # the course
        lesson = validator(Lesson).validate_python(data)
        assert repr(from_data(Lesson, data)) == repr(lesson), path.name
        for name, raw in lesson.inputs.items():
            if (form := input_form(raw)) is not None:
                assert repr(from_data(form, raw)) == repr(validator(form).validate_python(raw)), (path.name, name)
