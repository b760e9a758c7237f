"""The command line guides: help for every command, suggestions for typos, `check` and `list`
over every lesson the app would show, and output that behaves in a pipe."""

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from backprop_tui.cli import COMMANDS, main
from backprop_tui.demos import DEMOS
from backprop_tui.lessons.catalog import lesson_files

ROOT = Path(__file__).parent.parent
APPLE_TAX = ROOT / "lessons" / "apple-tax.yaml"
GOOD_LESSON = """\
format: 1
id: {id}
title: Two gates
summary: A product, then a sum.
inputs: {{x: 3, y: -4, b: 2}}
nodes:
  p: {{op: mul, inputs: [x, y]}}
  f: {{op: add, inputs: [p, b]}}
output: f
"""


def run_cli(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def help_text(capsys, *args) -> str:
    with pytest.raises(SystemExit) as exit_:
        main([*args, "--help"])
    assert exit_.value.code == 0
    return capsys.readouterr().out



def test_top_level_help_describes_every_command_in_one_line(capsys):
    out = help_text(capsys)
    for name, command in COMMANDS.items():
        assert f"  {name:<8}  {command.summary}" in out


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_its_own_help(capsys, name):
    out = help_text(capsys, name)
    assert out.startswith(f"usage: backprop-tui {name}")
    assert COMMANDS[name].description.split()[0] in out


def test_demo_help_lists_each_demo_with_its_options_and_defaults(capsys):
    out = help_text(capsys, "demo")
    for demo in DEMOS.values():
        assert f"  {demo.name}: {demo.title}" in out
    assert "n=500" in out and "optimizer=adam" in out and "cost_hidden_sizes=4,8,16,32" in out


def test_an_unknown_command_suggests_the_closest_command(capsys):
    code, _, err = run_cli(capsys, "chek", "lessons/")
    assert code == 2
    assert "'chek' is not a command, a lesson file or a lesson id; did you mean the command 'check'?" in err


def test_a_misspelled_lesson_id_suggests_the_closest_one(capsys):
    code, _, err = run_cli(capsys, "walk", "aple-tax")
    assert code == 2
    assert "did you mean the lesson 'apple-tax'?" in err and err.count("\n") == 1


def test_expr_takes_values_after_a_flag(capsys):
    code, out, _ = run_cli(capsys, "expr", "f=x*2", "--json", "x=1")
    assert code == 0
    assert json.loads(out)["nodes"]["x"]["grad"] == 2.0


def test_check_alone_checks_bundled_data_dir_and_extra_lessons(tmp_path, capsys):
    data = tmp_path / "data"
    (data / "lessons").mkdir(parents=True)
    (data / "lessons" / "mine.yaml").write_text(GOOD_LESSON.format(id="mine").replace("op: add", "op: plus"))
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "more.yaml").write_text(GOOD_LESSON.format(id="more"))
    bundled = len(lesson_files([ROOT / "lessons"]))

    code, out, err = run_cli(capsys, "check", "--variants", "0", "--data-dir", str(data), "--lessons", str(extra))
    assert code == 1
    assert out.startswith(f"{data / 'lessons' / 'mine.yaml'}:8:6: unknown op")
    assert f"in {bundled + 2} files" in err


def test_check_takes_lesson_ids(capsys):
    code, _, err = run_cli(capsys, "check", "apple-tax", "chain-rule")
    assert code == 0
    assert "2 files checked" in err


def test_check_of_a_missing_path_says_so_outside_the_clone(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, "check", "lessons/")
    assert code == 2
    assert err.startswith("backprop-tui: error: lessons/: no such file or folder")
    assert ":1:1:" not in out + err


def test_list_shows_id_title_section_and_file(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)  # pytest-xdist sets it
    code, out, _ = run_cli(capsys, "list", "--data-dir", str(tmp_path))
    assert code == 0
    first = out.splitlines()[1].split()
    assert first[:4] == ["apple-tax", "Apples,", "oranges", "and"]
    assert "1. Computation graphs and the chain rule" in out and str(APPLE_TAX.resolve()) in out


