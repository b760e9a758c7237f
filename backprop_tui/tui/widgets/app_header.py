"""AppHeader: Textual's Header with the app's icon and no clock, whose title is laid out again
only when it changes.

Textual's Header sets its title from each of the four watches it starts when mounted (the
app's and the screen's title and sub-title), the last ones after the screen's first frame,
and each time the screen is laid out and repainted again, for the same title.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Header
from textual.widgets._header import HeaderTitle


class AppHeader(Header):
    def __init__(self) -> None:
        super().__init__(show_clock=False, icon="∂")

    def compose(self):
        for widget in super().compose():
            yield SteadyTitle() if type(widget) is HeaderTitle else widget


class SteadyTitle(HeaderTitle):
    def update(self, content="", *, layout: bool = True) -> None:
        shown = self.content
        if isinstance(content, Content) and isinstance(shown, Content) and content.is_same(shown):
            return
        super().update(content, layout=layout)
