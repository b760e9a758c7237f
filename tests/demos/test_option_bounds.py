"""Demo options are bounded by what fits this machine: one line naming the allowed range."""

import pytest

from backprop_tui.demos import DEMOS, GradientCheckOptions, TrainingOptions, VectorizationOptions
from backprop_tui.demos import _options


def test_every_demo_accepts_its_defaults():
    for demo in DEMOS.values():
        demo.options({})


def test_sizes_beyond_the_memory_budget_name_the_largest_that_fits(monkeypatch):
    monkeypatch.setattr(_options, "memory_budget", lambda: 2**30)
    per_window = 8 * 3 * (300 + 5)  # bytes: the window, its copy, its gradient (d + c numbers each)
    largest = 2**30 // per_window
    VectorizationOptions(n=largest)
    with pytest.raises(ValueError, match=f"n must be between 1 and {largest:,} so that .* fit in 1.0 GB"):
        VectorizationOptions(n=largest + 1)


def test_the_memory_reason_is_given_only_for_values_over_it(monkeypatch):
    monkeypatch.setattr(_options, "memory_budget", lambda: 2**30)
    with pytest.raises(ValueError) as error:
        VectorizationOptions(n=0)
    assert "memory" not in str(error.value) and "(got 0)" in str(error.value)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: TrainingOptions(step_every=0), "step_every must be between 1 and 10,000 (got 0)"),
        (lambda: TrainingOptions(patience=-3), "patience must be between 1 and 10,000 (got -3)"),
        (lambda: TrainingOptions(grid=-1), "grid must be between 0 and 200"),
        (lambda: VectorizationOptions(d=1_000_000), "d must be between 1 and 100,000 (got 1,000,000)"),
        (lambda: GradientCheckOptions(cost_hidden_sizes=(4, 0)), "each of cost_hidden_sizes must be between 1 and 200"),
    ],
)
def test_out_of_range_values_name_the_range(make, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        make()


def declared_ranges():
    for demo in DEMOS.values():
        options_type = demo.options_type
        for name, (low, high) in options_type.RANGES.items():
            yield pytest.param(options_type, name, low, high, id=f"{demo.name}.{name}")


@pytest.mark.parametrize(("options_type", "name", "low", "high"), declared_ranges())
def test_each_declared_range_is_the_one_enforced(options_type, name, low, high):
    """What `demo --help` shows is what the options accept: both ends, and nothing beyond."""
    options_type(**{name: low})
    with pytest.raises(ValueError, match=f"{name} must be between {low:,} and "):
        options_type(**{name: low - 1})
    if name not in getattr(options_type, "MEMORY_LIMITED", ()):  # those may stop below: see above
        options_type(**{name: high})
        with pytest.raises(ValueError, match=f"{name} must be between {low:,} and {high:,} "):
            options_type(**{name: high + 1})


def test_demo_help_shows_each_declared_range(capsys):
    from backprop_tui.cli import main

    with pytest.raises(SystemExit):
        main(["demo", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "n=500 (1–1,000,000, memory allowing)" in shown
    for demo in DEMOS.values():
        for name, (low, high) in demo.options_type.RANGES.items():
            assert f"{name}={getattr(demo.defaults, name)} ({low:,}–{high:,}" in shown
