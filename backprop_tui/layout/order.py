"""Layering and ordering for :mod:`backprop_tui.layout.grid`.

A graph is turned into columns of *items*. An item is either a real node or a
*waypoint*: the place where an edge that spans several columns crosses an
intermediate column. Every edge becomes a chain of *links*, each joining items
in adjacent columns, so the router only ever deals with one gutter at a time.

Pure Python: no Textual, NumPy or SymPy.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

from backprop_tui.records import frozen_dataclass

if TYPE_CHECKING:
    from backprop_tui.layout.grid import LayoutNode

SWEEPS = 4  # rounds of (left-to-right, right-to-left) barycenter ordering


@dataclass
class Item:
    """One entry of a column: a real node, or a waypoint of a long edge."""

    column: int
    name: str | None = None  # node name; None for a waypoint
    title: str = ""
    order_hint: int | None = None
    ins: list[int] = field(default_factory=list)  # link ids, indexed by input slot
    outs: list[int] = field(default_factory=list)  # link ids, top port first once ordered

    @property
    def is_waypoint(self) -> bool:
        return self.name is None


@frozen_dataclass
class Link:
    """One hop of an edge, from an item in column c to an item in column c + 1."""

    edge: int
    src: int
    dst: int
    slot: int  # input slot at ``dst`` (0 when ``dst`` is a waypoint)


@dataclass
class Layered:
    """A graph cut into columns, with long edges split into links."""

    items: list[Item]
    links: list[Link]
    columns: list[list[int]]  # item ids, top to bottom
    edges: list[tuple[str, str, int]]  # (source, target, slot) of each edge
    edge_links: list[list[int]]  # link ids of each edge, left to right
    node_item: dict[str, int]

    def positions(self, columns: range | None = None) -> dict[int, int]:
        """Index of every item (or of the items in `columns`) within its column."""
        chosen = self.columns if columns is None else self.columns[max(columns.start, 0):columns.stop]
        return {item: i for column in chosen for i, item in enumerate(column)}

    def port(self, link_id: int) -> int:
        """Output port (0 = top) of a link at its source item."""
        return self.items[self.links[link_id].src].outs.index(link_id)


def layer_graph(nodes: Sequence[LayoutNode]) -> Layered:
    """Validate, rank, split long edges and order the columns."""
    by_name = _index_by_name(nodes)
    topo = _topological_order(nodes, by_name)
    ranks = _assign_ranks(topo, by_name)
    layered = _build_layers(nodes, topo, by_name, ranks)
    _order_columns(layered)
    _order_ports(layered)
    return layered


def _index_by_name(nodes: Sequence[LayoutNode]) -> dict[str, LayoutNode]:
    by_name: dict[str, LayoutNode] = {}
    for node in nodes:
        if node.name in by_name:
            raise ValueError(f"duplicate node name {node.name!r}")
        by_name[node.name] = node
    for node in nodes:
        for source in node.inputs:
            if source not in by_name:
                raise ValueError(f"node {node.name!r} reads unknown node {source!r}")
    return by_name


def _topological_order(nodes: Sequence[LayoutNode], by_name: dict[str, LayoutNode]) -> list[str]:
    """Depth-first post-order from the sinks, inputs in argument order.

    Starting from the sinks keeps the inputs of one gate next to each other,
    which is a good first ordering for the barycenter sweeps.
    """
    used = {source for node in nodes for source in node.inputs}
    roots = [node.name for node in nodes if node.name not in used] + [node.name for node in nodes]
    done: set[str] = set()
    order: list[str] = []
    for root in roots:
        if root not in done:
            _visit_from(root, by_name, done, order)
    return order


def _visit_from(root: str, by_name: dict[str, LayoutNode], done: set[str], order: list[str]) -> None:
    on_stack = {root}
    stack = [(root, iter(by_name[root].inputs))]
    while stack:
        name, pending = stack[-1]
        child = next(pending, None)
        if child is None:
            stack.pop()
            on_stack.discard(name)
            done.add(name)
            order.append(name)
        elif child in on_stack:
            raise ValueError(f"the graph has a cycle through {child!r}")
        elif child not in done:
            on_stack.add(child)
            stack.append((child, iter(by_name[child].inputs)))


def _assign_ranks(topo: list[str], by_name: dict[str, LayoutNode]) -> dict[str, int]:
    """Longest path from the leaves; a ``rank`` hint wins when it is not too small."""
    rank: dict[str, int] = {}
    for name in topo:
        node = by_name[name]
        needed = 1 + max((rank[source] for source in node.inputs), default=-1)
        hinted = node.rank is not None and node.rank >= needed
        rank[name] = node.rank if hinted else needed  # type: ignore[assignment]
    dense = {value: i for i, value in enumerate(sorted(set(rank.values())))}
    return {name: dense[value] for name, value in rank.items()}


def _build_layers(
    nodes: Sequence[LayoutNode],
    topo: list[str],
    by_name: dict[str, LayoutNode],
    ranks: dict[str, int],
) -> Layered:
    n_columns = max(ranks.values(), default=-1) + 1
    layered = Layered([], [], [[] for _ in range(n_columns)], [], [], {})
    for name in topo:
        node = by_name[name]
        item = Item(ranks[name], name, node.title, node.order, ins=[-1] * len(node.inputs))
        layered.node_item[name] = _add_item(layered, item)
    for node in nodes:
        for slot, source in enumerate(node.inputs):
            _add_edge(layered, source, node.name, slot, ranks)
    first_seen = {name: i for i, name in enumerate(topo)}
    for column in layered.columns:
        column.sort(key=lambda item_id: _initial_key(layered, item_id, first_seen))
    return layered


def _add_item(layered: Layered, item: Item) -> int:
    layered.items.append(item)
    item_id = len(layered.items) - 1
    layered.columns[item.column].append(item_id)
    return item_id


def _add_edge(layered: Layered, source: str, target: str, slot: int, ranks: dict[str, int]) -> None:
    edge = len(layered.edges)
    layered.edges.append((source, target, slot))
    layered.edge_links.append([])
    previous = layered.node_item[source]
    for column in range(ranks[source] + 1, ranks[target]):
        waypoint = _add_item(layered, Item(column, ins=[-1]))
        _add_link(layered, Link(edge, previous, waypoint, 0))
        previous = waypoint
    _add_link(layered, Link(edge, previous, layered.node_item[target], slot))


def _add_link(layered: Layered, link: Link) -> None:
    layered.links.append(link)
    link_id = len(layered.links) - 1
    layered.items[link.src].outs.append(link_id)
    layered.items[link.dst].ins[link.slot] = link_id
    layered.edge_links[link.edge].append(link_id)


def _initial_key(layered: Layered, item_id: int, first_seen: dict[str, int]) -> tuple[int, int]:
    item = layered.items[item_id]
    if item.name is not None:
        return (first_seen[item.name], -1)
    target, slot = layered.edges[layered.links[item.ins[0]].edge][1:]
    return (first_seen[target], slot)


# --- crossing reduction ------------------------------------------------------


def _order_columns(layered: Layered) -> None:
    """Barycenter sweeps; keep the ordering with the fewest crossings."""
    for column in layered.columns:
        _apply_order_hints(layered, column)
    best = [list(column) for column in layered.columns]
    best_crossings = _count_crossings(layered)
    for _ in range(SWEEPS):
        if best_crossings == 0:
            break
        for c in range(1, len(layered.columns)):
            _reorder_column(layered, c, incoming=True)
        for c in range(len(layered.columns) - 2, -1, -1):
            _reorder_column(layered, c, incoming=False)
        crossings = _count_crossings(layered)
        if crossings < best_crossings:
            best, best_crossings = [list(column) for column in layered.columns], crossings
    layered.columns = best


def _reorder_column(layered: Layered, c: int, *, incoming: bool) -> None:
    positions = layered.positions(range(c - 1, c + 2))  # links join neighbouring columns only

    def barycenter(item_id: int) -> float:
        item = layered.items[item_id]
        if incoming:
            values = [positions[layered.links[link].src] for link in item.ins]
        else:
            values = [_slot_position(layered, positions, link) for link in item.outs]
        return sum(values) / len(values) if values else positions[item_id]

    layered.columns[c].sort(key=barycenter)
    _apply_order_hints(layered, layered.columns[c])


def _slot_position(layered: Layered, positions: dict[int, int], link_id: int) -> float:
    """Position of a link's end, refined by its input slot so argument order counts."""
    link = layered.links[link_id]
    return positions[link.dst] + link.slot / (len(layered.items[link.dst].ins) + 1)


