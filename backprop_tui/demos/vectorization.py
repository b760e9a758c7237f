"""Why vectorize: one matrix product against a Python loop of matrix-vector products.

Part 1 scores N windows of dimension d for C classes, the CS224n lecture 4 example: a loop
of `W.dot(x_i)` against one `W.dot(X)`. Part 2 does the whole forward and backward pass of
a softmax classifier (scores, cross-entropy loss, gradient dW) one example at a time in
plain NumPy, and for the whole batch at once with the engine's ops.

The timings are honest on a busy machine: looped and batched runs alternate (A B A B) so a
burst of load hits both, the medians are reported, each part is timed with BLAS held to one
thread and with all its threads (threadpoolctl), and when the looped/batched ratios of the
pairs straddle 1 the verdict is "unclear" rather than a made-up speedup. A series over
growing N shows the time per example of each way (#16).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from typing import ClassVar

import numpy as np

from backprop_tui.demos._common import AsDict, Progress, ShouldStop, Tracker
from backprop_tui.demos._options import check_ranges, require_fits
from backprop_tui.engine.ops import OPS
from backprop_tui.records import frozen_dataclass

WHY_BATCHED_WINS = (
    "one call hands the whole job to BLAS, a compiled and cache-aware matrix library that uses "
    "SIMD instructions and several cores, while the loop pays Python's interpreter overhead (a "
    "function call, a small allocation, a type dispatch) once per example. The same arithmetic "
    "written as one matrix product is also what GPUs run fastest, so deep-learning code is "
    "written with whole batches as matrices."
)
FASTER, SLOWER, UNCLEAR = "faster", "slower", "unclear"
SERIES_POINTS = 8  # sizes in the time-per-example series, N/2^7 … N


@frozen_dataclass
class VectorizationOptions:
    n: int = 500  # windows (examples) to classify
    d: int = 300  # dimension of each window
    c: int = 5  # classes
    repeats: int = 5  # looped/batched pairs timed for each figure
    seed: int = 0

    RANGES: ClassVar = {"n": (1, 1_000_000), "d": (1, 100_000), "c": (1, 1_000), "repeats": (1, 1_000_000)}
    MEMORY_LIMITED: ClassVar = ("n",)

    def __post_init__(self) -> None:
        check_ranges(self)
        # Per window: its column in X, its copy in the loop's list, its column of dL/dX (d each).
        require_fits(self, "n", 8 * 3 * (self.d + self.c), f"{self.d:,}-number windows")


@frozen_dataclass
class Timing(AsDict):
    """Looped against batched with BLAS limited to `threads` threads, timed in alternating pairs."""

    threads: int | None  # None: as many as BLAS uses by default (unknown count)
    looped_seconds: float | None  # the median over the pairs; None when cancelled
    batched_seconds: float | None
    speedup: float | None  # the median of the pairs' looped/batched ratios
    low: float | None  # the pairs' ratios: lower and upper quartile (min and max under 4 pairs)
    high: float | None
    verdict: str | None  # FASTER or SLOWER when every quartile agrees, else UNCLEAR

    @classmethod
    def from_pairs(cls, threads: int | None, looped: Sequence[float], batched: Sequence[float]) -> Timing:
        if not looped:
            return cls(threads, None, None, None, None, None, None)
        ratios = sorted(a / b if b > 0 else float("inf") for a, b in zip(looped, batched, strict=True))
        low, high = _quartiles(ratios)
        verdict = FASTER if low > 1 else SLOWER if high < 1 else UNCLEAR
        return cls(threads, statistics.median(looped), statistics.median(batched),
                   statistics.median(ratios), low, high, verdict)


@frozen_dataclass
class Comparison(AsDict):
    """The same computation looped and batched: timed on one thread and on all, and checked."""

    single_thread: Timing
    all_threads: Timing
    agree: bool
    max_abs_difference: float


@frozen_dataclass
class SeriesPoint(AsDict):
    """Scores for the first `n` windows: median seconds per window, looped and batched (one thread)."""

    n: int
    looped_seconds_per_example: float
    batched_seconds_per_example: float


@frozen_dataclass
class VectorizationResult(AsDict):
    options: VectorizationOptions
    matvec: Comparison  # part 1: scores only
    classifier: Comparison  # part 2: scores, loss and dW
    series: tuple[SeriesPoint, ...]  # time per example against N (empty when cancelled)
    agree: bool
    loss: float  # the classifier's mean cross-entropy loss, the same either way
    note: str
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


def _quartiles(ordered: Sequence[float]) -> tuple[float, float]:
    if len(ordered) < 4:
        return ordered[0], ordered[-1]
    low, _, high = statistics.quantiles(ordered, n=4)
    return low, high


def alternating_times(looped: Callable[[], object], batched: Callable[[], object], pairs: int,
                      tracker: Tracker) -> tuple[list[float], list[float]]:
    """Wall-clock seconds of `pairs` looped runs and `pairs` batched runs, taken in turns so that
    load from other processes falls on both; empty lists when cancelled."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(pairs):
        for function, into in ((looped, times[0]), (batched, times[1])):
            if tracker.stopped():
                return [], []
            start = time.perf_counter()
            function()
            into.append(time.perf_counter() - start)
            tracker.advance()
    return times


def blas_threads() -> int | None:
    """How many threads the BLAS library uses by default (None if threadpoolctl finds none)."""
    from threadpoolctl import threadpool_info

    counts = [info["num_threads"] for info in threadpool_info() if info.get("user_api") == "blas"]
    return max(counts) if counts else None


def _timings(looped, batched, pairs: int, tracker: Tracker) -> tuple[Timing, Timing]:
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        single = Timing.from_pairs(1, *alternating_times(looped, batched, pairs, tracker))
    return single, Timing.from_pairs(blas_threads(), *alternating_times(looped, batched, pairs, tracker))


