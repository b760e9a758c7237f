"""Each knob of the training lab says what may be typed into it, and what it says is what
typing accepts: a declared range at both ends and one past them, each choice, and the limits
written for the numbers without a declared range."""

import pytest

from backprop_tui.demos.training_knobs import KNOBS, typed
from backprop_tui.demos.training_options import TrainingOptions

OPTIONS = TrainingOptions(points_per_class=10, hidden=4, epochs=3, grid=0, gradient_check=False)
KNOB = {knob.name: knob for knob in KNOBS}
RANGED = [knob.name for knob in KNOBS if knob.numeric and knob.name in TrainingOptions.RANGES]
CHOICES = [knob.name for knob in KNOBS if not knob.numeric]
# For each number without a declared range: what its limits text says, values typing lets
# through, and values it refuses.
WRITTEN = {
    "learning_rate": ("above 0, or auto", ["auto", "1e-9", "5"], ["0", "-0.1"]),
    "l2": ("0 or more", ["0", "0.5"], ["-1e-9"]),
    "held_out": ("from 0 to below 1", ["0", "0.999"], ["1", "-0.1"]),
}


def test_every_numeric_knob_is_covered_here():
    assert sorted(RANGED + CHOICES + list(WRITTEN)) == sorted(KNOB)


@pytest.mark.parametrize("name", RANGED)
def test_a_declared_range_is_shown_and_held_at_both_ends(name):
    low, high = TrainingOptions.RANGES[name]
    assert KNOB[name].allowed() == f"{low:,}–{high:,}"
    for fine in (low, high):
        assert getattr(typed(OPTIONS, KNOB[name], str(fine)), name) == fine
    for bad in (low - 1, high + 1):
        with pytest.raises(ValueError, match=f"{name} must be between {low:,} and {high:,}"):
            typed(OPTIONS, KNOB[name], str(bad))


@pytest.mark.parametrize("name", CHOICES)
def test_every_choice_is_shown_and_accepted(name):
    knob = KNOB[name]
    for choice in knob.ladder:
        assert choice in knob.allowed()
        assert getattr(typed(OPTIONS, knob, choice), name) == choice
    with pytest.raises(ValueError):
        typed(OPTIONS, knob, "none-of-these")


@pytest.mark.parametrize("name", WRITTEN)
def test_written_limits_say_what_typing_accepts(name):
    shown, fine, refused = WRITTEN[name]
    assert KNOB[name].allowed() == shown
    for text in fine:
        typed(OPTIONS, KNOB[name], text)
    for text in refused:
        with pytest.raises(ValueError):
            typed(OPTIONS, KNOB[name], text)
