import warnings

import numpy as np
import pytest

from backprop_tui.engine.graph import Graph, GraphError, Node
from backprop_tui.engine.statements import StatementError, parse_program
from backprop_tui.engine.trace import BACKWARD, FORWARD, run


def grads(program, **inputs):
    trace = run(parse_program(program), inputs)
    return {name: float(np.sum(g)) for name, g in trace.grads.items()}, trace


def test_cs231n_circuit():
    g, trace = grads("q = x + y; f = q * z", x=-2, y=5, z=-4)
    assert float(trace.values["f"]) == -12
    assert (g["x"], g["y"], g["z"]) == (-4, -4, 3)


def test_shopping_graph_from_the_lecture():
    program = """
apple_price = apple * apple_num
orange_price = orange * orange_num
all_price = apple_price + orange_price
price = all_price * tax
"""
    g, trace = grads(program, apple=100, apple_num=2, orange=150, orange_num=3, tax=1.1)
    assert float(trace.values["price"]) == pytest.approx(715)
    assert g["apple"] == pytest.approx(2.2)
    assert g["apple_num"] == pytest.approx(110)
    assert g["orange"] == pytest.approx(3.3)
    assert g["orange_num"] == pytest.approx(165)
    assert g["tax"] == pytest.approx(650)


def test_reused_node_accumulates():
    g, trace = grads("b = a + a; c = b + b", a=3)
    assert g["a"] == 4 and g["b"] == 2
    step = trace.step("backward.b")
    assert [c.consumer for c in step.contributions] == ["c", "c"], "both uses of b are listed"


def test_branch_shows_every_contribution():
    _, trace = grads("e = (a + b) * (b + 1)", a=2, b=1)
    step = trace.step("backward.b")
    assert sorted(float(c.value) for c in step.contributions) == [2.0, 3.0]
    assert float(step.upstream) == 5.0


def test_sigmoid_neuron_matches_hand_derivation():
    g, trace = grads("f = 1/(1 + exp(-(w0*x0 + w1*x1 + w2)))", w0=2, x0=-1, w1=-3, x1=-2, w2=-3)
    s = 1 / (1 + np.exp(-1.0))  # w·x + b = 1
    local = s * (1 - s)
    assert float(trace.values["f"]) == pytest.approx(s)
    expected = {"w0": -1 * local, "x0": 2 * local, "w1": -2 * local, "x1": -3 * local, "w2": local}
    for name, value in expected.items():
        assert g[name] == pytest.approx(value)


def test_matrix_gradients_are_delta_x_transpose():
    W = np.array([[0.1, -0.2], [0.3, 0.5]])
    x, b, u = np.array([1.0, 2.0]), np.zeros(2), np.array([1.0, -2.0])
    trace = run(parse_program("z = W @ x + b; h = sigmoid(z); s = sum(u * h)"), dict(W=W, x=x, b=b, u=u))
    z = W @ x + b
    h = 1 / (1 + np.exp(-z))
    delta = u * h * (1 - h)
    np.testing.assert_allclose(trace.grads["W"], np.outer(delta, x))
    np.testing.assert_allclose(trace.grads["b"], delta)
    np.testing.assert_allclose(trace.grads["x"], W.T @ delta)
    assert trace.grads["W"].shape == W.shape


def test_trace_order_and_step_contents():
    _, trace = grads("q = x + y; f = q * z", x=-2, y=5, z=-4)
    phases = [s.phase for s in trace.steps]
    assert phases == [FORWARD] * 5 + [BACKWARD] * 5
    forward_nodes = [s.node for s in trace.steps if s.phase == FORWARD]
    assert forward_nodes.index("q") < forward_nodes.index("f")
    assert trace.steps[5].node == "f" and float(trace.steps[5].upstream) == 1.0
    at_f = trace.step("backward.f")
    by_input = {g.input: g for g in at_f.gradients}
    assert float(by_input["q"].local) == -4 and float(by_input["q"].downstream) == -4
    assert float(by_input["z"].local) == 3 and float(by_input["z"].downstream) == 3
    assert trace.phase_position(at_f.index) == ("backward", 1, 5)


