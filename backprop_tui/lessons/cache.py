"""Small JSON caches in the data dir (lesson headers, verified answer keys).

A cache only saves work: one that is missing, unreadable or corrupt reads as empty, and
one that cannot be written is skipped. Writes go to a temporary file renamed into place,
so a reader never sees half a file.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from backprop_tui.lessons.files import LessonFileError, read_regular_file

CACHE_DIR = "cache"


def cache_file(data_dir: Path, name: str) -> Path:
    return Path(data_dir) / CACHE_DIR / name


def read_cache(path: Path) -> dict:
    try:
        data = json.loads(read_regular_file(path))
    except (LessonFileError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def write_cache(path: Path, data: Any) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as file:
                json.dump(data, file)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass  # a read-only or full data dir: the next start reads the files again
