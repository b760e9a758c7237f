"""`backprop-tui check`: every problem of every lesson file (and course.yaml) under the given paths."""

from __future__ import annotations

from pathlib import Path

from backprop_tui.lessons.catalog import COURSE_FILE, lesson_files
from backprop_tui.lessons.load import load_lesson
from backprop_tui.lessons.model import Course
from backprop_tui.lessons.schema_errors import validate
from backprop_tui.lessons.source import LessonFileError, Problem, read_yaml
from backprop_tui.lessons.variant_check import CHECKED_VARIANTS, variant_problems
from backprop_tui.lessons.variants import has_variants


def check_paths(paths: list[Path], *, strict: bool = False, variants: int = CHECKED_VARIANTS) -> tuple[list[Problem], int]:
    """(problems, number of files checked). `strict`: numbers typed by hand (strict.py) and hints that
    state their answer (stated_answers.py) are problems too.
    Each lesson with `vary:` is also checked on `variants` seeded draws (variant_check.py). A
    course.yaml named on its own is checked as its folder: its ids must name that folder's lessons."""
    paths = list(dict.fromkeys(p.parent if p.name == COURSE_FILE and p.is_file() else p for p in paths))
    problems: list[Problem] = []
    files = lesson_files(paths)
    ids: dict[str, Path] = {}
    for path in files:
        if not path.exists():
            problems.append(Problem(str(path), 1, 1, "no such file"))
            continue
        try:
            loaded = load_lesson(path)
        except LessonFileError as error:
            problems += error.problems
            continue
        if strict:
            from backprop_tui.lessons.stated_answers import hints_stating_answers
            from backprop_tui.lessons.strict import hand_typed_numbers

            problems += hand_typed_numbers(loaded) + hints_stating_answers(loaded)
        if has_variants(loaded.lesson):
            problems += variant_problems(loaded, range(variants))
        lesson_id = loaded.lesson.id
        if lesson_id in ids:
            line, column = _id_position(path)
            problems.append(Problem(str(path), line, column, f"the lesson id '{lesson_id}' is also used by {ids[lesson_id]}"))
        ids.setdefault(lesson_id, path)
    for folder in (p for p in paths if p.is_dir()):
        problems += _check_course(folder / COURSE_FILE, ids)
    return sorted(problems), len(files)


def _id_position(path: Path) -> tuple[int, int]:
    return read_yaml(path).position(("id",))


def _check_course(path: Path, ids: dict[str, Path]) -> list[Problem]:
    if not path.is_file():
        return []
    try:
        located = read_yaml(path)
    except LessonFileError as error:
        return error.problems
    course, problems = validate(Course, located)
    if course is None:
        return problems
    known = set()
    for index, entry in enumerate(course.lessons):
        if entry.id not in ids:
            problems.append(located.problem(("lessons", index, "id"), f"no lesson with id '{entry.id}' in this folder"))
        for requirement in entry.requires:
            if requirement not in known:
                problems.append(
                    located.problem(("lessons", index, "requires"), f"'{requirement}' must come earlier in the course")
                )
        known.add(entry.id)
    return problems
