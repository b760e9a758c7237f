"""GradCheckScreen: the gradient-check lab. Nudge an input by ±h, a decade at a time, and compare
one-sided and centred differences with backprop; plant a bug in the lab's own backward pass and
find it by checking the nodes one at a time. The data comes from `demos.gradcheck_lab`."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import ContentSwitcher, DataTable, Static

from backprop_tui.demos.gradcheck_lab import LabState, lab_state
from backprop_tui.demos.planted_bugs import KINDS, broken_inputs, plant
from backprop_tui.engine import format as fmt
from backprop_tui.engine.gradcheck import band
from backprop_tui.engine.trace import Trace
from backprop_tui.tui.widgets.demo_plots import Chart
from backprop_tui.tui.widgets.error_vs_h import paint_error_vs_h
from backprop_tui.tui.widgets.key_footer import KeyFooter

BAND_STYLES = {"good": "green", "ok": "yellow", "suspicious": "magenta", "wrong": "red"}
START_H = 1e-4  # the lecture notes' h: the row the lab opens at


class GradCheckScreen(Screen):
    BINDINGS = [
        Binding("escape,g", "dismiss", "Close"),
        Binding("up", "step_h(-1)", "h×10", priority=True),
        Binding("down", "step_h(1)", "h÷10", priority=True),
        Binding("tab", "next_input", "Input"),
        Binding("b", "plant_bug", "Plant bug"),
        Binding("x", "fix_bug", "Fix"),
        Binding("c", "check_node", "Check node"),
        Binding("v", "toggle_view", "Plot/nodes"),
    ]
    help_intro = (
        "Nudge an input by ±h and compare the one-sided (f(x+h) − f(x))/h and centred "
        "(f(x+h) − f(x−h))/2h estimates with backprop. Large h: truncation error, slope 1 and 2 "
        "on the log-log plot. Tiny h: f(x+h) and f(x−h) agree in almost every digit and round-off "
        "takes over. Plant a bug (b) and find it by checking nodes from the output backwards (c)."
    )

    def __init__(self, trace: Trace, name: str, *, state: LabState | None = None) -> None:
        """`state` replaces the first computed state (fixed data for pictures)."""
        super().__init__()
        self.graph, self.values = trace.graph, dict(trace.values)
        self.inputs = [n for n in trace.graph.input_names if n in trace.grads]
        self.input_name = name
        self.state = state or lab_state(self.graph, self.values, name)
        self.row = next(i for i, r in enumerate(self.state.series.rows) if r.h <= START_H)
        self.bugs_planted = 0  # picks where the next bug goes
        self.checked = 0  # nodes checked so far, from the output backwards

    def compose(self) -> ComposeResult:
        yield Static(id="gradcheck-detail")
        with Horizontal(id="gradcheck-body"):
            yield DataTable(id="gradcheck-table", cursor_type="row", zebra_stripes=True)
            with ContentSwitcher(initial="gradcheck-plot", id="gradcheck-right"):
                yield Chart(id="gradcheck-plot")
                yield DataTable(id="gradcheck-nodes", cursor_type="none", zebra_stripes=True)
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        nodes = self.query_one("#gradcheck-nodes", DataTable)
        nodes.add_columns("node", "backprop", "numeric", "error")
        nodes.border_title = "checking nodes, output first"
        self.show_state()

    # --- showing ------------------------------------------------------------------

    @property
    def current(self):
        return self.state.series.rows[self.row]

    def show_state(self) -> None:
        series = self.state.series
        table = self.query_one("#gradcheck-table", DataTable)
        table.clear(columns=True)
        table.add_columns("h", "one-sided", "centred", "")
        for row in series.rows:
            table.add_row(
                f"{row.h:.0e}", _error(row.one_sided_error), _error(row.centred_error),
                Text("⚠ kink " + ", ".join(row.kinks), style="bold magenta") if row.kinks else "",
            )
        table.border_title = Text(f"nudging {series.element}: errors")
        table.move_cursor(row=self.row, animate=False)
        self.show_h()
        self.show_nodes()

    def show_h(self) -> None:
        """What depends on h: the detail lines and the plot's marker."""
        series, row, x = self.state.series, self.current, self.state.series.element
        detail = Text.assemble(
            (f"Nudging {x} = {fmt.number(series.value, 6)}", "bold"),
            f" · backprop ∂f/∂{x} = ", (fmt.number(series.analytic, 8), "bold red"),
            " · bug: ", _bug_status(self.state),
            f"\nh = {row.h:.0e}  f({x}+h) = {fmt.number(row.plus, 10)}  f({x}) = {fmt.number(series.f, 10)}"
            f"  f({x}−h) = {fmt.number(row.minus, 10)}",
            f"\none-sided (f({x}+h) − f({x}))/h   = {fmt.number(row.one_sided, 8):<12} error ",
            _error(row.one_sided_error),
            f"\ncentred   (f({x}+h) − f({x}−h))/2h = {fmt.number(row.centred, 8):<12} error ",
            _error(row.centred_error),
            "\n", self._warning(),
        )
        self.query_one("#gradcheck-detail", Static).update(detail)
        rows = series.rows
        self.query_one("#gradcheck-plot", Chart).show(lambda plt, size: paint_error_vs_h(
            plt, [r.h for r in rows], [r.one_sided_error for r in rows], [r.centred_error for r in rows],
            slopes=(series.one_sided_slope, series.centred_slope),
            round_off=[r.round_off for r in rows], current=row.h, kinked=[bool(r.kinks) for r in rows],
            width=size.width))

    def _warning(self) -> Text:
        if self.current.kinks:
            return Text(f"⚠ {self.state.series.element} ± h crosses the kink of {', '.join(self.current.kinks)}: "
                        "this estimate mixes two slopes", style="bold magenta")
        diagnosis = self.state.diagnosis
        if diagnosis is not None and self.checked >= self._flag_index() + 1:
            return Text(f"✖ found: {diagnosis.message}", style="bold red")
        if self.state.bug is not None:
            return Text("A bug is planted. c checks nodes one at a time, from the output back.", style="italic")
        series = self.state.series
        return Text(f"↑/↓ h · least error at {series.best_centred_h:.0e} centred, "
                    f"{series.best_one_sided_h:.0e} one-sided · b plants a bug", style="dim")

    def _flag_index(self) -> int:
        names = [c.node for c in self.state.checks]
        diagnosis = self.state.diagnosis
        return names.index(diagnosis.node) if diagnosis else len(names)

    def show_nodes(self) -> None:
        nodes = self.query_one("#gradcheck-nodes", DataTable)
        nodes.clear()
        flagged = self.state.diagnosis.node if self.state.diagnosis else None
        for check in self.state.checks[: self.checked]:
            name = Text(("✖ " if check.node == flagged else "") + check.node,
                        style="bold red" if check.node == flagged else "")
            nodes.add_row(name, fmt.number(check.analytic, 6), fmt.number(check.numeric, 6),
                          _error(check.relative_error))

    # --- keys ---------------------------------------------------------------------

    def action_step_h(self, direction: int) -> None:
        self.row = min(max(self.row + direction, 0), len(self.state.series.rows) - 1)
        self.query_one("#gradcheck-table", DataTable).move_cursor(row=self.row, animate=False)
        self.show_h()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "gradcheck-table" and event.cursor_row != self.row:
            self.row = event.cursor_row  # a click or page key moved the cursor: follow it
            self.show_h()

    def action_next_input(self) -> None:
        self.input_name = self.inputs[(self.inputs.index(self.input_name) + 1) % len(self.inputs)]
        self._recompute(self.state.bug)

    def action_plant_bug(self) -> None:
        kinds = list(KINDS)
        start = kinds.index(self.state.bug.kind) + 1 if self.state.bug else 0
        for kind in kinds[start:] + kinds[:start]:
            others = [n for n in self.inputs if n != self.input_name]
            bug = plant(self.graph, self.values, kind, [self.input_name, *others], self.bugs_planted)
            if bug is not None:
                break
        else:
            self.notify("No op here can be broken visibly.", timeout=3)
            return
        self.bugs_planted += 1
        self.checked = 0
        broken = broken_inputs(self.graph, self.values, bug, self.inputs)
        if self.input_name not in broken:  # nudge an input the bug shows in
            self.input_name = broken[0]
        self._recompute(bug)
        self.notify(f"Planted: {KINDS[bug.kind]}, somewhere. Find it with c.", timeout=4)

    def action_fix_bug(self) -> None:
        self.checked = 0
        self._recompute(None)

    def action_check_node(self) -> None:
        self.query_one(ContentSwitcher).current = "gradcheck-nodes"
        self.checked = min(self.checked + 1, len(self.state.checks))
        self.show_nodes()
        self.show_h()

    def action_toggle_view(self) -> None:
        switcher = self.query_one(ContentSwitcher)
        switcher.current = "gradcheck-nodes" if switcher.current == "gradcheck-plot" else "gradcheck-plot"

    def _recompute(self, bug) -> None:
        self.state = lab_state(self.graph, self.values, self.input_name, bug)
        self.show_state()


def _error(error: float) -> Text:
    return Text(f"{error:.1e}", style=BAND_STYLES[band(error)])


def _bug_status(state: LabState) -> Text:
    if state.bug is None:
        return Text("none", style="green")
    return Text(f"{KINDS[state.bug.kind]} (somewhere)", style="bold red")
