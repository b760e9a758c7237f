"""The one explanation of a backward step: learner notation, worked products, fork sums."""

import numpy as np
import pytest

from backprop_tui.engine.explain import explain_trace
from backprop_tui.engine.statements import parse_program
from backprop_tui.engine.trace import run


def explained(program: str, **inputs):
    trace = run(parse_program(program), inputs)
    return {e.node: e for e in explain_trace(trace) if e is not None}


def terms(explanation):
    return {t.input: t for t in explanation.inputs}


def test_forward_steps_have_no_explanation():
    trace = run(parse_program("f = x * y"), {"x": 2.0, "y": 3.0})
    assert [e is None for e in explain_trace(trace)] == [s.phase == "forward" for s in trace.steps]


def test_mul_worked_product_matches_the_hand_derivation():
    f = terms(explained("f = x * y", x=2.0, y=-3.0)["f"])
    assert f["x"].local_text() == "y = -3" and f["x"].product == "1 × -3 = -3"
    assert f["y"].local_text() == "x = 2" and f["y"].product == "1 × 2 = 2"
    assert f["x"].rule == "upstream × local"


@pytest.mark.parametrize(
    ("program", "inputs", "expected"),
    [
        ("f = relu(z)", {"z": 2.0}, {"z": "1[z > 0]"}),
        ("f = max(z, w)", {"z": 2.0, "w": 1.0}, {"z": "1[z ≥ w]", "w": "1[w > z]"}),
        ("f = prelu(z, a)", {"z": -2.0, "a": 0.25}, {"z": "{1 if z > 0; a otherwise}", "a": "{0 if z > 0; z otherwise}"}),
        ("f = hardtanh(z)", {"z": 0.5}, {"z": "{1 if -1 < z < 1; 0 otherwise}"}),
        ("f = sigmoid(z)", {"z": 0.5}, {"z": "σ(z)·(1 - σ(z))"}),
        ("f = 1 / den", {"den": 2.0}, {"den": "-1/den²"}),
        ("f = sqrt(x)", {"x": 4.0}, {"x": "1/(2·√x)"}),
        ("f = x ** 2", {"x": 3.0}, {"x": "2·x"}),
        ("f = 0.1 * x", {"x": 3.0}, {"x": "0.1"}),
        ("f = x / 3", {"x": 3.0}, {"x": "1/3"}),
    ],
)
def test_local_gradients_are_in_learner_notation(program, inputs, expected):
    f = terms(explained(program, **inputs)["f"])
    assert {name: f[name].notation for name in expected} == expected


def test_elementwise_on_vectors_keeps_the_formula_and_the_numbers():
    f = terms(explained("f = sum(relu(z))", z=np.array([-1.0, 2.0]))["t1"])
    assert f["z"].notation == "1[z > 0]"
    assert f["z"].local_text() == "1[z > 0] = [0, 1]"
    assert f["z"].product == "[1, 1] ∘ [0, 1] = [0, 1]"


def test_a_fork_shows_its_sum():
    e = explained("c = a + b; d = b * 3; f = c + d", a=1.0, b=2.0)["b"]
    assert e.fork_sum == "3 (from d) + 1 (from c) = 4"
    assert float(e.upstream) == 4.0


def test_matrix_products_show_the_vjp_with_shapes():
    W = np.arange(6.0).reshape(2, 3)
    e = terms(explained("z = W @ x; f = sum(z)", W=W, x=np.ones(3))["z"])
    assert e["W"].local_text() == "a Jacobian"
    assert e["W"].product == "upstream xᵀ = [2] [3]ᵀ = [2×3]"
    assert e["x"].product == "Wᵀ @ upstream = [2×3]ᵀ @ [2] = [3, 5, 7]"


def test_a_dot_product_is_worked_out_with_its_numbers_not_its_shapes():
    e = terms(explained("s = dot(u, h)", u=np.array([2.0, -1.0]), h=np.array([0.5, 0.25]))["s"])
    assert e["u"].product == "upstream × h = 1 × [0.5, 0.25] = [0.5, 0.25]"
    assert e["h"].product == "upstream × u = 1 × [2, -1] = [2, -1]"


def test_a_class_label_takes_no_gradient():
    e = terms(explained("L = cross_entropy(s, y)", s=np.array([1.0, 2.0]), y=1.0)["L"])
    assert not e["y"].takes_gradient and e["y"].product == ""
    assert e["s"].rule == "upstream × (softmax(s) − onehot(y))"


def test_literal_numbers_are_left_out():
    assert set(terms(explained("f = 2 * x", x=1.0)["f"])) == {"x"}


def test_a_step_is_named_by_its_title():
    from backprop_tui.engine.steps import step_title

    assert step_title("backward.price") == "the backward step at price"
    assert step_title("forward.wsum") == "the forward step at wsum"
