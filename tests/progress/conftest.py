from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import backprop_tui
from backprop_tui.progress import ProgressStore

REPO_ROOT = Path(backprop_tui.__file__).resolve().parent.parent


def subprocess_env() -> dict[str, str]:
    """Environment for a child Python that imports this checkout's package."""
    return {**os.environ, "PYTHONPATH": str(REPO_ROOT)}


def run_sql(path: Path, *statements: str) -> list[tuple]:
    """Run statements on the file at ``path`` with a throwaway connection
    (autocommit); return the rows of the last one."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        rows: list[tuple] = []
        for statement in statements:
            rows = conn.execute(statement).fetchall()
        return rows
    finally:
        conn.close()


START = datetime(2024, 5, 1, 12, 0, 0, tzinfo=timezone.utc)


class FakeClock:
    """Returns START, START + 1 s, START + 2 s, ... on successive calls."""

    def __init__(self, start: datetime = START, step: timedelta = timedelta(seconds=1)):
        self.now = start
        self.step = step

    def __call__(self) -> datetime:
        current = self.now
        self.now += self.step
        return current


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> Iterator[ProgressStore]:
    with ProgressStore.open(tmp_path, clock=clock) as opened:
        assert opened.notice is None
        yield opened
