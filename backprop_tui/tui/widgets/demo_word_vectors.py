"""The word vectors as training moves them, one recorded snapshot (frame) at a time, with the
boundary of that moment; television stands out. A finished run shows its last frame."""

from __future__ import annotations

from backprop_tui.tui.widgets.demo_plots import DemoPlots

CLASS_COLOURS = ("green", "cyan")  # nature, screens
HIGHLIGHT, HIGHLIGHT_COLOUR = "television", "orange"
MARGIN = 0.3  # around the points, in vector units
LEGEND_ROWS = 6  # kept free above the points for plotext's legend
FRAME_ROWS = 4  # title, top and bottom frame, x ticks
FRAME_COLUMNS = 9  # y ticks and the frame


class WordVectorsPlot(DemoPlots):
    CHARTS = ("words-plot",)

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self.result = None
        self.frame = 0

    @property
    def last_frame(self) -> int:
        return len(self.result.snapshots) - 1 if self.result is not None else 0

    def show(self, result) -> None:
        self.result = result
        self.show_frame(self.last_frame)

    def show_frame(self, frame: int) -> None:
        """Draw snapshot `frame` (clamped to the recorded ones)."""
        self.frame = min(max(frame, 0), self.last_frame)
        result, frame = self.result, self.frame
        self.chart("words-plot").show(lambda plt, size: _scatter(plt, result, frame, size))


def _scatter(plt, result, frame: int, size) -> None:
    words, snapshots = result.words, result.snapshots
    now = snapshots[frame]
    points = [r.before for r in words] + [p for s in snapshots for p in s.positions.values()]
    low_x, high_x = min(x for x, _ in points) - MARGIN, max(x for x, _ in points) + MARGIN
    low_y, high_y = min(y for _, y in points) - MARGIN, max(y for _, y in points) + MARGIN
    rows = max(size.height - FRAME_ROWS, LEGEND_ROWS + 2)
    high_y += LEGEND_ROWS * (high_y - low_y) / (rows - LEGEND_ROWS)
    column = (high_x - low_x) / max(size.width - FRAME_COLUMNS, 10)  # one character, in vector units

    plt.scatter([r.before[0] for r in words], [r.before[1] for r in words],
                marker="○", color="gray", label="before training")
    for r in words:  # the path each word has taken so far
        path = [s.positions[r.word] for s in snapshots[: frame + 1]]
        if path[0] != path[-1]:
            plt.plot([x for x, _ in path], [y for _, y in path], marker="braille", color="gray")
    for index, name in enumerate(result.classes):
        moved = [now.positions[r.word] for r in words if r.label == name and r.word != HIGHLIGHT]
        plt.scatter([x for x, _ in moved], [y for _, y in moved],
                    marker="●", color=CLASS_COLOURS[index], label=f"now: {name}")
    television = now.positions[HIGHLIGHT]
    plt.scatter([television[0]], [television[1]], marker="✖", color=HIGHLIGHT_COLOUR,
                label="television (not in the training data)")
    xs, ys = _boundary_line(now.boundary, (low_x, high_x), (low_y, high_y))
    if xs:
        plt.plot(xs, ys, marker="braille", color="red", label="decision boundary")
    middle = (low_x + high_x) / 2
    for r in words:  # each word beside its point, on the side towards the middle
        colour = HIGHLIGHT_COLOUR if r.word == HIGHLIGHT else "default"
        x, y = now.positions[r.word]
        if x < middle:
            plt.text(r.word, x + 2 * column, y, color=colour, alignment="left")
        else:
            plt.text(r.word, x - 2 * column, y, color=colour, alignment="right")
    plt.xlim(low_x, high_x)
    plt.ylim(low_y, high_y)
    mode = "frozen vectors" if result.options.freeze_vectors else "fine-tuned vectors"
    label = next(r.label for r in words if r.word == HIGHLIGHT)
    predicted = now.predicted[HIGHLIGHT]
    verdict = "right" if predicted == label else "WRONG"
    plt.title(f"{mode}, epoch {now.epoch}/{snapshots[-1].epoch}: television is {verdict} ({predicted})")


def _boundary_line(boundary, x_range, y_range, samples: int = 60):
    """Points of w·p + b = 0 inside the box, sampled along whichever axis the line is steeper on."""
    (w0, w1), b = boundary.w, boundary.b
    if max(abs(w0), abs(w1)) < 1e-12:
        return [], []  # an untrained classifier has no boundary yet
    steps = [k / (samples - 1) for k in range(samples)]
    if abs(w1) >= abs(w0):
        xs = [x_range[0] + k * (x_range[1] - x_range[0]) for k in steps]
        ys = [-(w0 * x + b) / w1 for x in xs]
    else:
        ys = [y_range[0] + k * (y_range[1] - y_range[0]) for k in steps]
        xs = [-(w1 * y + b) / w0 for y in ys]
    inside = [(x, y) for x, y in zip(xs, ys)
              if x_range[0] <= x <= x_range[1] and y_range[0] <= y <= y_range[1]]
    return [x for x, _ in inside], [y for _, y in inside]
