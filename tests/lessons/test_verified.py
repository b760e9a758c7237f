"""Answer keys are verified when a file's content is new, not at every opening; `check` always."""

import shutil

import pytest

from backprop_tui.cli import main
from backprop_tui.lessons import load
from backprop_tui.lessons.cache import cache_file
from backprop_tui.lessons.source import LessonFileError
from backprop_tui.lessons.verified import VERIFIED_FILE, load_verified

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
