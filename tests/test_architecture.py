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


def test_the_lesson_picker_starts_without_numpy_or_sympy(tmp_path):
    """The first frame needs the catalog and the progress store only: the engine's heavy
    imports wait until a lesson is opened."""
    code = (
        "import sys\n"
        "from backprop_tui.tui.app import create_app\n"
        f"create_app(data_dir={str(tmp_path)!r})\n"
        "print(sorted(m for m in ('numpy', 'sympy') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
