"""The gradient-check demo: its error-against-h plot, and l opens the nudge lab on a small graph."""

import pytest
from textual.widgets import DataTable

from backprop_tui.tui.screens.demo import SCREENS
from backprop_tui.tui.screens.gradcheck import GradCheckScreen
from backprop_tui.tui.widgets.demo_plots import Chart
from tests.fixed_demo_results import fixed_demo_result

SIZE = (100, 30)


async def test_the_sweep_is_plotted_and_l_opens_the_lab_where_a_kink_warns(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(SCREENS["gradient-check"](result=fixed_demo_result("gradient-check")))
        await pilot.pause()
        demo = app.screen
        sweep = demo.query_one("#sweep-plot", Chart).render().plain
        assert "error vs h" in sweep and "centred 2.0" in sweep
        await pilot.press("l")
        await pilot.pause()
        lab = app.screen
        assert isinstance(lab, GradCheckScreen) and lab.state.series.input == "w"
        notes = [str(lab.query_one("#gradcheck-table", DataTable).get_row_at(i)[3]) for i in range(3)]
        assert "kink r" in notes[0] and notes[1:] == ["", ""]  # only the largest h crosses w = 0.45
        await pilot.press("escape")
        assert app.screen is demo


async def show_demo(pilot):
    await pilot.app.push_screen(SCREENS["gradient-check"](result=fixed_demo_result("gradient-check")))
    await pilot.pause()


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_gradient_check_demo_snapshot(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=show_demo)
