"""The gradient-check lab screen (lesson g): every key changes what is shown; snapshots of
lesson 13's lab from stored states (`tests/fixed_lab_states.py`), at 100×30 and 80×24."""

import pytest
from textual.widgets import DataTable

from backprop_tui.engine.statements import parse_program
from backprop_tui.engine.trace import run
from backprop_tui.tui.screens.gradcheck import GradCheckScreen
from backprop_tui.tui.widgets.demo_plots import Chart
from tests.fixed_lab_states import NUDGED, fixed_lab_state, lesson

from .conftest import text_of, type_quickly

SIZE = (100, 30)


async def open_lab(app, pilot, trace, name: str, state=None) -> GradCheckScreen:
    await app.push_screen(GradCheckScreen(trace, name, state=state))
    await pilot.pause()
    return app.screen


def detail(screen) -> str:
    return text_of(screen.query_one("#gradcheck-detail"))


def plot(screen) -> str:
    return screen.query_one("#gradcheck-plot", Chart).render().plain


def cells(table: DataTable, column: int) -> list[str]:
    return [str(table.get_row_at(i)[column]) for i in range(table.row_count)]


async def test_arrows_change_h_and_the_table_detail_and_plot_follow(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(app, pilot, lesson().trace, "b")
        assert "f(b+h)" in detail(screen) and "f(b−h)" in detail(screen)  # the input nudged
        assert "nudging b" in str(screen.query_one("#gradcheck-table").border_title)
        assert screen.current.h == 1e-4 and "h = 1e-04" in detail(screen)
        before, picture = detail(screen), plot(screen)
        await pilot.press("down")
        assert screen.current.h == pytest.approx(1e-5) and "h = 1e-05" in detail(screen)
        assert screen.query_one("#gradcheck-table", DataTable).cursor_row == screen.row
        assert detail(screen) != before and plot(screen) != picture  # the marker moved
        type_quickly(app, ["up"] * 20)  # more than the steps to the largest h
        await pilot.pause()
        assert screen.current.h == pytest.approx(0.1) and screen.row == 0


async def test_tab_nudges_the_next_input(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(app, pilot, lesson().trace, "w")
        await pilot.press("down", "tab")
        await pilot.pause()
        assert screen.state.series.input != "w" and screen.current.h == pytest.approx(1e-5)
        assert f"Nudging {screen.state.series.input} =" in detail(screen)


async def test_a_planted_bug_is_found_by_checking_nodes_one_at_a_time(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(app, pilot, lesson().trace, "w")
        assert screen.current.centred_error < 1e-6 and "bug: none" in detail(screen)
        await pilot.press("b")
        assert screen.state.bug is not None and screen.state.bug.kind == "sign"
        assert screen.current.centred_error > 0.1  # from round-off to order one
        assert "flip a sign" in detail(screen)
        nodes = screen.query_one("#gradcheck-nodes", DataTable)
        assert nodes.row_count == 0
        flagged = [c.node for c in screen.state.checks].index(screen.state.diagnosis.node)
        for count in range(1, flagged + 1):
            await pilot.press("c")
            assert nodes.row_count == count and "found" not in detail(screen)
        await pilot.press("c")
        assert cells(nodes, 0)[-1] == f"✖ {screen.state.diagnosis.node}"
        assert "found: " + screen.state.diagnosis.message in detail(screen).replace("\n", " ")
        await pilot.press("b")  # the next kind of bug, the checks start again
        assert screen.state.bug.kind == "upstream" and nodes.row_count == 0
        await pilot.press("x")
        assert screen.state.bug is None and "bug: none" in detail(screen)


async def test_v_switches_between_the_plot_and_the_node_checks(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(app, pilot, lesson().trace, "w")
        switcher = screen.query_one("#gradcheck-right")
        assert switcher.current == "gradcheck-plot"
        await pilot.press("v")
        assert switcher.current == "gradcheck-nodes"
        await pilot.press("v", "c")  # checking a node shows the checks
        assert switcher.current == "gradcheck-nodes"


async def test_the_row_whose_probe_crosses_a_kink_warns(make_app):
    app = make_app()
    trace = run(parse_program("f = relu(x) * 3"), {"x": 2e-3})
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(app, pilot, trace, "x")
        notes = cells(screen.query_one("#gradcheck-table", DataTable), 3)
        assert [bool(note) for note in notes] == [row.h > 2e-3 for row in screen.state.series.rows]
        assert "kink" in notes[0] and "kink" not in detail(screen)
        await pilot.press("up", "up", "up")
        assert "x ± h crosses the kink of t1" in detail(screen)


async def test_g_and_escape_close_the_lab(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_lab(app, pilot, lesson().trace, "w")
        await pilot.press("g")
        assert not isinstance(app.screen, GradCheckScreen)


def show_lab(name: str, keys=()):
    async def push(pilot):
        await pilot.app.push_screen(GradCheckScreen(lesson().trace, NUDGED, state=fixed_lab_state(name)))
        await pilot.pause()
        await pilot.press(*keys)

    return push


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_lab_snapshot(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=show_lab("gradcheck-lab"))


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_lab_with_a_bug_found_snapshot(snap_compare, make_app, size):
    state = fixed_lab_state("gradcheck-lab-bug")
    presses = [c.node for c in state.checks].index(state.diagnosis.node) + 1
    assert snap_compare(make_app(), terminal_size=size, run_before=show_lab("gradcheck-lab-bug", ["c"] * presses))


async def test_with_a_bug_the_error_is_flat_in_h(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(app, pilot, lesson().trace, "w")
        assert "centred 2.0" in plot(screen)
        await pilot.press("b")
        assert "centred flat" in plot(screen)
