"""Sizes and vertical placement for :mod:`backprop_tui.layout.grid`.

Each item gets a *shape* (its height, box size and the row offsets of its
ports). Rows are then chosen column by column so that links run as straight as
possible: the wanted top of an item is the mean of what its links ask for, and
an isotonic regression (pool adjacent violators) finds the closest tops that
keep the column's order and spacing. Pure Python.
"""

from __future__ import annotations

import math

from backprop_tui.layout.order import Layered
from backprop_tui.records import frozen_dataclass

MAX_BOX_WIDTH = 14
MAX_TITLE = 12  # characters of a box's title the graph view shows; a longer one is cut with "…"
MIN_BOX_WIDTH = 3
ROW_GAP = 1  # blank rows between two items of a column
PASSES = 3  # rounds of (align to inputs, align to outputs), then two more aligns to inputs
LONELY_WEIGHT = 0.1  # weight of an item's wish when it has no links on the side being aligned


@frozen_dataclass
class Shape:
    """Size of an item and the row offsets (from the item's top) of its ports."""

    height: int
    box_width: int = 0  # 0 for a waypoint
    box_height: int = 0
    in_rows: tuple[int, ...] = (0,)
    out_rows: tuple[int, ...] = (0,)


def box_width_for(title: str, box_width: int | None) -> int:
    if box_width is not None:
        return max(MIN_BOX_WIDTH, box_width)
    return max(MIN_BOX_WIDTH, min(len(title) + 4, MAX_BOX_WIDTH))


def item_shapes(layered: Layered, box_width: int | None, value_rows: int) -> list[Shape]:
    return [
        _waypoint_shape(len(item.outs)) if item.is_waypoint
        else _box_shape(item.title, len(item.ins), len(item.outs), box_width, value_rows)
        for item in layered.items
    ]


def _waypoint_shape(n_outs: int) -> Shape:
    return Shape(height=1, out_rows=(0,) * n_outs)


def _box_shape(title: str, n_ins: int, n_outs: int, box_width: int | None, value_rows: int) -> Shape:
    """Value rows on top, then the box; one inner row per input port and per output port."""
    box_height = max(3, n_ins + 2, n_outs + 2)
    inner = box_height - 2
    return Shape(
        height=value_rows + box_height,
        box_width=box_width_for(title, box_width),
        box_height=box_height,
        in_rows=_centered_rows(n_ins, inner, value_rows + 1),
        out_rows=_centered_rows(n_outs, inner, value_rows + 1),
    )


def _centered_rows(count: int, inner: int, first: int) -> tuple[int, ...]:
    start = first + (inner - count) // 2
    return tuple(range(start, start + count))


class RowPlacer:
    """Chooses the top row of every item."""

    def __init__(self, layered: Layered, shapes: list[Shape]) -> None:
        self.layered = layered
        self.shapes = shapes
        self.ports = [layered.port(link_id) for link_id in range(len(layered.links))]
        self.tops = [0] * len(layered.items)

    def place(self) -> list[int]:
        columns = self.layered.columns
        for column in columns:
            self._stack(column)
        for _ in range(PASSES):
            for c in range(1, len(columns)):
                self._align(columns[c], incoming=True)
            for c in range(len(columns) - 2, -1, -1):
                self._align(columns[c], incoming=False)
        for _ in range(2):  # twice, so leaves see where their consumers ended up
            for c in range(1, len(columns)):
                self._align(columns[c], incoming=True)
        lowest = min(self.tops, default=0)
        self.tops = [top - lowest for top in self.tops]
        return self.tops

    def source_row(self, link_id: int) -> int:
        link = self.layered.links[link_id]
        return self.tops[link.src] + self.shapes[link.src].out_rows[self.ports[link_id]]

    def target_row(self, link_id: int) -> int:
        link = self.layered.links[link_id]
        return self.tops[link.dst] + self.shapes[link.dst].in_rows[link.slot]

    def _stack(self, column: list[int]) -> None:
        top = 0
        for item_id in column:
            self.tops[item_id] = top
            top += self.shapes[item_id].height + ROW_GAP

    def _align(self, column: list[int], *, incoming: bool) -> None:
        targets, weights, offsets = [], [], []
        offset = 0
        for item_id in column:
            wanted, weight = self._wanted_top(item_id, incoming)
            targets.append(wanted - offset)
            weights.append(weight)
            offsets.append(offset)
            offset += self.shapes[item_id].height + ROW_GAP
        fitted = isotonic_fit(targets, weights)
        for item_id, value, offset in zip(column, fitted, offsets):
            self.tops[item_id] = math.floor(value + 0.5) + offset

    def _wanted_top(self, item_id: int, incoming: bool) -> tuple[float, float]:
        """Median top (the upper one of two) that would make this item's links straight.

        The links on the side being aligned count; an item without links on
        that side (a leaf, a sink) looks at its other side instead.
        """
        asks, weight = self._asks(item_id, incoming), 1.0
        if not asks:
            asks, weight = self._asks(item_id, not incoming), LONELY_WEIGHT
        if not asks:
            return float(self.tops[item_id]), LONELY_WEIGHT
        return float(sorted(asks)[(len(asks) - 1) // 2]), weight * len(asks)

    def _asks(self, item_id: int, incoming: bool) -> list[int]:
        item, shape = self.layered.items[item_id], self.shapes[item_id]
        if incoming:
            return [self.source_row(link) - shape.in_rows[slot] for slot, link in enumerate(item.ins)]
        return [self.target_row(link) - shape.out_rows[port] for port, link in enumerate(item.outs)]


def isotonic_fit(targets: list[float], weights: list[float]) -> list[float]:
    """Weighted least-squares nondecreasing fit (pool adjacent violators)."""
    blocks: list[list[float]] = []  # [mean, weight, count]
    for target, weight in zip(targets, weights):
        blocks.append([target, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean2, weight2, count2 = blocks.pop()
            mean1, weight1, count1 = blocks[-1]
            total = weight1 + weight2
            blocks[-1] = [(mean1 * weight1 + mean2 * weight2) / total, total, count1 + count2]
    fitted: list[float] = []
    for mean, _, count in blocks:
        fitted.extend([mean] * int(count))
    return fitted
