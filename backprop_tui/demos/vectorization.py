"""Why vectorize: one matrix product against a Python loop of matrix-vector products.

Part 1 scores N windows of dimension d for C classes, the CS224n lecture 4 example: a loop
of `W.dot(x_i)` against one `W.dot(X)`. Part 2 does the whole forward and backward pass of
a softmax classifier (scores, cross-entropy loss, gradient dW) one example at a time in
plain NumPy, and for the whole batch at once with the engine's ops.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backprop_tui.demos._common import AsDict, Progress, ShouldStop, Tracker, best_time
from backprop_tui.demos._options import require_between, require_fits
from backprop_tui.engine.ops import OPS

NOTE = (
    "The batched version wins because one call hands the whole job to BLAS, a compiled and "
    "cache-aware matrix library that uses SIMD instructions and several cores, while the loop "
    "pays Python's interpreter overhead (a function call, a small allocation, a type dispatch) "
    "once per example. The same arithmetic written as one matrix product is also what GPUs run "
    "fastest, so deep-learning code is written with whole batches as matrices."
)


@dataclass(frozen=True)
class VectorizationOptions:
    n: int = 500  # windows (examples) to classify
    d: int = 300  # dimension of each window
    c: int = 5  # classes
    repeats: int = 5  # each timing is the best of this many runs
    seed: int = 0

    def __post_init__(self) -> None:
        require_between("d", self.d, 1, 100_000)
        require_between("c", self.c, 1, 1_000)
        require_between("repeats", self.repeats, 1, 1_000_000)
        # Per window: its column in X, its copy in the loop's list, its column of dL/dX (d each).
        require_fits("n", self.n, 1, 1_000_000, 8 * 3 * (self.d + self.c), f"{self.d:,}-number windows")


@dataclass(frozen=True)
class Comparison(AsDict):
    """The same computation looped and batched: best times in seconds, and whether they agree."""

    looped_seconds: float | None
    batched_seconds: float | None
    speedup: float | None  # looped time / batched time
    agree: bool
    max_abs_difference: float


@dataclass(frozen=True)
class VectorizationResult(AsDict):
    options: VectorizationOptions
    matvec: Comparison  # part 1: scores only
    classifier: Comparison  # part 2: scores, loss and dW
    agree: bool
    loss: float  # the classifier's mean cross-entropy loss, the same either way
    note: str = NOTE
    cancelled: bool = False


def make_problem(options: VectorizationOptions):
    """Weights W (C, d), the data as one matrix X (d, N) and as a list of its columns, labels."""
    rng = np.random.default_rng(options.seed)
    weights = rng.random((options.c, options.d)) * 0.01
    matrix = rng.random((options.d, options.n))
    columns = [matrix[:, i].copy() for i in range(options.n)]
    labels = rng.integers(0, options.c, size=options.n)
    return weights, matrix, columns, labels


def looped_scores(weights, columns):
    return np.stack([weights.dot(x) for x in columns], axis=1)


def batched_scores(weights, matrix):
    return weights.dot(matrix)


def looped_classifier(weights, columns, labels):
    """Softmax cross-entropy loss and dL/dW, one example at a time."""
    loss = 0.0
    grad = np.zeros_like(weights)
    for x, y in zip(columns, labels, strict=True):
        scores = weights.dot(x)
        exps = np.exp(scores - scores.max())
        probs = exps / exps.sum()
        loss -= np.log(probs[y])
        probs[y] -= 1.0
        grad += np.outer(probs, x)
    n = len(columns)
    return loss / n, grad / n


def batched_classifier(weights, matrix, labels):
    """The same loss and gradient for the whole batch, through the engine's vectorized ops."""
    matmul, transpose, xent = OPS["matmul"], OPS["transpose"], OPS["cross_entropy"]
    scores = matmul.forward(weights, matrix)  # (C, N)
    logits = transpose.forward(scores)  # (N, C): one row per example
    loss = xent.forward(logits, labels)
    (d_logits, _) = xent.vjp(1.0, loss, logits, labels)
    (d_scores,) = transpose.vjp(d_logits, logits, scores)
    d_weights, _ = matmul.vjp(d_scores, scores, weights, matrix)
    return loss, d_weights


def _comparison(looped, batched, differences, tracker: Tracker, repeats: int) -> Comparison:
    looped_s = best_time(looped, repeats, tracker)
    batched_s = None if looped_s is None else best_time(batched, repeats, tracker)
    speedup = looped_s / batched_s if looped_s and batched_s else None
    worst = max(float(np.max(np.abs(a - b))) for a, b in differences)
    agree = all(np.allclose(a, b) for a, b in differences)
    return Comparison(looped_s, batched_s, speedup, agree, worst)


def run_vectorization(
    options: VectorizationOptions | None = None,
    *,
    progress: Progress = None,
    should_stop: ShouldStop = None,
) -> VectorizationResult:
    options = options or VectorizationOptions()
    weights, matrix, columns, labels = make_problem(options)
    tracker = Tracker(4 * options.repeats, progress, should_stop)

    matvec = _comparison(
        lambda: looped_scores(weights, columns),
        lambda: batched_scores(weights, matrix),
        [(looped_scores(weights, columns), batched_scores(weights, matrix))],
        tracker, options.repeats,
    )
    loop_loss, loop_grad = looped_classifier(weights, columns, labels)
    batch_loss, batch_grad = batched_classifier(weights, matrix, labels)
    classifier = _comparison(
        lambda: looped_classifier(weights, columns, labels),
        lambda: batched_classifier(weights, matrix, labels),
        [(np.float64(loop_loss), np.float64(batch_loss)), (loop_grad, batch_grad)],
        tracker, options.repeats,
    )
    # best_time stops at the first should_stop, so a missing time means the run was cancelled.
    cancelled = classifier.batched_seconds is None
    return VectorizationResult(
        options=options,
        matvec=matvec,
        classifier=classifier,
        agree=matvec.agree and classifier.agree,
        loss=float(batch_loss),
        cancelled=cancelled,
    )


def summarize_vectorization(result: VectorizationResult) -> list[str]:
    o = result.options
    lines = [f"N={o.n} windows of dimension d={o.d}, C={o.c} classes, best of {o.repeats} runs"]
    for label, part in (("W.dot(x) per column vs W.dot(X)", result.matvec),
                        ("softmax classifier forward+backward", result.classifier)):
        if part.speedup is None:
            lines.append(f"{label}: not timed (cancelled)")
            continue
        lines.append(
            f"{label}: loop {part.looped_seconds * 1e3:.3f} ms, batched "
            f"{part.batched_seconds * 1e3:.3f} ms, speedup {part.speedup:.1f}x"
        )
    if any(part.speedup is not None and part.speedup < 1 for part in (result.matvec, result.classifier)):
        lines.append("batched was slower here: on a busy machine a multithreaded BLAS can wait "
                     "for a free core; run it again, or try OPENBLAS_NUM_THREADS=1")
    lines.append("looped and batched results agree" if result.agree else "RESULTS DISAGREE")
    return lines
