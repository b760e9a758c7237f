"""The core never imports Textual: it must stay usable (and testable) without the app."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

# What each core package, with every module in it imported, must leave unimported.
RENDER_LIBRARIES = {"rich", "textual"}
MUST_NOT_IMPORT = {
    "engine": RENDER_LIBRARIES,
    "lessons": RENDER_LIBRARIES,
    "answers": RENDER_LIBRARIES,
    "progress": RENDER_LIBRARIES,
    "demos": RENDER_LIBRARIES,
    "layout": {"numpy", "sympy", *RENDER_LIBRARIES},  # pure Python
    "text": {"textual"},  # renders with Rich
}


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


@pytest.mark.parametrize("package", sorted(MUST_NOT_IMPORT))
def test_core_package_imports_neither_textual_nor_what_it_must_not(package):
    """One fresh interpreter per package (it costs a second or two): the core never imports
    Textual, needs no renderer, and the layout is pure Python."""
    assert not _modules_after_importing(package) & MUST_NOT_IMPORT[package]


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


SYMBOLIC = ("sympy", "backprop_tui.engine.symbolic", "backprop_tui.engine.notation")
PACKAGE = Path(__file__).parents[1] / "backprop_tui"
RENDERERS = sorted(
    [*PACKAGE.glob("text/*.py"), *PACKAGE.glob("tui/widgets/*.py"), *PACKAGE.glob("tui/screens/*.py"),
     PACKAGE / "tui/graph_picture.py"]
)


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


@pytest.mark.parametrize("path", RENDERERS, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_renderers_show_formulas_from_the_explanation_never_sympy(path):
    """Formulas are made once, by engine/explain.py, when a walkthrough is built; the inspector,
    walk and expr only render them (and never wait on SymPy)."""
    assert not {m for m in _imported_modules(path) if m.startswith(SYMBOLIC)}


def test_rendering_an_explanation_needs_no_sympy():
    code = (
        "import sys\n"
        "from rich.console import Console\n"
        "from backprop_tui.engine.statements import parse_program\n"
        "from backprop_tui.engine.trace import run\n"
        "import backprop_tui.engine.explain as explain\n"
        "graph = parse_program('f = sigmoid(w * x)')\n"
        "trace = run(graph, {'w': 2.0, 'x': 1.0})\n"
        "explanations = explain.explain_trace(trace)\n"
        "del sys.modules['sympy']\n"
        "sys.modules['sympy'] = None  # importing SymPy from here on raises\n"
        "from backprop_tui.text.trace_text import print_trace\n"
        "from backprop_tui.tui.widgets.inspector import describe\n"
        "console = Console(file=open('/dev/null', 'w'))\n"
        "print_trace(console, trace, explanations)\n"
        "for step in trace.steps:\n"
        "    console.print(describe(trace, step.index, step.node, explanations[step.index], symbolic=True))\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "ok", result.stderr
