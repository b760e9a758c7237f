"""Finding lessons: the bundled ones, the user's lessons folder, installed lesson packs
(lessons/packs.py) and folders given with --lessons.

Listing reads only each file's header fields (no engine, no NumPy), so the lesson picker
opens quickly; a lesson is loaded fully when it is opened. A folder may hold a
`course.yaml` that orders its lessons and names their prerequisites; lessons no course lists
come after, by title.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from backprop_tui.lessons.files import LessonFileError, Problem
from backprop_tui.lessons.header_cache import HeaderCache, Stamp, stamp
from backprop_tui.lessons.packs import pack_folders
from backprop_tui.records import frozen_dataclass

COURSE_FILE = "course.yaml"
USER_LESSONS = "lessons"  # the folder for a learner's own lessons, inside the data dir


def bundled_lessons_dir() -> Path:
    """Inside the wheel the lessons are package data; in a source checkout, the top-level folder."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "_lessons"
    return installed if installed.is_dir() else package.parent / "lessons"


@frozen_dataclass
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
    packs, problems = pack_folders(data_dir)
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
    files = _yaml_files(folder)
    course_file = files.pop(COURSE_FILE, None)
    course = _cached(course_file, catalog, headers, _course_of) if course_file and course_file.is_file else None
    infos = {}
    for file in files.values():
        info = _read_header(file, source, catalog, headers)
        if info is None:
            continue
        if catalog.find(info.id) or info.id in infos:
            catalog.problems.append(Problem(str(file.path), 1, 1, f"lesson id '{info.id}' is used by another file too"))
            continue
        infos[info.id] = info
    catalog.lessons += _ordered(infos, course)


@frozen_dataclass
class _File:
    path: Path  # as found in the folder given (lists and problems show it)
    key: str  # in the header cache: the path with the folder resolved
    stamp: Stamp | None
    is_file: bool


def _yaml_files(folder: Path) -> dict[str, _File]:
    """The folder's *.yaml entries by name, sorted, from one listing: a start with 200 lessons
    makes one stat call per file and resolves only the folder's path."""
    resolved = str(folder.resolve())
    with os.scandir(folder) as entries:
        found = sorted((e.name, stamp(e), e.is_file()) for e in entries if e.name.endswith(".yaml"))
    return {name: _File(folder / name, os.path.join(resolved, name), file_stamp, is_file)
            for name, file_stamp, is_file in found}


def _ordered(infos: dict[str, LessonInfo], course: dict | None) -> list[LessonInfo]:
    """The course's order is the only one; lessons it does not list follow by title, then id
    (a file's name never orders anything)."""
    ordered = []
    for lesson_id, section, requires in course["lessons"] if course else ():
        info = infos.pop(lesson_id, None)
        if info is not None:
            ordered.append(replace(info, course=course["title"], section=section, requires=tuple(requires)))
    return ordered + sorted(infos.values(), key=lambda info: (info.title.casefold(), info.id))


def _cached(file: _File, catalog: Catalog, headers: HeaderCache, read) -> dict | None:
    """What `read(path)` made of the file, from the cache when the file is unchanged; its
    problems go to the catalog."""
    entry = headers.get(file.key, file.stamp)
    if entry is None:
        entry = read(file.path)
        headers.put(file.key, file.stamp, entry)
    if "problems" in entry:
        catalog.problems += [
            Problem(str(file.path), line, column, message) for line, column, message in entry["problems"]
        ]
        return None
    return entry


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


def _read_header(file: _File, source: str, catalog: Catalog, headers: HeaderCache) -> LessonInfo | None:
    header = _cached(file, catalog, headers, _header_of)
    if header is None:
        return None
    return LessonInfo(header["id"], header["title"], header["summary"], tuple(header["tags"]), file.path, source)


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