def test_list_json(tmp_path, capsys):
    code, out, _ = run_cli(capsys, "list", "--json", "--data-dir", str(tmp_path))
    assert code == 0
    first = json.loads(out)["lessons"][0]
    assert (first["id"], first["title"], first["source"]) == ("apple-tax", "Apples, oranges and tax", "bundled")
    assert first["section"] == "1. Computation graphs and the chain rule"
    assert Path(first["path"]).resolve() == APPLE_TAX.resolve()


def test_piped_output_is_not_wrapped_unless_columns_says_so(capsys, monkeypatch):
    """In this process stdout is not a terminal, as in a pipe (the closed-pipe test below runs
    a real one)."""
    monkeypatch.delenv("COLUMNS", raising=False)  # pytest-xdist sets it
    _, unwrapped, _ = run_cli(capsys, "walk", "apple-tax")
    assert max(map(len, unwrapped.splitlines())) > 120
    monkeypatch.setenv("COLUMNS", "60")
    _, narrow, _ = run_cli(capsys, "walk", "apple-tax")
    assert max(map(len, narrow.splitlines())) <= 60


@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_a_closed_pipe_ends_quietly_with_status_0(extra, tmp_path, capsys):
    """`walk apple-tax | head -2`, with a pipe small enough that the writer must block. (The
    same walk in this process first fills the data dir's caches: the piped one starts sooner.)"""
    args = ["walk", "apple-tax", *extra, "--data-dir", str(tmp_path)]
    assert main(args) == 0
    capsys.readouterr()
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "backprop_tui", *args],
                               cwd=ROOT, env=env, stdout=write_end, stderr=subprocess.PIPE)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as reader:
        assert reader.readline() and reader.readline()
    _, err = process.communicate(timeout=120)
    assert (process.returncode, err) == (0, b"")


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["check", "--help"]])
def test_version_and_help_import_nothing_heavy(args):
    code = (
        "import sys\n"
        "from backprop_tui.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('numpy', 'sympy', 'rich', 'textual', 'yaml') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.splitlines()[-1] == "[]"


@pytest.mark.parametrize("args", [["expr", "q = x + y; f = q * z", "x=-2", "y=5", "z=-4", "--plain"], ["list"]])
def test_plain_commands_open_no_progress_database(args, tmp_path, capsys):
    """They need the data dir's path (caches, remembered formulas) but not the progress store;
    nor, on a second start (in a fresh interpreter; the first ran in this one), the lesson
    files' YAML and models."""
    args = [*args, "--data-dir", str(tmp_path)]
    assert main(args) == 0  # the first start
    code = (
        "import sys\n"
        "from backprop_tui.cli import main\n"
        f"main({args!r})\n"
        "print(sorted(m for m in ('sqlite3', 'textual', 'yaml', 'pydantic') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.splitlines()[-1] == "[]"


def test_version_is_written_once_and_the_package_metadata_agrees(capsys):
    """pyproject.toml takes the version from backprop_tui/__init__.py; the installed package's
    metadata (here, the editable install of this project) carries it."""
    from importlib.metadata import version

    import backprop_tui

    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out == f"backprop-tui {backprop_tui.__version__}\n"
    assert version("backprop-tui") == backprop_tui.__version__
    assert 'dynamic = ["version"]' in (ROOT / "pyproject.toml").read_text()


def test_progress_names_a_question_by_its_prompt_not_its_id(tmp_path, capsys, monkeypatch):
    from backprop_tui.progress import ProgressStore

    monkeypatch.setenv("COLUMNS", "300")
    with ProgressStore.open(tmp_path) as store:
        store.record_reveal("apple-tax", "d-all-price")
    assert main(["progress", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "The output gate is price = all_price × tax. What is ∂price/∂all_price?" in out
    assert "d-all-price" not in out


def test_a_lesson_id_to_open_finds_the_lessons_once(tmp_path, monkeypatch):
    """The id is looked up in the catalog the app then lists (one discovery per start)."""
    from backprop_tui.lessons import catalog
    from backprop_tui.tui import app

    discoveries = []
    real = catalog.discover

    def counting(*args, **kwargs):
        discoveries.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(catalog, "discover", counting)
    monkeypatch.setattr(app, "discover", counting)
    opened = []
    monkeypatch.setattr(app.BackpropApp, "run", lambda self: opened.append(self.first))
    assert main(["apple-tax", "--data-dir", str(tmp_path)]) == 0
    assert len(discoveries) == 1
    assert opened[0].name == "apple-tax.yaml"
