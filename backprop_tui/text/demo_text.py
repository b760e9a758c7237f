"""`backprop-tui demo`: the demos listed, and one demo's result as JSON or as text (Rich, no Textual).

The text is the demo's own `summarize` lines followed by a bar chart of its main numbers,
drawn with block characters so it reads the same with or without colour.
"""

from __future__ import annotations

import dataclasses
import json
import math
import textwrap
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from backprop_tui.demos import DEMOS, DemoInfo
from backprop_tui.demos._options import range_text
from backprop_tui.demos.vectorization import threads_text, verdict_text

BAR_WIDTH = 40
EIGHTHS = " ▏▎▍▌▋▊▉"

Bar = tuple[str, float, str]  # label, length (any unit: a chart scales its own), value as text


def find_demo(name: str, settings: Sequence[str] = ()) -> tuple[DemoInfo, Any]:
    """The demo called `name` and its options from `key=value` texts; ValueError if either is bad."""
    demo = DEMOS.get(name)
    if demo is None:
        raise ValueError(f"no demo named {name!r}; demos are {', '.join(DEMOS)}")
    values = {}
    for setting in settings:
        key, equals, value = setting.partition("=")
        if not equals or not key.strip():
            raise ValueError(f"--set expects key=value, got {setting!r}")
        values[key.strip()] = value
    return demo, demo.options(values)


def print_demo_list(console: Console) -> None:
    table = Table(box=None, pad_edge=False, show_header=False)
    table.add_column(no_wrap=True, style="bold")
    table.add_column()
    for demo in DEMOS.values():
        about = Text(demo.title + "\n", style="bold")
        about.append(first_sentence(demo.description) + "\n", style="default")
        table.add_row(demo.name, about)
    console.print(table)
    console.print("Run one with: backprop-tui demo NAME [--plain|--json] [--set key=value ...]",
                  style="dim")


NO_BREAK = "\u00a0"


def demo_options_help() -> str:
    """For `demo --help`: each demo with the keys `--set` takes, their defaults and the
    ranges the demo declares for them."""
    lines = ["demos and their options (--set KEY=VALUE; the defaults shown, and the allowed range):"]
    for demo in DEMOS.values():
        lines.append(f"  {demo.name}: {demo.title}")
        # A setting is never split across lines: its own spaces are no-break spaces while wrapping.
        settings = [_setting(demo.defaults, field).replace(" ", NO_BREAK) for field in dataclasses.fields(demo.options_type)]
        lines.append(textwrap.fill("  ".join(settings), 79, initial_indent=" " * 6, subsequent_indent=" " * 6,
                                   break_long_words=False).replace(NO_BREAK, " "))
    return "\n".join(lines)


def _setting(defaults, field: dataclasses.Field) -> str:
    value = getattr(defaults, field.name)
    shown = f"{field.name}={','.join(map(str, value)) if isinstance(value, tuple) else value}"
    allowed = range_text(defaults, field.name)
    return shown if allowed is None else f"{shown} ({allowed})"


def first_sentence(paragraph: str) -> str:
    head, dot, _ = paragraph.partition(". ")
    return head + dot.strip()


def result_json(result) -> str:
    return json.dumps(result.as_dict(), indent=2)


def print_result(console: Console, demo: DemoInfo, result) -> None:
    console.print(Text(demo.title, style="bold underline"))
    for line in demo.summarize(result):
        console.print(line)
    note = getattr(result, "note", None)
    if note:
        console.print(Text("\n" + note, style="italic"))
    for title, bars in CHARTS[demo.name](result):
        if bars:
            console.print()
            console.print(Text(title, style="bold"))
            console.print(bar_chart(bars))


def bar_chart(bars: Sequence[Bar], width: int = BAR_WIDTH) -> Table:
    """One row per bar, scaled so the longest is `width` cells, in eighths of a cell."""
    longest = max((length for _, length, _ in bars), default=0.0)
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    for label, length, value in bars:
        eighths = round(8 * width * length / longest) if longest > 0 else 0
        block = "█" * (eighths // 8) + EIGHTHS[eighths % 8].strip()
        table.add_row(label, Text(block.ljust(width), style="cyan"), value)
    return table


def _vectorization_charts(result):
    for title, part in (("scores: loop of W.dot(x) vs one W.dot(X)", result.matvec),
                        ("softmax classifier, forward and backward", result.classifier)):
        for timing in (part.single_thread, part.all_threads):
            if timing.verdict is None:
                continue
            bars = [("looped", timing.looped_seconds, f"{timing.looped_seconds * 1e3:.3f} ms"),
                    ("batched", timing.batched_seconds, f"{timing.batched_seconds * 1e3:.3f} ms")]
            yield f"{title}, BLAS on {threads_text(timing)} ({verdict_text(timing)})", bars


def _word_vector_charts(result):
    bars = [(f"{r.word}{'' if r.in_training else ' (unseen)'}", r.moved, f"{r.moved:.2f}")
            for r in result.words]
    yield "how far each word vector moved", bars


def _training_charts(result):
    if not result.loss:
        return
    every = max(len(result.loss) // 10, 1)
    epochs = sorted({*range(every, len(result.loss) + 1, every), len(result.loss)})
    bars = [(f"epoch {e}", _finite(result.loss[e - 1]), f"{result.loss[e - 1]:.4f}") for e in epochs]
    yield "training loss", bars


def _gradient_check_charts(result):
    counts, edges = result.histogram_counts, result.histogram_edges
    used = [i for i, count in enumerate(counts) if count]
    if used:
        bars = [(f"1e{edges[i]:+03.0f} .. 1e{edges[i + 1]:+03.0f}", counts[i], str(counts[i]))
                for i in range(used[0], used[-1] + 1)]
        yield "relative errors, per decade (below 1e-07 is good, above 1e-02 means a bug)", bars
    bars = [(f"{p.parameters:>5} parameters", p.ratio, f"{p.ratio:,.0f}x") for p in result.cost]
    yield "numerical gradient time / backward pass time", bars


def _finite(value: float) -> float:
    return value if math.isfinite(value) else 0.0


CHARTS = {
    "vectorization": _vectorization_charts,
    "word-vectors": _word_vector_charts,
    "training-lab": _training_charts,
    "gradient-check": _gradient_check_charts,
}
