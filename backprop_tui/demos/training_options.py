"""The training lab's settings, each checked against its bounds (one line naming the range)."""

from __future__ import annotations

from typing import ClassVar

from backprop_tui.demos import mlp
from backprop_tui.demos._common import require, require_choice
from backprop_tui.demos._options import check_ranges, require_fits
from backprop_tui.demos.datasets import DATASETS
from backprop_tui.demos.optimizers import DEFAULT_LEARNING_RATES, OPTIMIZERS
from backprop_tui.demos.schedules import SCHEDULES
from backprop_tui.records import frozen_dataclass


@frozen_dataclass
class TrainingOptions:
    dataset: str = "spiral"  # spiral or moons
    classes: int = 3  # spiral arms (moons always has 2)
    points_per_class: int = 100
    noise: float = 0.2
    held_out: float = 0.2  # this fraction of the points is never trained on: the held-out set
    hidden: int = 32  # units in each hidden layer
    layers: int = 2  # hidden layers
    nonlinearity: str = "relu"  # sigmoid, tanh, relu, leaky_relu
    init: str = "he"  # zeros, small, xavier, he
    optimizer: str = "adam"  # sgd, momentum, adagrad, rmsprop, adam
    learning_rate: float | None = None  # None: the optimizer's usual rate
    schedule: str = "constant"  # constant, step, cyclic, plateau
    step_every: int = 20  # step: halve the rate every this many epochs
    cycle_epochs: int = 20  # cyclic: epochs per full cycle, low → high → low (twice step_size)
    patience: int = 5  # plateau: epochs without improvement before the rate is cut to a quarter
    l2: float = 5e-4  # λ of the penalty λ·Σ W² (gradient 2λW), as in lesson 12
    epochs: int = 100
    batch_size: int = 32
    seed: int = 0
    stats_points: int = 4  # activation statistics at this many epochs, plus before training
    grid: int = 30  # decision-region grid is grid × grid cells (0: none)
    gradient_check: bool = True

    RANGES: ClassVar = {
        "classes": (2, 10), "points_per_class": (1, 100_000), "hidden": (1, 1_000), "layers": (1, 4),
        "epochs": (1, 1_000_000), "batch_size": (1, 100_000), "step_every": (1, 10_000),
        "cycle_epochs": (1, 10_000), "patience": (1, 10_000), "stats_points": (1, 100), "grid": (0, 200),
    }
    MEMORY_LIMITED: ClassVar = ("points_per_class",)

    def __post_init__(self) -> None:
        require_choice(self.dataset, DATASETS, "dataset")
        require_choice(self.nonlinearity, mlp.NONLINEARITIES, "nonlinearity")
        require_choice(self.init, mlp.INITS, "init")
        require_choice(self.optimizer, OPTIMIZERS, "optimizer")
        require_choice(self.schedule, SCHEDULES, "schedule")
        check_ranges(self)
        # Per point: its two coordinates and, in each hidden layer, a few arrays of `hidden` numbers.
        require_fits(self, "points_per_class", 8 * self.classes * (2 + 8 * self.hidden * self.layers),
                     "the points and their activations")
        require(self.learning_rate is None or self.learning_rate > 0, "learning_rate must be > 0")
        require(self.l2 >= 0 and self.noise >= 0, "l2 and noise must not be negative")
        require(0 <= self.held_out < 1, "held_out must be at least 0 and below 1")

    @property
    def base_learning_rate(self) -> float:
        return self.learning_rate or DEFAULT_LEARNING_RATES[self.optimizer]

    @property
    def sizes_text(self) -> str:
        """The hidden layers' sizes, e.g. '32-32'."""
        return "-".join([str(self.hidden)] * self.layers)
