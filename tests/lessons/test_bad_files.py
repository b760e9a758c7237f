"""One bad file never takes the app down: each is reported with its place, the rest still work."""

import os
import shutil
from pathlib import Path

import pytest

from backprop_tui.cli import main
from backprop_tui.lessons import source
from backprop_tui.lessons.catalog import discover
from backprop_tui.lessons.load import load_lesson
from backprop_tui.lessons.files import MAX_BYTES
from backprop_tui.lessons.source import LessonFileError

from .test_loader import BROKEN, EXPECTED, LESSONS

READ_LEVEL = ["alias-bomb.yaml", "deep-tags.yaml", "huge-integer.yaml", "long-integer.yaml", "nul-byte.yaml",
              "nan-scale.yaml", "bad-yaml.yaml", "duplicate-key.yaml", "non-utf8.yaml"]


@pytest.mark.parametrize("name", READ_LEVEL)
def test_the_pure_python_loader_reports_the_same_problems(name, monkeypatch):
    monkeypatch.setattr(source, "FAST_LOADER", source.PythonLoader)
    with pytest.raises(LessonFileError) as error:
        load_lesson(BROKEN / name)
    assert [f"{p.line}:{p.column}: {p.message}" for p in error.value.problems] == EXPECTED[name]


def special_files(folder: Path) -> dict[str, str]:
    """Files no reader may block on or swallow, with the problem each must get."""
    big = folder / "fifty-megabytes.yaml"
    with open(big, "wb") as file:
        file.truncate(50_000_000)
    os.mkfifo(folder / "fifo.yaml")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    (folder / "urandom.yaml").symlink_to("/dev/urandom")
    return {
        "fifty-megabytes.yaml": f"1:1: the file is larger than {MAX_BYTES} bytes",
        "fifo.yaml": "1:1: not a regular file",
        "zero.yaml": "1:1: not a regular file",
        "urandom.yaml": "1:1: not a regular file",
    }


@pytest.fixture
def mixed_folder(tmp_path) -> tuple[Path, dict[str, str]]:
    """A good lesson among bad files: each bad file's expected `line:col: message`."""
    folder = tmp_path / "lessons"
    folder.mkdir()
    good = (LESSONS / "apple-tax.yaml").read_text(encoding="utf-8").replace("id: apple-tax", "id: good-lesson")
    (folder / "good.yaml").write_text(good, encoding="utf-8")
    expected = special_files(folder)
    for name in READ_LEVEL:
        shutil.copy(BROKEN / name, folder)
        expected[name] = EXPECTED[name][0]
    return folder, expected


def test_list_reports_each_bad_file_and_lists_the_good_one(mixed_folder, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")
    folder, expected = mixed_folder
    assert main(["list", "--lessons", str(folder), "--data-dir", str(tmp_path / "data")]) == 0
    out = capsys.readouterr().out
    assert "good-lesson" in out
    for name, problem in expected.items():
        assert f"skipped: {folder / name}:{problem}" in out


def test_check_reports_each_bad_file_and_checks_the_good_one(mixed_folder, capsys):
    folder, expected = mixed_folder
    assert main(["check", str(folder)]) == 1
    captured = capsys.readouterr()
    assert sorted(captured.out.splitlines()) == sorted(f"{folder / name}:{problem}" for name, problem in expected.items())
    assert f"in {len(expected) + 1} files" in captured.err


async def test_the_app_starts_lists_and_opens_the_good_lesson(mixed_folder, tmp_path):
    from backprop_tui.tui.app import create_app
    from backprop_tui.tui.screens.lesson import LessonScreen
    from tests.tui.conftest import wait_until

    folder, expected = mixed_folder
    app = create_app(lesson_dirs=[folder], data_dir=tmp_path / "data")
    assert {str(p) for p in app.catalog.problems} == {f"{folder / n}:{m}" for n, m in expected.items()}
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_lesson(app.catalog.find("good-lesson"))
        await wait_until(pilot, lambda: isinstance(app.screen, LessonScreen))
        await pilot.pause()  # the screen's Header finishes mounting before the app exits


def test_an_exponent_without_a_dot_is_a_number(tmp_path):
    text = (BROKEN / "wrong-answer-key.yaml").read_text(encoding="utf-8")
    path = tmp_path / "exponent.yaml"
    path.write_text(text.replace("x: 3", "x: 1e-3").replace("answer: 4", "answer: -4e+0"), encoding="utf-8")
    loaded = load_lesson(path)
    assert float(loaded.trace.values["x"]) == 0.001
    assert loaded.lesson.questions[0].answer == -4.0


def test_the_catalog_reads_headers_through_the_bounded_reader(tmp_path):
    folder = tmp_path / "lessons"
    folder.mkdir()
    shutil.copy(BROKEN / "alias-bomb.yaml", folder)
    catalog = discover([folder])
    assert [str(p) for p in catalog.problems] == [f"{folder / 'alias-bomb.yaml'}:{EXPECTED['alias-bomb.yaml'][0]}"]


def test_libyaml_parses_where_it_is_installed():
    import yaml

    assert (source.FAST_LOADER is source.CLoader) == yaml.__with_libyaml__
