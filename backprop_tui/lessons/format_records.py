"""How the lesson format's records are declared and read: one definition, read two ways.

`record` makes a class of the format a frozen dataclass built from keyword arguments; `attr`,
`Rules` and `JsonSchema` carry pydantic's own Field arguments and schema, applied when pydantic
validates a file or writes the JSON Schema (schema_errors.py, schema.py). `from_data` rebuilds
a record from data pydantic accepted before, without pydantic (verified.py). Importing this
module imports neither.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import types
import typing
from typing import Annotated, Any, Literal, TypeVar

from backprop_tui.records import frozen_dataclass

Record = TypeVar("Record")
_PYDANTIC_CONFIG = {"extra": "forbid"}  # read by pydantic: an unknown key is an error


def record(cls: type[Record]) -> type[Record]:
    """A frozen dataclass of the format, built from keyword arguments."""
    cls.__pydantic_config__ = _PYDANTIC_CONFIG
    return frozen_dataclass(kw_only=True)(cls)


def attr(default: Any = dataclasses.MISSING, *, factory: Any = dataclasses.MISSING, **pydantic: Any) -> Any:
    """A field: its default and pydantic's Field arguments (description, alias, min_length, ...)."""
    return dataclasses.field(default=default, default_factory=factory, metadata=pydantic)


class Rules:
    """Constraints inside Annotated[...], as pydantic's Field takes them (pattern, ge, strict, ...)."""

    def __init__(self, **rules: Any):
        self.rules = rules

    def __get_pydantic_core_schema__(self, source, handler):
        from pydantic import Field  # here: only validating a file, or the schema, needs pydantic

        return handler(Annotated[source, Field(**self.rules)])


class JsonSchema:
    """The JSON Schema of a value inside Annotated[...] that the semantic pass reads."""

    def __init__(self, schema: dict):
        self.schema = schema

    def __get_pydantic_json_schema__(self, core_schema, handler) -> dict:
        return copy.deepcopy(self.schema)


_TRUE_WORDS = frozenset({"1", "on", "t", "true", "y", "yes"})  # as pydantic reads a bool from text


def from_data(cls: type[Record], data: Any) -> Record:
    """The record that pydantic builds from `data`, built without pydantic: for data pydantic has
    accepted before (a file whose content passed, an input's mapping in a validated lesson)."""
    fields = _fields(cls)
    data = getattr(cls, "shorthand", _same)(data)
    return cls(**{name: _read(kind, data[key]) for key, (name, kind) in fields.items() if key in data})


def _same(data: Any) -> Any:
    return data


@functools.cache
def _fields(cls: type) -> dict[str, tuple[str, Any]]:
    """The record's keys in a file (a field's alias or its name) -> (field name, type)."""
    hints = typing.get_type_hints(cls)
    return {field.metadata.get("alias", field.name): (field.name, hints[field.name]) for field in dataclasses.fields(cls)}


def _read(kind: Any, value: Any) -> Any:
    if value is None or kind is Any:
        return value
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):  # `X | None`, or `Name | float`: a value of one kind stays as it is
        kinds = [arg for arg in args if arg is not type(None)]
        return value if any(type(value) is arg for arg in kinds) else _read(kinds[-1], value)
    if origin is Literal:
        return value
    if origin is list:
        return [_read(args[0], item) for item in value]
    if origin is tuple:
        return tuple(_read(arg, item) for arg, item in zip(args, value))
    if origin is dict:
        return {key: _read(args[1], item) for key, item in value.items()}
    if dataclasses.is_dataclass(kind):
        return from_data(kind, value)
    if kind is bool and isinstance(value, str):
        return value.lower() in _TRUE_WORDS
    return kind(value)  # a number pydantic accepted as an int or float, a bool, a string
