"""Gradient-check lab states stored as JSON, so that pictures of the lab never depend on the machine.

Relative errors near round-off (1e-10 and below) vary with the CPU and its maths library, so
snapshot tests and screenshots show these stored states of lesson 13's lab. After a change to
the lab's data types, write them again (and look at the pictures): `python -m tests.fixed_lab_states`.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from backprop_tui.demos.gradcheck_lab import LabState, lab_state
from backprop_tui.demos.planted_bugs import Bug
from backprop_tui.lessons.load import load_lesson
from backprop_tui.lessons.walkthrough import Walkthrough
from tests.fixed_demo_results import STORE, _build

LESSONS = Path(__file__).parent.parent / "lessons"
NUDGED = "w"
STATES = {  # file name: the bug planted in lesson 13's lab, nudging w
    "gradcheck-lab": None,
    "gradcheck-lab-bug": Bug("sign", "wx", 0, "w"),
}


@cache
def lesson() -> Walkthrough:
    return Walkthrough.from_lesson(load_lesson(next(LESSONS.glob("*numerical-gradient-check.yaml"))))


@cache
def fixed_lab_state(name: str) -> LabState:
    data = json.loads((STORE / f"{name}.json").read_text())
    try:
        return _build(LabState, data)
    except (TypeError, KeyError) as error:
        raise AssertionError(f"{STORE / name}.json no longer fits LabState ({error}): "
                             "run `python -m tests.fixed_lab_states`") from None


def write() -> None:
    trace = lesson().trace
    for name, bug in STATES.items():
        path = STORE / f"{name}.json"
        state = lab_state(trace.graph, dict(trace.values), NUDGED, bug)
        path.write_text(json.dumps(state.as_dict(), indent=1) + "\n")
        print(path)


if __name__ == "__main__":
    write()
