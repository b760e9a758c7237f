"""The word vectors before and after training, with the learned boundary; television stands out."""

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

    def show(self, result) -> None:
        self.chart("words-plot").show(lambda plt, size: _scatter(plt, result, size))


def _scatter(plt, result, size) -> None:
    words = result.words
    points = [r.before for r in words] + [r.after for r in words]
    low_x, high_x = min(x for x, _ in points) - MARGIN, max(x for x, _ in points) + MARGIN
    low_y, high_y = min(y for _, y in points) - MARGIN, max(y for _, y in points) + MARGIN
    rows = max(size.height - FRAME_ROWS, LEGEND_ROWS + 2)
    high_y += LEGEND_ROWS * (high_y - low_y) / (rows - LEGEND_ROWS)
    column = (high_x - low_x) / max(size.width - FRAME_COLUMNS, 10)  # one character, in vector units

    plt.scatter([r.before[0] for r in words], [r.before[1] for r in words],
                marker="○", color="gray", label="before training")
    for index, name in enumerate(result.classes):
        moved = [r for r in words if r.label == name and r.word != HIGHLIGHT]
        plt.scatter([r.after[0] for r in moved], [r.after[1] for r in moved],
                    marker="●", color=CLASS_COLOURS[index], label=f"after: {name}")
    television = next(r for r in words if r.word == HIGHLIGHT)
    plt.scatter([television.after[0]], [television.after[1]], marker="✖", color=HIGHLIGHT_COLOUR,
                label="television (not in the training data)")
    xs, ys = _boundary_line(result.boundary, (low_x, high_x), (low_y, high_y))
    if xs:
        plt.plot(xs, ys, marker="braille", color="red", label="decision boundary")
    middle = (low_x + high_x) / 2
    for r in words:  # each word beside its point, on the side towards the middle
        colour = HIGHLIGHT_COLOUR if r.word == HIGHLIGHT else "default"
        x, y = r.after
        if x < middle:
            plt.text(r.word, x + 2 * column, y, color=colour, alignment="left")
        else:
            plt.text(r.word, x - 2 * column, y, color=colour, alignment="right")
    plt.xlim(low_x, high_x)
    plt.ylim(low_y, high_y)
    mode = "frozen vectors" if result.options.freeze_vectors else "fine-tuned vectors"
    verdict = "right" if result.television_correct else "WRONG"
    plt.title(f"{mode}: television is classified {verdict} ({television.predicted})")


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
