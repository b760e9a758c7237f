"""Layered left-to-right layout of a computation graph into a character grid.

``layout_graph`` places every node in a column (its longest path from the
leaves), orders each column to reduce crossings, stacks the boxes with rows
reserved above each box for its value and gradient, and routes every edge
orthogonally through the gutters between columns, one vertical track per edge.
Edges that span several columns run along their own row through the columns
in between. ``render_text`` draws the result as lines of text and
``cell_owners`` tells a widget which node, edge or value slot each cell belongs
to, so it can style cells (highlight the current node and its edges).

Pure Python: no Textual, NumPy or SymPy. The helpers live in ``layout_order``
(ranks, crossing reduction), ``layout_place`` (sizes, rows) and
``layout_route`` (tracks, edge cells).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from backprop_tui.engine.layout_order import Layered, layer_graph
from backprop_tui.engine.layout_place import RowPlacer, Shape, item_shapes
from backprop_tui.engine.layout_route import HORIZONTAL, VERTICAL, GutterRoute, gutter_points, path_cells, route_gutter

CROSSING = "┼"
Cell = tuple[int, int]
Owner = tuple  # ("node", name) | ("edge", index) | ("slot", name, row index)


@dataclass(frozen=True)
class LayoutNode:
    """What the layout needs to know about a node; independent of the engine."""

    name: str
    inputs: tuple[str, ...]  # names read, in argument order; repeats allowed (b = a + a)
    title: str  # text in the box: "*", "exp", "apple", ...
    rank: int | None = None  # column override, honoured when not left of an input
    order: int | None = None  # index among the real nodes of its column


@dataclass(frozen=True)
class Box:
    name: str
    x: int
    y: int
    width: int
    height: int
    title: str = ""

    def contains(self, x: int, y: int) -> bool:
        return self.x <= x < self.x + self.width and self.y <= y < self.y + self.height

    @property
    def title_row(self) -> int:
        return self.y + (self.height - 1) // 2


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    slot: int  # argument position at the target
    cells: tuple[tuple[int, int, str], ...]  # path from the source's right side; last cell is "▶"


@dataclass(frozen=True)
class Layout:
    width: int
    height: int
    boxes: Mapping[str, Box]
    edges: tuple[Edge, ...]
    value_slots: Mapping[str, tuple[tuple[int, int, int], ...]]  # name -> ((x, y, width), ...)

    def edges_into(self, name: str) -> tuple[int, ...]:
        """Indices of the edges a node reads, in argument order."""
        return tuple(i for i, edge in enumerate(self.edges) if edge.target == name)

    def edges_out_of(self, name: str) -> tuple[int, ...]:
        """Indices of the edges that carry a node's value to its consumers."""
        return tuple(i for i, edge in enumerate(self.edges) if edge.source == name)


def layout_graph(
    nodes: Sequence[LayoutNode],
    *,
    box_width: int | None = None,
    value_rows: int = 2,
    min_slot_width: int = 6,
) -> Layout:
    """Lay a DAG out left to right; raises ``ValueError`` on duplicate or unknown names and cycles.

    ``box_width`` fixes the width of every box (default: title + 4, at most 14).
    ``value_rows`` rows are reserved above each box for the UI to write the
    forward value and the gradient; each slot spans its column, which is made at
    least ``min_slot_width`` wide.
    """
    if value_rows < 0:
        raise ValueError("value_rows must be >= 0")
    layered = layer_graph(nodes)
    shapes = item_shapes(layered, box_width, value_rows)
    placer = RowPlacer(layered, shapes)
    tops = placer.place()
    routes = _route_gutters(layered, placer)
    widths = [_column_width(shapes, column, min_slot_width if value_rows else 1) for column in layered.columns]
    column_x = _column_positions(widths, [route.tracks + 2 for route in routes])
    boxes = {
        item.name: _box(item.name, item.title, column_x[item.column], tops[i] + value_rows, shapes[i])
        for i, item in enumerate(layered.items)
        if item.name is not None
    }
    slots = {
        name: tuple((box.x, box.y - value_rows + row, widths[layered.items[layered.node_item[name]].column])
                    for row in range(value_rows))
        for name, box in boxes.items()
    }
    edges = tuple(_edge(layered, placer, routes, column_x, widths, boxes, e) for e in range(len(layered.edges)))
    width = column_x[-1] + widths[-1] if widths else 0
    height = max([box.y + box.height for box in boxes.values()] + [y + 1 for e in edges for _, y, _ in e.cells], default=0)
    return Layout(width, height, boxes, edges, slots)


