"""A step of a lesson in a learner's words: 'the backward step at price', never 'backward.price'.

Kept free of NumPy so the lesson picker can say where a learner left off before any engine loads.
"""

from __future__ import annotations


def step_title(key: str) -> str:
    """'backward.price' -> 'the backward step at price'; a key of another form as it is."""
    phase, dot, node = key.partition(".")
    if not dot or phase not in ("forward", "backward") or not node:
        return key
    return f"the {phase} step at {node}"
