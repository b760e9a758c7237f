import json

import numpy as np
import pytest

from backprop_tui.demos.vectorization import (
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


def test_speedup_is_the_looped_time_over_the_batched_time():
    # Which one is faster depends on the machine and its load: tests/benchmarks/bench_demos.py.
    result = run_vectorization(SMALL)
    for part in (result.matvec, result.classifier):
        assert part.looped_seconds > 0 and part.batched_seconds > 0
        assert part.speedup == pytest.approx(part.looped_seconds / part.batched_seconds)


def test_result_round_trips_through_json():
    data = run_vectorization(SMALL).as_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["options"]["n"] == 40 and "BLAS" in data["note"]


def test_progress_reaches_one_and_summary_reads():
    seen = []
    result = run_vectorization(SMALL, progress=seen.append)
    assert seen[-1] == 1.0 and seen == sorted(seen)
    lines = summarize_vectorization(result)
    assert any("speedup" in line for line in lines)


def test_should_stop_cancels_timing():
    result = run_vectorization(SMALL, should_stop=lambda: True)
    assert result.cancelled and result.classifier.speedup is None
    assert result.agree  # the correctness check does not depend on timing
