"""Timestamps: ISO-8601 strings in UTC, from an injectable clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

Clock = Callable[[], datetime]
"""A zero-argument callable returning a timezone-aware ``datetime``."""


def utc_now() -> datetime:
    """The default clock."""
    return datetime.now(timezone.utc)


def iso_utc(moment: datetime) -> str:
    """Format ``moment`` as ISO-8601 in UTC with microseconds, e.g.
    ``2024-05-01T12:00:00.000000+00:00``.

    Fixed width, so the strings sort in time order. Naive datetimes are
    rejected: their zone is unknown.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"clock returned a naive datetime: {moment!r}")
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def file_stamp(moment: datetime) -> str:
    """Compact UTC stamp safe in file names on every OS, e.g. ``20240501T120000Z``."""
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
