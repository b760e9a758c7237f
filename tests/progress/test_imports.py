import subprocess
import sys

from .conftest import subprocess_env

HEAVY = ("textual", "numpy", "sympy", "rich", "pydantic", "yaml")


def test_progress_imports_nothing_heavy():
    code = (
        "import sys, backprop_tui.progress\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=subprocess_env(),
    )
    assert result.stdout.strip() == ""
