"""Opening a lesson checks it in full once per file content, not at every opening.

`backprop-tui check` always verifies everything (authors); the app and `walk` remember, in
the data dir, the digests of lesson files whose keys passed, so an unchanged file opens
without SymPy. Beside each digest they keep the file's data and positions as JSON, so that
an unchanged file opens without PyYAML and pydantic too. The memory is kept per version of
backprop-tui (a new checker verifies again); a corrupt or foreign entry is ignored.
"""

from __future__ import annotations

from pathlib import Path

from backprop_tui import __version__
from backprop_tui.lessons.cache import cache_file, read_cache, write_cache
from backprop_tui.lessons.files import LessonFileError, read_regular_file
from backprop_tui.lessons.load import LoadedLesson, load_lesson, load_passed
from backprop_tui.lessons.located import Located, text_digest

VERIFIED_FILE = "verified-lessons.json"
MAX_REMEMBERED = 1000
PASSED_DIR = "passed-lessons"  # one JSON file per digest: the data of a file that passed
MAX_PASSED_FILES = 200


def load_verified(path: str | Path, data_dir: Path | None) -> LoadedLesson:
    """The lesson (LessonFileError when it has problems), its answer keys verified only when
    this content has not passed before. Reads files and may run SymPy: call it from a worker
    thread, never from the UI thread."""
    if data_dir is None:
        return load_lesson(path)
    path, passed = Path(path), _passed(data_dir)
    remembered = _load_remembered(path, data_dir, passed)
    if remembered is not None:
        return remembered
    loaded = load_lesson(path, verified=frozenset(passed))
    if loaded.digest not in passed:
        write_cache(cache_file(data_dir, VERIFIED_FILE),
                    {"version": __version__, "digests": (passed + [loaded.digest])[-MAX_REMEMBERED:]})
    _remember(loaded.located, data_dir)
    return loaded


def load_if_passed(path: str | Path, data_dir: Path | None) -> LoadedLesson | None:
    """The lesson when the data dir remembers its content as passed, built without checking
    it again (no YAML, pydantic or SymPy: quick); None when it would have to be checked."""
    return None if data_dir is None else _load_remembered(Path(path), data_dir, _passed(data_dir))


def _passed(data_dir: Path) -> list[str]:
    """The digests of the lesson file contents that passed, oldest first."""
    stored = read_cache(cache_file(data_dir, VERIFIED_FILE))
    digests = stored.get("digests") if stored.get("version") == __version__ else None
    return [d for d in digests if isinstance(d, str)] if isinstance(digests, list) else []


def _load_remembered(path: Path, data_dir: Path, passed: list[str]) -> LoadedLesson | None:
    located = _recall(path, data_dir, frozenset(passed))
    if located is None:
        return None
    try:
        return load_passed(path, located)
    except (LessonFileError, KeyError, TypeError, ValueError, AttributeError):
        return None  # an entry that is not what this version writes: the file is read


def _entry(data_dir: Path, digest: str) -> Path:
    return cache_file(data_dir, PASSED_DIR) / f"{digest}.json"


def _recall(path: Path, data_dir: Path, passed: frozenset[str]) -> Located | None:
    """The file's data and positions as remembered, when its content passed before."""
    try:
        digest = text_digest(read_regular_file(path).decode("utf-8-sig"))
    except (LessonFileError, UnicodeDecodeError):
        return None  # load_lesson reports it
    if digest not in passed:
        return None
    stored = read_cache(_entry(data_dir, digest))
    if stored.get("version") != __version__ or stored.get("digest") != digest:
        return None
    try:
        return Located.from_plain(str(path), digest, stored)
    except (KeyError, TypeError, ValueError):
        return None


def _remember(located: Located, data_dir: Path) -> None:
    """Keep the data of a file that passed; the oldest entries go beyond MAX_PASSED_FILES."""
    entry = _entry(data_dir, located.digest)
    write_cache(entry, {"version": __version__, "digest": located.digest, **located.to_plain()})
    try:
        entries = sorted(entry.parent.glob("*.json"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-MAX_PASSED_FILES]:
            old.unlink()
    except OSError:
        pass  # another process tidied up first, or the dir is read-only
