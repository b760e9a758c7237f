"""The core never imports Textual: it must stay usable (and testable) without the app."""

import subprocess
import sys

import pytest

CORE = ["engine", "layout", "lessons", "answers", "progress", "demos", "text"]


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


def _modules_after_importing(package: str) -> set[str]:
    code = (
        "import importlib, pkgutil, sys\n"
        f"pkg = importlib.import_module('backprop_tui.{package}')\n"
        "for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "    importlib.import_module(info.name)\n"
        "print(' '.join(sorted(m for m in ('numpy', 'sympy', 'rich', 'textual') if m in sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def test_layout_is_pure_python():
    assert _modules_after_importing("layout") == set()


@pytest.mark.parametrize("package", ["engine", "lessons", "answers", "progress", "demos"])
def test_core_needs_no_renderer(package):
    assert not _modules_after_importing(package) & {"rich", "textual"}
