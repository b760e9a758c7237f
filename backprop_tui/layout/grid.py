"""Layered left-to-right layout of a computation graph into a character grid.

``layout_graph`` places every node in a column (its longest path from the
leaves), orders each column to reduce crossings, stacks the boxes with rows
reserved above each box for its value and gradient, and routes every edge
orthogonally through the gutters between columns, one vertical track per edge.
Edges that span several columns run along their own row through the columns
in between. ``render_text`` draws the result as lines of text and
``cell_owners`` tells a widget which node, edge or value slot each cell belongs
to, so it can style cells (highlight the current node and its edges).

Pure Python: no Textual, NumPy or SymPy. The helpers live in ``order``
(ranks, crossing reduction), ``place`` (sizes, rows) and
``route`` (tracks, edge cells).
"""

from __future__ import annotations

from typing import Mapping, Sequence

from backprop_tui.layout.order import Layered, layer_graph
from backprop_tui.layout.place import RowPlacer, Shape, item_shapes
from backprop_tui.layout.route import HORIZONTAL, VERTICAL, GutterRoute, gutter_points, path_cells, route_gutter
from backprop_tui.records import frozen_dataclass

CROSSING = "┼"
Cell = tuple[int, int]
Owner = tuple[str, str] | tuple[str, int] | tuple[str, str, int]  # ("node", name) | ("edge", i) | ("slot", name, row)


@frozen_dataclass
class LayoutNode:
    """What the layout needs to know about a node; independent of the engine."""

    name: str
    inputs: tuple[str, ...]  # names read, in argument order; repeats allowed (b = a + a)
    title: str  # text in the box: "*", "exp", "apple", ...
    rank: int | None = None  # column hint, honoured when right of all inputs; empty columns are dropped
    order: int | None = None  # index among the nodes of its column, top = 0


@frozen_dataclass
class Box:
    """A node's rectangle, borders included; input i enters on the left at an inner row, in argument order."""

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


@frozen_dataclass
class Edge:
    source: str
    target: str
    slot: int  # argument position at the target
    cells: tuple[tuple[int, int, str], ...]  # path from the source's right side; last cell is "▶"


@frozen_dataclass
class Layout:
    """Where everything goes. Value slot row 0 is for the forward value, row 1 for the gradient."""

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
    placer.place()
    columns = _Columns.measure(layered, shapes, placer, min_slot_width if value_rows else 1)
    boxes = _boxes(layered, shapes, placer.tops, columns, value_rows)
    column_of = {name: layered.items[item].column for name, item in layered.node_item.items()}
    slots = {
        name: tuple((box.x, box.y - value_rows + row, columns.widths[column_of[name]]) for row in range(value_rows))
        for name, box in boxes.items()
    }
    edges = tuple(_trace_edge(layered, placer, columns, boxes, edge) for edge in range(len(layered.edges)))
    bottoms = [box.y + box.height for box in boxes.values()] + [y + 1 for e in edges for _, y, _ in e.cells]
    return Layout(columns.total_width, max(bottoms, default=0), boxes, edges, slots)


@frozen_dataclass
class _Columns:
    """Horizontal geometry: each column's x and width, and the routes of the gutters between them."""

    x: list[int]
    widths: list[int]
    routes: list[GutterRoute]

    @classmethod
    def measure(cls, layered: Layered, shapes: list[Shape], placer: RowPlacer, least_width: int) -> _Columns:
        routes = [route_gutter(rows) for rows in _gutter_rows(layered, placer)]
        widths = [max([least_width, 1] + [shapes[item].box_width for item in column]) for column in layered.columns]
        x, positions = 0, []
        for width, route in zip(widths, routes + [GutterRoute(-2, {})]):
            positions.append(x)
            x += width + route.tracks + 2
        return cls(positions, widths, routes)

    @property
    def total_width(self) -> int:
        return self.x[-1] + self.widths[-1] if self.x else 0

    def gutter_x(self, column: int) -> int:
        return self.x[column] + self.widths[column]


def _gutter_rows(layered: Layered, placer: RowPlacer) -> list[list[tuple[int, int, int]]]:
    """For each gutter: (link id, source row, target row) of the links crossing it, top source first."""
    by_gutter: list[list[tuple[int, int, int]]] = [[] for _ in layered.columns[:-1]]
    for link_id, link in enumerate(layered.links):
        column = layered.items[link.src].column
        by_gutter[column].append((link_id, placer.source_row(link_id), placer.target_row(link_id)))
    return [sorted(rows, key=lambda row: row[1]) for rows in by_gutter]


def _boxes(layered: Layered, shapes: list[Shape], tops: list[int], columns: _Columns, value_rows: int) -> dict[str, Box]:
    return {
        item.name: Box(
            item.name, columns.x[item.column], tops[i] + value_rows, shapes[i].box_width, shapes[i].box_height, item.title
        )
        for i, item in enumerate(layered.items)
        if item.name is not None
    }


def _trace_edge(layered: Layered, placer: RowPlacer, columns: _Columns, boxes: dict[str, Box], edge: int) -> Edge:
    """One edge: out of its source box, through each gutter (and waypoint row), into its target."""
    source, target, slot = layered.edges[edge]
    links = layered.edge_links[edge]
    points = [(boxes[source].x + boxes[source].width, placer.source_row(links[0]))]
    for link_id in links:
        column = layered.items[layered.links[link_id].src].column
        route = columns.routes[column]
        turns = route.turns.get(link_id, ())
        points += gutter_points(columns.gutter_x(column), route.tracks + 2, turns, placer.target_row(link_id))
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
