"""The gradient-check lab's data: nudges over decades of h, planted bugs, node-by-node checks."""

import math

import numpy as np
import pytest

from backprop_tui.demos import planted_bugs
from backprop_tui.demos.gradcheck_lab import lab_state
from backprop_tui.demos.nudge_series import nudge_series
from backprop_tui.demos.planted_bugs import Bug, backward, broken_inputs, diagnose, node_checks, plant
from backprop_tui.engine.statements import parse_program
from backprop_tui.engine.trace import run

# Lesson 13's function: x feeds both the sigmoid and the product, a fork.
NEURON = parse_program("wx = w * x; z = wx + b; s = sigmoid(z); f = x * s")
AT = dict(x=2.0, w=0.5, b=-0.5)


def sigmoid(z):
    return 1 / (1 + math.exp(-z))


def f(x, w, b):
    return x * sigmoid(w * x + b)


@pytest.fixture(scope="module")
def values():
    return dict(run(NEURON, AT).values)


@pytest.mark.parametrize("program, inputs", [
    ("wx = w * x; z = wx + b; s = sigmoid(z); f = x * s", AT),
    ("z = W @ x + b; h = relu(z); s = sum(u * h * h)",
     dict(W=[[0.1, -0.2], [0.3, 0.5]], x=[1.0, 2.0], b=[0.1, 0.0], u=[1.0, -2.0])),
    ("m = max(a, b); f = m * a + exp(b)", dict(a=0.3, b=-0.2)),
])
def test_the_labs_backward_without_a_bug_is_the_engines(program, inputs):
    graph = parse_program(program)
    trace = run(graph, inputs)
    grads = backward(graph, dict(trace.values)).nodes
    for name, grad in trace.grads.items():
        np.testing.assert_allclose(grads[name], grad, rtol=1e-12, atol=1e-15)


def test_one_sided_and_centred_estimates_match_a_hand_computation(values):
    analytic = float(backward(NEURON, values).nodes["w"])
    s = sigmoid(0.5)
    assert analytic == pytest.approx(2 * 2 * s * (1 - s))  # x²·σ′(z)
    series = nudge_series(NEURON, values, "w", analytic)
    first = series.rows[0]
    assert first.h == 0.1 and series.element == "w"
    assert first.one_sided == pytest.approx((f(2, 0.6, -0.5) - f(2, 0.5, -0.5)) / 0.1, rel=1e-12)
    assert first.centred == pytest.approx((f(2, 0.6, -0.5) - f(2, 0.4, -0.5)) / 0.2, rel=1e-12)


def test_errors_fall_with_slopes_one_and_two_then_round_off_takes_over(values):
    analytic = float(backward(NEURON, values).nodes["w"])
    series = nudge_series(NEURON, values, "w", analytic)
    assert series.one_sided_slope == pytest.approx(1.0, abs=0.1)
    assert series.centred_slope == pytest.approx(2.0, abs=0.1)
    by_h = {row.h: row for row in series.rows}
    assert by_h[1e-1].centred_error < by_h[1e-1].one_sided_error  # centred wins at the same h
    best = min(row.centred_error for row in series.rows)
    assert best < 1e-8
    assert by_h[1e-12].centred_error > 100 * best  # the round-off floor at tiny h
    assert not any(row.kinks for row in series.rows)


def test_a_probe_across_a_kink_is_flagged_on_its_row():
    graph = parse_program("f = relu(x) * 3")
    values = dict(run(graph, {"x": 2e-3}).values)
    rows = nudge_series(graph, values, "x", 3.0).rows
    assert [row.kinks != () for row in rows] == [h > 2e-3 for h in (row.h for row in rows)]
    assert rows[0].kinks == ("t1",)  # the relu node
    assert rows[0].centred == pytest.approx((3 * 0.102 - 0) / 0.2)


def test_the_first_element_of_a_matrix_is_nudged():
    graph = parse_program("s = sum(W @ x)")
    values = dict(run(graph, dict(W=[[1.0, 2.0], [3.0, 4.0]], x=[5.0, 7.0])).values)
    series = nudge_series(graph, values, "W", 5.0)
    assert series.element == "W[0, 0]" and series.value == 1.0
    assert series.rows[0].centred == pytest.approx(5.0)


@pytest.mark.parametrize("bug, expected", [
    (Bug("sign", "f", 1, "s"), lambda right: -right),
    (Bug("upstream", "s", 0, "z"), lambda right: right / 2.0),  # the upstream at s is x = 2
])
def test_a_planted_bug_breaks_the_labs_backward_only(values, bug, expected):
    right = backward(NEURON, values).nodes["w"]
    wrong = backward(NEURON, values, bug).nodes["w"]
    assert wrong == pytest.approx(expected(right))
    np.testing.assert_array_equal(run(NEURON, AT).grads["w"], right)  # the engine never has it


def test_a_dropped_branch_leaves_the_fork_one_part_short(values):
    right = backward(NEURON, values)
    wrong = backward(NEURON, values, Bug("branch", "f", 0, "x"))
    assert wrong.nodes["x"] == pytest.approx(right.nodes["x"] - values["s"])  # the branch through f
    assert wrong.nodes["w"] == right.nodes["w"]


