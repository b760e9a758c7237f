"""A widget drawn as rows of Rich Segments through Textual's Line API, rebuilt only when its
data or its size change: far cheaper than laying out styled Text several times a second."""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget


class SegmentRows(Widget):
    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self.data: Any = None
        self._strips: list[Strip] = []
        self._drawn_for: tuple | None = None  # (data, width, height) the strips show

    def show(self, data: Any) -> None:
        """Show `data`: its rows are built now (at the current size), so that a caller can tell
        when the costly part of drawing is over (the live training lab waits for that)."""
        self.data = data
        self._strips_for(*self.content_size)
        self.refresh()

    def rows(self, width: int, height: int) -> list[list[Segment]]:
        """The rows to show for `self.data` in `width` × `height` cells."""
        raise NotImplementedError

    def render_line(self, y: int) -> Strip:
        width, height = self.content_size
        strips = self._strips_for(width, height)
        return strips[y] if y < len(strips) else Strip.blank(width, self.rich_style)

    def _strips_for(self, width: int, height: int) -> list[Strip]:
        if self._drawn_for != (id(self.data), width, height):
            style = self.rich_style
            self._strips = [Strip(row).crop_extend(0, width, style).apply_style(style)
                            for row in self.rows(width, height)[:height]]
            self._drawn_for = (id(self.data), width, height)
        return self._strips
