"""Finding lessons: the bundled ones, the user's lessons folder, installed lesson packs
(lessons/packs.py) and folders given with --lessons.

Listing reads only each file's header fields (no engine, no NumPy), so the lesson picker
opens quickly; a lesson is loaded fully when it is opened. A folder may hold a
`course.yaml` that orders its lessons and names their prerequisites; lessons no course lists
come after, by title.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from backprop_tui.lessons.files import LessonFileError, Problem
from backprop_tui.lessons.header_cache import HeaderCache
from backprop_tui.lessons.packs import pack_folders

COURSE_FILE = "course.yaml"
USER_LESSONS = "lessons"  # the folder for a learner's own lessons, inside the data dir


def bundled_lessons_dir() -> Path:
    """Inside the wheel the lessons are package data; in a source checkout, the top-level folder."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "_lessons"
    return installed if installed.is_dir() else package.parent / "lessons"


@dataclass(frozen=True)
class LessonInfo:
    id: str
    title: str
    summary: str
    tags: tuple[str, ...]
    path: Path
    source: str  # "bundled", "user" or the folder given with --lessons
    course: str | None = None
    section: str | None = None
    requires: tuple[str, ...] = ()


@dataclass
class Catalog:
    lessons: list[LessonInfo] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def find(self, lesson_id: str) -> LessonInfo | None:
        return next((info for info in self.lessons if info.id == lesson_id), None)


def lesson_folders(extra_dirs: Iterable[Path] = (), *, data_dir: Path | None = None
                   ) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """Every folder the app takes lessons from, in order, each with the label its lessons get."""
    folders = [(bundled_lessons_dir(), "bundled")]
    if data_dir is not None:
        folders.append((Path(data_dir) / USER_LESSONS, "user"))
    packs, problems = pack_folders()
    folders += packs + [(Path(d), str(d)) for d in extra_dirs]
    return [(folder, source) for folder, source in folders if folder.is_dir()], problems


def discover(extra_dirs: Iterable[Path] = (), *, data_dir: Path | None = None) -> Catalog:
    """Bundled lessons, then those in `data_dir`/lessons, lesson packs, then each extra folder."""
    folders, problems = lesson_folders(extra_dirs, data_dir=data_dir)
    catalog = Catalog(problems=problems)
    headers = HeaderCache(data_dir)
    for folder, source in folders:
        _add_folder(catalog, folder, source, headers)
    headers.save()
    return catalog


def _add_folder(catalog: Catalog, folder: Path, source: str, headers: HeaderCache) -> None:
    course = _read_course(folder / COURSE_FILE, catalog, headers)
    infos = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.name == COURSE_FILE:
            continue
        info = _read_header(path, source, catalog, headers)
        if info is None:
            continue
        if catalog.find(info.id) or info.id in infos:
            catalog.problems.append(Problem(str(path), 1, 1, f"lesson id '{info.id}' is used by another file too"))
            continue
        infos[info.id] = info
    catalog.lessons += _ordered(infos, course)


def _ordered(infos: dict[str, LessonInfo], course: dict | None) -> list[LessonInfo]:
    """The course's order is the only one; lessons it does not list follow by title, then id
    (a file's name never orders anything)."""
    ordered = []
    for lesson_id, section, requires in course["lessons"] if course else ():
        info = infos.pop(lesson_id, None)
        if info is not None:
            ordered.append(replace(info, course=course["title"], section=section, requires=tuple(requires)))
    return ordered + sorted(infos.values(), key=lambda info: (info.title.casefold(), info.id))


def _cached(path: Path, catalog: Catalog, headers: HeaderCache, read) -> dict | None:
    """What `read(path)` made of the file, from the cache when the file is unchanged; its
    problems go to the catalog."""
    entry = headers.get(path)
    if entry is None:
        entry = read(path)
        headers.put(path, entry)
    if "problems" in entry:
        catalog.problems += [Problem(str(path), line, column, message) for line, column, message in entry["problems"]]
        return None
    return entry


def _read_course(path: Path, catalog: Catalog, headers: HeaderCache) -> dict | None:
    return _cached(path, catalog, headers, _course_of) if path.is_file() else None


def _course_of(path: Path) -> dict:
    """{"title": ..., "lessons": [[id, section, [requires]], ...]}, or {"problems": [...]}."""
    from backprop_tui.lessons.model import Course
    from backprop_tui.lessons.schema_errors import validate
    from backprop_tui.lessons.source import read_yaml

    try:
        course, problems = validate(Course, read_yaml(path))
    except LessonFileError as error:
        problems = error.problems
    if problems:
        return _problems(problems)
    return {"title": course.title, "lessons": [[e.id, e.section, list(e.requires)] for e in course.lessons]}


def _read_header(path: Path, source: str, catalog: Catalog, headers: HeaderCache) -> LessonInfo | None:
    header = _cached(path, catalog, headers, _header_of)
    if header is None:
        return None
    return LessonInfo(header["id"], header["title"], header["summary"], tuple(header["tags"]), path, source)


def _header_of(path: Path) -> dict:
    """The fields the picker shows, or {"problems": [[line, column, message], ...]}."""
    from backprop_tui.lessons.source import read_yaml

    try:
        data = read_yaml(path).data
    except LessonFileError as error:
        return _problems(error.problems)
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return {"problems": [[1, 1, "not a lesson file (run `backprop-tui check` on it)"]]}
    tags = data.get("tags") if isinstance(data.get("tags"), list) else []
    return {
        "id": data["id"],
        "title": str(data.get("title", data["id"])),
        "summary": str(data.get("summary", "")),
        "tags": [str(t) for t in tags],
    }


def _problems(problems: list[Problem]) -> dict:
    return {"problems": [[p.line, p.column, p.message] for p in problems]}


def lesson_files(paths: Iterable[Path]) -> list[Path]:
    """The lesson files named, folders expanded (course.yaml is checked separately)."""
    files = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.glob("*.yaml") if p.name != COURSE_FILE)
        else:
            files.append(path)
    return files
