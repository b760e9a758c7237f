"""Reading a YAML file into plain data while remembering where every key and value stood.

Only regular files up to MAX_BYTES are read (a FIFO or a device named `*.yaml` is refused
without blocking); only YAML's safe types are built; nesting depth and alias expansion are
bounded; numbers must fit in a float. Every problem is reported with a line and column.

libyaml (PyYAML's C loader) parses when it is installed; its nodes carry line and column
too. When it reports a syntax error the file is parsed again with the pure-Python loader,
whose messages are the ones documented (and the same on every machine).
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from backprop_tui.lessons.files import LessonFileError, Problem, read_regular_file
from backprop_tui.lessons.located import Located, Path_, text_digest

MAX_YAML_NODES = 100_000  # values built, aliases counted at every use
MAX_DEPTH = 32  # a lesson nests a few levels (questions, a matrix); libyaml stops at 1000
MAX_DIGITS = 320  # longer integers cannot be a float; Python refuses to parse beyond 4300

SAFE_TAGS = frozenset(f"tag:yaml.org,2002:{kind}" for kind in ("str", "int", "float", "bool", "null", "map", "seq"))
INT_TAG, FLOAT_TAG, NULL_TAG = (f"tag:yaml.org,2002:{kind}" for kind in ("int", "float", "null"))


class _Resolver(Resolver):
    """YAML 1.1's resolver, plus `1e-3` and `2E5` read as the numbers they look like (as in YAML 1.2)."""


_Resolver.add_implicit_resolver(
    FLOAT_TAG, re.compile(r"^[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+$"), list("-+0123456789")
)


class _DepthLimitedComposer(Composer):
    """The pure-Python composer recurses once per nesting level: stop before Python's limit."""

    depth = 0

    def compose_node(self, parent, index):
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise yaml.MarkedYAMLError(problem=f"nested more than {MAX_DEPTH} levels deep",
                                           problem_mark=self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class PythonLoader(Reader, Scanner, Parser, _DepthLimitedComposer, SafeConstructor, _Resolver):
    def __init__(self, stream):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        _Resolver.__init__(self)


try:
    from yaml.cyaml import CParser

    class CLoader(CParser, SafeConstructor, _Resolver):
        def __init__(self, stream):
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            _Resolver.__init__(self)

    FAST_LOADER: type = CLoader
except ImportError:  # PyYAML built without libyaml
    FAST_LOADER = PythonLoader


def read_yaml(path: Path) -> Located:
    name = str(path)
    text = read_text(path)
    located = _parse(name, text)
    located.digest = text_digest(text)
    return located


def _parse(name: str, text: str) -> Located:
    try:
        return _compose(name, text, FAST_LOADER)
    except yaml.YAMLError as fast_error:
        if FAST_LOADER is PythonLoader:
            raise _syntax_problem(name, fast_error) from None
        try:  # the documented messages come from the pure-Python loader
            return _compose(name, text, PythonLoader)
        except yaml.YAMLError as error:
            raise _syntax_problem(name, error) from None
        except LessonFileError:
            raise _syntax_problem(name, fast_error) from None


def read_text(path: Path) -> str:
    """The file's text: a regular file, at most MAX_BYTES, UTF-8, not empty, printable."""
    name = str(path)
    raw = read_regular_file(path)
    text = _decode(name, raw)
    if not text.strip() or all(line.lstrip().startswith("#") for line in text.splitlines() if line.strip()):
        raise LessonFileError([Problem(name, 1, 1, "the file is empty")])
    bad = Reader.NON_PRINTABLE.search(text)
    if bad:
        line, column = _line_column(text, bad.start())
        raise LessonFileError([Problem(name, line, column, f"the character U+{ord(bad.group()):04X} is not allowed")])
    return text


def _compose(name: str, text: str, loader_class: type) -> Located:
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        located = Located(name, None)
        located.data = _Builder(loader, located).build(root, ())
        return located
    finally:
        loader.dispose()


def _syntax_problem(name: str, error: yaml.YAMLError) -> LessonFileError:
    if not isinstance(error, yaml.MarkedYAMLError):
        return LessonFileError([Problem(name, 1, 1, f"YAML: {error}")])
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = error.problem or error.context or "invalid YAML"
    if error.problem and error.context and error.context_mark:
        opened = error.context_mark
        message += f" ({error.context} started at line {opened.line + 1}, column {opened.column + 1})"
    return LessonFileError([Problem(name, line, column, f"YAML syntax: {message}")])


def _decode(name: str, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        byte = raw[error.start : error.start + 1].hex()
        raise LessonFileError([Problem(name, line, column, f"not UTF-8 text (byte 0x{byte})")]) from None


def _line_column(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


class _Builder:
    def __init__(self, loader, located: Located):
        self.loader = loader
        self.located = located
        self.count = 0

    def refuse(self, node: yaml.Node, message: str) -> LessonFileError:
        mark = node.start_mark
        return LessonFileError([Problem(self.located.file, mark.line + 1, mark.column + 1, message)])

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_YAML_NODES:
            raise self.refuse(node, "YAML syntax: the document is too large (aliases expand too far)")
        if len(path) > MAX_DEPTH:
            raise self.refuse(node, f"YAML syntax: nested more than {MAX_DEPTH} levels deep")
        self.located.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in SAFE_TAGS:
            raise self.refuse(node, f"YAML syntax: the tag {node.tag} is not allowed in a lesson file")
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        if node.tag in (INT_TAG, FLOAT_TAG):
            return self.number(node)
        return self.loader.construct_object(node, deep=True)

    def number(self, node: yaml.ScalarNode) -> int | float:
        shown = node.value if len(node.value) <= 16 else node.value[:12] + f"… ({len(node.value)} characters)"
        too_large = self.refuse(node, f"the number {shown} is too large: a lesson's numbers must fit in a float")
        if len(node.value) > MAX_DIGITS:
            raise too_large
        value = self.loader.construct_object(node, deep=True)
        try:
            finite = math.isfinite(value)
        except OverflowError:
            raise too_large from None
        if not finite:
            raise self.refuse(node, f"{node.value} is not a finite number")
        return value

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        self.loader.flatten_mapping(node)
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == NULL_TAG:
                raise self.refuse(key_node, "YAML syntax: a key must be a plain word")
            key = key_node.value
            if key in result:
                raise self.refuse(key_node, f"YAML syntax: the key '{key}' appears twice")
            self.located.keys[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, path + (key,))
        return result
