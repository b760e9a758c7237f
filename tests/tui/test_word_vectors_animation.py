"""The word-vector demo plays its snapshots: space plays and pauses, ←/→ step a frame. A
hand-turned clock makes each frame happen (no waiting); pictures show the stored result."""

import pytest

from backprop_tui.demos.word_vectors import WordVectorsOptions, run_word_vectors
from backprop_tui.tui.screens.demo import SCREENS, WordVectorsScreen
from backprop_tui.tui.widgets.demo_plots import Chart
from backprop_tui.tui.widgets.demo_word_vectors import WordVectorsPlot
from tests.fixed_demo_results import fixed_demo_result

from .conftest import HandTurnedClock, type_quickly

SIZE = (100, 30)


async def show(app, pilot) -> WordVectorsScreen:
    await app.push_screen(SCREENS["word-vectors"](result=fixed_demo_result("word-vectors")))
    await pilot.pause()
    return app.screen


def picture(screen) -> str:
    return screen.query_one("#words-plot", Chart).render().plain


async def test_space_plays_the_snapshots_from_the_start_and_pauses(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await show(app, pilot)
        screen.start_ticker = clock = HandTurnedClock()
        plots = screen.query_one(WordVectorsPlot)
        snapshots = plots.result.snapshots
        assert plots.frame == plots.last_frame == len(snapshots) - 1  # a finished run: its end
        end = picture(screen)
        assert f"epoch {snapshots[-1].epoch}/{snapshots[-1].epoch}" in end
        await pilot.press("space")
        assert clock.running and clock.interval == WordVectorsScreen.FRAME_SECONDS
        assert plots.frame == 0 and "epoch 0/" in picture(screen)
        clock.tick()
        clock.tick()
        assert plots.frame == 2 and f"epoch {snapshots[2].epoch}/" in picture(screen)
        await pilot.press("space")
        assert not clock.running
        await pilot.press("space")  # resumes where it paused
        assert clock.running and plots.frame == 2
        for _ in range(len(snapshots)):
            clock.tick()
        assert plots.frame == plots.last_frame and not clock.running  # stops at the end
        assert picture(screen) == end


async def test_arrows_step_one_frame_and_the_words_move(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await show(app, pilot)
        plots = screen.query_one(WordVectorsPlot)
        await pilot.press("left")
        assert plots.frame == plots.last_frame - 1
        type_quickly(app, ["left"] * len(plots.result.snapshots))  # more than the frames left
        await pilot.pause()
        assert plots.frame == 0
        start = picture(screen)
        assert "television is WRONG (nature)" not in start or plots.result.snapshots[0].epoch == 0
        await pilot.press("right")
        assert plots.frame == 1 and picture(screen) != start


async def test_the_verdict_on_television_changes_as_frozen_training_goes_on(make_app):
    result = run_word_vectors(WordVectorsOptions(freeze_vectors=True))
    verdicts = [s.predicted["television"] for s in result.snapshots]
    assert verdicts[0] == "nature" and verdicts[-1] == "screens"  # learned with its synonyms
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(SCREENS["word-vectors"](result=result))
        await pilot.pause()
        plots = app.screen.query_one(WordVectorsPlot)
        plots.show_frame(0)
        assert "frozen vectors, epoch 0/" in picture(app.screen)
        assert "television is WRONG (nature)" in picture(app.screen)
        plots.show_frame(verdicts.index("screens"))
        assert "television is right (screens)" in picture(app.screen)


def at_frame(frame: int):
    async def run_before(pilot):
        screen = await show(pilot.app, pilot)
        screen.query_one(WordVectorsPlot).show_frame(frame)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_mid_animation_snapshot(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=at_frame(4))
