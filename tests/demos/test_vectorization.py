import json
from dataclasses import replace

import numpy as np
import pytest

from backprop_tui.demos._common import Tracker
from backprop_tui.demos.vectorization import (
    FASTER,
    SLOWER,
    UNCLEAR,
    Timing,
    alternating_times,
    note,
    series_sizes,
    verdict_text,
    VectorizationOptions,
    batched_classifier,
    looped_classifier,
    make_problem,
    run_vectorization,
    summarize_vectorization,
)

SMALL = VectorizationOptions(n=40, d=20, c=3, repeats=1)


def test_looped_and_batched_agree():
    result = run_vectorization(SMALL)
    assert result.agree and result.matvec.agree and result.classifier.agree
    assert result.classifier.max_abs_difference < 1e-10


def test_classifier_gradient_matches_finite_differences():
    weights, matrix, columns, labels = make_problem(SMALL)
    _, grad = batched_classifier(weights, matrix, labels)
    h = 1e-6
    for index in [(0, 0), (1, 5), (2, 19)]:
        bumped = weights.copy()
        bumped[index] += h
        up, _ = looped_classifier(bumped, columns, labels)
        bumped[index] -= 2 * h
        down, _ = looped_classifier(bumped, columns, labels)
        assert np.isclose(grad[index], (up - down) / (2 * h), rtol=1e-5, atol=1e-9)


def test_figures_are_medians_of_the_pairs():
    # Which one is faster depends on the machine and its load: tests/benchmarks/bench_demos.py.
    timing = Timing.from_pairs(1, [3.0, 1.0, 2.0], [1.0, 1.0, 4.0])
    assert (timing.looped_seconds, timing.batched_seconds) == (2.0, 1.0)
    assert timing.speedup == 1.0 and (timing.low, timing.high) == (0.5, 3.0)


def test_result_round_trips_through_json():
    data = run_vectorization(SMALL).as_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["options"]["n"] == 40 and "BLAS" in data["note"]


def test_progress_reaches_one_and_summary_reads():
    seen = []
    result = run_vectorization(SMALL, progress=seen.append)
    assert seen[-1] == 1.0 and seen == sorted(seen)
    lines = summarize_vectorization(result)
    assert any("BLAS on 1 thread" in line for line in lines)


def test_should_stop_cancels_timing():
    result = run_vectorization(SMALL, should_stop=lambda: True)
    assert result.cancelled and result.classifier.single_thread.speedup is None and not result.series
    assert result.agree  # the correctness check does not depend on timing


def test_looped_and_batched_runs_alternate():
    calls = []
    looped, batched = alternating_times(lambda: calls.append("A"), lambda: calls.append("B"), 3,
                                        Tracker(6))
    assert calls == ["A", "B"] * 3 and len(looped) == len(batched) == 3


@pytest.mark.parametrize(
    ("looped", "batched", "verdict", "text"),
    [
        ([2.0, 2.1, 1.9, 2.0, 2.2], [0.1] * 5, FASTER, "batched 20.0× faster"),
        ([1.0] * 5, [4.0, 4.1, 3.9, 4.0, 4.2], SLOWER, "batched 4.0× slower"),
        ([1.0, 1.0, 1.0, 1.0], [0.5, 2.0, 0.5, 2.0], UNCLEAR, "too noisy to tell which is faster"),
        ([1e-3], [1e-6], FASTER, "batched 1,000× faster"),
        ([1e-6], [1e-3], SLOWER, "batched 1,000× slower"),
    ],
)
def test_the_verdict_says_only_what_the_pairs_show(looped, batched, verdict, text):
    timing = Timing.from_pairs(1, looped, batched)
    assert timing.verdict == verdict
    assert text in verdict_text(timing) and " 0.0×" not in verdict_text(timing)


def test_the_note_claims_a_win_only_when_measured():
    result = run_vectorization(SMALL)
    unclear = Timing.from_pairs(1, [1.0, 1.0], [0.5, 2.0])
    noisy = replace(result.matvec, single_thread=unclear)
    assert note(noisy, result.classifier, cancelled=False).startswith("This run could not show")
    won = replace(result.matvec, single_thread=Timing.from_pairs(1, [2.0], [1.0]))
    both = replace(result.classifier, single_thread=Timing.from_pairs(1, [2.0], [1.0]))
    assert note(won, both, cancelled=False).startswith("The batched version wins")


def test_single_and_all_thread_figures_and_the_series_are_in_the_json():
    data = run_vectorization(SMALL).as_dict()
    for part in ("matvec", "classifier"):
        assert data[part]["single_thread"]["threads"] == 1
        assert data[part]["all_threads"]["looped_seconds"] > 0
    assert [point["n"] for point in data["series"]] == series_sizes(SMALL.n)
    assert all(point["batched_seconds_per_example"] > 0 for point in data["series"])
