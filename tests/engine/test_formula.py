"""A node without a label shows what it computes, written as a lecture writes it."""

import pytest

from backprop_tui.engine.graph import Graph, Node
from backprop_tui.engine.statements import parse_program


def equation(program: str, name: str | None = None) -> str:
    graph = parse_program(program)
    return graph.equation(name or graph.output)


@pytest.mark.parametrize(("program", "shown"), [
    ("f = q * z", "f = q·z"),
    ("f = x + y", "f = x + y"),
    ("f = 1 / den", "f = 1 / den"),
    ("f = s * 2", "f = 2·s"),            # a coefficient goes first
    ("nz = z * -1", "nz = −z"),
    ("f = -s", "f = −s"),
    ("f = t ** 2", "f = t²"),
    ("f = t ** 0.5", "f = t^0.5"),
    ("f = t ** -1", "f = t^(−1)"),
    ("f = sigmoid(z)", "f = σ(z)"),
    ("f = exp(nz)", "f = exp(nz)"),
    ("f = max(z, w)", "f = max(z, w)"),
    ("s = dot(u, h)", "s = uᵀh"),
    ("z = W @ x", "z = W @ x"),
    ("f = S.T", "f = Sᵀ"),
    ("f = sqrt(G)", "f = √G"),
    ("f = abs(a - b)", "f = |a − b|"),
])
def test_one_gate_reads_as_the_lecture_writes_it(program, shown):
    assert equation(program) == shown


@pytest.mark.parametrize(("program", "shown"), [
    ("f = 1/(1 + exp(-(w0*x0 + w1*x1 + w2)))", "f = 1 / (1 + exp(−(w0·x0 + w1·x1 + w2)))"),
    ("f = a - (b - c)", "f = a − (b − c)"),
    ("f = (a - b) - c", "f = a − b − c"),
    ("f = a / (b * c)", "f = a / (b·c)"),
    ("f = (a + b) * c", "f = (a + b)·c"),
    ("f = a + -b", "f = a + (−b)"),
    ("f = (-a) ** 2", "f = (−a)²"),
    ("f = -a ** 2", "f = −a²"),
    ("f = -3 * s", "f = (−3)·s"),
    ("f = sum(u * sigmoid(W @ x + b))", "f = sum(u·σ(W @ x + b))"),
])
def test_a_nested_expression_is_written_out_with_only_the_parentheses_it_needs(program, shown):
    assert equation(program) == shown


def test_a_step_inside_an_expression_shows_its_own_part():
    assert equation("f = 1/(1 + exp(-x))", "t2") == "t2 = exp(−x)"


def test_named_nodes_stay_names_and_a_label_wins():
    graph = parse_program("q = x + y; f = q * z")
    assert graph.equation("f") == "f = q·z"
    labelled = Graph.from_nodes([Node("x"), Node("y"), Node("f", "mul", ("x", "y"), label="area")], "f")
    assert labelled.equation("f") == "f = area"
    spelled_out = Graph.from_nodes([Node("x"), Node("y"), Node("f", "mul", ("x", "y"), label="f = x times y")], "f")
    assert spelled_out.equation("f") == "f = x times y"
