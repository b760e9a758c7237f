"""Randomized variants: a lesson with fresh inputs drawn from each input's `vary:`, by seed.

A draw is deterministic: the same lesson and seed give the same numbers on every machine.
Each input draws from its own stream (seeded by the seed and the input's name), so adding or
reordering inputs never changes another input's draw. Every number in narration, hints,
keys and misconception messages is a template, so the engine recomputes all of them for a
variant; the authored values stay the walk-through's.
"""

from __future__ import annotations

import secrets
import zlib
from dataclasses import replace

import numpy as np

from backprop_tui.engine.values import to_python
from backprop_tui.lessons.files import LessonFileError
from backprop_tui.lessons.format_records import from_data
from backprop_tui.lessons.load import LoadedLesson, prepare
from backprop_tui.lessons.model import GeneratedTensor, Lesson, VariedInput, Vary, input_form

SEED_BITS = 32
_REJECTIONS = 64  # draws refused by `not` before the allowed numbers are listed


def varied_inputs(lesson: Lesson) -> list[str]:
    """The inputs a variant draws afresh, in the lesson's order."""
    return [name for name, raw in lesson.inputs.items() if _spec(raw) is not None]


def has_variants(lesson: Lesson) -> bool:
    return bool(varied_inputs(lesson))


def _spec(raw) -> GeneratedTensor | VariedInput | None:
    """The input's `vary:`, if it has one (the lesson was validated: its mappings are well-formed)."""
    form = input_form(raw)
    spec = None if form is None else from_data(form, raw)
    return spec if isinstance(spec, VariedInput) or isinstance(spec, GeneratedTensor) and spec.vary else None


def new_seed() -> int:
    """A fresh seed for a quiz or a review card (store it to draw the same variant again)."""
    return secrets.randbits(SEED_BITS)


def draw_variant(lesson: Lesson, seed: int) -> Lesson:
    """The lesson with each varied input replaced by its draw for `seed` (a lesson without
    `vary:` comes back unchanged)."""
    if seed < 0:
        raise ValueError(f"a variant seed is a non-negative integer, not {seed}")
    inputs = dict(lesson.inputs)
    for name, raw in lesson.inputs.items():
        spec = _spec(raw)
        if spec is None:
            continue
        rng = np.random.default_rng([seed, zlib.crc32(name.encode("utf-8"))])
        if isinstance(spec, GeneratedTensor):
            inputs[name] = {**raw, "seed": int(rng.integers(2**SEED_BITS)), "vary": False}
        else:
            inputs[name] = to_python(_draw(spec.vary, np.shape(spec.value), rng))
    return replace(lesson, inputs=inputs)


def load_variant(loaded: LoadedLesson, seed: int, *, verify: bool = False) -> LoadedLesson:
    """The loaded lesson run on the variant drawn for `seed`: its notes, questions and keys
    recomputed by the engine. Raises LessonFileError when that variant breaks the lesson
    (`check` proves a lesson's variants; a caller may fall back to the authored values)."""
    if loaded.located is None:
        raise ValueError("load_variant needs a lesson loaded from its file")
    variant = draw_variant(loaded.lesson, seed)
    return replace(prepare(loaded.path, variant, loaded.located, verify=verify, drawn=True), digest=loaded.digest)


def variant_or_authored(loaded: LoadedLesson, seed: int | None = None) -> tuple[LoadedLesson, int | None]:
    """What a quiz or a review asks: the variant for `seed` (a new seed when None) and its
    seed, or the authored lesson and None when it has no `vary:` or that variant breaks it."""
    if not has_variants(loaded.lesson):
        return loaded, None
    seed = new_seed() if seed is None else seed
    try:
        return load_variant(loaded, seed), seed
    except LessonFileError:
        return loaded, None


def _draw(spec: Vary, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    """Numbers for every entry of `shape`; a draw that `not` refuses is drawn again."""
    size = int(np.prod(shape, dtype=int))
    values = _numbers(spec, rng.integers(spec.count, size=size))
    for _ in range(_REJECTIONS):
        refused = np.isin(values, spec.excluded)
        if not refused.any():
            return values.reshape(shape)
        values[refused] = _numbers(spec, rng.integers(spec.count, size=int(refused.sum())))
    refused = np.isin(values, spec.excluded)  # `not` took most of a small range: pick among the rest
    allowed = [v for v in map(spec.number, range(spec.count)) if v not in spec.excluded]
    values[refused] = np.asarray(allowed)[rng.integers(len(allowed), size=int(refused.sum()))]
    return values.reshape(shape)


def _numbers(spec: Vary, indices: np.ndarray) -> np.ndarray:
    return np.array([spec.number(int(i)) for i in indices], dtype=float)
