"""Reading a lesson folder's files safely, and the problems found in them.

Kept apart from the YAML reader so that the catalog can list cached lessons without
importing PyYAML.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 1_000_000


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class LessonFileError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = sorted(problems)


def read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_BYTES; LessonFileError for anything else."""
    name = str(path)
    try:  # O_NONBLOCK: opening a FIFO must not wait for a writer
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise LessonFileError([Problem(name, 1, 1, f"cannot read the file: {error.strerror}")]) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise LessonFileError([Problem(name, 1, 1, "not a regular file")])
        with os.fdopen(os.dup(fd), "rb") as file:
            raw = file.read(MAX_BYTES + 1)  # one byte more tells a file that is too large
    except OSError as error:
        raise LessonFileError([Problem(name, 1, 1, f"cannot read the file: {error.strerror}")]) from None
    finally:
        os.close(fd)
    if len(raw) > MAX_BYTES:
        raise LessonFileError([Problem(name, 1, 1, f"the file is larger than {MAX_BYTES} bytes")])
    return raw
