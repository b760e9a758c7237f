"""GradCheckScreen: nudge an input by ±h and watch the numerical estimate meet backprop's gradient."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from backprop_tui.engine import format as fmt
from backprop_tui.engine.gradcheck import nudges
from backprop_tui.engine.trace import Trace

BAND_STYLES = {"good": "green", "ok": "yellow", "suspicious": "magenta", "wrong": "red"}
EXPLANATION = (
    "Large h: the estimate sees the curvature. Small h: it meets backprop's gradient. "
    "Too small: f(x+h) and f(x−h) agree in almost every digit and rounding takes over. "
    "One estimate needs two forward passes per parameter — fine for checking, far too slow for training."
)


class GradCheckScreen(ModalScreen):
    BINDINGS = [Binding("escape,g", "dismiss", "Close")]

    def __init__(self, trace: Trace, name: str) -> None:
        super().__init__()
        self.trace, self.input_name = trace, name

    def compose(self) -> ComposeResult:
        graph = self.trace.graph
        inputs = {n: self.trace.values[n] for n in graph.input_names}
        value = self.trace.values[self.input_name]
        where = f"{self.input_name}[{', '.join('0' * value.ndim)}]" if value.ndim else self.input_name
        analytic = self.trace.grads[self.input_name].reshape(-1)[0]
        with Vertical(id="gradcheck-box") as box:
            box.border_title = Text(f"Nudging {where}")
            box.border_subtitle = "↑/↓ move h · esc closes"
            yield Static(
                Text.assemble(
                    (f"backprop: ∂{graph.output}/∂{where} = ", "bold"),
                    (fmt.number(analytic, 8), "bold red"),
                    ("    estimate = (f(x+h) − f(x−h)) / 2h", "dim"),
                )
            )
            table = DataTable(id="gradcheck-table", cursor_type="row", zebra_stripes=True)
            table.add_columns("h", "f(x+h)", "f(x−h)", "estimate", "relative error", "")
            for row in nudges(graph, inputs, self.input_name):
                verdict = Text(row.band + (" · kink crossed" if row.kink else ""), style=BAND_STYLES[row.band])
                table.add_row(
                    f"{row.h:.0e}", fmt.number(row.plus, 10), fmt.number(row.minus, 10),
                    fmt.number(row.estimate, 8), f"{row.relative_error:.1e}", verdict,
                )
            yield table
            yield Static(EXPLANATION, id="gradcheck-note")

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
