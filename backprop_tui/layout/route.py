"""Edge routing for :mod:`backprop_tui.layout.grid`.

A *gutter* is the channel between two columns. A link that enters and leaves
the gutter on the same row is a straight line. Every other link gets its own
vertical *track*: a horizontal from the gutter's left edge to its track, a
vertical on the track, and a horizontal from the track to the gutter's right
edge. Tracks are ordered so that horizontals never overlap (where a link
starts on the row where another one ends, the starting one must turn first)
and crossings are few. When those rules contradict each other (links that
swap rows), one link takes a dogleg through a free row, using two tracks.

Pure Python.
"""

from __future__ import annotations

from dataclasses import dataclass

from backprop_tui.records import frozen_dataclass

Point = tuple[int, int]
Turn = tuple[int, int, int]  # (track, from row, to row): one vertical run

HORIZONTAL, VERTICAL, ARROW = "─", "│", "▶"
_STROKES = {
    frozenset("WE"): HORIZONTAL,
    frozenset("NS"): VERTICAL,
    frozenset("WS"): "┐",
    frozenset("WN"): "┘",
    frozenset("NE"): "└",
    frozenset("SE"): "┌",
}
_DIRECTIONS = {(-1, 0): "W", (1, 0): "E", (0, -1): "N", (0, 1): "S"}


@dataclass
class Piece:
    """A vertical run on one track, with the horizontals at its two ends."""

    link: int
    src_row: int
    dst_row: int
    from_start: bool = True  # its first horizontal starts at the gutter's left edge
    to_end: bool = True  # its last horizontal reaches the gutter's right edge

    def spans(self, row: int) -> bool:
        return min(self.src_row, self.dst_row) < row < max(self.src_row, self.dst_row)


@frozen_dataclass
class GutterRoute:
    tracks: int
    turns: dict[int, tuple[Turn, ...]]  # link id -> its vertical runs, left to right


def route_gutter(rows: list[tuple[int, int, int]]) -> GutterRoute:
    """Assign tracks to the links ``(link id, source row, target row)`` of one gutter."""
    busy = {row for _, source, target in rows for row in (source, target)}
    pieces = [Piece(link, source, target) for link, source, target in rows if source != target]
    chained: list[tuple[int, int]] = []  # (left half, right half) of each dogleg
    while True:
        after = _constraints(pieces, chained)
        order, stuck = _track_order(pieces, after)
        if order is not None:
            break
        _split_into_dogleg(pieces, chained, _piece_on_cycle(stuck, after), busy)
    track = {piece: i for i, piece in enumerate(order)}
    turns: dict[int, tuple[Turn, ...]] = {}
    for i, piece in enumerate(pieces):  # a dogleg's second half is appended after its first
        turns[piece.link] = turns.get(piece.link, ()) + ((track[i], piece.src_row, piece.dst_row),)
    return GutterRoute(len(order), turns)


def _constraints(pieces: list[Piece], chained: list[tuple[int, int]]) -> list[set[int]]:
    """``after[p]``: the pieces whose track must be right of piece p's."""
    ending_on = {piece.dst_row: i for i, piece in enumerate(pieces) if piece.to_end}
    after: list[set[int]] = [set() for _ in pieces]
    for i, piece in enumerate(pieces):
        if piece.from_start and piece.src_row in ending_on:
            after[i].add(ending_on[piece.src_row])
    for left, right in chained:
        after[left].add(right)
    return after


def _crossings_if_left(left: Piece, right: Piece) -> int:
    """Crossings between two pieces when ``left`` has the track further left."""
    return int(left.to_end and right.spans(left.dst_row)) + int(right.from_start and left.spans(right.src_row))


def _track_order(pieces: list[Piece], after: list[set[int]]) -> tuple[list[int] | None, set[int]]:
    """Greedy topological order: next, the ready piece that costs least to put left of the rest."""
    n = len(pieces)
    cost = [[_crossings_if_left(pieces[p], pieces[q]) if p != q else 0 for q in range(n)] for p in range(n)]
    balance = [sum(cost[p][q] - cost[q][p] for q in range(n)) for p in range(n)]
    waiting = [0] * n
    for p in range(n):
        for q in after[p]:
            waiting[q] += 1
    remaining = set(range(n))
    order: list[int] = []
    while remaining:
        ready = [p for p in remaining if waiting[p] == 0]
        if not ready:
            return None, remaining
        chosen = min(ready, key=lambda p: (balance[p], p))
        order.append(chosen)
        remaining.discard(chosen)
        for q in remaining:
            balance[q] -= cost[q][chosen] - cost[chosen][q]
        for q in after[chosen]:
            waiting[q] -= 1
    return order, set()


def _piece_on_cycle(stuck: set[int], after: list[set[int]]) -> int:
    """Walk backwards along constraints among the stuck pieces until one repeats."""
    before: dict[int, list[int]] = {q: [] for q in stuck}
    for p in sorted(stuck):
        for q in after[p]:
            if q in stuck:
                before[q].append(p)
    seen: set[int] = set()
    current = min(stuck)
    while current not in seen:
        seen.add(current)
        current = before[current][0]
    return current


def _split_into_dogleg(pieces: list[Piece], chained: list[tuple[int, int]], i: int, busy: set[int]) -> None:
    piece = pieces[i]
    middle = _free_row(piece.src_row, piece.dst_row, busy)
    busy.add(middle)
    pieces[i] = Piece(piece.link, piece.src_row, middle, piece.from_start, to_end=False)
    pieces.append(Piece(piece.link, middle, piece.dst_row, from_start=False, to_end=piece.to_end))
    chained.append((i, len(pieces) - 1))


def _free_row(source: int, target: int, busy: set[int]) -> int:
    """A row no other horizontal of this gutter uses, as near the middle as possible."""
    middle = (source + target) / 2
    row, step = int(middle), 0
    while True:
        for candidate in (row - step, row + step + 1):
            if candidate >= 0 and candidate not in busy:
                return candidate
        step += 1


# --- cells --------------------------------------------------------------------


def gutter_points(gutter_x: int, width: int, route: tuple[Turn, ...], target_row: int) -> list[Point]:
    """Corners of one link inside a gutter, ending at the gutter's right edge."""
    points: list[Point] = []
    for track, from_row, to_row in route:
        points += [(gutter_x + 1 + track, from_row), (gutter_x + 1 + track, to_row)]
    points.append((gutter_x + width - 1, target_row))
    return points


def path_cells(points: list[Point]) -> list[tuple[int, int, str]]:
    """Cells of an axis-aligned polyline, drawn with box strokes and ending in an arrow.

    The path is taken to come from the left into its first point.
    """
    cells = _expand(points)
    drawn = []
    for i, (x, y) in enumerate(cells):
        if i == len(cells) - 1:
            drawn.append((x, y, ARROW))
            continue
        previous = cells[i - 1] if i else (x - 1, y)
        following = cells[i + 1]
        sides = frozenset(_DIRECTIONS[(px - x, py - y)] for px, py in (previous, following))
        drawn.append((x, y, _STROKES[sides]))
    return drawn


def _expand(points: list[Point]) -> list[Point]:
    cells = [points[0]]
    for x2, y2 in points[1:]:
        x, y = cells[-1]
        if x != x2 and y != y2:
            raise AssertionError(f"diagonal step from {(x, y)} to {(x2, y2)}")
        while (x, y) != (x2, y2):
            x += (x2 > x) - (x2 < x)
            y += (y2 > y) - (y2 < y)
            cells.append((x, y))
    return cells