def test_the_relative_error_jumps_from_round_off_to_order_one(values):
    clean = lab_state(NEURON, values, "w")
    buggy = lab_state(NEURON, values, "w", Bug("sign", "wx", 0, "w"))
    at = [row.h for row in clean.series.rows].index(1e-5)
    assert clean.series.rows[at].centred_error < 1e-8
    assert buggy.series.rows[at].centred_error == pytest.approx(2.0, rel=1e-6)
    assert clean.diagnosis is None and {c.band for c in clean.checks} == {"good"}


@pytest.mark.parametrize("bug, node, consumer", [
    (Bug("sign", "f", 1, "s"), "s", "f"),
    (Bug("upstream", "s", 0, "z"), "z", "s"),
    (Bug("sign", "wx", 0, "w"), "w", "wx"),
    (Bug("branch", "wx", 1, "x"), "x", None),
])
def test_checking_node_by_node_flags_where_the_bug_entered(values, bug, node, consumer):
    grads = backward(NEURON, values, bug)
    checks = node_checks(NEURON, values, grads)
    names = [c.node for c in checks]
    assert names[:4] == ["f", "s", "z", "wx"] and set(names[4:]) == {"b", "w", "x"}  # output first
    diagnosis = diagnose(NEURON, values, grads, checks)
    assert (diagnosis.node, diagnosis.consumer) == (node, consumer)
    flagged = [c.node for c in checks].index(node)
    assert all(c.band == "good" for c in checks[:flagged] if c.node not in ("b", "w", "x"))


def test_checks_of_a_tensor_graph_use_one_direction_per_node():
    graph = parse_program("z = W @ x + b; h = tanh(z); s = sum(u * h)")
    values = dict(run(graph, dict(W=[[0.1, -0.2], [0.3, 0.5]], x=[1.0, 2.0], b=[0.1, 0.0],
                                  u=[1.0, -2.0])).values)
    checks = node_checks(graph, values, backward(graph, values))
    assert {c.band for c in checks} == {"good"}
    bug = Bug("sign", "z", 0, "t1")  # the add's backward sends W @ x a flipped gradient
    grads = backward(graph, values, bug)
    diagnosis = diagnose(graph, values, grads, node_checks(graph, values, grads))
    assert (diagnosis.node, diagnosis.consumer) == ("t1", "z")


def test_plant_prefers_a_bug_the_nudged_input_shows(values):
    for kind in ("sign", "upstream"):
        for seed in range(4):
            bug = plant(NEURON, values, kind, ["b", "w", "x"], seed)
            assert bug.kind == kind and "b" in broken_inputs(NEURON, values, bug, ["b"])
    # No branch bug shows in b (x is the only fork): the bug goes where it can be seen.
    bug = plant(NEURON, values, "branch", ["b", "w", "x"], 0)
    assert bug.input == "x" and broken_inputs(NEURON, values, bug, ["b", "w", "x"]) == ["x"]
    product = parse_program("f = a * b")  # no fork: no branch to drop
    assert plant(product, dict(run(product, {"a": 1.0, "b": 2.0}).values), "branch", ["a"], 0) is None
    assert set(planted_bugs.KINDS) == {"sign", "upstream", "branch"}


@pytest.mark.parametrize("lesson", [
    "optimizers-by-hand",  # a variance of 0.00025 under a square root: h must shrink with it
    "softmax-cross-entropy",  # the scores' gradient sums to 0; class labels take none
    "svm-hinge-loss", "window-word-vectors", "numerical-gradient-check",
])
def test_in_bundled_lessons_a_clean_graph_passes_and_every_kind_of_bug_is_found(lesson):
    from backprop_tui.lessons.load import load_lesson
    from backprop_tui.lessons.walkthrough import Walkthrough

    from tests.fixed_lab_states import LESSONS

    trace = Walkthrough.from_lesson(load_lesson(LESSONS / f"{lesson}.yaml")).trace
    graph, values = trace.graph, dict(trace.values)
    inputs = [name for name in graph.input_names if name in trace.grads]
    clean = lab_state(graph, values, inputs[0])
    assert clean.diagnosis is None and all(c.band != "wrong" for c in clean.checks)
    for kind in planted_bugs.KINDS:
        bug = plant(graph, values, kind, inputs, 0)
        if bug is None:
            continue
        state = lab_state(graph, values, broken_inputs(graph, values, bug, inputs)[0], bug)
        assert state.diagnosis.node == bug.input
        assert state.diagnosis.consumer in (bug.consumer, None)  # None: a dropped branch


def test_the_best_h_balances_truncation_and_round_off(values):
    series = nudge_series(NEURON, values, "w", float(backward(NEURON, values).nodes["w"]))
    # ε^(1/3) ≈ 6e-6 for centred, ε^(1/2) ≈ 1.5e-8 for one-sided, give or take a decade.
    assert 1e-7 <= series.best_centred_h <= 1e-4
    assert 1e-10 <= series.best_one_sided_h <= 1e-6
    assert series.best_one_sided_h < series.best_centred_h
