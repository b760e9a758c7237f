"""The training lab's knobs as the screen offers them: each setting with a ladder of values that
←/→ step through, and any value typed as text, checked by `TrainingOptions` like `--set` is."""

from __future__ import annotations

import dataclasses
from typing import Any

from backprop_tui.demos._options import make_options, range_text
from backprop_tui.demos.datasets import DATASETS
from backprop_tui.demos.mlp import INITS, NONLINEARITIES
from backprop_tui.demos.optimizers import OPTIMIZERS
from backprop_tui.demos.schedules import SCHEDULES
from backprop_tui.demos.training_options import TrainingOptions
from backprop_tui.records import frozen_dataclass


@frozen_dataclass
class Knob:
    name: str  # the option's name, as --set takes it
    label: str
    ladder: tuple[Any, ...]  # choices (stepping wraps round) or increasing numbers (it stops)
    limits: str = ""  # what may be typed, for a number without a declared range (RANGES)

    @property
    def numeric(self) -> bool:
        return not isinstance(self.ladder[0], str)

    def value(self, options: TrainingOptions) -> Any:
        if self.name == "learning_rate":
            return options.base_learning_rate  # None stands for the optimizer's own rate
        return getattr(options, self.name)

    def text(self, options: TrainingOptions) -> str:
        value = self.value(options)
        text = f"{value:g}" if isinstance(value, float) else str(value)
        return f"{text} (auto)" if self.name == "learning_rate" and options.learning_rate is None else text

    def allowed(self) -> str:
        """What may be typed: "spiral or moons", "1–1,000", "above 0, or auto"."""
        if not self.numeric:
            return ", ".join(self.ladder[:-1]) + " or " + self.ladder[-1]
        return range_text(TrainingOptions, self.name) or self.limits


KNOBS = (
    Knob("dataset", "dataset", DATASETS),
    Knob("hidden", "hidden units", (2, 4, 8, 16, 32, 64, 128, 256)),
    Knob("layers", "hidden layers", (1, 2, 3, 4)),
    Knob("nonlinearity", "nonlinearity", NONLINEARITIES),
    Knob("init", "init", INITS),
    Knob("optimizer", "optimizer", OPTIMIZERS),
    Knob("learning_rate", "learning rate", (1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0),
         "above 0, or auto"),
    Knob("schedule", "schedule", SCHEDULES),
    Knob("l2", "L2 λ", (0.0, 1e-4, 5e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1), "0 or more"),
    Knob("batch_size", "batch size", (1, 4, 8, 16, 32, 64, 128, 256)),
    Knob("epochs", "epochs", (10, 20, 50, 100, 200, 500, 1000, 2000)),
    Knob("held_out", "held out", (0.0, 0.1, 0.2, 0.3, 0.5, 0.8), "from 0 to below 1"),
)


def stepped(options: TrainingOptions, knob: Knob, direction: int) -> TrainingOptions:
    """The options with `knob` one ladder value up (direction 1) or down (-1). A choice wraps
    round; a number stops at the ladder's end (ValueError saying so: any value can be typed)."""
    value, ladder = knob.value(options), knob.ladder
    if not knob.numeric:
        new = ladder[(ladder.index(value) + direction) % len(ladder)]
    else:
        further = [v for v in ladder if (v - value) * direction > 0]
        if not further:
            end = "largest" if direction > 0 else "smallest"
            raise ValueError(f"{knob.label} {knob.text(options)} is the {end} offered; Enter types any value")
        new = further[0] if direction > 0 else further[-1]
    return dataclasses.replace(options, **{knob.name: new})


def typed(options: TrainingOptions, knob: Knob, text: str) -> TrainingOptions:
    """The options with `knob` set from typed text; ValueError with one line if it is not allowed."""
    return make_options(TrainingOptions, {**dataclasses.asdict(options), knob.name: text})
