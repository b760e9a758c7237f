"""StatusRow: a picker row, a status mark then a title that wraps under itself, not under the mark.

A Textual Visual rather than a Rich table: the option list measures every row, and a
table costs a full Rich render per measure (200 lessons made the picker's first frame slow).
"""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

MARK_WIDTH = 3  # the mark right-aligned in two cells, then a space


class StatusRow(Visual):
    def __init__(self, mark: Content, title: Content) -> None:
        self.mark = mark
        self.title = title
        self._heights: dict[int, int] = {}  # by width: the option list asks each row's height several times

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return MARK_WIDTH + self.title.get_optimal_width(rules, container_width - MARK_WIDTH)

    def get_height(self, rules: RulesMap, width: int) -> int:
        if width not in self._heights:
            self._heights[width] = self.title.get_height(rules, max(width - MARK_WIDTH, 1))
        return self._heights[width]

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        lines = self.title.render_strips(max(width - MARK_WIDTH, 1), height, style, options)
        mark = Content.assemble(" " * (MARK_WIDTH - 1 - self.mark.cell_length), self.mark, " ")
        gutters = [mark] + [Content(" " * MARK_WIDTH)] * (len(lines) - 1)
        return [
            Strip.join([gutter.render_strips(MARK_WIDTH, 1, style, options)[0], line])
            for gutter, line in zip(gutters, lines)
        ]
