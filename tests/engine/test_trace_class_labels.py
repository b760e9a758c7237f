"""A class index takes no gradient, however many ops stand between it and its loss."""

import numpy as np
import pytest

from backprop_tui.engine.statements import parse_program
from backprop_tui.engine.trace import BACKWARD, run

SCORES = np.array([1.0, 2.0, 3.0])


@pytest.mark.parametrize(
    "program",
    [
        "L = cross_entropy(s, y)",
        "y2 = y + 0; L = cross_entropy(s, y2)",
        "y2 = y + 0; y3 = y2 * 1; y4 = max(y3, 0); L = cross_entropy(s, y4)",
        "y2 = y * 1; L = svm_loss(s, y2)",
    ],
)
def test_no_backward_step_reaches_a_class_index(program):
    trace = run(parse_program(program), {"s": SCORES, "y": 1.0})
    backward = [s.node for s in trace.steps if s.phase == BACKWARD]
    assert backward == ["L", "s"]
    assert set(trace.grads) == {"L", "s"}


def test_a_label_also_used_as_a_number_still_gets_its_gradient():
    trace = run(parse_program("y2 = y + 0; L = cross_entropy(s, y2) + 2 * y"), {"s": SCORES, "y": 1.0})
    assert float(trace.grads["y"]) == 2.0
    assert "y2" not in trace.grads