def test_trace_is_immutable():
    _, trace = grads("f = x * y", x=2, y=3)
    with pytest.raises(ValueError):
        trace.values["x"][...] = 5
    with pytest.raises(TypeError):
        trace.grads["x"] = 1


def test_known_values_and_grads_grow_step_by_step():
    _, trace = grads("c = a + b; d = b + 1; e = c * d", a=2, b=1)
    first_backward = next(s.index for s in trace.steps if s.phase == BACKWARD)
    assert "e" not in trace.values_known_at(0)
    assert "e" in trace.values_known_at(first_backward - 1)
    assert trace.grads_known_at(first_backward - 1) == {}
    after_e = trace.grads_known_at(first_backward)
    assert after_e["e"][1] is True and after_e["c"][1] is True
    first_use = trace.grads_known_at(first_backward + 1)  # one of c, d has sent b its part
    assert first_use["b"][1] is False and float(first_use["b"][0]) in (2.0, 3.0)
    both = trace.grads_known_at(first_backward + 2)
    assert both["b"] == (both["b"][0], True) and float(both["b"][0]) == 5.0


def test_five_thousand_node_chain():
    nodes = [Node("x0")] + [Node(f"x{i}", "mul", (f"x{i - 1}", "c")) for i in range(1, 5000)]
    nodes.append(Node("c", "const", value=1.0001))
    trace = run(Graph.from_nodes(nodes, "x4999"), {"x0": 1.0})
    assert float(trace.grads["x0"]) == pytest.approx(1.0001 ** 4999)


@pytest.mark.parametrize(
    ("program", "message"),
    [
        ("f = x +", "syntax error"),
        ("f = foo(x)", "unknown function 'foo'"),
        ("f = x ** 9**9**9**9", "exponent must be a number"),
        ("f = x ** 1000", "too large"),
        ("f = __import__('os').system('ls')", "unknown function"),
        ("f = x.__class__", "only '.T'"),
        ("f = [x for x in y]", "not allowed"),
        ("f = lambda: 1", "not allowed"),
        ("f = 'text'", "not allowed"),
        ("a = b + 1; b = a * 2", "cycle"),
        ("f = x + 1; f = x * 2", "defined twice"),
        ("f = exp(x, y)", "takes 1 input"),
        ("f = " + "(" * 500 + "x" + ")" * 500, "nested"),
        ("f = x; ", "renames"),
        ("f = 1" + "0" * 5000, "syntax error: Exceeds the limit"),
        ("x + " * 20000 + "x", "too long"),
        ("sum = x * 2", "name of an op"),
        ("g = x * 2; f = x * 3", "does not feed"),
    ],
)
def test_bad_programs_name_the_problem(program, message):
    with pytest.raises(GraphError, match=message):
        parse_program(program)


def test_errors_point_at_the_column():
    with pytest.raises(StatementError) as error:
        parse_program("f = x * foo(y)")
    assert error.value.column == 9
    assert "f = x * foo(y)" in str(error.value)


@pytest.mark.parametrize(
    ("program", "inputs", "message"),
    [
        ("f = W @ x", {"W": [[1, 2]], "x": [1, 2, 3]}, "inner dimensions"),
        ("f = a + b", {"a": [1, 2], "b": [1, 2, 3]}, "broadcast"),
        ("f = log(x)", {"x": -1}, "not a number"),
        ("f = 1 / x", {"x": 0}, "division by zero"),
        ("f = x * y", {"x": 1}, "missing input value for 'y'"),
        ("f = mean(v)", {"v": []}, "the mean of no elements is undefined"),
    ],
)
def test_run_errors_name_the_statement(program, inputs, message):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a clear error, no NumPy warning on the side
        with pytest.raises(GraphError, match=message) as error:
            run(parse_program(program), inputs)
    assert error.value.node is not None


def test_running_leaves_the_callers_arrays_writable():
    W = np.array([[1.0, 2.0], [3.0, 4.0]])
    trace = run(parse_program("s = sum(W @ x)"), {"W": W, "x": np.array([1.0, 1.0])})
    W[0, 0] = 10.0  # still the caller's to change
    assert not trace.values["W"].flags.writeable