def _route_gutters(layered: Layered, placer: RowPlacer) -> list[GutterRoute]:
    by_gutter: list[list[tuple[int, int, int]]] = [[] for _ in layered.columns[:-1]]
    for link_id, link in enumerate(layered.links):
        column = layered.items[link.src].column
        by_gutter[column].append((link_id, placer.source_row(link_id), placer.target_row(link_id)))
    return [route_gutter(sorted(rows, key=lambda row: row[1])) for rows in by_gutter]


def _column_width(shapes: list[Shape], column: list[int], least: int) -> int:
    return max([least, 1] + [shapes[item_id].box_width for item_id in column])


def _column_positions(widths: list[int], gutter_widths: list[int]) -> list[int]:
    positions, x = [], 0
    for width, gutter in zip(widths, gutter_widths + [0]):
        positions.append(x)
        x += width + gutter
    return positions


def _box(name: str, title: str, x: int, y: int, shape: Shape) -> Box:
    return Box(name, x, y, shape.box_width, shape.box_height, title)


def _edge(
    layered: Layered,
    placer: RowPlacer,
    routes: list[GutterRoute],
    column_x: list[int],
    widths: list[int],
    boxes: dict[str, Box],
    edge: int,
) -> Edge:
    """Trace one edge: out of its source box, through each gutter (and waypoint row), into its target."""
    source, target, slot = layered.edges[edge]
    links = layered.edge_links[edge]
    source_box = boxes[source]
    points = [(source_box.x + source_box.width, placer.source_row(links[0]))]
    for link_id in links:
        column = layered.items[layered.links[link_id].src].column
        gutter_x = column_x[column] + widths[column]
        route = routes[column]
        turns = route.turns.get(link_id, ())
        points += gutter_points(gutter_x, route.tracks + 2, turns, placer.target_row(link_id))
    return Edge(source, target, slot, tuple(path_cells(points)))


# --- drawing ------------------------------------------------------------------


def render_text(layout: Layout, labels: Mapping[str, tuple[str, str]] | None = None) -> list[str]:
    """Draw the layout; ``labels`` maps a node to (value, gradient) strings for its slots.

    Returns ``layout.height`` lines of exactly ``layout.width`` characters.
    """
    grid = [[" "] * layout.width for _ in range(layout.height)]
    for box in layout.boxes.values():
        _draw_box(grid, box)
    for edge in layout.edges:
        for x, y, char in edge.cells:
            grid[y][x] = _merge_stroke(grid[y][x], char)
    for name, texts in (labels or {}).items():
        _draw_labels(grid, layout.value_slots.get(name, ()), texts)
    return ["".join(row) for row in grid]


def _draw_box(grid: list[list[str]], box: Box) -> None:
    right, bottom = box.x + box.width - 1, box.y + box.height - 1
    for x in range(box.x + 1, right):
        grid[box.y][x] = grid[bottom][x] = "─"
    for y in range(box.y + 1, bottom):
        grid[y][box.x] = grid[y][right] = "│"
    grid[box.y][box.x], grid[box.y][right] = "┌", "┐"
    grid[bottom][box.x], grid[bottom][right] = "└", "┘"
    inner = box.width - 2
    text = fit_text(box.title, inner - 2 if inner >= 3 else inner)  # keep a space each side
    left = box.x + 1 + (inner - len(text)) // 2
    for i, char in enumerate(text):
        grid[box.title_row][left + i] = char


def _merge_stroke(existing: str, char: str) -> str:
    return CROSSING if {existing, char} == {HORIZONTAL, VERTICAL} else char


def _draw_labels(grid: list[list[str]], slots: tuple[tuple[int, int, int], ...], texts: tuple[str, ...]) -> None:
    """One text per slot; extra texts share the last slot."""
    if not slots:
        return
    texts = tuple(texts[: len(slots) - 1]) + (" ".join(texts[len(slots) - 1:]),)
    for (x, y, width), text in zip(slots, texts):
        for i, char in enumerate(fit_text(text, width)):
            grid[y][x + i] = char


def fit_text(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, marking a cut with an ellipsis."""
    if len(text) <= width:
        return text
    return text[: width - 1].rstrip() + "…" if width > 0 else ""


def cell_owners(layout: Layout) -> dict[Cell, tuple[Owner, ...]]:
    """Who owns each drawn cell: usually one owner, two edges at a crossing."""
    owners: dict[Cell, list[Owner]] = {}
    for name, box in layout.boxes.items():
        for y in range(box.y, box.y + box.height):
            for x in range(box.x, box.x + box.width):
                owners.setdefault((x, y), []).append(("node", name))
    for name, slots in layout.value_slots.items():
        for row, (x0, y, width) in enumerate(slots):
            for x in range(x0, x0 + width):
                owners.setdefault((x, y), []).append(("slot", name, row))
    for index, edge in enumerate(layout.edges):
        for x, y, _ in edge.cells:
            owners.setdefault((x, y), []).append(("edge", index))
    return {cell: tuple(found) for cell, found in owners.items()}
