"""The training lab's screen: --set opens it with those settings; every knob changes what is
plotted; typed values are checked; plots change while it trains; pause, one epoch, resume;
Escape cancels a paused run; the compare view; snapshots of both views fed stored results.

Snapshots show stored results (`python -m tests.fixed_demo_results`): a run's numbers vary by
machine. After an intended change of looks: `pytest tests/tui/test_training_lab_screen.py --snapshot-update`.
"""

import dataclasses

import pytest

from backprop_tui.demos.training_knobs import KNOBS
from backprop_tui.demos.training_options import TrainingOptions
from backprop_tui.text.demo_text import find_demo
from backprop_tui.tui.screens.training_lab import TrainingLabScreen
from backprop_tui.tui.widgets.decision_boundary import DecisionBoundary
from backprop_tui.tui.widgets.line_chart import LineChart
from backprop_tui.tui.widgets.training_knobs import KnobInput, KnobPanel
from tests.fixed_demo_results import fixed_demo_result

from .conftest import text_of, type_quickly, wait_until

SIZE = (100, 30)
# Quick runs in which every knob's next value makes a difference (a batch smaller than the
# data, a step schedule that steps within the epochs).
QUICK = TrainingOptions(points_per_class=10, hidden=4, epochs=3, batch_size=4, step_every=1, grid=6,
                        gradient_check=False)
SLOW = dataclasses.replace(QUICK, epochs=10**5)  # runs until stopped


async def open_lab(app, pilot, options) -> TrainingLabScreen:
    app.open_demo("training-lab", options)
    await pilot.pause()
    return app.screen


async def finish(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def plotted(screen: TrainingLabScreen):
    """What the charts and the decision boundary are showing."""
    charts = tuple(chart.data for chart in screen.query(LineChart))
    return charts, screen.query_one(DecisionBoundary).data


def epochs_shown(screen: TrainingLabScreen) -> int:
    charts, _ = plotted(screen)
    return len(charts[0].series[0].values)


async def test_set_values_open_the_single_run_view_with_those_settings(make_app):
    _, options = find_demo("training-lab", ["optimizer=sgd", "epochs=3", "points_per_class=10",
                                            "hidden=4", "gradient_check=false"])
    app = make_app(demo="training-lab", demo_options=options)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TrainingLabScreen) and screen.axis is None
        await finish(app, pilot)
        assert [run.options.optimizer for run in screen.result.runs] == ["sgd"]
        assert "optimizer     sgd" in text_of(screen.query_one("#knob-list"))
        assert "sgd at 0.5" in text_of(screen.query_one("#demo-summary"))


async def test_each_knob_steps_its_value_and_the_plots_follow(make_app):
    """One lab, knob after knob (↓ then →): each step changes the value, the run and the plots."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(app, pilot, QUICK)
        await finish(app, pilot)
        for index, knob in enumerate(KNOBS):
            options, before = screen.options, plotted(screen)
            await pilot.press(*["down"] * (index > 0), "right")
            await finish(app, pilot)
            where = f"→ on knob {knob.name}"
            assert knob.value(screen.options) != knob.value(options), where
            assert knob.value(screen.result.runs[0].options) == knob.value(screen.options), where
            assert plotted(screen) != before, where
            assert knob.text(screen.options) in text_of(screen.query_one("#knob-list")), where


async def test_a_typed_value_is_used_and_a_bad_one_gets_a_message(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(app, pilot, QUICK)
        await finish(app, pilot)
        learning_rate = [knob.name for knob in KNOBS].index("learning_rate")
        await pilot.press(*["down"] * learning_rate, "enter", *"0.25", "enter")
        await finish(app, pilot)
        assert screen.result.runs[0].learning_rates == (0.25,) * 3
        await pilot.press("enter", *"-1", "enter")
        await pilot.pause()
        assert screen.options.learning_rate == 0.25
        assert any("learning_rate must be > 0" in n.message for n in app._notifications)
        await pilot.press("up", "up", "up", "up", "up", "enter")
        assert screen.query_one(KnobInput).placeholder == "1–1,000"
        await pilot.press(*"5000", "enter")
        await pilot.pause()
        assert any("hidden must be between 1 and 1,000" in n.message for n in app._notifications)
        assert screen.options.hidden == QUICK.hidden and isinstance(screen.focused, KnobPanel)


async def test_the_plots_change_while_it_trains(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        # No pilot.press or pause while it trains: each would last a second (type_quickly says why).
        app.open_demo("training-lab", SLOW)
        await wait_until(pilot, lambda: isinstance(app.screen, TrainingLabScreen))
        screen = app.screen
        await wait_until(pilot, lambda: screen.latest is not None and epochs_shown(screen) > 0)
        first = plotted(screen)
        await wait_until(pilot, lambda: plotted(screen) != first)
        assert screen.running and epochs_shown(screen) > len(first[0][0].series[0].values)
        type_quickly(app, ["escape"])
        await finish(app, pilot)
        assert screen.result.cancelled and epochs_shown(screen) == len(screen.result.runs[0].loss)


async def test_paused_it_trains_one_epoch_per_e_space_resumes_and_escape_cancels(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = TrainingLabScreen(SLOW)
        screen.gate.pause()  # held before its first epoch, as space would hold it
        await app.push_screen(screen)
        await wait_until(pilot, lambda: screen.latest is not None)
        assert epochs_shown(screen) == 0 and "paused at epoch 0" in text_of(screen.query_one("#demo-status"))
        for epoch in (1, 2):
            await pilot.press("e")
            await wait_until(pilot, lambda: epochs_shown(screen) >= epoch)
            assert epochs_shown(screen) == epoch and screen.gate.paused
        type_quickly(app, ["space"])  # no pilot.press while it trains: it would last a second
        await wait_until(pilot, lambda: epochs_shown(screen) > 5)
        assert not screen.gate.paused and "training, epoch" in text_of(screen.query_one("#demo-status"))
        await pilot.press("space")
        assert screen.gate.paused
        await pilot.press("escape")  # while held: cancelled without waiting for a step
        await finish(app, pilot)
        assert not screen.running and screen.result.cancelled and app.screen is screen


async def test_compare_view_and_back(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lab(app, pilot, QUICK)
        await finish(app, pilot)
        assert screen.result.labels == ("run 1",)
        await pilot.press("c")
        await finish(app, pilot)
        assert screen.axis == "optimizer"
        assert screen.result.labels == ("optimizer=sgd", "optimizer=momentum", "optimizer=adam")
        loss_chart = screen.query_one("#loss-plot", LineChart).data
        assert [series.label for series in loss_chart.series] == ["sgd", "momentum", "adam"]
        await pilot.press("i")
        await finish(app, pilot)
        assert [label.split("=")[1] for label in screen.result.labels] == ["zeros", "small", "xavier", "he"]
        await pilot.press("c")
        await finish(app, pilot)
        assert screen.axis is None and screen.result.labels == ("run 1",)


def show_lab(name: str):
    async def push(pilot):
        axis = "optimizer" if name.endswith("compare") else None
        await pilot.app.push_screen(TrainingLabScreen(result=fixed_demo_result(name), axis=axis))
        await pilot.pause()

    return push


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_single_run_view_snapshot(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=show_lab("training-lab"))


def test_compare_view_snapshot(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=show_lab("training-lab-compare"))
