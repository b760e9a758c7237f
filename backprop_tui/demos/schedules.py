"""Learning-rate schedules: the rate for each epoch, some of them reacting to the loss."""

from __future__ import annotations

SCHEDULES = ("constant", "step", "cyclic", "plateau")
PLATEAU_FACTOR = 0.25  # the lecture notes' ReduceLROnPlateau(factor=0.25)


class Schedule:
    def __init__(self, base: float) -> None:
        self.base = base

    def rate(self, epoch: int) -> float:  # epoch counts from 0
        return self.base

    def observe(self, loss: float) -> None:
        """Told the loss at the end of every epoch."""


class StepDecay(Schedule):
    """Halve the rate every `every` epochs."""

    def __init__(self, base: float, every: int) -> None:
        super().__init__(base)
        self.every = max(every, 1)

    def rate(self, epoch: int) -> float:
        return self.base * 0.5 ** (epoch // self.every)


class Cyclic(Schedule):
    """Triangular cycles between base/10 and base, `period` epochs each (a full cycle: the
    notes' step_size is half of it): the high phases can jump out of poor regions, the low
    phases settle."""

    def __init__(self, base: float, period: int) -> None:
        super().__init__(base)
        self.period = max(period, 2)

    def rate(self, epoch: int) -> float:
        phase = (epoch % self.period) / self.period
        triangle = 1.0 - abs(2.0 * phase - 1.0)
        low = self.base / 10
        return low + (self.base - low) * triangle


class ReduceOnPlateau(Schedule):
    """Multiply the rate by PLATEAU_FACTOR when the loss has not improved for `patience` epochs
    in a row."""

    def __init__(self, base: float, patience: int, min_improvement: float = 1e-4) -> None:
        super().__init__(base)
        self.patience = max(patience, 1)
        self.min_improvement = min_improvement
        self.current = base
        self.best = float("inf")
        self.waiting = 0

    def rate(self, epoch: int) -> float:
        return self.current

    def observe(self, loss: float) -> None:
        if loss < self.best - self.min_improvement:
            self.best, self.waiting = loss, 0
            return
        self.waiting += 1
        if self.waiting >= self.patience:
            self.current *= PLATEAU_FACTOR
            self.waiting = 0


def make_schedule(name: str, base: float, *, step_every: int, cycle_epochs: int, patience: int):
    if name == "constant":
        return Schedule(base)
    if name == "step":
        return StepDecay(base, step_every)
    if name == "cyclic":
        return Cyclic(base, cycle_epochs)
    if name == "plateau":
        return ReduceOnPlateau(base, patience)
    raise ValueError(f"unknown schedule {name!r}; choose from {', '.join(SCHEDULES)}")
