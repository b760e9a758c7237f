"""Lesson packs: courses shared as pip-installable packages.

A pack declares an entry point in the group `backprop_tui.lessons` whose value is the name of
an importable package; its lesson files (and an optional course.yaml) sit in that package's
folder. The folder is found without running the package's code; the lessons are labelled with
the entry point's name. A pack that cannot be found is a Problem, like a broken lesson.

Reading every installed distribution's entry points costs more than the rest of a start's
catalog, so what was found is kept in the data dir while no folder on sys.path changed
(installing, upgrading or removing a package changes its folder).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from backprop_tui import __version__
from backprop_tui.lessons.cache import cache_file, read_cache, write_cache
from backprop_tui.lessons.files import Problem

GROUP = "backprop_tui.lessons"
PACKS_FILE = "lesson-packs.json"


def pack_folders(data_dir: Path | None = None) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """(folder, entry point name) for every installed pack, sorted by name; problems of the rest.
    With a data dir, from its cache while sys.path's folders are unchanged."""
    if data_dir is None:
        return _find_packs()
    file, stamp = cache_file(data_dir, PACKS_FILE), _sys_path_stamp()
    cached = read_cache(file)
    if cached.get("stamp") == stamp:
        try:
            return ([(Path(folder), name) for folder, name in cached["folders"]],
                    [Problem(*problem) for problem in cached["problems"]])
        except (KeyError, TypeError, ValueError):
            pass  # a corrupt cache: found again
    folders, problems = _find_packs()
    write_cache(file, {"stamp": stamp, "folders": [[str(folder), name] for folder, name in folders],
                       "problems": [[p.path, p.line, p.column, p.message] for p in problems]})
    return folders, problems


def _sys_path_stamp() -> list:
    """Each sys.path entry with its modification time (None when missing), and the version
    of backprop-tui that found the packs."""
    stamps = []
    for entry in sys.path:
        try:
            stamps.append([entry, os.stat(entry or ".").st_mtime_ns])
        except OSError:
            stamps.append([entry, None])
    return [__version__, stamps]


def _find_packs() -> tuple[list[tuple[Path, str]], list[Problem]]:
    from importlib.metadata import entry_points

    folders, problems = [], []
    for entry in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        try:
            folders.append((_package_folder(entry.value), entry.name))
        except LookupError as error:
            problems.append(_problem(entry, f"lesson pack '{entry.name}': {error}"))
    return folders, problems


def _package_folder(name: str) -> Path:
    import importlib.util

    if not name.replace(".", "").replace("_", "").isalnum():
        raise LookupError(f"'{name}' is not a package name (the value names a package, e.g. my_course_lessons)")
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        raise LookupError(f"no package '{name}' is installed")
    locations = list(spec.submodule_search_locations or [])
    if not locations:
        raise LookupError(f"'{name}' is a module, not a package folder holding lesson files")
    return Path(locations[0])


def _problem(entry, message: str) -> Problem:
    """At the entry point's line in its distribution's entry_points.txt, when that file is known."""
    info = getattr(entry.dist, "_path", None)  # the .dist-info folder (importlib.metadata keeps it private)
    if info is None:
        return Problem(f"{GROUP} entry point", 1, 1, message)
    path = Path(info) / "entry_points.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    line = next((n for n, text in enumerate(lines, 1) if text.split("=")[0].strip() == entry.name), 1)
    return Problem(str(path), line, 1, message)
