"""The larger vectorized NumPy demos, as pure functions returning data (the UI plots it).

Every demo is `run(options=None, *, progress=None, should_stop=None) -> result`: `options` is
the demo's options dataclass (defaults when None), `progress(fraction)` is called as work
is done and reaches 1.0 at the end, and when `should_stop()` returns True the demo returns
early with `result.cancelled` set. Results are frozen dataclasses; `result.as_dict()` is
JSON-ready and `summarize(result)` gives a few lines of text. Apart from measured times,
a result depends only on its options (seeded).

This package never imports Textual.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from backprop_tui.demos._common import Progress, ShouldStop
from backprop_tui.demos._options import make_options
from backprop_tui.demos.gradient_check import (
    GradientCheckOptions, run_gradient_check, summarize_gradient_check,
)
from backprop_tui.demos.compare import compare, summarize_comparison
from backprop_tui.demos.training_lab import run_training_lab, summarize_training
from backprop_tui.demos.training_options import TrainingOptions
from backprop_tui.demos.vectorization import (
    VectorizationOptions, run_vectorization, summarize_vectorization,
)
from backprop_tui.demos.word_vectors import (
    WordVectorsOptions, run_word_vectors, summarize_word_vectors,
)
from backprop_tui.records import frozen_dataclass


@frozen_dataclass
class DemoInfo:
    name: str  # as typed after `backprop-tui demo`
    title: str
    description: str  # one paragraph for the learner
    run: Callable[..., Any]  # run(options=None, *, progress=None, should_stop=None) -> result
    options_type: type  # a frozen dataclass; every field has a default
    summarize: Callable[[Any], list[str]]  # a few lines for --plain

    @property
    def defaults(self) -> Any:
        return self.options_type()

    def options(self, values: Mapping[str, Any] | None = None) -> Any:
        """Defaults overridden by `values` (strings are converted); ValueError if invalid."""
        return make_options(self.options_type, values)

    def __call__(self, options: Any = None, *, progress: Progress = None,
                 should_stop: ShouldStop = None) -> Any:
        return self.run(options, progress=progress, should_stop=should_stop)


_DEMOS = (
    DemoInfo(
        name="vectorization",
        title="Why we vectorize",
        description=(
            "Scoring 500 word windows of 300 numbers for 5 classes can be written as a Python "
            "loop that multiplies the weight matrix by one window at a time, or as a single "
            "matrix product with all the windows side by side. Both give the same numbers; this "
            "demo times them, first for the scores alone and then for a whole softmax "
            "classifier's forward and backward pass (loss and gradient), and shows how many times "
            "faster the batched version is. Change the sizes to see when the gap grows."
        ),
        run=run_vectorization,
        options_type=VectorizationOptions,
        summarize=summarize_vectorization,
    ),
    DemoInfo(
        name="word-vectors",
        title="Fine-tuning word vectors: TV, telly and television",
        description=(
            "Three words that mean the same thing start with nearly the same 2-D vectors. A "
            "classifier is trained on examples that use 'TV' and 'telly' but never "
            "'television', and the training also adjusts the word vectors. Only words that "
            "appear in the training data get a gradient, so TV and telly move while "
            "television stays behind, and the learned boundary ends up between them: "
            "television is now misclassified. Freeze the vectors and compare. The lesson: "
            "with a small training set, fine-tuning pre-trained vectors can hurt words it "
            "never saw. Space replays the training snapshot by snapshot; ← and → step."
        ),
        run=run_word_vectors,
        options_type=WordVectorsOptions,
        summarize=summarize_word_vectors,
    ),
    DemoInfo(
        name="training-lab",
        title="Training lab: a small network on spirals and moons",
        description=(
            "Train a small network to separate 2-D points arranged in spirals or moons, and "
            "watch it learn: loss, accuracy, learning rate, each layer's gradient and the "
            "decision boundary, epoch by epoch. Every forward value and gradient comes from the "
            "ops you step through in the lessons, checked against finite differences first. Try "
            "the knobs: the nonlinearity, the initialization (zeros leaves every hidden unit "
            "identical; sigmoid with small weights makes the first layer's gradient vanish), the "
            "optimizer, the learning rate and its schedule, L2, batch size and epochs. The "
            "held-out points are never trained on: their loss shows how the network does on "
            "data it has not seen."
        ),
        run=run_training_lab,
        options_type=TrainingOptions,
        summarize=summarize_training,
    ),
    DemoInfo(
        name="gradient-check",
        title="Gradient checking",
        description=(
            "Backpropagation's gradients can be checked by nudging each parameter a tiny step "
            "h up and down and measuring how the loss changes (central differences). This "
            "demo does that for every parameter of a small network, shows how close the two "
            "are on a log scale (below 1e-7 is good, above 1e-2 means a bug), plots the error "
            "of one-sided and centred differences against h (slopes 1 and 2, then rounding "
            "takes over; with relu, large steps cross kinks), and times both methods as the "
            "network grows: the numerical gradient costs two forward passes per parameter, so "
            "it is a test, never a way to train. Press l for the nudge lab: change h by hand, "
            "plant a bug in a backward pass and find it node by node."
        ),
        run=run_gradient_check,
        options_type=GradientCheckOptions,
        summarize=summarize_gradient_check,
    ),
)

DEMOS: dict[str, DemoInfo] = {demo.name: demo for demo in _DEMOS}

__all__ = [
    "DEMOS", "DemoInfo", "GradientCheckOptions", "TrainingOptions", "VectorizationOptions",
    "WordVectorsOptions", "compare", "make_options", "summarize_comparison",
]
