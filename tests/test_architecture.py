"""The core never imports Textual: it must stay usable (and testable) without the app."""

import subprocess
import sys

import pytest

CORE = ["engine", "lessons", "answers", "progress", "demos"]


@pytest.mark.parametrize("package", CORE)
def test_core_package_does_not_import_textual(package):
    code = (
        "import importlib, pkgutil, sys\n"
        f"pkg = importlib.import_module('backprop_tui.{package}')\n"
        "for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "    importlib.import_module(info.name)\n"
        "print('textual' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
