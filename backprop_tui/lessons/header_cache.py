"""What the catalog read of each lesson file (its header: id, title, summary, tags) and
course.yaml (the order), or the file's problems, remembered between starts.

An entry is reused while its file's modification time and size are unchanged, so a start
reads in full only the files that changed. Kept in the data dir; without one
(or when it is unusable) nothing is remembered.
"""

from __future__ import annotations

import os
from pathlib import Path

from backprop_tui import __version__
from backprop_tui.lessons.cache import cache_file, read_cache, write_cache

HEADERS_FILE = "lesson-headers.json"
VERSION = f"2/{__version__}"  # the entries' layout / the reader that made them

Stamp = list[int]  # [st_mtime_ns, st_size], as JSON keeps it


class HeaderCache:
    def __init__(self, data_dir: Path | None):
        self.file = cache_file(data_dir, HEADERS_FILE) if data_dir is not None else None
        stored = read_cache(self.file) if self.file is not None else {}
        self.entries = stored.get("entries", {}) if stored.get("version") == VERSION else {}
        if not isinstance(self.entries, dict):
            self.entries = {}
        self.used: dict[str, dict] = {}
        self.changed = False

    def get(self, key: str, stamp: Stamp | None) -> dict | None:
        """What was read of the file `key` (its resolved path) when it had this `stamp`."""
        entry = self.entries.get(key)
        if stamp is None or not isinstance(entry, dict) or entry.get("stamp") != stamp:
            return None
        content = entry.get("content")
        if not _well_formed(content):
            return None
        self.used[key] = entry
        return content

    def put(self, key: str, stamp: Stamp | None, content: dict) -> None:
        if stamp is not None:
            self.used[key] = {"stamp": stamp, "content": content}
            self.changed = True

    def save(self) -> None:
        """Keep the entries of this start (files gone or no longer listed are dropped)."""
        if self.file is not None and (self.changed or self.used.keys() != self.entries.keys()):
            write_cache(self.file, {"version": VERSION, "entries": self.used})


def stamp(entry: os.DirEntry) -> Stamp | None:
    """The file's modification time and size (of the file a link points to), None if unreadable."""
    try:
        info = entry.stat()
    except OSError:
        return None
    return [info.st_mtime_ns, info.st_size]


def _well_formed(entry) -> bool:
    if not isinstance(entry, dict):
        return False
    if "problems" in entry:
        return _all(entry["problems"], lambda p: _shaped(p, (int, int, str)))
    if "lessons" in entry:
        return isinstance(entry.get("title"), str) and _all(
            entry["lessons"], lambda e: _shaped(e, (str, (str, type(None)), list)) and _all(e[2], _is_str)
        )
    return all(_is_str(entry.get(key)) for key in ("id", "title", "summary")) and _all(entry.get("tags"), _is_str)


def _is_str(value) -> bool:
    return isinstance(value, str)


def _all(items, check) -> bool:
    return isinstance(items, list) and all(check(item) for item in items)


def _shaped(item, types: tuple) -> bool:
    return isinstance(item, list) and len(item) == len(types) and all(isinstance(v, t) for v, t in zip(item, types))
