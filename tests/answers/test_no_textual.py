"""The answers package is pure: importing and using it never imports Textual."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
import backprop_tui.answers as answers
answers.check("2x", "2*x", {"x": 1.0})
answers.evaluate("W.T @ d", {"W": [[1, 2]], "d": [3]})
assert "textual" not in sys.modules, sorted(m for m in sys.modules if m.startswith("textual"))
"""


def test_answers_does_not_import_textual() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
