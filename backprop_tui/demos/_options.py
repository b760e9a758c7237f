"""Options from text (`--set n=200` on a command line or a text field in a form), and the
bounds every demo option is checked against: each bad value gets one line naming the allowed range."""

from __future__ import annotations

import dataclasses
import os
import types
import typing
from collections.abc import Mapping
from typing import Any

TRUE, FALSE = {"true", "yes", "on", "1"}, {"false", "no", "off", "0"}
NONE = {"none", "auto", ""}


def _coerce(hint: Any, text: str) -> Any:
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        if type(None) in args and text.strip().lower() in NONE:
            return None
        (hint,) = [arg for arg in args if arg is not type(None)]
        args = typing.get_args(hint)
    if hint is bool:
        word = text.strip().lower()
        if word not in TRUE | FALSE:
            raise ValueError(f"expected true or false, got {text!r}")
        return word in TRUE
    if typing.get_origin(hint) is tuple:
        return tuple(_coerce(args[0], part) for part in text.split(",") if part.strip())
    return hint(text.strip())  # int, float, str: their own error messages name the bad text


def make_options(options_type: type, values: Mapping[str, Any] | None = None) -> Any:
    """An options dataclass from defaults overridden by `values`; strings are converted to
    each field's type. Raises ValueError naming the field for unknown names or bad values."""
    hints = typing.get_type_hints(options_type)
    known = {f.name for f in dataclasses.fields(options_type)}
    converted = {}
    for name, value in (values or {}).items():
        if name not in known:
            raise ValueError(f"unknown option {name!r}; options are {', '.join(sorted(known))}")
        try:
            converted[name] = _coerce(hints[name], value) if isinstance(value, str) else value
        except (TypeError, ValueError) as error:
            raise ValueError(f"option {name}: {error}") from None
    return options_type(**converted)


def check_ranges(options) -> None:
    """Each option its class declares in RANGES (name: (lowest, highest)) within its range, but
    those in MEMORY_LIMITED, which the class checks against the memory too (require_fits)."""
    skipped = getattr(options, "MEMORY_LIMITED", ())
    for name, (low, high) in options.RANGES.items():
        if name not in skipped:
            require_between(name, getattr(options, name), low, high)


def range_text(options, name: str) -> str | None:
    """The range `options` declares for `name`, as "1–1,000" (", memory allowing" when the
    memory may allow less); None for an option without one."""
    bounds = getattr(options, "RANGES", {}).get(name)
    if bounds is None:
        return None
    memory = ", memory allowing" if name in getattr(options, "MEMORY_LIMITED", ()) else ""
    return f"{bounds[0]:,}–{bounds[1]:,}{memory}"


def require_between(name: str, value: float, low: float, high: float, why: str = "") -> None:
    """A one-line ValueError naming the allowed range when `value` is outside [low, high]."""
    if not low <= value <= high:
        reason = f" {why}" if why else ""
        raise ValueError(f"{name} must be between {low:,} and {high:,}{reason} (got {value:,})")


def memory_budget() -> int:
    """Bytes a demo's arrays may take: a quarter of this machine's memory (1 GiB if unknown)."""
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 4
    except (AttributeError, OSError, ValueError):
        return 2**30


def require_fits(options, name: str, bytes_each: int, what: str) -> None:
    """The option `name` within its declared range (RANGES) and `value` × `bytes_each` within
    the memory budget; when the memory is the tighter limit and the value passes it, the
    message says so."""
    value, (low, high) = getattr(options, name), options.RANGES[name]
    budget = memory_budget()
    fitting = max(budget // max(bytes_each, 1), low)
    if value > fitting and fitting < high:
        why = f"so that {what} fit in {budget / 2**30:.1f} GB, a quarter of this machine's memory"
        require_between(name, value, low, fitting, why)
    require_between(name, value, low, min(high, fitting))
