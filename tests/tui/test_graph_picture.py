"""What the graph shows beside each box: short vectors as numbers, other tensors as shape and norm."""

import numpy as np

from backprop_tui.engine.statements import parse_program
from backprop_tui.engine.trace import run
from backprop_tui.layout.place import MAX_TITLE
from backprop_tui.lessons.walkthrough import Walkthrough
from backprop_tui.tui.graph_picture import as_text, draw, labels_at


def last_labels(program: str, **inputs):
    walkthrough = Walkthrough.from_trace(program, run(parse_program(program), inputs))
    picture = draw(walkthrough)
    labels = labels_at(walkthrough, picture, len(walkthrough.trace.steps) - 1)
    return labels, "\n".join(as_text(picture, labels))


def test_a_short_vector_prints_its_numbers_on_the_graph():
    labels, text = last_labels("p = softmax(s); L = sum(p * u)", s=np.array([2.0, 1.0, -1.0]), u=np.array([1.0, 0.0, 0.0]))
    assert labels.values["s"] == "[2 1 -1]"
    assert labels.grads["u"] == "∂[0.71 0.26 0.035]"  # softmax(s) = [0.705, 0.259, 0.035]
    assert "[2 1 -1]" in text and "⟨" not in text


def test_a_matrix_or_long_vector_shows_its_shape_and_norm():
    W = np.array([[3.0, 0.0], [0.0, 4.0], [0.0, 0.0]])
    labels, _ = last_labels("L = sum(W @ x)", W=W, x=np.array([1.0, 2.0]))
    assert labels.values["W"] == "3×2 ‖5‖"
    labels, _ = last_labels("L = sum(v)", v=np.ones(9))
    assert labels.values["v"] == "9 ‖3‖" and labels.grads["v"] == "∂9 ‖3‖"


def test_a_name_as_long_as_check_allows_shows_whole_in_its_box():
    whole, cut = "a" * MAX_TITLE, "b" * (MAX_TITLE + 1)
    _, text = last_labels(f"{cut} = {whole} * 2", **{whole: np.array(3.0)})
    assert f" {whole} " in text
    assert cut not in text and "b" * (MAX_TITLE - 1) + "…" in text
