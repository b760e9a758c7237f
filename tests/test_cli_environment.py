"""What `main` sets in the process's environment before any library reads it."""

import os
import subprocess
import sys

import pytest

from .test_cli import APPLE_TAX

# Prints, when NumPy is first imported during the command, what OpenBLAS reads from the
# environment then (it reads it once, when NumPy loads it).
REPORT_AT_NUMPY_IMPORT = """
import importlib.abc, os, sys

class Report(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "numpy":
            sys.meta_path.remove(self)
            print("at numpy's import:", os.environ.get("OPENBLAS_THREAD_TIMEOUT"), file=sys.stderr)
        return None

sys.meta_path.insert(0, Report())
from backprop_tui.cli import main
main(["walk", {lesson!r}, "--data-dir", {data!r}])
"""


@pytest.mark.parametrize("users_own, seen", [(None, "24"), ("28", "28")])
def test_openblas_threads_spin_briefly_unless_the_user_chose(tmp_path, users_own, seen):
    """OpenBLAS's idle threads spin 2^24 cycles, not 2^28 (~0.1 s of a core at every start),
    set before NumPy loads; a value the user set is theirs."""
    env = {key: value for key, value in os.environ.items() if key != "OPENBLAS_THREAD_TIMEOUT"}
    if users_own is not None:
        env["OPENBLAS_THREAD_TIMEOUT"] = users_own
    code = REPORT_AT_NUMPY_IMPORT.format(lesson=str(APPLE_TAX), data=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert f"at numpy's import: {seen}" in result.stderr.splitlines()
