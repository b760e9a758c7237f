"""`list`, `walk`, `progress` and `expr --plain` print lesson and program text as written."""

import numpy as np
from rich.console import Console

from backprop_tui.cli import main
from backprop_tui.engine.explain import explain_trace
from backprop_tui.engine.graph import Graph, Node
from backprop_tui.engine.trace import run
from backprop_tui.progress import ProgressStore
from backprop_tui.text.trace_text import print_trace
from tests.hostile_lesson import hostile, write_hostile_lesson


def hostile_folder(tmp_path):
    folder, target = tmp_path / "lessons", tmp_path / "target"
    folder.mkdir()
    target.mkdir()
    return write_hostile_lesson(folder, target), target


def unwrapped(text: str) -> str:
    return "".join(text.split())


def test_list_walk_and_progress_print_lesson_text_as_written(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)  # piped output is not wrapped
    path, target = hostile_folder(tmp_path)
    data = tmp_path / "data"
    assert main(["list", "--lessons", str(path.parent), "--data-dir", str(data)]) == 0
    assert hostile(target, "title") in capsys.readouterr().out
    assert main(["walk", str(path)]) == 0
    out = unwrapped(capsys.readouterr().out)
    for where in ("title", "summary", "note", "ask", "choice b"):
        assert unwrapped(hostile(target, where)) in out
    store = ProgressStore.open(data)
    store.save_position("hostile-text", 1, "forward.y", 6)
    store.close()
    assert main(["progress", "--lessons", str(path.parent), "--data-dir", str(data)]) == 0
    assert unwrapped(hostile(target, "title")) in unwrapped(capsys.readouterr().out)
    assert list(target.iterdir()) == []


def test_a_broken_file_named_like_markup_is_reported_as_written(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "[bold]x[-].yaml").write_text("id: [/]\n", encoding="utf-8")
    assert main(["list", "--lessons", str(folder), "--data-dir", str(tmp_path / "data")]) == 0
    assert "[bold]x[-].yaml" in capsys.readouterr().out


def test_trace_text_prints_node_names_as_written():
    graph = Graph.from_nodes([Node("x"), Node("s[y]", "mul", ("x", "x"), label="[/]s[y]")], "s[y]")
    console = Console(record=True, width=200, color_system=None)  # markup on: the printer must not need it off
    trace = run(graph, {"x": np.array(2.0)})
    print_trace(console, trace, explain_trace(trace))
    out = console.export_text()
    assert "Gradients of s[y]" in out and "∂s[y]/∂node" in out and "│ s[y] │" in out
