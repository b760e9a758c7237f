"""Local gradients in learner notation, remembered between runs in the data dir, so that
`walk` and `expr` print the formulas of gates they have written before without SymPy.

Keyed by `engine.explain.notation_key` (the op, its inputs' names or numbers, the ranks):
the same key, the same formulas. Kept per version of backprop-tui (a new printer writes
again); a corrupt or foreign entry is ignored.
"""

from __future__ import annotations

from pathlib import Path

from backprop_tui import __version__
from backprop_tui.lessons.cache import cache_file, read_cache, write_cache

NOTATIONS_FILE = "notations.json"
MAX_REMEMBERED = 5000


def memory_in(data_dir: Path | None) -> NotationMemory | None:
    """The data dir's memory; None without a data dir (nothing remembered, nothing saved)."""
    return None if data_dir is None else NotationMemory(data_dir)


class NotationMemory:
    def __init__(self, data_dir: Path) -> None:
        self.file = cache_file(data_dir, NOTATIONS_FILE)
        stored = read_cache(self.file)
        entries = stored.get("notations") if stored.get("version") == __version__ else None
        self.notations: dict[str, list] = {
            key: value for key, value in (entries.items() if isinstance(entries, dict) else ())
            if isinstance(value, list) and all(v is None or isinstance(v, str) for v in value)
        }
        self._known = len(self.notations)

    def save(self) -> None:
        """Write the file when formulas were added (the newest kept when there are too many)."""
        if len(self.notations) != self._known:
            kept = dict(list(self.notations.items())[-MAX_REMEMBERED:])
            write_cache(self.file, {"version": __version__, "notations": kept})
            self._known = len(self.notations)
