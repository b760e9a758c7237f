"""Opening the progress file without ever crashing.

:func:`open_database` classifies the file before touching it:

* ``corrupt``: not an SQLite file (random bytes), or ``PRAGMA quick_check``
  fails, or our tables are missing;
* ``foreign``: a valid SQLite file that another program wrote (it lacks our
  ``application_id``);
* ``newer``: our file, but with a schema version this release does not know.

Such a file is renamed to ``progress.sqlite3.<kind>-<UTC stamp>`` (with its
``-wal``/``-shm``/``-journal`` companions, so a stale WAL can never be
replayed into the fresh file) and a fresh database is created, with a notice
for the learner. Errors that do not prove the file bad (locked, unreadable
directory, disk full, a FIFO or a device in the file's place) never move
anything: progress then lives in memory for the session, again with a notice.
A file that can be read but not written is copied into memory: past progress
shows, and the notice comes at start rather than at the first failed save.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from backprop_tui.progress import schema
from backprop_tui.progress.db import configure, connect
from backprop_tui.progress.paths import database_path
from backprop_tui.progress.timestamps import Clock, file_stamp
from backprop_tui.records import frozen_dataclass

SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100

_NOTICES = {
    "corrupt": (
        "Your progress file {path} was damaged and could not be read ({detail}). "
        "It was moved to {aside} and a fresh progress file was started."
    ),
    "foreign": (
        "{path} is not a backprop-tui progress file ({detail}). "
        "It was moved to {aside} and a fresh progress file was started."
    ),
    "newer": (
        "{path} was written by a newer version of backprop-tui ({detail}). "
        "It was moved to {aside}, where that version can still use it, "
        "and a fresh progress file was started."
    ),
}

UNAVAILABLE_NOTICE = (
    "Progress cannot be saved: {path} could not be opened ({detail}). "
    "Progress from this session is kept in memory only."
)

READ_ONLY_NOTICE = (
    "Your progress file {path} is read-only: your progress so far is shown, but progress "
    "from this session is kept in memory only."
)


@frozen_dataclass(slots=True)
class Problem:
    """Why an existing file cannot be used: ``kind`` is a key of ``_NOTICES``."""

    kind: str
    detail: str


@dataclass(slots=True)
class Opened:
    conn: sqlite3.Connection
    path: Path | None
    notice: str | None


def open_database(data_dir: Path, clock: Clock) -> Opened:
    """Open (creating, migrating or replacing) the database in ``data_dir``.

    ``clock`` is called only to stamp the name of a file moved aside. Never raises for a bad
    file or an unusable directory; see the module docstring.
    """
    path = database_path(data_dir)
    try:
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        return _open_file(path, clock)
    except (OSError, sqlite3.Error) as error:
        notice = UNAVAILABLE_NOTICE.format(path=path, detail=error)
        return Opened(open_memory(), path=None, notice=notice)


def open_memory() -> sqlite3.Connection:
    """A fresh, fully migrated in-memory database."""
    conn = connect(":memory:")
    schema.migrate(conn)
    return conn


def _open_file(path: Path, clock: Clock) -> Opened:
    notice = None
    require_regular_files(path)
    # Sniff before SQLite opens the file: probing a non-database makes SQLite
    # delete its "-journal" and "-wal", which we want to keep beside it.
    problem = sniff_header(path)
    conn = connect(path)
    try:
        problem = problem or inspect(conn)
        if problem is not None:
            conn.close()
            aside = move_aside(path, problem.kind, clock())
            notice = _NOTICES[problem.kind].format(
                path=path, aside=aside.name, detail=problem.detail
            )
            conn = connect(path)
        configure(conn)
        if read_only(conn):  # before migrating: an older read-only file is upgraded in memory
            memory = connect(":memory:")
            conn.backup(memory)
            conn.close()
            schema.migrate(memory)
            return Opened(memory, path=None, notice=READ_ONLY_NOTICE.format(path=path))
        schema.migrate(conn)
    except BaseException:
        conn.close()
        raise
    return Opened(conn, path=path, notice=notice)


def require_regular_files(path: Path) -> None:
    """``OSError`` unless the database and its companions are regular files or missing:
    reading a FIFO or a device named like them would hang or never end."""
    for candidate in (path, *(path.with_name(path.name + s) for s in SIDECAR_SUFFIXES)):
        try:
            mode = candidate.stat().st_mode
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(mode):
            kind = ("a directory" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode)
                    else "a device or socket")
            raise OSError(f"{candidate.name} is {kind}, not a regular file")


def read_only(conn: sqlite3.Connection) -> bool:
    """Whether SQLite opened the file read-only (it does so silently when it may not write it,
    and says so only at the first write): a write that is rolled back tells."""
    version = schema.user_version(conn)
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(f"PRAGMA user_version = {int(version)}")
    except sqlite3.OperationalError as error:
        if getattr(error, "sqlite_errorname", "") == "SQLITE_READONLY":
            return True
        raise
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    return False


def sniff_header(path: Path) -> Problem | None:
    """``corrupt`` if ``path`` is non-empty but lacks SQLite's 100-byte header.

    A missing or empty file is fine. ``OSError`` (e.g. ``path`` is a
    directory) propagates: it does not prove the file bad.
    """
    try:
        with open(path, "rb") as file:
            header = file.read(HEADER_SIZE)
    except FileNotFoundError:
        return None
    if header and (len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC)):
        return Problem("corrupt", "not an SQLite database")
    return None


def inspect(conn: sqlite3.Connection) -> Problem | None:
    """Return why the file behind ``conn`` cannot be used, or ``None`` if it can.

    An empty or brand-new file is fine (it is migrated from version 0).
    Raises ``sqlite3.Error`` for errors that are not proof of corruption.
    """
    try:
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        app_id = schema.application_id(conn)
        version = schema.user_version(conn)
        tables = schema.table_names(conn)
    except sqlite3.DatabaseError as error:
        if is_corruption(error):
            return Problem("corrupt", str(error))
        raise
    if check != "ok":
        return Problem("corrupt", f"integrity check: {check}")
    if app_id == schema.APPLICATION_ID:
        if version > schema.SCHEMA_VERSION:
            known = schema.SCHEMA_VERSION
            return Problem("newer", f"schema version {version}, this version knows {known}")
        if version == schema.SCHEMA_VERSION and not schema.REQUIRED_TABLES <= tables:
            missing = ", ".join(sorted(schema.REQUIRED_TABLES - tables))
            return Problem("corrupt", f"missing tables: {missing}")
        return None
    if app_id == 0 and version == 0 and not tables:
        return None
    names = ", ".join(sorted(tables)) or "none"
    return Problem("foreign", f"application id {app_id:#x}, tables: {names}")


def is_corruption(error: sqlite3.Error) -> bool:
    """True for SQLite's "not a database" and "malformed" errors."""
    name = getattr(error, "sqlite_errorname", "") or ""
    return name == "SQLITE_NOTADB" or name.startswith("SQLITE_CORRUPT")


def move_aside(path: Path, kind: str, moment: datetime) -> Path:
    """Rename ``path`` and its sidecar files to ``<name>.<kind>-<stamp>[-n]``."""
    base = f"{path.name}.{kind}-{file_stamp(moment)}"
    aside = path.with_name(base)
    counter = 1
    while aside.exists():
        aside = path.with_name(f"{base}-{counter}")
        counter += 1
    os.replace(path, aside)
    for suffix in SIDECAR_SUFFIXES:
        sidecar = path.with_name(path.name + suffix)
        if sidecar.exists():
            os.replace(sidecar, aside.with_name(aside.name + suffix))
    return aside
