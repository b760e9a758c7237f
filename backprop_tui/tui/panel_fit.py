"""How the lesson screen sizes the panels below its graph.

The graph keeps at least GRAPH_FLOOR rows; each panel gets what its content needs, the
question first, then the narration, then the inspector; the graph the rest. With `f`
(graph only) the inspector and narration are hidden. A panel's height depends on its
width, which only a layout decides: the panels are sized before the layout that shows
a step, with the widths earlier layouts gave them, and sized again after a layout that
gave other widths (a resize, a panel's first showing). So a step costs one layout pass.
"""

from __future__ import annotations

from typing import NamedTuple

from textual.css.query import NoMatches
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget

from backprop_tui.tui.row_budget import Want, share_rows
from backprop_tui.tui.widgets.app_header import AppHeader
from backprop_tui.tui.widgets.graph_view import GraphView
from backprop_tui.tui.widgets.key_footer import KeyFooter
from backprop_tui.tui.widgets.quiz_panel import QuizPanel
from backprop_tui.tui.widgets.step_bar import StepBar

GRAPH_FLOOR = 9  # rows of graph kept on screen whatever the panels want
QUIZ_FLOOR, NARRATION_FLOOR, INSPECTOR_FLOOR = 5, 3, 4  # rows each panel keeps, its borders included
FLOORS = {"quiz": QUIZ_FLOOR, "narration-box": NARRATION_FLOOR, "inspector-box": INSPECTOR_FLOOR}


class PanelFitter:
    """Sizes a lesson screen's panels (`fit_rows` before a layout, `after_layout` after one)."""

    def __init__(self, screen: Screen) -> None:
        self.screen = screen  # a LessonScreen
        self.widths: dict[tuple[str, int, bool], int] = {}  # a panel's width, by what it depends on
        self.fitted: tuple | None = None  # the geometry the panels were last sized for

    def fit_rows(self) -> None:
        """Size the panels for what they show now, before the coming layout."""
        panels = self._panels()
        if panels is not None:
            learned = lambda box: self.widths.get(self._width_key(box, panels), self.screen.size.width)  # noqa: E731
            self._fit(panels, self._geometry(panels, learned))

    def after_layout(self, _: Screen) -> None:
        panels = self._panels()
        if panels is None:
            return
        for box in panels.measured:
            self.widths[self._width_key(box, panels)] = box.outer_size.width
        geometry = self._geometry(panels, lambda box: box.outer_size.width)
        if geometry != self.fitted:
            self._fit(panels, geometry)

    def _width_key(self, box: Widget, panels: Panels) -> tuple[str, int, bool]:
        """What a panel's width depends on: the screen's width, and the narration beside the inspector."""
        return box.id, self.screen.size.width, panels.beside is not None

    def _panels(self) -> Panels | None:
        screen = self.screen
        if not screen.is_attached:
            return None
        try:
            graph = screen.query_one(GraphView)
            inspector, narration = screen.query_one("#inspector-box"), screen.query_one("#narration-box")
        except NoMatches:
            return None  # the screen is being taken down (a reload in `author`, a quick Esc)
        panels = not screen.has_class("-fit")
        beside = panels and not screen.has_class("-narrow") and narration.display
        quiz = screen.quiz_panel
        stack = [
            box for box in (quiz, narration, inspector)
            if box.display and (box is quiz or panels) and not (beside and box is narration)
        ]
        return Panels(graph, stack, narration if beside else None)

    def _geometry(self, panels: Panels, width_of) -> tuple:
        """What the panels' heights depend on besides their content."""
        # Before the first layout, the rows and width the layout will give: the same geometry
        # after it, so the first frame is not laid out again for panels sized anew.
        bars = (w for w in self.screen.children if isinstance(w, (AppHeader, StepBar, KeyFooter)))
        fixed = sum(_rows(bar) for bar in bars if bar.display)
        graph = panels.graph
        graph_chrome = graph.styles.gutter.height
        if graph.virtual_size.width > (graph.outer_size.width or self.screen.size.width) - graph.styles.gutter.width:
            graph_chrome += graph.styles.scrollbar_size_horizontal
        return self.screen.size, fixed, graph_chrome, tuple(width_of(box) for box in panels.measured)

    def _fit(self, panels: Panels, geometry: tuple) -> None:
        self.fitted = geometry
        size, fixed, graph_chrome, widths = geometry
        width = dict(zip(panels.measured, widths))
        graph_floor = graph_chrome + min(panels.graph.virtual_size.height, GRAPH_FLOOR)
        wants = [_want(box, width[box], size, FLOORS[box.id]) for box in panels.stack]
        if panels.beside is not None:  # one row of panels, as tall as the taller of the two
            beside = _want(panels.beside, width[panels.beside], size, INSPECTOR_FLOOR)
            wants[-1] = Want(max(wants[-1].natural, beside.natural), INSPECTOR_FLOOR)
        heights = share_rows(size.height - fixed, graph_floor, wants)
        for box, height in zip(panels.stack, heights):
            box.styles.height = height
        if panels.beside is not None:
            panels.beside.styles.height = heights[-1]


class Panels(NamedTuple):
    """The panels shown below the graph: `stack`, each on its own row in order of priority;
    `beside`, the narration when it shares the inspector's row (the last of the stack)."""

    graph: GraphView
    stack: list[Widget]
    beside: Widget | None

    @property
    def measured(self) -> list[Widget]:
        return [*self.stack, *([self.beside] if self.beside is not None else [])]


def _rows(bar: Widget) -> int:
    """The rows a bar of fixed height (the header, the step bar, the footer) takes: before
    it is laid out, the height its styles give it."""
    height = bar.styles.height
    if bar.outer_size.height or height is None or height.cells is None:
        return bar.outer_size.height
    return height.cells + bar.styles.margin.height


def _want(box: Widget, width: int, screen: Size, floor: int) -> Want:
    """What a panel needs: its content's height at its width, plus its borders and padding.

    Measured before the layout that shows new content: the box forgets the arrangement it
    cached for its old content (Textual clears it only when that layout starts).
    The question is measured without the columns a vertical scrollbar takes: a question that
    fills the full width exactly would otherwise wrap once a scrollbar shows, keep the
    scrollbar showing and push the answer box out of sight."""
    gutter = box.styles.gutter
    width -= gutter.width
    if isinstance(box, QuizPanel):
        width -= box.styles.scrollbar_size_vertical
    box._clear_arrangement_cache()
    return Want(box.get_content_height(screen, screen, width) + gutter.height, floor)
