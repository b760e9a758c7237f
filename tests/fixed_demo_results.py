"""Demo results stored as JSON, so that pictures of the demos never depend on the machine.

A demo run's numbers depend on the CPU, the BLAS and the load (measured times, and rounding
noise such as the gradient check's relative errors near 1e-10). Snapshot tests and screenshots
show these stored results instead. After a change to a demo's result type or defaults, write
them again (and look at the pictures): `python -m tests.fixed_demo_results`.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import types
import typing
from functools import cache, partial
from pathlib import Path

from backprop_tui.demos.compare import ComparisonResult
from backprop_tui.demos.gradient_check import GradientCheckResult
from backprop_tui.demos.vectorization import Timing, VectorizationResult, note
from backprop_tui.demos.word_vectors import WordVectorsResult
from backprop_tui.tui.screens.demo import SCREENS

STORE = Path(__file__).parent / "fixed_demo_results"
RESULT_TYPES = {
    "vectorization": VectorizationResult,
    "word-vectors": WordVectorsResult,
    "training-lab": ComparisonResult,  # the lab's single-run view: a comparison of one run
    "training-lab-compare": ComparisonResult,  # its compare view, of optimizers
    "gradient-check": GradientCheckResult,
}
# The screen that runs each stored result: one per demo, and the training lab's compare view.
VIEWS = {**SCREENS, "training-lab-compare": partial(SCREENS["training-lab"], axis="optimizer")}


@cache
def fixed_demo_result(name: str):
    """The stored result of demo `name` (a key of VIEWS) at its default options."""
    data = json.loads((STORE / f"{name}.json").read_text())
    try:
        return _build(RESULT_TYPES[name], data)
    except (TypeError, KeyError) as error:
        raise AssertionError(
            f"{STORE / name}.json no longer fits the demo's result ({error}): "
            "run `python -m tests.fixed_demo_results`") from None


def _build(kind, data):
    """A value of type `kind` from the JSON `data` that `as_dict()` made of it."""
    if data is None:
        return None
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        unknown = set(data) - {f.name for f in dataclasses.fields(kind)}
        if unknown:
            raise KeyError(f"{kind.__name__} has no {sorted(unknown)}")
        return kind(**{name: _build(hints[name], value) for name, value in data.items()})
    if origin in (typing.Union, types.UnionType):
        return _build(next(arg for arg in args if arg is not type(None)), data)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_build(args[0], item) for item in data)
        return tuple(_build(arg, item) for arg, item in zip(args, data, strict=True))
    if origin is dict:
        return {key: _build(args[1], value) for key, value in data.items()}
    return kind(data)


def measured_result(name: str):
    """A run of demo `name` at its defaults, its measured times replaced by fixed, typical ones
    (a 2-core machine, one BLAS thread)."""
    result = VIEWS[name]().run_demo(None, None)
    if isinstance(result, VectorizationResult):
        return dataclasses.replace(
            result, matvec=_timed(result.matvec, 0.447e-3, 0.042e-3),
            classifier=_timed(result.classifier, 4.08e-3, 0.281e-3),
            series=tuple(dataclasses.replace(point, looped_seconds_per_example=0.9e-6,
                                             batched_seconds_per_example=0.08e-6 + 2e-6 / point.n)
                         for point in result.series),
            note=note(result.matvec, result.classifier, cancelled=False))
    if isinstance(result, ComparisonResult):
        rate = 4000.0  # steps per second
        return dataclasses.replace(result, runs=tuple(
            dataclasses.replace(run, train_seconds=run.steps / rate, steps_per_second=rate)
            for run in result.runs))
    if isinstance(result, GradientCheckResult):
        per_parameter, backward = 1.5e-4, 1.8e-4
        return dataclasses.replace(result, cost=tuple(
            dataclasses.replace(point, backward_seconds=backward,
                                numerical_seconds=point.parameters * per_parameter,
                                ratio=point.parameters * per_parameter / backward,
                                numerical_seconds_per_parameter=per_parameter)
            for point in result.cost))
    return result  # nothing timed


def _timed(part, looped: float, batched: float):
    """One thread: `looped` and `batched` seconds; two threads: batched a third faster."""
    return dataclasses.replace(part, single_thread=Timing.from_pairs(1, [looped] * 5, [batched] * 5),
                               all_threads=Timing.from_pairs(2, [looped] * 5, [batched / 1.5] * 5))


def write(names) -> None:
    STORE.mkdir(exist_ok=True)
    for name in names:
        path = STORE / f"{name}.json"
        path.write_text(json.dumps(_stored(measured_result(name)), indent=1) + "\n")
        print(path)


def _stored(result) -> dict:
    """The result as JSON data, without the fields at their defaults (such as a demo's note),
    so that those keep following the code."""
    data = result.as_dict()
    for field in dataclasses.fields(result):
        if field.default is not dataclasses.MISSING and getattr(result, field.name) == field.default:
            del data[field.name]
    return data


if __name__ == "__main__":
    write(sys.argv[1:] or list(VIEWS))
