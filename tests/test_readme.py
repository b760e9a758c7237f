"""The README's promises: its set-up commands are what CI runs, its sample output and its
lesson example are real."""

import re
from pathlib import Path

from backprop_tui.cli import main

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def code_blocks(language: str = "") -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def test_setup_commands_are_the_ones_ci_runs():
    install, tests = [b.strip() for b in code_blocks() if b.startswith("python3 -m venv")]
    assert install.endswith("pip install . && backprop-tui")
    test_install, test_command = tests.split(" && ")[-2:]
    assert test_install in CI.splitlines()
    assert test_command in CI.splitlines()


def test_sample_output_is_what_expr_prints(capsys, monkeypatch):
    """Printed in this process (test_cli_expr.py runs the command as `python -m backprop_tui`)."""
    sample = next(b for b in code_blocks() if b.startswith("$ backprop-tui expr"))
    command, *expected = sample.splitlines()
    assert command == '$ backprop-tui expr "q = x + y; f = q * z" x=-2 y=5 z=-4 --plain'
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["expr", "q = x + y; f = q * z", "x=-2", "y=5", "z=-4", "--plain"]) == 0
    lines = capsys.readouterr().out.splitlines()
    shown = [line for line in expected if line != "..."]
    assert lines[: len(shown)] == shown


def test_lesson_example_passes_check(tmp_path, capsys):
    example = next(b for b in code_blocks("yaml"))
    path = tmp_path / "my-lesson.yaml"
    path.write_text(example, encoding="utf-8")
    assert main(["check", "--strict", str(path)]) == 0


def test_setup_says_how_to_get_the_code_and_other_ways_to_install():
    setup = README[README.index("## Set up"):README.index("## Using it")]
    assert "git clone " in setup
    assert "in a new terminal" in setup and ". .venv/bin/activate` again" in setup
    assert "`pipx install .`" in setup and "`uv tool install .`" in setup


def test_ci_also_installs_the_learners_way_and_runs_from_outside_the_clone():
    lines = [line.strip() for line in CI.splitlines()]
    user_install = lines.index("pip install .")
    outside = next(i for i, line in enumerate(lines) if line.startswith("cd ") and i > user_install)
    commands = "\n".join(lines[outside:])
    assert "backprop-tui list" in commands and "backprop-tui walk apple-tax" in commands
    assert lines[0] == "#!/usr/bin/env bash" and "set -euo pipefail" in lines
