"""Pilot tests: the lesson screen's layout — the graph keeps its rows, panels fit their content
and never overflow, the view keeps the asked-about node on screen, teaching stays visible."""

from pathlib import Path

from textual.geometry import Region

from backprop_tui.lessons.load import load_lesson
from backprop_tui.lessons.walkthrough import Walkthrough
from backprop_tui.tui.panel_fit import GRAPH_FLOOR, PanelFitter
from backprop_tui.tui.widgets.graph_view import CURRENT, OPERAND, GraphView
from backprop_tui.tui.widgets.quiz_panel import QuizPanel

from .conftest import LESSONS, go_to, submit, text_of

PANELS = ("#graph", "#inspector-box", "#narration-box", "#quiz")


def lesson(name: str) -> Walkthrough:
    return Walkthrough.from_lesson(load_lesson(Path(LESSONS) / name))


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.pause()  # the panels are sized after the screen is laid out


def shown_regions(screen) -> dict[str, Region]:
    return {name: screen.query_one(name).region for name in PANELS if screen.query_one(name).display}


def assert_no_overflow(screen) -> None:
    regions = shown_regions(screen)
    footer = screen.query_one("Footer").region
    for name, region in regions.items():
        assert region.height > 0, name
        assert region.bottom <= footer.y, f"{name} runs under the footer"
    for a, first in regions.items():
        for b, second in regions.items():
            if a < b:
                assert not first.overlaps(second), f"{a} overlaps {b}"


def box_is_visible(view: GraphView, name: str) -> bool:
    box = view.picture.layout.boxes[name]
    visible = Region(*view.scroll_offset, *view.scrollable_content_region.size)
    return visible.contains_region(Region(box.x, box.y, box.width, box.height))


async def test_the_graph_keeps_nine_rows_at_80x24_while_a_question_is_open(make_app, apple_tax):
    app = make_app(first=apple_tax)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, apple_tax.trace.step("backward.price").index)
        await settle(pilot)
        screen = app.screen
        assert screen.quiz_panel.waiting
        assert screen.query_one(GraphView).scrollable_content_region.height >= GRAPH_FLOOR
        assert screen.query_one("#narration-box").display  # the teaching stays on screen
        assert_no_overflow(screen)


async def test_the_inspector_never_runs_under_the_question(make_app):
    walk = lesson("window-word-vectors.yaml")
    app = make_app(first=walk)
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to(pilot, walk.trace.step("backward.Wx").index)
        await settle(pilot)
        assert app.screen.quiz_panel.waiting
        assert_no_overflow(app.screen)
        await pilot.press("f3")
        await settle(pilot)
        assert_no_overflow(app.screen)


