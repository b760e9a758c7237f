"""A line chart drawn in braille dots (2 × 4 per cell) with NumPy: cheap enough to redraw
several times a second while a network trains, which plotext is not.

Rows: the title with a legend, the plot with y labels on the left, the x axis, the x labels.
"""

from __future__ import annotations

import math

import numpy as np
from rich.segment import Segment
from rich.style import Style

from backprop_tui.records import frozen_dataclass
from backprop_tui.tui.widgets.segment_rows import SegmentRows

BRAILLE = 0x2800
DOT_BITS = np.array([[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]], dtype=np.uint8)
Y_LABEL_WIDTH = 7
DIM, BOLD = Style(dim=True), Style(bold=True)
MAX_SAMPLES = 20_000  # points interpolated along all the lines of one series


@frozen_dataclass
class Series:
    label: str
    colour: str
    values: tuple[float, ...]  # the value at x = 1, 2, 3, ... (epochs); NaN and inf are skipped


@frozen_dataclass
class ChartData:
    title: str
    series: tuple[Series, ...]
    x_max: int  # the x axis runs from 1 to x_max however far the series have got
    log_y: bool = False
    y_low: float | None = None  # fixed ends of the y axis (else the data's range)
    y_high: float | None = None


class LineChart(SegmentRows):
    """Shows a `ChartData` (`show(data)`)."""

    DEFAULT_CSS = "LineChart { width: 1fr; height: 1fr; min-height: 6; padding-right: 1; }"

    def rows(self, width: int, height: int) -> list[list[Segment]]:
        data = self.data
        if data is None or width < Y_LABEL_WIDTH + 4 or height < 4:
            return []
        columns, plot_rows = width - Y_LABEL_WIDTH - 1, height - 3
        points = [_points(series, data.log_y) for series in data.series]
        low, high = _y_range(data, points)
        canvas, colours = _draw(points, data.x_max, low, high, columns, plot_rows)
        rows = [_title(data)]
        for row in range(plot_rows):
            label = _y_label(high - (high - low) * row / max(plot_rows - 1, 1), data.log_y) \
                if row in (0, plot_rows // 2, plot_rows - 1) else ""
            rows.append([Segment(label.rjust(Y_LABEL_WIDTH) + ("┤" if label else "│"), DIM),
                         *_row(canvas[row], colours[row], data.series)])
        rows.append([Segment(" " * Y_LABEL_WIDTH + "└" + "─" * columns, DIM)])
        left, right = "1", str(data.x_max)
        middle = "epoch".center(max(columns - len(left) - len(right), 0))
        rows.append([Segment(" " * (Y_LABEL_WIDTH + 1) + left + middle + right, DIM)])
        return rows


def _title(data: ChartData) -> list[Segment]:
    segments = [Segment(data.title, BOLD)]
    for series in data.series:
        if series.label:
            segments += [Segment("  ━ ", Style(color=series.colour)), Segment(series.label)]
    return segments


def _points(series: Series, log_y: bool) -> tuple[np.ndarray, np.ndarray]:
    values = np.asarray(series.values, dtype=float)
    x = np.arange(1, len(values) + 1, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        y = np.log10(values) if log_y else values
    kept = np.isfinite(y)
    return x[kept], y[kept]


def _y_range(data: ChartData, points) -> tuple[float, float]:
    ys = [y for _, y in points if len(y)]
    low = min(float(y.min()) for y in ys) if ys else 0.0
    high = max(float(y.max()) for y in ys) if ys else 1.0
    if data.y_low is not None:
        low = math.log10(data.y_low) if data.log_y else data.y_low
    if data.y_high is not None:
        high = math.log10(data.y_high) if data.log_y else data.y_high
    if high - low < 1e-12:
        low, high = low - 0.5, high + 0.5
    return low, high


def _draw(points, x_max: int, low: float, high: float, columns: int, rows: int):
    """Braille bits and the series index (-1: none) of each cell; a later series covers an earlier."""
    canvas = np.zeros((rows, columns), dtype=np.uint8)
    colours = np.full((rows, columns), -1, dtype=np.int16)
    dots_x, dots_y = columns * 2, rows * 4
    for index, (x, y) in enumerate(points):
        if not len(x):
            continue
        if len(x) > 1:  # interpolate along the lines, a few samples per dot
            samples = min(MAX_SAMPLES, max(len(x) * 4, dots_x * 4))
            position = np.linspace(0, len(x) - 1, samples)
            x, y = np.interp(position, np.arange(len(x)), x), np.interp(position, np.arange(len(x)), y)
        px = np.round((x - 1) / max(x_max - 1, 1) * (dots_x - 1)).astype(int)
        py = np.round((high - y) / (high - low) * (dots_y - 1)).astype(int)
        inside = (px >= 0) & (px < dots_x) & (py >= 0) & (py < dots_y)
        px, py = px[inside], py[inside]
        np.bitwise_or.at(canvas, (py // 4, px // 2), DOT_BITS[py % 4, px % 2])
        colours[py // 4, px // 2] = index
    return canvas, colours


def _row(bits: np.ndarray, colours: np.ndarray, series) -> list[Segment]:
    """One plot row, as runs of cells of one colour."""
    segments, start = [], 0
    for end in range(1, len(bits) + 1):
        if end < len(bits) and colours[end] == colours[start]:
            continue
        chars = "".join(chr(BRAILLE + int(b)) if b else " " for b in bits[start:end])
        colour = colours[start]
        segments.append(Segment(chars, Style(color=series[colour].colour) if colour >= 0 else None))
        start = end
    return segments


def _y_label(value: float, log_y: bool) -> str:
    return f"{10 ** value:.0e}" if log_y else f"{value:.3g}"
