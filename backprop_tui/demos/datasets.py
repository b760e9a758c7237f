"""Two-dimensional toy classification sets made with NumPy: spirals and moons."""

from __future__ import annotations

import numpy as np

DATASETS = ("spiral", "moons")


def spiral(points_per_class: int, classes: int, noise: float, rng: np.random.Generator):
    """`classes` interleaved spiral arms from the origin out to radius 1 (the CS231n toy set).

    `noise` jitters the angle, in radians.
    """
    radius = np.linspace(0.0, 1.0, points_per_class)
    arm_turn = 4.0  # radians each arm sweeps
    xs, ys = [], []
    for label in range(classes):
        angle = np.linspace(label * arm_turn, (label + 1) * arm_turn, points_per_class)
        angle = angle + rng.normal(0.0, noise, points_per_class)
        xs.append(np.column_stack([radius * np.sin(angle), radius * np.cos(angle)]))
        ys.append(np.full(points_per_class, label))
    return np.concatenate(xs), np.concatenate(ys)


def moons(points_per_class: int, noise: float, rng: np.random.Generator):
    """Two interlocking half circles, centred on the origin; `noise` is Gaussian, per coordinate."""
    angle = np.linspace(0.0, np.pi, points_per_class)
    upper = np.column_stack([np.cos(angle), np.sin(angle)])
    lower = np.column_stack([1.0 - np.cos(angle), 0.5 - np.sin(angle)])
    x = np.concatenate([upper, lower]) - np.array([0.5, 0.25])
    x = x + rng.normal(0.0, noise, x.shape)
    y = np.repeat([0, 1], points_per_class)
    return x, y


def make_dataset(name: str, points_per_class: int, classes: int, noise: float, seed: int):
    """Points (N, 2) and integer labels (N,). Moons always has two classes."""
    rng = np.random.default_rng(seed)
    if name == "spiral":
        return spiral(points_per_class, classes, noise, rng)
    if name == "moons":
        return moons(points_per_class, noise, rng)
    raise ValueError(f"unknown dataset {name!r}; choose from {', '.join(DATASETS)}")