async def test_panels_have_no_blank_rows_and_the_graph_takes_the_rest(make_app, apple_tax):
    app = make_app(first=apple_tax, review=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await go_to(pilot, apple_tax.trace.step("forward.all_price").index)
        await settle(pilot)
        screen = app.screen
        for name in ("#inspector-box", "#narration-box"):
            box = screen.query_one(name)
            assert box.virtual_size.height == box.scrollable_content_region.height, name
        graph = screen.query_one(GraphView).region
        footer = screen.query_one("Footer").region
        below = sum(r.height for n, r in shown_regions(screen).items() if n != "#graph")
        assert graph.bottom + below == footer.y  # no row left unused


async def test_the_view_keeps_the_asked_node_on_screen(make_app, apple_tax):
    app = make_app(first=apple_tax)
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to(pilot, apple_tax.trace.step("backward.price").index)
        await pilot.press("f3")  # the first question; the second asks about tax
        await settle(pilot)
        panel = app.screen.quiz_panel
        assert panel.question.expectation.node == "tax"
        view = app.screen.query_one(GraphView)
        assert box_is_visible(view, "tax")  # price, far above it, cannot share 100×30 with it
        await pilot.press("f3")
        await settle(pilot)
        assert box_is_visible(view, "price")  # settled: back to the current node


async def test_f_gives_the_graph_the_screen(make_app):
    walk = lesson("staged-expression.yaml")
    app = make_app(first=walk, review=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        view = app.screen.query_one(GraphView)
        assert not app.screen.query_one("#panels").display or app.screen.query_one("#panels").region.height == 0
        assert all(box_is_visible(view, name) for name in view.picture.layout.boxes)
        await pilot.press("f")
        await settle(pilot)
        assert app.screen.query_one("#inspector-box").region.height > 0


async def test_the_gates_inputs_are_highlighted_with_it(make_app, apple_tax):
    app = make_app(first=apple_tax, review=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to(pilot, apple_tax.trace.step("forward.all_price").index)
        view = app.screen.query_one(GraphView)
        assert view._node_style("all_price") == CURRENT
        assert view._node_style("apple_price") == OPERAND and view._node_style("orange_price") == OPERAND
        assert view._node_style("tax") != OPERAND


async def test_a_settled_question_explains_and_works_the_step(make_app):
    walk = lesson("upstream-local-downstream.yaml")
    app = make_app(first=walk)
    step = walk.trace.step("backward.f")
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, step.index)
        screen = app.screen
        panel = screen.query_one(QuizPanel)
        narration = text_of(screen.query_one("#narration"))
        assert "Local gradients of the mul gate" not in narration  # held back: it states the answer
        while panel.waiting:
            await pilot.press("f3")
            await settle(pilot)
        feedback = " ".join(text_of(panel.query_one("#feedback")).split())
        assert "Downstream to z = upstream × local = 1 × q = 3." in feedback  # the question's explain
        assert "q: upstream × local = 1 × -4 = -4" in feedback and "z: upstream × local = 1 × 3 = 3" in feedback
        assert "Local gradients of the mul gate" in text_of(screen.query_one("#narration"))


async def test_the_footer_fits_80_columns_when_the_box_was_left(make_app, apple_tax):
    from textual.widgets._footer import FooterKey

    app = make_app(first=apple_tax)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, apple_tax.trace.step("backward.price").index)
        await pilot.press("escape")  # the footer now offers `a` too
        await settle(pilot)
        keys = list(app.screen.query(FooterKey))
        palette = next(k for k in keys if k.has_class("-command-palette"))
        others = [k for k in keys if k is not palette]
        assert any(k.key == "a" for k in others)
        assert max(k.region.right for k in others) <= palette.region.x


async def test_sizing_a_screen_that_is_being_taken_down_is_a_no_op(make_app, apple_tax):
    """A reload in `author` swaps the screen while a sizing pass is queued: the pass finds its
    widgets gone and must not raise (it did, NoMatches 'GraphView')."""
    app = make_app(first=apple_tax)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await screen.query_one(GraphView).remove()
        screen.fitter.fit_rows()
        screen.fitter.after_layout(screen)  # what a layout queues
        await pilot.pause()
        assert app.is_running


STEPS_COUNTED = 8  # the last forward steps and the first backward ones; each step costs the suite CPU


async def test_a_step_is_laid_out_in_at_most_two_passes(make_app):
    """The panels are sized before the layout that shows a step, so a step costs one layout pass
    (two when a widget's size changes: Textual lays out again), and the panels still fit what
    they show. A count, not a time: it was up to five when the panels were sized after each layout."""
    walk = lesson("window-word-vectors.yaml")
    walk.explanations.make()
    app = make_app(first=walk, review=True)
    first = next(step.index for step in walk.trace.steps if step.phase == "backward") - STEPS_COUNTED // 2
    async with app.run_test(size=(120, 40)) as pilot:  # wide: the narration beside the inspector
        await go_to(pilot, first)
        await settle(pilot)
        screen = app.screen
        passes = []
        screen.screen_layout_refresh_signal.subscribe(screen, passes.append, immediate=True)
        inspector, narration = screen.query_one("#inspector-box"), screen.query_one("#narration-box")
        for _ in range(STEPS_COUNTED):
            passes.clear()
            await pilot.press("n")
            await settle(pilot)
            step = walk.trace.steps[screen.index].key
            assert 1 <= len(passes) <= 2, f"{step}: {len(passes)} layout passes"
            row = [box for box in (inspector, narration) if box.display]
            tallest = max(box.virtual_size.height for box in row)
            assert tallest >= inspector.scrollable_content_region.height, f"{step}: blank rows in the panels"
        assert screen.index == first + STEPS_COUNTED


async def test_the_panels_are_sized_once_for_the_first_frame(make_app, apple_tax, monkeypatch):
    """Sized on mount with the rows and widths the first layout then gives them, the panels
    are not sized anew after it, which would lay out the first frame again. A count, not a time."""
    fitted = []
    fit = PanelFitter._fit
    monkeypatch.setattr(PanelFitter, "_fit", lambda fitter, *args: fitted.append(args[1]) or fit(fitter, *args))
    app = make_app(first=apple_tax, review=True)
    async with app.run_test(size=(100, 40)) as pilot:  # tall: the header shows
        await settle(pilot)
        assert len(fitted) == 1, fitted
        assert_no_overflow(app.screen)


def in_view(panel: QuizPanel, part: str) -> bool:
    """Whether the panel's child `#part` is wholly inside what the panel shows."""
    widget = panel.query_one(f"#{part}")
    visible = Region(0, panel.scroll_offset.y, panel.scrollable_content_region.width,
                     panel.scrollable_content_region.height)
    return visible.contains_region(widget.virtual_region)


async def test_feedback_that_does_not_fit_beside_the_question_is_what_shows(make_app):
    """At 80×24 the question panel keeps its floor of rows: the question and a two-line
    feedback cannot share it. The feedback, just given, shows whole; PageUp, from the answer
    box, brings the question back."""
    walk = lesson("svm-hinge-loss.yaml")
    app = make_app(first=walk)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, walk.trace.step("backward.hinge").index)
        await settle(pilot)
        panel = app.screen.quiz_panel
        assert in_view(panel, "question")
        await submit(pilot, "[0, 1, 1]")  # wrong: frog's margin was negative
        await settle(pilot)
        assert "frog gets nothing" in text_of(panel.query_one("#feedback"))
        assert panel.max_scroll_y > 0  # the two do not fit together: the test shows something
        assert in_view(panel, "feedback") and not in_view(panel, "question")
        await pilot.press("pageup")
        await settle(pilot)
        assert in_view(panel, "question") and panel.query_one("#answer").has_focus


async def test_the_first_frame_shows_the_graph_from_its_top_when_the_node_is_there(make_app):
    """The view was scrolled for the current node before it had a size, as if it had no room:
    at 200×50 the first frame of window-word-vectors hid u, s and the loss above W."""
    walk = lesson("window-word-vectors.yaml")
    app = make_app(first=walk, review=True)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(GraphView)
        assert view.max_scroll_y > 0  # the graph does not fit: there is a choice to make
        assert view.scroll_offset == (0, 0)
        assert box_is_visible(view, "museums") and box_is_visible(view, "u")
        await pilot.press("end")  # the last step's node is still followed
        await settle(pilot)
        assert box_is_visible(view, walk.trace.steps[-1].node)
