"""`backprop-tui serve`: the app in a web browser, for a class or a machine without a terminal.

textual-serve starts one app process per browser session. Unless the learner names a data
dir, each session gets a fresh one of its own (its own progress), inside a folder that lives
as long as the server.
"""

from __future__ import annotations

import shlex
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path


def session_command(*, data_dir: Path | None, lesson_dirs: Iterable[Path], sessions: Path) -> str:
    """The shell command textual-serve runs for each session."""
    command = [sys.executable, "-m", "backprop_tui"]
    for folder in lesson_dirs:
        command += ["--lessons", str(Path(folder).resolve())]
    words = " ".join(map(shlex.quote, command))
    if data_dir is not None:
        return f"{words} --data-dir {shlex.quote(str(Path(data_dir).resolve()))}"
    own = shlex.quote(str(sessions / "session-XXXXXXXX"))
    return f'{words} --data-dir "$(mktemp -d {own})"'


def serve(*, host: str, port: int, data_dir: Path | None = None, lesson_dirs: Iterable[Path] = ()) -> None:
    """Serve until interrupted; OSError when the address cannot be used."""
    from textual_serve.server import Server

    with tempfile.TemporaryDirectory(prefix="backprop-tui-sessions-") as sessions:
        command = session_command(data_dir=data_dir, lesson_dirs=lesson_dirs, sessions=Path(sessions))
        Server(command, host=host, port=port, title="backprop-tui").serve()
