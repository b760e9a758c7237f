"""A progress store whose failed saves are reported in the app instead of crashing it.

The store never loses what was already saved (each save is one transaction), but a save
can still fail mid-session — a full disk, a lock held by another program. The learner
should see that once and go on learning.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

WRITES = frozenset({"save_position", "mark_completed", "record_attempt", "record_hint", "record_reveal", "reset"})


class ReportingStore:
    """Passes everything to `store`; a write that raises sqlite3.Error goes to `report`."""

    def __init__(self, store, report: Callable[[str], None]) -> None:
        self._store = store
        self._report = report

    def __getattr__(self, name: str):
        attribute = getattr(self._store, name)
        if name not in WRITES:
            return attribute

        def write(*args, **kwargs):
            try:
                return attribute(*args, **kwargs)
            except sqlite3.Error as error:
                self._report(f"Your progress could not be saved ({error}). Earlier progress is safe.")
                return None

        return write
