"""Importing the answers package (and the quiz that uses it) does not import SymPy: that costs
most of a second at every start; SymPy loads when the first answer is checked. Nor does using
it import Textual: the package is pure. (One fresh interpreter checks both.)"""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
import backprop_tui.answers as answers
import backprop_tui.lessons.quiz
assert "sympy" not in sys.modules
assert answers.check("2x", "2*x", {"x": 1.0}).correct
assert "sympy" in sys.modules
answers.evaluate("W.T @ d", {"W": [[1, 2]], "d": [3]})
assert "textual" not in sys.modules, sorted(m for m in sys.modules if m.startswith("textual"))
"""


def test_sympy_is_imported_only_when_an_answer_is_checked_and_textual_never() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
