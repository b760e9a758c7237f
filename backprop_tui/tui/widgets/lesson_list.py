"""LessonList: the picker's OptionList, which keeps its measured and rendered rows when a
resize leaves its width as it was.

Textual's OptionList drops them at every resize, and the resize of a first layout arrives
after the first render: every row was measured and rendered twice before the first frame.
"""

from __future__ import annotations

from textual import events
from textual.widgets import OptionList


class LessonList(OptionList):
    _rows_width: int | None = None  # the width all the rows were measured at, from scratch

    def _update_lines(self) -> None:
        from_scratch = not self._line_cache.lines  # the rendered rows were dropped with them
        super()._update_lines()
        if from_scratch and self._line_cache.lines:
            self._rows_width = self.scrollable_content_region.width

    def _on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width == self._rows_width:
            event.prevent_default()  # OptionList's own handler, which would drop the rows