def _apply_order_hints(layered: Layered, column: list[int]) -> None:
    """Move hinted nodes to their requested index among the column's real nodes."""
    real_slots = [i for i, item_id in enumerate(column) if not layered.items[item_id].is_waypoint]
    real = [column[i] for i in real_slots]
    hinted = sorted(
        (layered.items[item_id].order_hint, i, item_id)
        for i, item_id in enumerate(real)
        if layered.items[item_id].order_hint is not None
    )
    if not hinted:
        return
    placed = [item_id for item_id in real if layered.items[item_id].order_hint is None]
    for hint, _, item_id in hinted:
        placed.insert(min(max(hint, 0), len(placed)), item_id)
    for i, item_id in zip(real_slots, placed):
        column[i] = item_id


def _count_crossings(layered: Layered) -> int:
    positions = layered.positions()
    by_gutter: list[list[tuple[float, float]]] = [[] for _ in layered.columns]
    for link_id, link in enumerate(layered.links):
        ends = (positions[link.src], _slot_position(layered, positions, link_id))
        by_gutter[layered.items[link.src].column].append(ends)
    return sum(_inversions(sorted(pairs)) for pairs in by_gutter)


def _inversions(pairs: list[tuple[float, float]]) -> int:
    """Pairs of links whose ends are in opposite order (links sharing a source never cross)."""
    seen: list[float] = []
    count = 0
    for _, end in pairs:
        count += len(seen) - bisect_right(seen, end)
        insort(seen, end)
    return count


def _order_ports(layered: Layered) -> None:
    """Give each item's outgoing links ports in the order of where they go."""
    positions = layered.positions()
    for item in layered.items:
        item.outs.sort(key=lambda link_id: _slot_position(layered, positions, link_id))
