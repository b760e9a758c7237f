"""The decision boundary drawn in terminal cells: each cell's background is the class the
network predicts there, and the data points are braille dots (2 × 4 per cell) in their class's colour."""

from __future__ import annotations

from collections import Counter
from functools import cache
from itertools import groupby

from rich.segment import Segment
from rich.style import Style

from backprop_tui.tui.widgets.segment_rows import SegmentRows

# (point colour, region colour) per class: bright dots over a dark wash of the same hue
CLASS_COLOURS = (
    ("#ff6b6b", "#5c2020"), ("#5fa8ff", "#1f3a66"), ("#7ee07e", "#1f4d1f"), ("#ffb347", "#5c3d12"),
    ("#e07ee0", "#4d1f4d"), ("#5fe0e0", "#1a4d4d"), ("#e0e05f", "#4d4d1a"), ("#c0c0c0", "#404040"),
    ("#ff9fd0", "#5c2a44"), ("#a0a0ff", "#2a2a5c"),
)
BRAILLE = 0x2800
DIM = Style(dim=True)
DOT_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))  # [row][column] in a cell


class DecisionBoundary(SegmentRows):
    """Shows a `TrainingResult`'s `decision_grid` with its `points` (`show(result)`)."""

    DEFAULT_CSS = "DecisionBoundary { height: 1fr; }"

    def rows(self, width: int, height: int) -> list[list[Segment]]:
        result = self.data
        grid = result.decision_grid if result is not None else None
        if grid is None:
            return [[Segment("no decision grid yet" if result is None else "no grid (grid=0)", DIM)]]
        x0, x1, y0, y1 = grid.xs[0], grid.xs[-1], grid.ys[0], grid.ys[-1]
        dots: dict[tuple[int, int], int] = {}
        colours: dict[tuple[int, int], Counter] = {}
        for (x, y), label in zip(result.points, result.labels, strict=True):
            column, sub_x = _cell(x, x0, x1, width, 2)
            row, sub_y = _cell(y1 - (y - y0), y0, y1, height, 4)  # row 0 at the top
            if column is None or row is None:
                continue
            dots[row, column] = dots.get((row, column), 0) | DOT_BITS[sub_y][sub_x]
            colours.setdefault((row, column), Counter())[label] += 1
        rows = []
        for row in range(height):
            grid_row = grid.classes[_sample(height - 1 - row, height, len(grid.ys))]
            cells = []
            for column in range(width):
                region = grid_row[_sample(column, width, len(grid.xs))]
                bits = dots.get((row, column), 0)
                label = colours[row, column].most_common(1)[0][0] if bits else None
                cells.append((chr(BRAILLE + bits) if bits else " ", _style(label, region)))
            rows.append([Segment("".join(char for char, _ in run), style)
                         for style, run in groupby(cells, key=lambda cell: cell[1])])
        return rows


@cache
def _style(label: int | None, region: int) -> Style:
    """A point of class `label` (None: no point) over the region of class `region`."""
    background = CLASS_COLOURS[region % len(CLASS_COLOURS)][1]
    if label is None:
        return Style(bgcolor=background)
    return Style(color=CLASS_COLOURS[label % len(CLASS_COLOURS)][0], bgcolor=background, bold=True)


def _cell(value: float, low: float, high: float, cells: int, parts: int) -> tuple[int | None, int]:
    """The cell (None if outside) and the sub-cell dot that `value` falls in, on a span of `cells`."""
    if high <= low:
        return None, 0
    position = (value - low) / (high - low) * cells * parts
    if not 0 <= position < cells * parts:
        return None, 0
    dot = int(position)
    return dot // parts, dot % parts


def _sample(cell: int, cells: int, samples: int) -> int:
    """The grid sample nearest the centre of `cell` when `cells` cells span `samples` samples."""
    return min(samples - 1, round((cell + 0.5) / cells * (samples - 1)))
