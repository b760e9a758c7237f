"""A start reads in full only the lesson files that changed since the last one."""

from pathlib import Path

import pytest

from backprop_tui.lessons import source
from backprop_tui.lessons.cache import cache_file
from backprop_tui.lessons.catalog import bundled_lessons_dir, discover
from backprop_tui.lessons.header_cache import HEADERS_FILE

from .test_loader import LESSONS

GENERATED = 200


@pytest.fixture
def reads(monkeypatch) -> list[Path]:
    """Every file the catalog parses, in order."""
    seen: list[Path] = []
    real = source.read_yaml

    def counting(path):
        seen.append(Path(path))
        return real(path)

    monkeypatch.setattr(source, "read_yaml", counting)
    return seen


def lessons_folder(folder: Path, count: int) -> Path:
    """`count` copies of apple-tax, each with its own id and title."""
    folder.mkdir()
    text = (LESSONS / "apple-tax.yaml").read_text(encoding="utf-8")
    for i in range(count):
        lesson = text.replace("id: apple-tax", f"id: lesson-{i}").replace("title: Apples", f"title: Lesson {i}, apples")
        (folder / f"lesson-{i:03}.yaml").write_text(lesson, encoding="utf-8")
    return folder


@pytest.fixture
def many_lessons(tmp_path) -> Path:
    return lessons_folder(tmp_path / "many", GENERATED)


def lesson_files_read(reads: list[Path]) -> list[Path]:
    return [p for p in reads if p.name != "course.yaml"]


def test_a_second_start_reads_no_file(many_lessons, tmp_path, reads):
    data = tmp_path / "data"
    bundled = len([p for p in bundled_lessons_dir().glob("*.yaml") if p.name != "course.yaml"])
    first = discover([many_lessons], data_dir=data)
    assert len(lesson_files_read(reads)) == GENERATED + bundled
    reads.clear()
    second = discover([many_lessons], data_dir=data)
    assert reads == []  # course.yaml included
    assert second.lessons == first.lessons and second.problems == first.problems


def test_a_second_start_resolves_each_folder_not_each_file(many_lessons, tmp_path, monkeypatch):
    """One listing per folder gives every file's stamp: no path resolved or globbed per file."""
    data = tmp_path / "data"
    expected = discover([many_lessons], data_dir=data)
    resolved = []
    real = Path.resolve

    def counting(path, *args, **kwargs):
        resolved.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(Path, "resolve", counting)
    assert discover([many_lessons], data_dir=data).lessons == expected.lessons
    assert len(resolved) < 10  # a few folders: bundled, --lessons, packs


def test_a_changed_file_is_read_again(many_lessons, tmp_path, reads):
    data = tmp_path / "data"
    discover([many_lessons], data_dir=data)
    changed = many_lessons / "lesson-007.yaml"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Lesson 7,", "Lesson seven,"), encoding="utf-8")
    reads.clear()
    catalog = discover([many_lessons], data_dir=data)
    assert lesson_files_read(reads) == [changed]
    assert catalog.find("lesson-7").title.startswith("Lesson seven,")


def test_a_corrupt_cache_is_ignored(tmp_path, reads):
    data, few = tmp_path / "data", lessons_folder(tmp_path / "few", 3)  # each start reads them all: few
    expected = discover([few], data_dir=data)
    every_file = len(lesson_files_read(reads))
    for corrupt in [b"{not json", b"[]", b'{"version": 1, "entries": {"x": 5}}', b"\xff" * 10]:
        cache_file(data, HEADERS_FILE).write_bytes(corrupt)  # over the cache the last start wrote
        reads.clear()
        assert discover([few], data_dir=data).lessons == expected.lessons, corrupt
        assert len(lesson_files_read(reads)) == every_file, corrupt


def test_a_problem_is_remembered_with_its_place(tmp_path, reads):
    folder, data = tmp_path / "lessons", tmp_path / "data"
    folder.mkdir()
    (folder / "bad.yaml").write_text("id: x\ntitle: [unclosed\n", encoding="utf-8")
    first = discover([folder], data_dir=data).problems
    reads.clear()
    assert discover([folder], data_dir=data).problems == first
    assert lesson_files_read(reads) == []
    assert str(first[0]).startswith(f"{folder / 'bad.yaml'}:3:1: YAML syntax")


def test_a_cached_start_imports_neither_yaml_nor_pydantic(tmp_path):
    import subprocess
    import sys

    discover(data_dir=tmp_path)
    program = (
        "import sys; from pathlib import Path; from backprop_tui.lessons.catalog import discover; "
        f"assert discover(data_dir=Path({str(tmp_path)!r})).lessons; "
        "print(sorted(m for m in ('yaml', 'pydantic', 'numpy') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
