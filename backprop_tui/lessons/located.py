"""Plain data read from a lesson file, with where each value stood (kept apart from the YAML
reader so that a lesson remembered from an earlier load opens without importing PyYAML)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from backprop_tui.lessons.files import Problem

Path_ = tuple[str | int, ...]


@dataclass
class Located:
    """Plain data from YAML, with the (line, column) of each value and each mapping key."""

    file: str
    data: Any
    digest: str = ""  # SHA-256 of the file's text: the same digest, the same lesson
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def problem(self, path: Path_, message: str, *, at_key: bool = False) -> Problem:
        line, column = self.position(path, at_key=at_key)
        return Problem(self.file, line, column, message)

    def position(self, path: Path_, *, at_key: bool = False) -> tuple[int, int]:
        """Where `path` is, or its nearest enclosing value that exists."""
        path = tuple(path)
        if at_key and path in self.keys:
            return self.keys[path]
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def to_plain(self) -> dict:
        """The data and positions as JSON can hold them (see `from_plain`)."""
        return {"data": self.data, "values": _entries(self.values), "keys": _entries(self.keys)}

    @classmethod
    def from_plain(cls, file: str, digest: str, plain: dict) -> Located:
        """What `to_plain` gave; TypeError or ValueError when `plain` is not that."""
        return cls(file, plain["data"], digest, _positions(plain["values"]), _positions(plain["keys"]))


def _entries(positions: dict[Path_, tuple[int, int]]) -> list:
    return [[list(path), line, column] for path, (line, column) in positions.items()]


def _positions(entries: list) -> dict[Path_, tuple[int, int]]:
    return {tuple(path): (int(line), int(column)) for path, line, column in entries}


def text_digest(text: str) -> str:
    """SHA-256 of a lesson file's text: the same digest, the same lesson."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
