"""Where the progress database lives.

Precedence, highest first:

1. an explicit directory (the CLI's ``--data-dir``),
2. the environment variable ``BACKPROP_TUI_DATA_DIR`` (ignored when empty),
3. ``platformdirs.user_data_dir("backprop-tui")``
   (e.g. ``~/.local/share/backprop-tui`` on Linux).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "backprop-tui"
DATA_DIR_ENV = "BACKPROP_TUI_DATA_DIR"
DB_FILENAME = "progress.sqlite3"


def default_data_dir(explicit: Path | str | None = None) -> Path:
    """Return the data directory: ``explicit`` > ``$BACKPROP_TUI_DATA_DIR`` > platformdirs.

    ``~`` is expanded in the first two. The directory is not created here;
    :meth:`ProgressStore.open` creates it.
    """
    if explicit is not None and str(explicit) != "":
        return Path(explicit).expanduser()
    from_env = os.environ.get(DATA_DIR_ENV, "")
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def database_path(data_dir: Path) -> Path:
    """Return the progress database file inside ``data_dir``."""
    return Path(data_dir) / DB_FILENAME
