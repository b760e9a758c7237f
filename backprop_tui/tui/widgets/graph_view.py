"""GraphView: the computation graph as boxes and arrows, painted line by line (Line API).

Forward values are green, gradients red (the CS231n convention); the current node and
the edges its step reads or writes are highlighted, and so are its gate's inputs; nodes not reached yet are dim. The
view scrolls both ways and keeps the current node (and the node a question asks about) on
screen.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from backprop_tui.tui.graph_picture import GRAD_ROW, VALUE_ROW, Picture, StepLabels, as_text

PLAIN = Style()
DIM = Style(dim=True)
VALUE = Style(color="green", bold=True)
GRAD = Style(color="red", bold=True)
PARTIAL_GRAD = Style(color="red", italic=True)
CURRENT = Style(color="yellow", bold=True)
SELECTED = Style(color="cyan", bold=True)
ACTIVE_EDGE = Style(color="yellow", bold=True)
OPERAND = Style(color="yellow")  # the current gate's inputs (its output is the current node)


class GraphView(ScrollView, can_focus=False):
    """Shows one Picture at one step; click a box to inspect its node.

    Not focusable: the step keys (arrows, home, end) belong to the lesson, and the view
    follows the current node by itself; the mouse wheel and scroll bars still scroll it.
    """

    class NodeClicked(Message):
        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(self, picture: Picture, **kwargs) -> None:
        super().__init__(**kwargs)
        self.picture = picture
        self.labels: StepLabels | None = None
        self.selected: str | None = None
        self.reached: frozenset[str] = frozenset()
        self._lines: list[str] = list(picture.lines)
        self._keep: list[str] = []
        self._operands: frozenset[str] = frozenset()  # the current gate's inputs
        self._runs: dict[int, list[tuple[int, int, tuple]]] | None = None  # see _owner_runs
        self.virtual_size = Size(picture.layout.width, picture.layout.height)

    def show(
        self, labels: StepLabels, reached: frozenset[str], selected: str | None, *, also: str | None = None
    ) -> None:
        """`also`: a node to keep on screen beside the current one (the one a question asks
        about); it comes first when the two do not fit together."""
        self.labels, self.reached, self.selected = labels, reached, selected
        self._lines = as_text(self.picture, labels)
        self._keep = [*([also] if also else []), selected or labels.current]
        layout = self.picture.layout
        self._operands = frozenset(layout.edges[i].source for i in layout.edges_into(labels.current))
        self.refresh()
        self.follow()

    def follow(self) -> None:
        """Scroll so the nodes to keep are on screen: all of them if they fit, else the first.
        A view that shows them already stays put; one that must move centres them, so that
        what they read and what reads them shows around them (and the next steps need no
        scrolling)."""
        view = self.scrollable_content_region.size
        if not view.area:
            return  # not laid out yet: on_resize follows
        boxes = [self.picture.layout.boxes[name] for name in self._keep]
        graph = self.virtual_size
        regions = [Region(b.x - 2, b.y - 2, b.width + 4, b.height + 3).clip(*graph) for b in boxes]
        together = Region.from_union(regions)
        wanted = together if together.width <= view.width and together.height <= view.height else regions[0]
        if wanted not in Region(*self.scroll_offset, *view):
            self.scroll_to_region(wanted, animate=False, force=True, center=True)

    def on_resize(self) -> None:
        if self._keep:
            self.follow()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        row = y + scroll_y
        width = self.scrollable_content_region.width
        if row >= len(self._lines):
            return Strip.blank(width)
        line = self._lines[row]
        segments = []
        start, style = 0, None
        for x, next_style in self._style_changes(row, len(line)):
            if next_style != style:
                if style is not None:
                    segments.append(Segment(line[start:x], style))
                start, style = x, next_style
        if style is not None:
            segments.append(Segment(line[start:], style))
        return Strip(segments, len(line)).crop_extend(scroll_x, scroll_x + width, None)

    def _style_changes(self, row: int, length: int):
        """(x, style) where a run of cells with the same owners starts, up to `length`: styles
        are worked out once a run, not once a cell."""
        x = 0
        for start, end, owners in self._owner_runs(row):
            if start >= length:
                break
            if start > x:
                yield x, PLAIN
            yield start, self._style(owners)
            x = min(end, length)
        if x < length:
            yield x, PLAIN

    def _owner_runs(self, row: int) -> list[tuple[int, int, tuple]]:
        """The row's owned cells as runs (start, end, owners) of equal owners, left to right;
        found on the first paint (the picture never changes)."""
        if self._runs is None:
            cells: dict[int, list[tuple[int, tuple]]] = {}
            for (x, y), owners in self.picture.owners.items():
                cells.setdefault(y, []).append((x, owners))
            self._runs = {}
            for y, row_cells in cells.items():
                runs: list[list] = []
                for x, owners in sorted(row_cells):
                    if runs and runs[-1][1] == x and runs[-1][2] == owners:
                        runs[-1][1] = x + 1
                    else:
                        runs.append([x, x + 1, owners])
                self._runs[y] = [tuple(run) for run in runs]
        return self._runs.get(row, [])

    def _style(self, owners: tuple) -> Style:
        labels = self.labels
        for owner in owners:
            kind = owner[0]
            if kind == "slot":
                name, row = owner[1], owner[2]
                if row == VALUE_ROW:
                    return VALUE
                if row == GRAD_ROW and labels is not None:
                    return PARTIAL_GRAD if name in labels.partial else GRAD
            elif kind == "node":
                return self._node_style(owner[1])
            elif kind == "edge" and labels is not None and owner[1] in labels.reads:
                return ACTIVE_EDGE
        return PLAIN

    def _node_style(self, name: str) -> Style:
        if self.labels is not None and name == self.labels.current:
            return CURRENT
        if name == self.selected:
            return SELECTED
        if name in self._operands:
            return OPERAND
        return PLAIN if name in self.reached else DIM

    def on_click(self, event: events.Click) -> None:
        scroll_x, scroll_y = self.scroll_offset
        name = self.picture.node_at(event.x + scroll_x, event.y + scroll_y)
        if name is not None:
            self.post_message(self.NodeClicked(name))
