"""The TV / telly / television pitfall of fine-tuning word vectors (CS224n lecture 4).

Pre-trained 2-D vectors put "TV", "telly" and "television" close together. A softmax
classifier is trained on data that contains TV and telly (and some words of the other
class) but never "television". When the word vectors are fine-tuned along with the
classifier, only the words in the training data receive gradient: TV and telly move away
from the boundary, the boundary follows them, and television, left where it was, ends up
on the wrong side. With the vectors frozen, television stays next to its synonyms and is
classified with them.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from backprop_tui.demos._common import AsDict, Progress, ShouldStop, Tracker, require
from backprop_tui.demos._options import check_ranges
from backprop_tui.engine.ops import OPS
from backprop_tui.records import frozen_dataclass

CLASSES = ("nature", "screens")

# (word, class index, starting vector, in the training data). The geometry is chosen so the
# outcome holds for learning rates 0.3-3, 100-1000 epochs and jitter up to 0.05 (see tests):
# the screen words are outnumbered, so the bias leans toward "nature", their errors stay
# larger and they are pushed further than the nature words are.
WORDS: tuple[tuple[str, int, tuple[float, float], bool], ...] = (
    ("TV", 1, (0.0, 0.3), True),
    ("telly", 1, (0.0, -0.3), True),
    ("television", 1, (-0.6, 0.0), False),
    ("tree", 0, (-2.0, 1.0), True),
    ("river", 0, (-2.0, 0.0), True),
    ("mountain", 0, (-2.0, -1.0), True),
    ("flower", 0, (-2.5, 0.5), True),
    ("forest", 0, (-2.5, -0.5), True),
)


@frozen_dataclass
class WordVectorsOptions:
    freeze_vectors: bool = False  # True: only the classifier learns
    learning_rate: float = 1.0
    epochs: int = 300  # full-batch gradient steps
    l2: float = 0.05  # L2 strength on the classifier weights (not on the word vectors)
    jitter: float = 0.05  # std of random noise added to the starting vectors
    seed: int = 0
    snapshots: int = 20  # how many intermediate states to record for the animation

    RANGES: ClassVar = {"epochs": (1, 100_000_000), "snapshots": (1, 1_000)}

    def __post_init__(self) -> None:
        require(self.learning_rate > 0, "learning_rate must be positive")
        require(self.l2 >= 0 and self.jitter >= 0, "l2 and jitter must not be negative")
        check_ranges(self)


@frozen_dataclass
class Boundary(AsDict):
    """The line w·x + b = 0; points where w·x + b > 0 are classified as CLASSES[1]."""

    w: tuple[float, float]
    b: float


@frozen_dataclass
class WordReport(AsDict):
    word: str
    label: str  # its true class
    in_training: bool
    before: tuple[float, float]
    after: tuple[float, float]
    moved: float  # distance between before and after
    gradient_norm: float  # sum over steps of |dL/d(vector)|: 0 means no gradient ever reached it
    predicted: str
    correct: bool


@frozen_dataclass
class Snapshot(AsDict):
    """One frame of the animation: where the words and the boundary were before `epoch`."""

    epoch: int
    positions: dict[str, tuple[float, float]]
    boundary: Boundary
    predicted: dict[str, str]  # each word's class at this point of training


@frozen_dataclass
class WordVectorsResult(AsDict):
    options: WordVectorsOptions
    classes: tuple[str, ...]
    words: tuple[WordReport, ...]
    boundary: Boundary
    loss: tuple[float, ...]  # per epoch, before that epoch's update
    snapshots: tuple[Snapshot, ...]
    television_correct: bool
    cancelled: bool = False


def _boundary(weights: np.ndarray, bias: np.ndarray) -> Boundary:
    w = weights[:, 1] - weights[:, 0]
    return Boundary((float(w[0]), float(w[1])), float(bias[1] - bias[0]))


def _point(v: np.ndarray) -> tuple[float, float]:
    return (float(v[0]), float(v[1]))


def _loss_and_gradients(vectors, rows, labels, weights, bias, l2):
    """Forward and backward through matmul, add, cross_entropy and l2, all engine ops."""
    matmul, add, xent, penalty = OPS["matmul"], OPS["add"], OPS["cross_entropy"], OPS["l2"]
    x = vectors[rows]
    products = matmul.forward(x, weights)
    scores = add.forward(products, bias)
    data_loss = xent.forward(scores, labels)
    reg = penalty.forward(weights)
    (d_scores, _) = xent.vjp(1.0, data_loss, scores, labels)
    d_products, d_bias = add.vjp(d_scores, scores, products, bias)
    d_x, d_weights = matmul.vjp(d_products, products, x, weights)
    (d_reg,) = penalty.vjp(l2, reg, weights)
    d_vectors = np.zeros_like(vectors)
    np.add.at(d_vectors, rows, d_x)  # a word not in the batch gets exactly nothing
    return float(data_loss + l2 * reg), d_vectors, d_weights + d_reg, d_bias


def run_word_vectors(
    options: WordVectorsOptions | None = None,
    *,
    progress: Progress = None,
    should_stop: ShouldStop = None,
) -> WordVectorsResult:
    options = options or WordVectorsOptions()
    rng = np.random.default_rng(options.seed)
    start = np.array([v for _, _, v, _ in WORDS], dtype=float)
    start += rng.normal(0.0, options.jitter, start.shape)
    vectors = start.copy()
    rows = np.array([i for i, (_, _, _, train) in enumerate(WORDS) if train])
    labels = np.array([WORDS[i][1] for i in rows])
    weights, bias = np.zeros((2, len(CLASSES))), np.zeros(len(CLASSES))
    gradient_norms = np.zeros(len(WORDS))

    tracker = Tracker(options.epochs, progress, should_stop)
    every = max(options.epochs // options.snapshots, 1)
    snapshots, losses = [], []
    cancelled = False
    for epoch in range(options.epochs):
        if tracker.stopped():
            cancelled = True
            break
        if epoch % every == 0:
            snapshots.append(_snapshot(epoch, vectors, weights, bias))
        loss, d_vectors, d_weights, d_bias = _loss_and_gradients(
            vectors, rows, labels, weights, bias, options.l2
        )
        losses.append(loss)
        weights -= options.learning_rate * d_weights
        bias -= options.learning_rate * d_bias
        if not options.freeze_vectors:
            gradient_norms += np.linalg.norm(d_vectors, axis=1)
            vectors -= options.learning_rate * d_vectors
        tracker.advance()
    snapshots.append(_snapshot(len(losses), vectors, weights, bias))

    predicted = np.argmax(vectors @ weights + bias, axis=1)
    reports = tuple(
        WordReport(
            word=word, label=CLASSES[label], in_training=train,
            before=_point(start[i]), after=_point(vectors[i]),
            moved=float(np.linalg.norm(vectors[i] - start[i])),
            gradient_norm=float(gradient_norms[i]),
            predicted=CLASSES[predicted[i]], correct=bool(predicted[i] == label),
        )
        for i, (word, label, _, train) in enumerate(WORDS)
    )
    return WordVectorsResult(
        options=options,
        classes=CLASSES,
        words=reports,
        boundary=_boundary(weights, bias),
        loss=tuple(losses),
        snapshots=tuple(snapshots),
        television_correct=next(r.correct for r in reports if r.word == "television"),
        cancelled=cancelled,
    )


def _snapshot(epoch, vectors, weights, bias) -> Snapshot:
    positions = {word: _point(vectors[i]) for i, (word, *_rest) in enumerate(WORDS)}
    classes = np.argmax(vectors @ weights + bias, axis=1)
    predicted = {word: CLASSES[classes[i]] for i, (word, *_rest) in enumerate(WORDS)}
    return Snapshot(epoch, positions, _boundary(weights, bias), predicted)


def summarize_word_vectors(result: WordVectorsResult) -> list[str]:
    mode = "classifier only (vectors frozen)" if result.options.freeze_vectors else (
        "classifier and word vectors (fine-tuning)")
    lines = [f"trained {len(result.loss)} epochs: {mode}; final loss {result.loss[-1]:.4f}"
             if result.loss else f"{mode}: cancelled before training"]
    for r in result.words:
        where = "train" if r.in_training else "test "
        verdict = "correct" if r.correct else "WRONG"
        lines.append(
            f"  {r.word:<11} {where} moved {r.moved:5.2f}  predicted {r.predicted:<8} {verdict}"
        )
    w, b = result.boundary.w, result.boundary.b
    lines.append(f"boundary: {w[0]:+.3f}·x {w[1]:+.3f}·y {b:+.3f} = 0")
    return lines
