"""Lesson variables as NumPy arrays, and the random points at which expressions are compared."""

from __future__ import annotations

from typing import Any, Mapping

import numpy as np

from backprop_tui.records import frozen_dataclass

Shape = tuple[int, ...]
Point = dict[str, np.ndarray]

SEED = 20_240_917
RANDOM_POINTS = 4


@frozen_dataclass
class Env:
    """The lesson's values; ``signature`` (names and shapes) is all that parsing depends on."""

    values: Point
    signature: tuple[tuple[str, Shape], ...]


def make_env(variables: Mapping[str, Any] | None) -> Env:
    """Convert numbers and nested lists to float arrays; raises ValueError on bad values."""
    values: Point = {}
    for name, value in (variables or {}).items():
        if not isinstance(name, str) or not name:
            raise ValueError(f"variable names must be non-empty strings, got {name!r}")
        try:
            array = np.asarray(value, dtype=float)
        except (TypeError, ValueError) as error:
            raise ValueError(f"variable {name!r} is not a number or a (nested) list of numbers: "
                             f"{error}") from None
        if array.ndim > 2 or array.size > 10_000:
            raise ValueError(f"variable {name!r} has shape {array.shape}; "
                             "at most 2-D and 10000 entries")
        values[name] = array
    signature = tuple(sorted((name, array.shape) for name, array in values.items()))
    return Env(values, signature)


def random_points(env: Env, count: int = RANDOM_POINTS) -> list[Point]:
    """Points near the lesson's values, then points of both signs; never close to 0 (kinks).

    The generator is seeded, so a given lesson always gets the same points: they are made once
    per set of values (each call gets its own dicts, which a caller may change).
    """
    key = (count, tuple((name, value.shape, value.tobytes()) for name, value in env.values.items()))
    if key not in _POINTS:
        if len(_POINTS) >= _POINTS_KEPT:
            _POINTS.pop(next(iter(_POINTS)))
        _POINTS[key] = _make_points(env, count)
    return [dict(point) for point in _POINTS[key]]


_POINTS: dict[tuple, list[Point]] = {}
_POINTS_KEPT = 256


def _make_points(env: Env, count: int) -> list[Point]:
    rng = np.random.default_rng(SEED)
    points: list[Point] = []
    for index in range(count):
        point: Point = {}
        for name, value in env.values.items():
            sign = rng.choice([-1.0, 1.0], size=value.shape)
            fresh = sign * rng.uniform(0.5, 2.0, size=value.shape)
            if index < count // 2:  # nudge the lesson's values, keeping their signs (log, sqrt)
                nudged = value * rng.uniform(0.6, 1.4, size=value.shape)
                point[name] = np.where(np.abs(value) > 1e-9, nudged, np.abs(fresh))
            else:
                point[name] = fresh
        points.append(point)
    return points
