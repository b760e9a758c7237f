"""Error against h on log-log axes: one-sided and centred differences, slope guides, round-off.

Plotted as log10 on linear axes (ticks read 1e-4, ...), so a line of slope 1 or 2 is straight.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

ONE_SIDED, CENTRED, GUIDE, KINK = "red", "green", "gray", "magenta"
FLOOR = 1e-17  # an exact match is drawn here
FLAT = 0.3  # a fitted slope this close to 0 is shown as "flat"


def _log(values: Sequence[float]) -> list[float]:
    return [math.log10(max(v, FLOOR)) for v in values]


def paint_error_vs_h(
    plt, hs: Sequence[float], one_sided: Sequence[float], centred: Sequence[float], *,
    slopes: tuple[float | None, float | None] = (None, None),
    round_off: Sequence[float] | None = None, current: float | None = None,
    kinked: Sequence[bool] = (), width: int = 80,
) -> None:
    """`kinked[i]`: the probe at hs[i] crossed a kink; those points get a warning mark."""
    x = _log(hs)
    errors = _log([*one_sided, *centred])
    low, high = math.floor(min(errors)) - 0.5, math.ceil(max(errors)) + 0.5
    plt.plot(x, _log(one_sided), marker="braille", color=ONE_SIDED, label="one-sided")
    plt.plot(x, _log(centred), marker="braille", color=CENTRED, label="centred")
    # Guides of slope 1 and 2 through the largest h's errors, over the first decades, where
    # truncation rules; and the round-off estimate where it is in view. No legend entry: a
    # labelled series with no point in view breaks plotext's legend.
    for slope, start in ((1, one_sided[0]), (2, centred[0])):
        guide = [(xi, math.log10(max(start, FLOOR)) - slope * (x[0] - xi)) for xi in x[:5]]
        _segment(plt, guide, low, f"slope {slope}")
    if round_off is not None:
        _segment(plt, list(zip(x, _log(round_off))), low, "round-off", colour="orange")
    marks = [(xi, yi) for xi, yi, bad in zip(x, _log(centred), kinked) if bad]
    if marks:
        plt.scatter([xi for xi, _ in marks], [yi for _, yi in marks], marker="⚠", color=KINK,
                    label="kink crossed")
    if current is not None:
        plt.vline(math.log10(current), color="blue")
    plt.ylim(low, high)
    plt.xlim(min(x) - 0.3, max(x) + 0.3)
    # Room for every tick label with a margin: plotext drops a label that would touch its neighbour.
    plt.xticks(*_ticks(x, max(2, (width - 10) // 9)))
    plt.yticks(*_ticks(range(math.ceil(low), math.floor(high) + 1), 6))
    plt.title(_title(slopes, width))


def _title(slopes, width: int) -> str:
    """The longest title that fits `width` (plotext drops a title too long to fit)."""
    named = ", ".join(f"{name} {_slope(s)}" for name, s in zip(("one-sided", "centred"), slopes) if s is not None)
    bare = " / ".join(_slope(s) for s in slopes if s is not None)
    for title in (f"error vs h, log-log; slopes {named}", f"error vs h; slopes {bare}", "error vs h"):
        if (named or "slopes" not in title) and len(title) <= width - 2:
            return title
    return "error vs h"


def _slope(slope: float) -> str:
    # A flat error does not shrink with h: not truncation, a wrong gradient (a planted bug).
    return "flat" if abs(slope) < FLAT else f"{slope:.1f}"


def _segment(plt, points, low: float, label: str, colour: str = GUIDE) -> None:
    """A dotted guide, only where it is above the plot's floor, named at its last point."""
    shown = [(x, y) for x, y in points if y >= low]
    if len(shown) < 2:
        return
    plt.plot([x for x, _ in shown], [y for _, y in shown], marker="dot", color=colour)
    plt.text(label, shown[-1][0], shown[-1][1], color=colour, alignment="left")


def _ticks(logs, most: int) -> tuple[list[float], list[str]]:
    whole = sorted({round(v) for v in logs})
    step = max(1, math.ceil(len(whole) / most))
    picked = whole[::step]
    return picked, [f"1e{v}" for v in picked]
