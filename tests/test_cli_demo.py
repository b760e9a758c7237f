"""`backprop-tui demo`: the list, JSON and plain output, and one-line errors for bad input."""

import json

import pytest

from backprop_tui.cli import main
from backprop_tui.demos import DEMOS

SMALL_VECTORIZATION = ["--set", "n=30", "--set", "d=20", "--set", "repeats=2"]


def run_cli(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_lists_every_demo(capsys):
    code, out, _ = run_cli(capsys, "demo")
    assert code == 0
    for demo in DEMOS.values():
        assert demo.name in out and demo.title in out


def test_vectorization_json_has_the_measured_speedup(capsys):
    code, out, _ = run_cli(capsys, "demo", "vectorization", "--json", *SMALL_VECTORIZATION)
    assert code == 0
    data = json.loads(out)
    assert {"options", "matvec", "classifier", "agree", "loss", "note", "cancelled"} <= set(data)
    assert data["options"]["n"] == 30 and data["options"]["d"] == 20
    assert {"options", "series"} <= set(data) and data["series"]
    for part in ("matvec", "classifier"):
        for timing in ("single_thread", "all_threads"):
            assert data[part][timing]["speedup"] > 0
            assert data[part][timing]["looped_seconds"] > 0 and data[part][timing]["batched_seconds"] > 0
    assert data["agree"] is True and data["cancelled"] is False


def test_plain_output_is_the_summary_and_a_bar_chart_without_colour(capsys):
    code, out, _ = run_cli(capsys, "demo", "vectorization", *SMALL_VECTORIZATION)
    assert code == 0  # not a terminal: plain text without --plain
    assert "N=30 windows of dimension d=20" in out
    assert "looped" in out and "batched" in out and "█" in out
    assert "\x1b[" not in out


def test_plain_word_vectors_shows_how_far_each_word_moved(capsys):
    code, out, _ = run_cli(capsys, "demo", "word-vectors", "--plain", "--set", "epochs=50")
    assert code == 0
    assert "television (unseen)" in out and "how far each word vector moved" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["demo", "nope"], "no demo named 'nope'"),
        (["demo", "vectorization", "--set", "size=3"], "unknown option 'size'"),
        (["demo", "vectorization", "--set", "n=many"], "option n:"),
        (["demo", "vectorization", "--set", "n=0"], "n must be between 1 and"),
        (["demo", "vectorization", "--set", "n=100000000"], "n must be between 1 and"),
        (["demo", "vectorization", "--set", "d=1000000"], "d must be between 1 and 100,000"),
        (["demo", "training-lab", "--set", "step_every=0"], "step_every must be between 1 and 10,000"),
        (["demo", "training-lab", "--set", "patience=-3"], "patience must be between 1 and 10,000"),
        (["demo", "gradient-check", "--set", "hidden=1000"], "hidden must be between 1 and 200"),
        (["demo", "word-vectors", "--set", "snapshots=0"], "snapshots must be between 1 and 1,000"),
        (["demo", "training-lab", "--set", "optimizer=magic"], "optimizer must be one of"),
        (["demo", "vectorization", "--set", "n"], "--set expects key=value"),
        (["demo", "--set", "n=3"], "--set needs a demo name"),
    ],
)
def test_bad_demo_input_is_one_line_and_exit_2(capsys, args, message):
    code, out, err = run_cli(capsys, *args)
    assert code == 2
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_training_lab_json_has_every_plotted_series(capsys):
    settings = ["points_per_class=10", "hidden=4", "layers=3", "epochs=3", "grid=5", "gradient_check=false"]
    code, out, _ = run_cli(capsys, "demo", "training-lab", "--json", *(f"--set={s}" for s in settings))
    assert code == 0
    data = json.loads(out)
    for series in ("data_loss", "held_out_loss", "accuracy", "held_out_accuracy", "learning_rates"):
        assert len(data[series]) == 3, series
    assert [len(norms) for norms in data["gradient_norms"]] == [3, 3, 3, 3]  # W1..W4, per epoch
    grid = data["decision_grid"]
    assert len(grid["xs"]) == len(grid["ys"]) == len(grid["classes"]) == 5
    assert len(data["points"]) == len(data["labels"]) == 24  # the boundary's points (30, 6 held out)
