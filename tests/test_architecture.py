"""The core never imports Textual: it must stay usable (and testable) without the app."""

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

# What each core package, with every module in it imported, must leave unimported; the
# packages with the most to leave out first (see below why that order).
RENDER_LIBRARIES = {"rich", "textual"}
MUST_NOT_IMPORT = {
    "layout": {"numpy", "sympy", *RENDER_LIBRARIES},  # pure Python
    "engine": RENDER_LIBRARIES,
    "lessons": RENDER_LIBRARIES,
    "answers": RENDER_LIBRARIES,
    "progress": RENDER_LIBRARIES,
    "demos": RENDER_LIBRARIES,
    "text": {"textual"},  # renders with Rich
}
IMPORT_EACH_PACKAGE = """
import importlib, json, pkgutil, sys
for package in sys.argv[1:]:
    pkg = importlib.import_module('backprop_tui.' + package)
    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):
        importlib.import_module(info.name)
    print(json.dumps([package, sorted(m for m in ('numpy', 'sympy', 'rich', 'textual') if m in sys.modules)]))
"""


def test_core_packages_import_neither_textual_nor_what_they_must_not():
    """The core never imports Textual, needs no renderer, and the layout is pure Python.

    One fresh interpreter (each costs a second or two) imports the packages one after another,
    each with every module in it, and lists what is imported after each. What a package left
    out may have come in with a package before it, but each package must leave out at most
    what the ones before it must: a library in a package's set is in every earlier package's
    set too, so it was not there before this package, and it is there now only if this
    package imported it."""
    packages = list(MUST_NOT_IMPORT)
    assert all(MUST_NOT_IMPORT[later] <= MUST_NOT_IMPORT[earlier]
               for earlier, later in zip(packages, packages[1:]))
    result = subprocess.run([sys.executable, "-c", IMPORT_EACH_PACKAGE, *packages],
                            capture_output=True, text=True, check=True)
    imported_after = dict(json.loads(line) for line in result.stdout.splitlines())
    assert list(imported_after) == packages
    for package, imported in imported_after.items():
        assert not set(imported) & MUST_NOT_IMPORT[package], f"imported after backprop_tui.{package}: {imported}"


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
