"""Tests for the text layout of computation graphs (backprop_tui.layout.grid).

Golden files live in tests/layout/golden/. They are only written when the
environment variable UPDATE_GOLDEN=1 is set; a normal run compares and fails
on any difference. In the goldens, the first row above a box is the forward
value and the second its gradient.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backprop_tui.layout.grid import (
    Layout,
    LayoutNode,
    cell_owners,
    fit_text,
    layout_graph,
    render_text,
)
from backprop_tui.layout.route import gutter_points, path_cells, route_gutter

GOLDEN_DIR = Path(__file__).parent / "golden"
HORIZONTAL, VERTICAL, ARROW, CROSSING = "─", "│", "▶", "┼"


def leaf(name: str, title: str | None = None, **hints: int) -> LayoutNode:
    return LayoutNode(name, (), title or name, **hints)


def gate(name: str, title: str, *inputs: str, **hints: int) -> LayoutNode:
    return LayoutNode(name, tuple(inputs), title, **hints)


SHOPPING = [
    leaf("apple"),
    leaf("apple_num"),
    leaf("orange"),
    leaf("orange_num"),
    leaf("tax"),
    gate("apple_price", "*", "apple", "apple_num"),
    gate("orange_price", "*", "orange", "orange_num"),
    gate("all_price", "+", "apple_price", "orange_price"),
    gate("price", "*", "all_price", "tax"),
]
SHOPPING_LABELS = {
    "apple": ("100", "2.2"),
    "apple_num": ("2", "110"),
    "orange": ("150", "3.3"),
    "orange_num": ("3", "165"),
    "tax": ("1.1", "650"),
    "apple_price": ("200", "1.1"),
    "orange_price": ("450", "1.1"),
    "all_price": ("650", "1.1"),
    "price": ("715", "1"),
}

XYZ = [leaf("x"), leaf("y"), leaf("z"), gate("q", "+", "x", "y"), gate("f", "*", "q", "z")]
XYZ_LABELS = {"x": ("-2", "-4"), "y": ("5", "-4"), "z": ("-4", "3"), "q": ("3", "-4"), "f": ("-12", "1")}


def sigmoid_neuron(**constant_hints: dict[str, int]) -> list[LayoutNode]:
    """f = 1 / (1 + exp(-(w0*x0 + w1*x1 + w2))), one gate per node."""
    return [
        *(leaf(name) for name in ("w0", "x0", "w1", "x1", "w2")),
        gate("a", "*", "w0", "x0"),
        gate("b", "*", "w1", "x1"),
        gate("c", "+", "a", "b"),
        gate("d", "+", "c", "w2"),
        leaf("minus_one", "-1", **constant_hints.get("minus_one", {})),
        gate("e", "*", "d", "minus_one"),
        gate("g", "exp", "e"),
        leaf("one", "1", **constant_hints.get("one", {})),
        gate("h", "+", "g", "one"),
        leaf("one_too", "1", **constant_hints.get("one_too", {})),
        gate("f", "/", "one_too", "h"),
    ]


SIGMOID_LABELS = {
    "w0": ("2", "-0.2"),
    "x0": ("-1", "0.39"),
    "w1": ("-3", "-0.39"),
    "x1": ("-2", "-0.59"),
    "w2": ("-3", "0.2"),
    "a": ("-2", "0.2"),
    "b": ("6", "0.2"),
    "c": ("4", "0.2"),
    "d": ("1", "0.2"),
    "minus_one": ("-1", "-0.2"),
    "e": ("-1", "-0.2"),
    "g": ("0.37", "-0.53"),
    "one": ("1", "-0.53"),
    "h": ("1.37", "-0.53"),
    "one_too": ("1", "0.73"),
    "f": ("0.73", "1"),
}

FAN_OUT = [leaf("a"), gate("b", "+", "a", "a"), gate("c", "+", "b", "b")]
FAN_OUT_LABELS = {"a": ("2", "4"), "b": ("4", "2"), "c": ("8", "1")}

GOLDEN_CASES = {
    "shopping": (SHOPPING, SHOPPING_LABELS),
    "xyz": (XYZ, XYZ_LABELS),
    "sigmoid": (sigmoid_neuron(), SIGMOID_LABELS),
    "fan_out": (FAN_OUT, FAN_OUT_LABELS),
    # An author may pull constants next to their gate with rank hints.
    "sigmoid_hinted": (
        sigmoid_neuron(minus_one={"rank": 3}, one={"rank": 5}, one_too={"rank": 6}),
        SIGMOID_LABELS,
    ),
}


# --- the soundness checks shared by all tests --------------------------------


def expected_edges(nodes: list[LayoutNode]) -> Counter:
    return Counter((source, node.name, slot) for node in nodes for slot, source in enumerate(node.inputs))


def occupied_by_nodes(layout: Layout) -> dict[tuple[int, int], str]:
    """Cells of every box and value slot; fails if two of them overlap."""
    taken: dict[tuple[int, int], str] = {}
    for name, box in layout.boxes.items():
        cells = [(x, y) for y in range(box.y, box.y + box.height) for x in range(box.x, box.x + box.width)]
        cells += [(x, y) for x0, y, width in layout.value_slots[name] for x in range(x0, x0 + width)]
        for cell in cells:
            assert cell not in taken, f"{name} overlaps {taken[cell]} at {cell}"
            assert 0 <= cell[0] < layout.width and 0 <= cell[1] < layout.height, f"{name} out of bounds"
            taken[cell] = name
    return taken


SIDES = {(-1, 0): "W", (1, 0): "E", (0, -1): "N", (0, 1): "S"}  # a neighbour's offset: its side
STROKES = {"EW": HORIZONTAL, "NS": VERTICAL, "SW": "┐", "NW": "┘", "EN": "└", "ES": "┌"}


def expected_stroke(previous: tuple[int, int], cell: tuple[int, int], following: tuple[int, int]) -> str:
    x, y = cell
    sides = sorted((SIDES[previous[0] - x, previous[1] - y], SIDES[following[0] - x, following[1] - y]))
    return STROKES["".join(sides)]


def check_edge_path(layout: Layout, index: int) -> None:
    edge = layout.edges[index]
    source, target = layout.boxes[edge.source], layout.boxes[edge.target]
    cells = [(x, y) for x, y, _ in edge.cells]
    first, last = cells[0], cells[-1]
    assert first[0] == source.x + source.width, f"edge {index} does not leave {edge.source}'s right side"
    assert source.y < first[1] < source.y + source.height - 1
    assert last[0] == target.x - 1, f"edge {index} does not reach {edge.target}'s left side"
    assert target.y < last[1] < target.y + target.height - 1
    assert edge.cells[-1][2] == ARROW
    assert len(set(cells)) == len(cells), f"edge {index} runs over itself"
    for (x1, y1), (x2, y2) in zip(cells, cells[1:]):
        assert abs(x1 - x2) + abs(y1 - y2) == 1, f"edge {index} jumps from {(x1, y1)} to {(x2, y2)}"
    for i, (x, y, char) in enumerate(edge.cells[:-1]):
        previous = cells[i - 1] if i else (x - 1, y)
        assert char == expected_stroke(previous, (x, y), cells[i + 1]), f"edge {index} miscoloured at {(x, y)}"


def assert_layout_sound(nodes: list[LayoutNode], layout: Layout) -> None:
    assert set(layout.boxes) == {node.name for node in nodes}
    taken = occupied_by_nodes(layout)
    assert Counter((e.source, e.target, e.slot) for e in layout.edges) == expected_edges(nodes)
    lines = render_text(layout)
    assert len(lines) == layout.height and all(len(line) == layout.width for line in lines)
    strokes: dict[tuple[int, int], list[tuple[int, str]]] = {}
    for index, edge in enumerate(layout.edges):
        check_edge_path(layout, index)
        for x, y, char in edge.cells:
            assert 0 <= x < layout.width and 0 <= y < layout.height
            assert (x, y) not in taken, f"edge {index} runs through {taken[(x, y)]} at {(x, y)}"
            strokes.setdefault((x, y), []).append((index, char))
    for (x, y), found in strokes.items():
        if len(found) == 1:
            assert lines[y][x] == found[0][1]
        else:
            assert sorted(char for _, char in found) == [HORIZONTAL, VERTICAL], f"edges {found} share {(x, y)}"
            assert lines[y][x] == CROSSING
    for node in nodes:
        rows = [layout.edges[i].cells[-1][1] for i in layout.edges_into(node.name)]
        assert rows == sorted(set(rows)), f"{node.name}: inputs do not enter in argument order"


# --- goldens -------------------------------------------------------------------


@pytest.mark.parametrize("case", sorted(GOLDEN_CASES))
def test_golden_rendering(case: str) -> None:
    nodes, labels = GOLDEN_CASES[case]
    layout = layout_graph(nodes)
    assert_layout_sound(nodes, layout)
    text = "\n".join(line.rstrip() for line in render_text(layout, labels)) + "\n"
    path = GOLDEN_DIR / f"layout_{case}.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN_DIR.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing {path}; run with UPDATE_GOLDEN=1 to create it"
    assert text == path.read_text(encoding="utf-8")


def test_golden_files_have_no_stray_cases() -> None:
    stored = {path.stem.removeprefix("layout_") for path in GOLDEN_DIR.glob("layout_*.txt")}
    assert stored <= set(GOLDEN_CASES)


# --- behaviour -------------------------------------------------------------------


def test_inputs_left_output_right_and_chain_straight() -> None:
    layout = layout_graph(XYZ)
    boxes = layout.boxes
    assert boxes["x"].x == boxes["y"].x == boxes["z"].x == 0
    assert boxes["x"].x < boxes["q"].x < boxes["f"].x
    assert layout.width == boxes["f"].x + max(boxes["f"].width, 6)
    assert boxes["x"].title_row == boxes["q"].title_row == boxes["f"].title_row


def test_repeated_input_enters_at_two_rows() -> None:
    layout = layout_graph(FAN_OUT)
    into_b = [layout.edges[i] for i in layout.edges_into("b")]
    assert [edge.slot for edge in into_b] == [0, 1]
    assert into_b[0].cells[-1][1] + 1 == into_b[1].cells[-1][1]
    assert layout.boxes["a"].height == 4  # one output port per edge
    assert len(layout.edges_out_of("a")) == 2


def test_box_size_follows_title_and_inputs() -> None:
    nodes = [leaf("a"), leaf("b"), leaf("c"), gate("s", "sum of all three", "a", "b", "c")]
    layout = layout_graph(nodes)
    assert (layout.boxes["a"].width, layout.boxes["a"].height) == (5, 3)
    assert (layout.boxes["s"].width, layout.boxes["s"].height) == (14, 5)
    assert "│ sum of al… │" in "\n".join(render_text(layout))
    fixed = layout_graph(nodes, box_width=8)
    assert {box.width for box in fixed.boxes.values()} == {8}


def test_value_slots_sit_above_each_box() -> None:
    layout = layout_graph(SHOPPING, value_rows=2)
    for name, box in layout.boxes.items():
        slots = layout.value_slots[name]
        assert [y for _, y, _ in slots] == [box.y - 2, box.y - 1]
        assert all(x == box.x and width >= box.width for x, _, width in slots)
    assert all(slots == () for slots in layout_graph(SHOPPING, value_rows=0).value_slots.values())


def test_labels_are_truncated_to_their_slot() -> None:
    layout = layout_graph([leaf("a")], min_slot_width=5)
    lines = render_text(layout, {"a": ("3.14159", "-2")})
    assert lines[0] == "3.14…" and lines[1].rstrip() == "-2"
    assert fit_text("abc", 3) == "abc" and fit_text("abcd", 3) == "ab…"
    one_row = layout_graph([leaf("a")], value_rows=1)
    assert render_text(one_row, {"a": ("3", "-2")})[0].rstrip() == "3 -2"  # both share the only slot


def test_rank_and_order_hints() -> None:
    nodes = [leaf("x"), leaf("y", rank=1), gate("q", "+", "x", "y"), gate("f", "exp", "q")]
    layout = layout_graph(nodes)
    assert layout.boxes["y"].x > layout.boxes["x"].x  # consistent hint honoured
    assert layout.boxes["q"].x > layout.boxes["y"].x
    too_small = layout_graph([leaf("x"), gate("q", "exp", "x", rank=0)])
    assert too_small.boxes["q"].x > too_small.boxes["x"].x  # inconsistent hint ignored
    ordered = layout_graph([leaf("x", order=2), leaf("y", order=0), leaf("z", order=1), gate("s", "+", "x", "y", "z")])
    assert ordered.boxes["y"].y < ordered.boxes["z"].y < ordered.boxes["x"].y
    assert_layout_sound(nodes, layout)


def test_cell_owners_cover_boxes_edges_slots_and_crossings() -> None:
    layout = layout_graph(SHOPPING)
    owners = cell_owners(layout)
    box = layout.boxes["price"]
    assert owners[(box.x, box.y)] == (("node", "price"),)
    x, y, _ = layout.value_slots["tax"][1]
    assert owners[(x, y)] == (("slot", "tax", 1),)
    for index, edge in enumerate(layout.edges):
        assert all(("edge", index) in owners[(x, y)] for x, y, _ in edge.cells)
    assert all(1 <= len(found) <= 2 for found in owners.values())


def test_unavoidable_crossing_is_drawn_and_owned_by_both_edges() -> None:
    nodes = [leaf("x"), leaf("y"), gate("p", "-", "x", "y"), gate("q", "-", "y", "x")]
    layout = layout_graph(nodes)
    assert_layout_sound(nodes, layout)
    lines = render_text(layout)
    crossings = [(x, y) for y, line in enumerate(lines) for x, char in enumerate(line) if char == CROSSING]
    assert crossings
    owners = cell_owners(layout)
    assert all(sorted(kind for kind, _ in owners[cell]) == ["edge", "edge"] for cell in crossings)


def test_links_that_swap_rows_take_a_dogleg() -> None:
    """Link 0 runs from row 5 to row 8 and link 1 from 8 to 5: one track each cannot work."""
    route = route_gutter([(0, 5, 8), (1, 8, 5)])
    assert route.tracks == 3
    assert sorted(len(turns) for turns in route.turns.values()) == [1, 2]
    strokes: dict[tuple[int, int], list[str]] = {}
    for link, (source, target) in enumerate([(5, 8), (8, 5)]):
        points = [(0, source)] + gutter_points(0, route.tracks + 2, route.turns[link], target)
        for x, y, char in path_cells(points):
            strokes.setdefault((x, y), []).append(char)
    assert strokes[(4, 8)] == strokes[(4, 5)] == [ARROW]
    assert all(len(chars) == 1 or sorted(chars) == [HORIZONTAL, VERTICAL] for chars in strokes.values())


def test_layout_is_deterministic() -> None:
    nodes = sigmoid_neuron()
    assert layout_graph(nodes) == layout_graph(list(nodes))


@pytest.mark.parametrize(
    "nodes, message",
    [
        ([leaf("a"), leaf("a")], "duplicate"),
        ([gate("b", "+", "a")], "unknown"),
        ([gate("a", "+", "b"), gate("b", "+", "a")], "cycle"),
        ([leaf("x"), gate("a", "+", "x", "b"), gate("b", "+", "a")], "cycle"),
    ],
)
def test_invalid_graphs_are_rejected(nodes: list[LayoutNode], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        layout_graph(nodes)


def test_empty_graph() -> None:
    layout = layout_graph([])
    assert (layout.width, layout.height, render_text(layout)) == (0, 0, [])


def test_long_chain_lays_out() -> None:
    nodes = [leaf("n0")] + [gate(f"n{i}", "exp", f"n{i - 1}") for i in range(1, 200)]
    layout = layout_graph(nodes)
    assert_layout_sound(nodes, layout)
    assert layout.height == 2 + 3  # a straight line


# --- properties --------------------------------------------------------------------

TITLES = st.sampled_from(["*", "+", "exp", "max", "x", "apple_num", "a rather long title"])
MAX_NODES = 40
# Built once: making strategies inside every draw costs hypothesis more than the layout itself.
FAN_IN = st.sampled_from([0, 1, 2, 3])  # 0: a leaf
INPUT_OF = [None] + [  # node i's inputs: favour recent nodes (repeats, short edges), or any
    st.one_of(st.integers(max(0, i - 4), i - 1), st.integers(0, i - 1)) for i in range(1, MAX_NODES)
]
RANK = st.one_of(st.none(), st.none(), st.none(), st.integers(0, 12))
ORDER = st.one_of(st.none(), st.none(), st.none(), st.integers(0, 4))


@st.composite
def random_dags(draw: st.DrawFn) -> list[LayoutNode]:
    size = draw(st.integers(1, MAX_NODES))
    nodes: list[LayoutNode] = []
    for i in range(size):
        fan_in = 0 if i == 0 else draw(FAN_IN)
        inputs = tuple(f"n{draw(INPUT_OF[i])}" for _ in range(fan_in))
        nodes.append(LayoutNode(f"n{i}", inputs, draw(TITLES), draw(RANK), draw(ORDER)))
    return draw(st.permutations(nodes))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(nodes=random_dags(), value_rows=st.integers(0, 2), box_width=st.one_of(st.none(), st.integers(3, 9)))
def test_random_dags_lay_out_soundly(nodes: list[LayoutNode], value_rows: int, box_width: int | None) -> None:
    layout = layout_graph(nodes, value_rows=value_rows, box_width=box_width)
    assert_layout_sound(nodes, layout)
