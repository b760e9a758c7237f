"""`check` on a course.yaml: checked with its folder's lessons, and never read as a misspelt lesson."""

import shutil
from pathlib import Path

from backprop_tui.cli import main

LESSONS = Path(__file__).parents[2] / "lessons"
COURSE = "format: 1\ntitle: T\nlessons:\n  - {id: apple-tax}\n  - {id: no-such-lesson}\n"


def test_a_course_named_alone_is_checked_against_its_folders_lessons(tmp_path, capsys):
    shutil.copy(LESSONS / "apple-tax.yaml", tmp_path)
    course = tmp_path / "course.yaml"
    course.write_text(COURSE, encoding="utf-8")
    assert main(["check", "--variants", "0", str(course)]) == 1
    assert capsys.readouterr().out.splitlines() == [f"{course}:5:10: no lesson with id 'no-such-lesson' in this folder"]


def test_a_course_read_as_a_lesson_is_not_told_its_keys_are_misspelt(tmp_path, capsys):
    not_a_lesson = tmp_path / "order.yaml"
    not_a_lesson.write_text(COURSE, encoding="utf-8")
    assert main(["check", str(not_a_lesson)]) == 1
    unknown = [line for line in capsys.readouterr().out.splitlines() if "unknown key" in line]
    assert unknown == [f"{not_a_lesson}:3:1: unknown key 'lessons' (did you mean 'questions'?)"]
