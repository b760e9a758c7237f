"""Reading a YAML file into plain data while remembering where every key and value stood.

Only YAML's safe types are built (no arbitrary objects); duplicate keys, non-UTF-8 bytes,
empty files and alias bombs are reported as problems with a line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

MAX_BYTES = 1_000_000
MAX_YAML_NODES = 100_000

SAFE_TAGS = frozenset(f"tag:yaml.org,2002:{kind}" for kind in ("str", "int", "float", "bool", "null", "map", "seq"))

Path_ = tuple[str | int, ...]


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


@dataclass
class Located:
    """Plain data from YAML, with the (line, column) of each value and each mapping key."""

    file: str
    data: Any
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


def read_yaml(path: Path) -> Located:
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise LessonFileError([Problem(name, 1, 1, f"cannot read the file: {error.strerror}")]) from None
    if len(raw) > MAX_BYTES:
        raise LessonFileError([Problem(name, 1, 1, f"the file is larger than {MAX_BYTES} bytes")])
    text = _decode(name, raw)
    if not text.strip() or all(line.lstrip().startswith("#") for line in text.splitlines() if line.strip()):
        raise LessonFileError([Problem(name, 1, 1, "the file is empty")])
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        located = Located(name, None)
        located.data = _Builder(loader, located).build(root, ())
        return located
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = error.problem or error.context or "invalid YAML"
        if error.problem and error.context and error.context_mark:
            opened = error.context_mark
            message += f" ({error.context} started at line {opened.line + 1}, column {opened.column + 1})"
        raise LessonFileError([Problem(name, line, column, f"YAML syntax: {message}")]) from None
    except yaml.YAMLError as error:
        raise LessonFileError([Problem(name, 1, 1, f"YAML: {error}")]) from None
    finally:
        loader.dispose()


def _decode(name: str, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        byte = raw[error.start : error.start + 1].hex()
        raise LessonFileError([Problem(name, line, column, f"not UTF-8 text (byte 0x{byte})")]) from None


class _Builder:
    def __init__(self, loader: yaml.SafeLoader, located: Located):
        self.loader = loader
        self.located = located
        self.count = 0

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_YAML_NODES:
            raise yaml.MarkedYAMLError(problem="the document is too large (aliases expand too far)",
                                       problem_mark=node.start_mark)
        self.located.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in SAFE_TAGS:
            raise yaml.MarkedYAMLError(problem=f"the tag {node.tag} is not allowed in a lesson file",
                                       problem_mark=node.start_mark)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self.loader.construct_object(node, deep=True)

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        self.loader.flatten_mapping(node)
        result: dict = {}
        for key_node, value_node in node.value:
            key = self.loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise yaml.MarkedYAMLError(problem="a key must be a plain word", problem_mark=key_node.start_mark)
            key = str(key) if not isinstance(key, str) else key
            if key in result:
                raise yaml.MarkedYAMLError(problem=f"the key '{key}' appears twice",
                                           problem_mark=key_node.start_mark)
            self.located.keys[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, path + (key,))
        return result
