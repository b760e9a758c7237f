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