def _comparison(looped, batched, differences, tracker: Tracker, pairs: int) -> Comparison:
    single, every = _timings(looped, batched, pairs, tracker)
    worst = max(float(np.max(np.abs(a - b))) for a, b in differences)
    agree = all(np.allclose(a, b) for a, b in differences)
    return Comparison(single, every, agree, worst)


def series_sizes(n: int) -> list[int]:
    """Up to SERIES_POINTS sizes doubling up to `n`: 4, 8, … n for n = 500."""
    return sorted({max(1, round(n / 2**k)) for k in range(SERIES_POINTS)})


def _series(weights, matrix, columns, pairs: int, tracker: Tracker) -> tuple[SeriesPoint, ...]:
    from threadpoolctl import threadpool_limits

    points = []
    with threadpool_limits(limits=1, user_api="blas"):
        for n in series_sizes(len(columns)):
            looped, batched = alternating_times(
                lambda n=n: looped_scores(weights, columns[:n]),
                lambda n=n: batched_scores(weights, matrix[:, :n]), pairs, tracker)
            if not looped:
                return ()
            points.append(SeriesPoint(n, statistics.median(looped) / n, statistics.median(batched) / n))
    return tuple(points)


def run_vectorization(
    options: VectorizationOptions | None = None,
    *,
    progress: Progress = None,
    should_stop: ShouldStop = None,
) -> VectorizationResult:
    options = options or VectorizationOptions()
    weights, matrix, columns, labels = make_problem(options)
    pairs = options.repeats
    # Two parts × two thread settings × the pairs' two runs, then the series.
    tracker = Tracker(8 * pairs + 2 * pairs * len(series_sizes(options.n)), progress, should_stop)

    matvec = _comparison(
        lambda: looped_scores(weights, columns),
        lambda: batched_scores(weights, matrix),
        [(looped_scores(weights, columns), batched_scores(weights, matrix))],
        tracker, pairs,
    )
    loop_loss, loop_grad = looped_classifier(weights, columns, labels)
    batch_loss, batch_grad = batched_classifier(weights, matrix, labels)
    classifier = _comparison(
        lambda: looped_classifier(weights, columns, labels),
        lambda: batched_classifier(weights, matrix, labels),
        [(np.float64(loop_loss), np.float64(batch_loss)), (loop_grad, batch_grad)],
        tracker, pairs,
    )
    series = _series(weights, matrix, columns, pairs, tracker)
    cancelled = not series
    return VectorizationResult(
        options=options,
        matvec=matvec,
        classifier=classifier,
        series=series,
        agree=matvec.agree and classifier.agree,
        loss=float(batch_loss),
        note=note(matvec, classifier, cancelled),
        cancelled=cancelled,
    )


def note(matvec: Comparison, classifier: Comparison, cancelled: bool) -> str:
    """Why the batched version wins, said only as firmly as this run's measurements allow."""
    verdicts = {part.single_thread.verdict for part in (matvec, classifier)}
    if cancelled:
        return "Cancelled before every timing was taken. Usually the batched version wins because " + WHY_BATCHED_WINS
    if verdicts == {FASTER}:
        return "The batched version wins because " + WHY_BATCHED_WINS
    return ("This run could not show the batched version winning: the timings were too noisy or "
            "the machine too busy (press r, or run it again later). Usually it wins because "
            + WHY_BATCHED_WINS)


def ratio_text(ratio: float) -> str:
    """1.4, 12.3, 150: never 0.0 (a ratio below 1 is said the other way round by the caller)."""
    return f"{ratio:.1f}" if ratio < 100 else f"{ratio:,.0f}"


def verdict_text(timing: Timing) -> str:
    """“batched 12.3× faster”, “batched 1.4× slower”, or why no verdict can be given."""
    if timing.verdict is None:
        return "not timed (cancelled)"
    if timing.verdict == FASTER:
        return f"batched {ratio_text(timing.speedup)}× faster"
    if timing.verdict == SLOWER:
        return f"batched {ratio_text(1 / timing.speedup)}× slower"
    return (f"too noisy to tell which is faster: looped/batched ranged from "
            f"{timing.low:.2g} to {timing.high:.2g} across the runs")


def threads_text(timing: Timing) -> str:
    return "1 thread" if timing.threads == 1 else f"{timing.threads or 'all'} threads"


def summarize_vectorization(result: VectorizationResult) -> list[str]:
    o = result.options
    lines = [f"N={o.n} windows of dimension d={o.d}, C={o.c} classes, median of {o.repeats} "
             f"alternating looped/batched runs"]
    for label, part in (("W.dot(x) per column vs W.dot(X)", result.matvec),
                        ("softmax classifier forward+backward", result.classifier)):
        for timing in (part.single_thread, part.all_threads):
            if timing.verdict is None:
                lines.append(f"{label}, {threads_text(timing)}: not timed (cancelled)")
                continue
            lines.append(
                f"{label}, BLAS on {threads_text(timing)}: loop {timing.looped_seconds * 1e3:.3f} ms, "
                f"batched {timing.batched_seconds * 1e3:.3f} ms: {verdict_text(timing)}"
            )
    if result.series:
        first, last = result.series[0], result.series[-1]
        lines.append(
            f"time per window from N={first.n} to N={last.n}: looped "
            f"{first.looped_seconds_per_example * 1e6:.2f} → {last.looped_seconds_per_example * 1e6:.2f} µs, "
            f"batched {first.batched_seconds_per_example * 1e6:.2f} → {last.batched_seconds_per_example * 1e6:.2f} µs"
        )
    lines.append("looped and batched results agree" if result.agree else "RESULTS DISAGREE")
    return lines
