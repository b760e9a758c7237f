"""Pacing a training loop that runs in a thread: pause, resume, one epoch at a time, and
snapshots handed to a viewer at most every `interval` seconds (less often when drawing them
is slow), so that watching costs the training little."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

HOLD_POLL = 0.05  # seconds between looks at should_stop while held (wake() is quicker)


class EpochGate:
    """Shared by the viewer (pause, resume, step, wake) and the training thread (hold)."""

    def __init__(self, *, paused: bool = False) -> None:
        # Held by the training thread while it updates the weights. A viewer that takes it
        # before drawing (with a timeout, so that a long epoch never freezes the screen) keeps
        # drawing and training from taking turns on Python's one interpreter lock mid-epoch.
        self.quiet = threading.Lock()
        self._changed = threading.Condition()
        self._paused = paused
        self._steps = 0  # epochs let through while paused

    @property
    def paused(self) -> bool:
        return self._paused

    def pause(self) -> None:
        self._set(paused=True)

    def resume(self) -> None:
        self._set(paused=False)

    def step(self) -> None:
        """Pause (if running) and let exactly one more epoch through."""
        self._set(paused=True, steps=self._steps + 1)

    def wake(self) -> None:
        """Make a held thread look at should_stop now (after Escape)."""
        self._set(paused=self._paused)

    def _set(self, *, paused: bool, steps: int | None = None) -> None:
        with self._changed:
            self._paused = paused
            self._steps = 0 if not paused else self._steps if steps is None else steps
            self._changed.notify_all()

    def hold(self, should_stop: Callable[[], bool]) -> None:
        """In the training thread, before an epoch: wait while paused, unless a step or a stop came."""
        with self._changed:
            while self._paused and not self._steps and not should_stop():
                self._changed.wait(HOLD_POLL)
            if self._steps:
                self._steps -= 1


class Pacer:
    """Between epochs: publish a snapshot when one is due, then hold at the gate.

    A snapshot is due `interval` seconds after the last one was published, or later when
    publishing it took long (a busy machine draws slowly): training keeps at least
    `training_share` of the time."""

    def __init__(self, gate: EpochGate, publish: Callable[[Any], None], interval: float = 0.1,
                 *, training_share: float = 0.9) -> None:
        self.gate, self.publish, self.interval = gate, publish, interval
        self.training_share = training_share
        self._last = -float("inf")
        self._wait = interval

    def framed(self, frame: Callable[[Any], Any]) -> Pacer:
        """The same gate, publishing frame(snapshot) (e.g. one run inside a comparison)."""
        return Pacer(self.gate, lambda snapshot: self.publish(frame(snapshot)), self.interval,
                     training_share=self.training_share)

    def between_epochs(self, snapshot: Callable[[], Any], should_stop: Callable[[], bool]) -> None:
        start = time.monotonic()
        if self.gate.paused or start - self._last >= self._wait:
            self.publish(snapshot())  # every epoch while stepping: each one is looked at
            self._last = time.monotonic()
            publishing = self._last - start
            self._wait = max(self.interval, publishing * self.training_share / (1 - self.training_share))
        self.gate.hold(should_stop)
