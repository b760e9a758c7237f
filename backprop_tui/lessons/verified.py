"""Opening a lesson verifies its answer keys once per file content, not at every opening.

`backprop-tui check` always verifies everything (authors); the app and `walk` remember, in
the data dir, the digests of lesson files whose keys passed, so an unchanged file opens
without SymPy. The memory is kept per version of backprop-tui (a new checker verifies again).
"""

from __future__ import annotations

from pathlib import Path

from backprop_tui import __version__
from backprop_tui.lessons.cache import cache_file, read_cache, write_cache
from backprop_tui.lessons.load import LoadedLesson, load_lesson

VERIFIED_FILE = "verified-lessons.json"
MAX_REMEMBERED = 1000


def load_verified(path: str | Path, data_dir: Path | None) -> LoadedLesson:
    """The lesson (LessonFileError when it has problems), its answer keys verified only when
    this content has not passed before. Reads files and may run SymPy: call it from a worker
    thread, never from the UI thread."""
    if data_dir is None:
        return load_lesson(path)
    file = cache_file(data_dir, VERIFIED_FILE)
    stored = read_cache(file)
    digests = stored.get("digests") if stored.get("version") == __version__ else None
    passed = [d for d in digests if isinstance(d, str)] if isinstance(digests, list) else []
    loaded = load_lesson(path, verified=frozenset(passed))
    if loaded.digest not in passed:
        write_cache(file, {"version": __version__, "digests": (passed + [loaded.digest])[-MAX_REMEMBERED:]})
    return loaded
