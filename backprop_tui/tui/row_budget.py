"""How the lesson screen shares its rows between the graph and the panels below it.

The graph keeps a floor of rows; each panel first gets a floor of its own (its title and a
line or two, or all of it when it is shorter), then what its content needs, in order of
priority; the graph takes every row left. Pure arithmetic, so it is tested without a screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from backprop_tui.records import frozen_dataclass


@frozen_dataclass
class Want:
    natural: int  # rows the panel's content needs, its borders included
    floor: int  # rows it keeps whatever happens (fewer when its content is shorter)


def share_rows(room: int, graph_floor: int, wants: Sequence[Want]) -> list[int]:
    """Each panel's height, for panels in order of priority; the graph gets `room` minus their sum."""
    spare = max(room - graph_floor, 0)
    heights = []
    for want in wants:
        height = min(want.floor, want.natural, spare)
        heights.append(height)
        spare -= height
    for i, want in enumerate(wants):
        extra = min(want.natural - heights[i], spare)
        heights[i] += extra
        spare -= extra
    return heights
