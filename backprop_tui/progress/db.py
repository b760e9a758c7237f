"""Connection setup and the one transaction helper every write goes through.

Durability choices (see also the package docstring):

* ``journal_mode=WAL``: a commit appends to the ``-wal`` file; readers never
  block the writer, and a process killed mid-transaction leaves only an
  uncommitted WAL tail, which SQLite discards on the next open.
* ``synchronous=NORMAL``: in WAL mode this is safe against a *process* crash
  (a committed transaction is in the OS page cache, which survives SIGKILL)
  and never corrupts the file. Only an OS crash or power cut can roll back the
  last few commits. Progress is saved on every step the learner takes, on the
  UI thread; ``FULL`` would add an fsync per step (tens of ms on slow or
  network disks) to protect the last position against power loss, which is not
  worth a stuttering UI.
* Connections are in autocommit mode (``isolation_level=None``) and each save
  is one explicit ``BEGIN IMMEDIATE ... COMMIT``: the write lock is taken at
  the start, so two stores writing at once wait (``busy_timeout``) rather than
  fail on a read-to-write lock upgrade, and DDL in migrations is transactional
  too (Python's implicit transactions do not cover DDL).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BUSY_TIMEOUT_SECONDS = 5.0


def connect(target: Path | str) -> sqlite3.Connection:
    """Open ``target`` (a path or ``":memory:"``) in autocommit mode.

    Nothing is read yet: SQLite opens files lazily, so a foreign or corrupt
    file is only detected by the first statement.
    """
    conn = sqlite3.connect(
        str(target), timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None
    )
    conn.row_factory = sqlite3.Row
    return conn


def configure(conn: sqlite3.Connection) -> str:
    """Switch to WAL with ``synchronous=NORMAL``; return the journal mode in effect.

    Some filesystems (network mounts) cannot do WAL; SQLite then keeps its
    rollback journal, which is just as crash-safe, only slower for readers.
    """
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    conn.execute("PRAGMA synchronous = NORMAL")
    return str(mode)


@contextmanager
def transaction(
    conn: sqlite3.Connection, mode: str = "IMMEDIATE"
) -> Iterator[sqlite3.Connection]:
    """``BEGIN <mode>`` ... ``COMMIT``; ``ROLLBACK`` on any exception.

    ``IMMEDIATE`` (the default) for writes; ``DEFERRED`` gives a consistent
    read snapshot across several queries.
    """
    if mode not in ("IMMEDIATE", "DEFERRED"):
        raise ValueError(f"unknown transaction mode {mode!r}")
    conn.execute(f"BEGIN {mode}")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
