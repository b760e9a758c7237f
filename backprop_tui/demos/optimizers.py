"""Parameter update rules. Each keeps its own per-parameter state (velocity, squared-gradient
caches) and updates the parameter arrays in place."""

from __future__ import annotations

import numpy as np

EPS = 1e-8
DEFAULT_LEARNING_RATES = {
    "sgd": 0.5, "momentum": 0.05, "adagrad": 0.1, "rmsprop": 0.005, "adam": 0.01,
}
OPTIMIZERS = tuple(DEFAULT_LEARNING_RATES)


class Optimizer:
    def __init__(self) -> None:
        self.state: dict[str, dict[str, np.ndarray]] = {}

    def step(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray], lr: float) -> None:
        for name, param in params.items():
            slots = self.state.setdefault(name, {})
            param -= self.delta(slots, grads[name], lr)

    def delta(self, slots: dict[str, np.ndarray], grad: np.ndarray, lr: float) -> np.ndarray:
        raise NotImplementedError


class SGD(Optimizer):
    def delta(self, slots, grad, lr):
        return lr * grad


class Momentum(Optimizer):
    """The velocity accumulates past gradients, so steps grow along consistent directions."""

    def __init__(self, mu: float = 0.9) -> None:
        super().__init__()
        self.mu = mu

    def delta(self, slots, grad, lr):
        velocity = self.mu * slots.get("v", 0.0) + lr * grad
        slots["v"] = velocity
        return velocity


class Adagrad(Optimizer):
    """Per-parameter rates shrink with the sum of all past squared gradients."""

    def delta(self, slots, grad, lr):
        slots["cache"] = slots.get("cache", 0.0) + grad * grad
        return lr * grad / (np.sqrt(slots["cache"]) + EPS)


class RMSprop(Optimizer):
    """Like Adagrad, but the squared-gradient cache decays, so the rates do not vanish."""

    def __init__(self, decay: float = 0.99) -> None:
        super().__init__()
        self.decay = decay

    def delta(self, slots, grad, lr):
        slots["cache"] = self.decay * slots.get("cache", 0.0) + (1 - self.decay) * grad * grad
        return lr * grad / (np.sqrt(slots["cache"]) + EPS)


class Adam(Optimizer):
    """Momentum plus RMSprop's scaling, with both averages corrected for starting at zero."""

    def __init__(self, beta1: float = 0.9, beta2: float = 0.999) -> None:
        super().__init__()
        self.beta1, self.beta2 = beta1, beta2

    def delta(self, slots, grad, lr):
        t = slots["t"] = slots.get("t", 0) + 1
        m = slots["m"] = self.beta1 * slots.get("m", 0.0) + (1 - self.beta1) * grad
        v = slots["v"] = self.beta2 * slots.get("v", 0.0) + (1 - self.beta2) * grad * grad
        m_hat = m / (1 - self.beta1**t)
        v_hat = v / (1 - self.beta2**t)
        return lr * m_hat / (np.sqrt(v_hat) + EPS)


def make_optimizer(name: str) -> Optimizer:
    classes = {"sgd": SGD, "momentum": Momentum, "adagrad": Adagrad, "rmsprop": RMSprop, "adam": Adam}
    if name not in classes:
        raise ValueError(f"unknown optimizer {name!r}; choose from {', '.join(OPTIMIZERS)}")
    return classes[name]()
