"""What every demo shares: JSON conversion, progress and cancellation, timing."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

Progress = Callable[[float], None] | None
ShouldStop = Callable[[], bool] | None


def to_jsonable(value: Any) -> Any:
    """Plain JSON data from dataclasses, NumPy values, tuples and dicts.

    Non-finite floats become None: strict JSON has no NaN, and a diverged run is legitimate data.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key): to_jsonable(item) for key, item in value.items()}
    if isinstance(value, np.ndarray):
        return to_jsonable(value.tolist())
    if isinstance(value, (list, tuple)):
        return [to_jsonable(item) for item in value]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        number = float(value)
        return number if math.isfinite(number) else None
    return value


class AsDict:
    """Mixin for result dataclasses: `as_dict()` is what `demo NAME --json` prints."""

    def as_dict(self) -> dict[str, Any]:
        return to_jsonable(self)


def floats(values: Iterable[Any]) -> tuple[float, ...]:
    return tuple(float(v) for v in values)


class Tracker:
    """Reports progress as a fraction of a known amount of work, and asks whether to stop."""

    def __init__(self, total: float, progress: Progress = None, should_stop: ShouldStop = None):
        self.total = max(float(total), 1.0)
        self.done = 0.0
        self._progress = progress
        self._should_stop = should_stop

    def advance(self, amount: float = 1.0) -> None:
        self.done = min(self.done + amount, self.total)
        if self._progress is not None:
            self._progress(self.done / self.total)

    def finish(self) -> None:
        self.advance(self.total)

    def stopped(self) -> bool:
        return self._should_stop is not None and bool(self._should_stop())


def require(condition: bool, message: str) -> None:
    """Option validation: a ValueError with a message a CLI can print as one line."""
    if not condition:
        raise ValueError(message)


def require_choice(value: str, choices: Iterable[str], what: str) -> None:
    choices = tuple(choices)
    require(value in choices, f"{what} must be one of {', '.join(choices)} (got {value!r})")
