"""Demo screens: runs start, show progress, cancel with Escape and end in plots; the demo keys;
how the picker, a lesson and the palette open demos; snapshots of each demo's plots.

Snapshots show stored results (`tests/fixed_demo_results.py`): a run's numbers vary by machine.
After an intended change of looks: `pytest tests/tui/test_demo_screens.py --snapshot-update`.
"""

import pytest

from backprop_tui.demos import GradientCheckOptions, TrainingOptions, VectorizationOptions, WordVectorsOptions
from backprop_tui.lessons.load import load_lesson
from backprop_tui.lessons.walkthrough import Walkthrough
from backprop_tui.tui.screens.demo import SCREENS, DemoChooser, DemoScreen, TrainingLabScreen
from backprop_tui.tui.screens.lesson import LessonScreen
from backprop_tui.tui.screens.picker import LessonPicker
from backprop_tui.tui.widgets.demo_plots import Chart, DemoPlots
from backprop_tui.tui.widgets.line_chart import LineChart
from tests.fixed_demo_results import fixed_demo_result

from .conftest import LESSONS, SMALL, text_of, type_quickly, wait_until

SIZE = (100, 30)

# Runs that would take minutes, so Escape surely arrives while they are going.
LONG = {
    "vectorization": VectorizationOptions(n=50, d=10, repeats=10**6),
    "word-vectors": WordVectorsOptions(epochs=10**7),
    "training-lab": TrainingOptions(points_per_class=20, hidden=8, epochs=10**5, grid=0),
    "gradient-check": GradientCheckOptions(cost_hidden_sizes=(8,), repeats=10**4),
}
# A word each demo's plots show once drawn.
PLOT_WORDS = {
    "vectorization": "threads",
    "word-vectors": "television",
    "training-lab": "accuracy",
    "gradient-check": "relative errors",
}


async def run_demo(app, pilot, name: str, options) -> DemoScreen:
    app.open_demo(name, options)
    await pilot.pause()
    return app.screen


async def finish(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def status(screen: DemoScreen) -> str:
    return text_of(screen.query_one("#demo-status"))


async def test_escape_cancels_a_run_and_a_second_escape_leaves(make_app):
    app = make_app()  # one app (starting one costs more than a check), each demo in turn
    async with app.run_test(size=SIZE) as pilot:
        for name in SCREENS:
            # No pilot.press or pause while the run computes: each would last a second.
            app.open_demo(name, LONG[name])
            await wait_until(pilot, lambda: isinstance(app.screen, SCREENS[name]) and app.screen.running)
            screen = app.screen
            type_quickly(app, ["escape"])
            await finish(app, pilot)
            assert app.screen is screen and not screen.running, name
            assert screen.result.cancelled, name
            assert "cancelled" in status(screen), name
            # The training lab keeps what it learned before the cancel on screen; the others hide.
            assert screen.query_one(DemoPlots).display == (name == "training-lab"), name
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, LessonPicker), name


async def test_a_finished_run_shows_its_plots_and_summary(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for name in SCREENS:
            screen = await run_demo(app, pilot, name, SMALL[name])
            await finish(app, pilot)
            assert not screen.result.cancelled, name
            assert "finished" in status(screen), name
            plots = screen.query_one(DemoPlots)
            assert plots.display, name
            pictures = [chart.render().plain for chart in plots.query(Chart)] + [
                "".join(segment.text for row in chart.rows(*chart.content_size) for segment in row)
                for chart in plots.query(LineChart)]
            assert pictures and any(PLOT_WORDS[name] in picture for picture in pictures), name
            assert text_of(screen.query_one("#demo-summary")).strip(), name
            app.pop_screen()


async def test_word_vectors_f_reruns_with_frozen_vectors(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await run_demo(app, pilot, "word-vectors", WordVectorsOptions())
        await finish(app, pilot)
        assert not screen.result.television_correct  # fine-tuning leaves television behind
        await pilot.press("f")
        await finish(app, pilot)
        assert screen.options.freeze_vectors and screen.result.options.freeze_vectors
        assert screen.result.television_correct


async def test_training_lab_compares_optimizers_then_switches_axis(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await run_demo(app, pilot, "training-lab", SMALL["training-lab"])
        await pilot.press("o")
        await finish(app, pilot)
        assert screen.result.labels == ("optimizer=sgd", "optimizer=momentum", "optimizer=adam")
        assert "steps/s" in text_of(screen.query_one("#demo-summary"))
        await pilot.press("n")
        await finish(app, pilot)
        assert screen.axis == "nonlinearity"
        assert [label.split("=")[1] for label in screen.result.labels] == [
            "sigmoid", "tanh", "relu", "leaky_relu"]
        await pilot.press("l")  # the overfitting lesson sends learners here
        await finish(app, pilot)
        assert screen.result.labels == ("l2=0.0", "l2=0.003", "l2=0.03")
        assert "held-out loss" in text_of(screen.query_one("#demo-summary"))


async def test_vectorization_plus_doubles_n_and_gradient_check_n_tries_relu(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await run_demo(app, pilot, "vectorization", SMALL["vectorization"])
        await pilot.press("plus")
        await finish(app, pilot)
        assert screen.result.options.n == 40 and not screen.result.cancelled
        screen = await run_demo(app, pilot, "gradient-check", SMALL["gradient-check"])
        await pilot.press("n")
        await finish(app, pilot)
        assert screen.result.options.nonlinearity == "relu"


async def test_picker_d_opens_the_demo_chooser(make_app, small_demos):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DemoChooser)
        await pilot.press("down", "down", "enter")  # the third demo: the training lab
        await pilot.pause()
        assert isinstance(app.screen, TrainingLabScreen)
        await pilot.press("escape")
        await finish(app, pilot)


async def test_lesson_d_opens_its_demo_or_says_it_has_none(make_app, apple_tax, small_demos):
    app = make_app(first=apple_tax, review=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)  # apple-tax links no demo
        linked = Walkthrough.from_lesson(load_lesson(LESSONS / "numerical-gradient-check.yaml"))
        app.open_walkthrough(linked)
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, SCREENS["gradient-check"])
        await pilot.press("escape")
        await finish(app, pilot)


async def test_palette_lists_every_demo(make_app):
    app = make_app()
    async with app.run_test(size=SIZE):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Run demo: Why we vectorize" in titles
        assert sum(t.startswith("Run demo: ") for t in titles) == len(SCREENS)


def show_demo(name: str):
    async def push(pilot):
        await pilot.app.push_screen(SCREENS[name](result=fixed_demo_result(name)))
        await pilot.pause()

    return push


@pytest.mark.parametrize("name", list(SCREENS))
def test_demo_plots_snapshot(snap_compare, make_app, name):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=show_demo(name))


def test_demo_small_terminal_snapshot(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=show_demo("vectorization"))


def test_demo_large_terminal_snapshot(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(200, 60), run_before=show_demo("training-lab"))
