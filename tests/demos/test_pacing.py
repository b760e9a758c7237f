"""Pacing a training thread: pause holds it between epochs, a step lets one epoch through,
snapshots reach the viewer while it trains, and a stop ends a held run at once."""

import dataclasses
import threading

from backprop_tui.demos.compare import ComparisonResult, compare
from backprop_tui.demos.pacing import EpochGate, Pacer
from backprop_tui.demos.training_lab import TrainingOptions, TrainingResult, run_training_lab

TINY = TrainingOptions(points_per_class=10, hidden=4, epochs=4, batch_size=10, grid=4, gradient_check=False)
WAIT = 10  # seconds: only a broken gate makes a test wait this long


def test_every_epoch_is_published_when_the_interval_is_zero():
    seen: list[TrainingResult] = []
    result = run_training_lab(TINY, pacer=Pacer(EpochGate(), seen.append, interval=0, training_share=0))
    assert [len(snapshot.loss) for snapshot in seen] == [0, 0, 1, 2, 3, 4]  # before the check too
    assert seen[-1].loss == result.loss and seen[0].decision_grid is not None


def test_slow_publishing_spaces_the_snapshots_out():
    seen = []

    def slow(snapshot) -> None:  # as a busy screen draws
        seen.append(snapshot)
        threading.Event().wait(0.05)

    run_training_lab(dataclasses.replace(TINY, epochs=30), pacer=Pacer(EpochGate(), slow, interval=0))
    assert 2 <= len(seen) < 30  # each takes ≥ 50 ms to draw: the next is due ≥ 450 ms later


def test_a_long_interval_publishes_only_the_state_before_training():
    seen = []
    run_training_lab(TINY, pacer=Pacer(EpochGate(), seen.append, interval=3600))
    assert [len(snapshot.loss) for snapshot in seen] == [0, 0]


def _train_in_thread(gate: EpochGate, stop: threading.Event, seen: list):
    done: list[TrainingResult] = []
    thread = threading.Thread(target=lambda: done.append(run_training_lab(
        TINY, should_stop=stop.is_set, pacer=Pacer(gate, seen.append, interval=3600))))
    thread.start()
    return thread, done


def _wait_for(seen: list, count: int) -> None:
    for _ in range(WAIT * 100):
        if len(seen) >= count:
            return
        threading.Event().wait(0.01)
    raise AssertionError(f"{len(seen)} snapshots, expected {count}")


def test_paused_training_steps_one_epoch_at_a_time_then_resumes():
    gate, stop, seen = EpochGate(paused=True), threading.Event(), []
    thread, done = _train_in_thread(gate, stop, seen)
    _wait_for(seen, 2)  # held before the first epoch
    threading.Event().wait(0.1)
    assert [len(s.loss) for s in seen] == [0, 0] and not done
    gate.step()
    _wait_for(seen, 3)
    gate.step()
    _wait_for(seen, 4)
    assert [len(s.loss) for s in seen] == [0, 0, 1, 2]  # every step is published while paused
    gate.resume()
    thread.join(WAIT)
    assert done and len(done[0].loss) == 4 and not done[0].cancelled


def test_a_stop_ends_a_paused_run_at_once():
    gate, stop, seen = EpochGate(paused=True), threading.Event(), []
    thread, done = _train_in_thread(gate, stop, seen)
    _wait_for(seen, 1)
    stop.set()
    gate.wake()
    thread.join(WAIT)
    assert done and done[0].cancelled and done[0].loss == ()


def test_a_comparison_publishes_the_finished_runs_with_the_one_training():
    seen: list[ComparisonResult] = []
    runs = [TrainingOptions(**{**TINY.__dict__, "optimizer": name}) for name in ("sgd", "adam")]
    result = compare(runs, pacer=Pacer(EpochGate(), seen.append, interval=0, training_share=0))
    assert [(len(s.runs), len(s.runs[-1].loss)) for s in seen] == [
        (1, 0), (1, 0), (1, 1), (1, 2), (1, 3), (1, 4), (2, 0), (2, 0), (2, 1), (2, 2), (2, 3), (2, 4)]
    assert seen[-1].labels == result.labels == ("optimizer=sgd", "optimizer=adam")
    assert seen[6].runs[0].loss == result.runs[0].loss


def test_no_epoch_trains_while_a_viewer_holds_the_quiet_lock():
    gate, stop, seen = EpochGate(), threading.Event(), []
    with gate.quiet:  # as the screen holds it while it paints
        thread, done = _train_in_thread(gate, stop, seen)
        _wait_for(seen, 2)  # before the check and after it: no epoch needs the lock
        assert [len(s.loss) for s in seen] == [0, 0] and not done
    thread.join(WAIT)
    assert done and len(done[0].loss) == 4
