"""One order: `course.yaml` orders lessons, file names order nothing; bundled files are named
after their ids, and progress saved before they were renamed still belongs to them."""

import sqlite3
from pathlib import Path

from backprop_tui.lessons.catalog import COURSE_FILE, bundled_lessons_dir, discover, lesson_files
from backprop_tui.lessons.load import load_lesson
from backprop_tui.progress import ProgressStore, Status, database_path

TESTS = Path(__file__).parent.parent
SCHEMA_V1 = TESTS / "progress" / "fixtures" / "schema_v1.sql"
BEFORE_RENAME = TESTS / "lessons" / "fixtures" / "progress_before_rename.sql"

LESSON = """\
format: 1
id: {id}
title: {title}
summary: One gate.
inputs: {{x: 3, y: -4}}
nodes:
  f: {{op: mul, inputs: [x, y]}}
output: f
"""


def write_lessons(folder: Path, lessons: dict[str, tuple[str, str]]) -> None:
    """file name -> (id, title)"""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (lesson_id, title) in lessons.items():
        (folder / name).write_text(LESSON.format(id=lesson_id, title=title), encoding="utf-8")


def listed(folder: Path, tmp_path: Path) -> list[str]:
    return [info.id for info in discover([folder], data_dir=tmp_path / "data").lessons if info.source == str(folder)]


def test_every_bundled_file_is_named_after_its_lesson_id():
    for info in discover().lessons:
        if info.source == "bundled":
            assert info.path.name == f"{info.id}.yaml"


def test_bundled_lessons_come_in_the_course_order():
    import yaml

    course = yaml.safe_load((bundled_lessons_dir() / COURSE_FILE).read_text(encoding="utf-8"))
    bundled = [info.id for info in discover().lessons if info.source == "bundled"]
    assert bundled == [entry["id"] for entry in course["lessons"]]
    assert len(bundled) == len(lesson_files([bundled_lessons_dir()]))


def test_without_a_course_lessons_are_ordered_by_title_not_by_file_name(tmp_path):
    folder = tmp_path / "mine"
    write_lessons(folder, {
        "01-last.yaml": ("last", "Zeros"),
        "02-first.yaml": ("first", "an Add gate"),
        "03-middle.yaml": ("middle", "Multiply"),
    })
    assert listed(folder, tmp_path) == ["first", "middle", "last"]


def test_a_course_orders_what_it_lists_and_the_rest_follow_by_title(tmp_path):
    folder = tmp_path / "mine"
    write_lessons(folder, {"a.yaml": ("a", "Beta"), "b.yaml": ("b", "Alpha"), "c.yaml": ("c", "Gamma")})
    (folder / COURSE_FILE).write_text("format: 1\ntitle: Mine\nlessons:\n  - {id: c}\n", encoding="utf-8")
    assert listed(folder, tmp_path) == ["c", "b", "a"]


def test_progress_saved_before_the_rename_still_shows_for_the_renamed_lessons(tmp_path):
    saved = sqlite3.connect(database_path(tmp_path))
    for script in (SCHEMA_V1, BEFORE_RENAME):
        saved.executescript(script.read_text(encoding="utf-8"))
    positions = {row[0]: row[1:] for row in saved.execute("SELECT lesson_id, step_key, completed_at FROM lessons")}
    answered = dict(saved.execute("SELECT lesson_id, question_id FROM attempts"))
    saved.close()

    bundled = {info.id: info for info in discover().lessons if info.source == "bundled"}
    assert set(positions) <= set(bundled)
    with ProgressStore.open(tmp_path) as store:
        assert store.notice is None
        statuses = store.statuses(list(bundled))
        for lesson_id, (step_key, completed_at) in positions.items():
            status = statuses[lesson_id]
            assert status.status is (Status.DONE if completed_at else Status.IN_PROGRESS), lesson_id
            loaded = load_lesson(bundled[lesson_id].path)
            assert status.position.step_key in {step.key for step in loaded.trace.steps}, lesson_id
            if lesson_id in answered:
                assert [a.question_id for a in store.attempts(lesson_id)] == [answered[lesson_id]]
                assert answered[lesson_id] in {q.id for q in loaded.lesson.questions}
