"""Importing the answers package (and the quiz that uses it) does not import SymPy: that costs
most of a second at every start; SymPy loads when the first answer is checked."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
import backprop_tui.answers
import backprop_tui.lessons.quiz
assert "sympy" not in sys.modules
from backprop_tui.answers import check
assert check("2x", "2*x", {"x": 1.0}).correct
assert "sympy" in sys.modules
"""


def test_sympy_is_imported_only_when_an_answer_is_checked() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
