"""Lesson packs: courses shared as pip-installable packages.

A pack declares an entry point in the group `backprop_tui.lessons` whose value is the name of
an importable package; its lesson files (and an optional course.yaml) sit in that package's
folder. The folder is found without running the package's code; the lessons are labelled with
the entry point's name. A pack that cannot be found is a Problem, like a broken lesson.
"""

from __future__ import annotations

import importlib.util
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

from backprop_tui.lessons.files import Problem

GROUP = "backprop_tui.lessons"


def pack_folders() -> tuple[list[tuple[Path, str]], list[Problem]]:
    """(folder, entry point name) for every installed pack, sorted by name; problems of the rest."""
    folders, problems = [], []
    for entry in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        try:
            folders.append((_package_folder(entry.value), entry.name))
        except LookupError as error:
            problems.append(_problem(entry, f"lesson pack '{entry.name}': {error}"))
    return folders, problems


def _package_folder(name: str) -> Path:
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


def _problem(entry: EntryPoint, message: str) -> Problem:
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
