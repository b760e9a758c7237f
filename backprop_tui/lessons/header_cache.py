"""The picker's lesson headers (id, title, summary, tags), remembered between starts.

An entry is reused while its file's modification time and size are unchanged, so a start
reads in full only the lesson files that changed. Kept in the data dir; without one
(or when it is unusable) nothing is remembered.
"""

from __future__ import annotations

import os
from pathlib import Path

from backprop_tui.lessons.cache import cache_file, read_cache, write_cache

HEADERS_FILE = "lesson-headers.json"
VERSION = 1  # bump when the header's fields or the reader's problems change


class HeaderCache:
    def __init__(self, data_dir: Path | None):
        self.file = cache_file(data_dir, HEADERS_FILE) if data_dir is not None else None
        stored = read_cache(self.file) if self.file is not None else {}
        self.entries = stored.get("entries", {}) if stored.get("version") == VERSION else {}
        if not isinstance(self.entries, dict):
            self.entries = {}
        self.used: dict[str, dict] = {}
        self.changed = False

    def get(self, path: Path) -> dict | None:
        key, stamp = str(path.resolve()), _stamp(path)
        entry = self.entries.get(key)
        if stamp is None or not isinstance(entry, dict) or entry.get("stamp") != stamp:
            return None
        header = entry.get("header")
        if not _well_formed(header):
            return None
        self.used[key] = entry
        return header

    def put(self, path: Path, header: dict) -> None:
        stamp = _stamp(path)
        if stamp is not None:
            self.used[str(path.resolve())] = {"stamp": stamp, "header": header}
            self.changed = True

    def save(self) -> None:
        """Keep the entries of this start (files gone or no longer listed are dropped)."""
        if self.file is not None and (self.changed or self.used.keys() != self.entries.keys()):
            write_cache(self.file, {"version": VERSION, "entries": self.used})


def _stamp(path: Path) -> list[int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_mtime_ns, info.st_size]


def _well_formed(header) -> bool:
    if not isinstance(header, dict):
        return False
    if "problems" in header:
        problems = header["problems"]
        return isinstance(problems, list) and all(
            isinstance(p, list) and len(p) == 3 and isinstance(p[0], int) and isinstance(p[1], int)
            and isinstance(p[2], str) for p in problems
        )
    return (
        all(isinstance(header.get(key), str) for key in ("id", "title", "summary"))
        and isinstance(header.get("tags"), list) and all(isinstance(t, str) for t in header["tags"])
    )
