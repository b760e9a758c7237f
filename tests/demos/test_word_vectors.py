import json

import pytest

from backprop_tui.demos.word_vectors import WordVectorsOptions, run_word_vectors, summarize_word_vectors


def by_word(result):
    return {report.word: report for report in result.words}


def test_fine_tuning_leaves_television_behind_and_misclassified():
    words = by_word(run_word_vectors(WordVectorsOptions()))
    television = words["television"]
    assert television.before == television.after
    assert television.gradient_norm == 0.0
    assert words["TV"].moved > 0.5 and words["telly"].moved > 0.5
    assert words["TV"].correct and words["telly"].correct
    assert not television.correct


def test_frozen_vectors_classify_television_correctly():
    result = run_word_vectors(WordVectorsOptions(freeze_vectors=True))
    assert all(report.moved == 0.0 for report in result.words)
    assert all(report.correct for report in result.words)
    assert result.television_correct


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("learning_rate, epochs", [(0.3, 300), (1.0, 300), (3.0, 100), (1.0, 1000)])
def test_outcome_is_robust(seed, learning_rate, epochs):
    common = dict(seed=seed, learning_rate=learning_rate, epochs=epochs)
    assert not run_word_vectors(WordVectorsOptions(**common)).television_correct
    assert run_word_vectors(WordVectorsOptions(freeze_vectors=True, **common)).television_correct


def test_loss_falls_and_snapshots_cover_the_run():
    result = run_word_vectors(WordVectorsOptions(epochs=100, snapshots=5))
    assert result.loss[-1] < result.loss[0]
    assert result.snapshots[0].epoch == 0 and result.snapshots[-1].epoch == 100
    assert set(result.snapshots[0].positions) == {r.word for r in result.words}


def test_json_round_trip_summary_and_cancellation():
    calls = []
    result = run_word_vectors(
        WordVectorsOptions(epochs=50), progress=calls.append, should_stop=lambda: len(calls) >= 10
    )
    assert result.cancelled and len(result.loss) == 10
    data = result.as_dict()
    assert json.loads(json.dumps(data)) == data
    assert any("television" in line for line in summarize_word_vectors(result))


def test_same_seed_same_result():
    options = WordVectorsOptions(epochs=30)
    assert run_word_vectors(options).as_dict() == run_word_vectors(options).as_dict()
    assert run_word_vectors(options).words != run_word_vectors(WordVectorsOptions(epochs=30, seed=1)).words
