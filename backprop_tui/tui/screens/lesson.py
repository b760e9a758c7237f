"""LessonScreen: step through a walkthrough's forward and backward pass, node by node."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import Worker

from backprop_tui.engine.trace import BACKWARD
from backprop_tui.lessons.quiz import Quiz
from backprop_tui.lessons.walkthrough import Walkthrough
from backprop_tui.tui.graph_picture import draw, labels_at
from backprop_tui.tui.panel_fit import PanelFitter
from backprop_tui.tui.widgets.app_header import AppHeader
from backprop_tui.tui.widgets.graph_view import GraphView
from backprop_tui.tui.widgets.inspector import Inspector
from backprop_tui.tui.widgets.key_footer import KeyFooter
from backprop_tui.tui.widgets.narration import Narration
from backprop_tui.tui.widgets.quiz_panel import QuizPanel
from backprop_tui.tui.widgets.step_bar import StepBar

PLAY_INTERVAL = 1.0
ALWAYS_ON = frozenset({"back", "select_node"})  # actions on non-printable keys, usable in a question


class LessonScreen(Screen):
    BINDINGS = [
        Binding("n,right", "next", "Next", tooltip="the next step"),
        Binding("p,left", "previous", "Prev", tooltip="the previous step"),
        Binding("home", "first", "Start", show=False, tooltip="the first step of the forward pass"),
        Binding("b", "backward_start", "Bwd", tooltip="the first step of the backward pass"),
        Binding("end", "last", "End", show=False, tooltip="the last step"),
        Binding("space", "play", "Play", tooltip="play / pause: one step a second"),
        Binding("tab", "select_node(1)", "Inspect next node", show=False,
                tooltip="inspect another node (or click its box)"),
        Binding("shift+tab", "select_node(-1)", "Inspect previous node", show=False,
                tooltip="inspect the node before it"),
        Binding("f", "fit", "Graph only", show=False,
                tooltip="the graph alone on screen, all of it when it fits (f again: the panels return)"),
        Binding("s", "toggle_symbolic", "Sym", show=False,
                tooltip="local gradients symbolic and numeric, or numeric only"),
        Binding("r", "toggle_review", "Review mode", show=False, tooltip="review mode: skip the questions"),
        Binding("d", "demo", "Demo", show=False, tooltip="the demo this lesson links to"),
        Binding("g", "gradient_check", "Nudge input (gradient check)", show=False,
                tooltip="nudge the selected input by ±h: the numerical gradient against backprop's"),
        Binding("a", "answer", "Answer", tooltip="back to the question's answer box (after Esc left it)"),
        Binding("escape", "back", "Lessons", tooltip="back to the current node, then to the lessons"),
    ]
    help_intro = (
        "Step through the forward pass (values, green), then the backward pass (gradients, red). "
        "At each backward node: upstream × local = downstream. While a question is open every "
        "key you type goes to its answer box; Esc leaves the box and a returns to it."
    )
    # Shown in the help screen too: the question panel's keys.
    HELP_BINDINGS = QuizPanel.BINDINGS
    # What makes play tick; tests swap in a hand-turned clock instead of waiting in real time.
    start_ticker = Screen.set_interval

    # refresh_step updates each widget that shows them: no repaint of the whole screen
    index: reactive[int] = reactive(0, init=False, repaint=False)
    symbolic: reactive[bool] = reactive(True, init=False, repaint=False)

    def __init__(self, walkthrough: Walkthrough, store=None, *, start: int = 0, review: bool = False) -> None:
        super().__init__()
        self.sub_title = walkthrough.title  # before the Header shows it: set on mount, it is laid out again
        self.walkthrough = walkthrough
        self.store = store
        self.review = review
        self.picture = draw(walkthrough)
        self.selected: str | None = None
        self._start = start
        self._player = None
        self._explaining: Worker | None = None  # makes the explanations after the first frame
        self.quiz_panel = QuizPanel(Quiz(walkthrough, store), id="quiz")
        self.fitter = PanelFitter(self)

    @property
    def trace(self):
        return self.walkthrough.trace

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """While the learner is in the answer box no shortcut fires, not even one whose key
        raced past the box (pressed before the question appeared); `a` is offered only
        after Esc left the box."""
        if self.quiz_panel.answering:
            return action in ALWAYS_ON
        if action == "answer":
            return self.quiz_panel.waiting
        return True

    def on_key(self, event: events.Key) -> None:
        # While a question is open, a printable key is part of the answer, never a shortcut.
        self.quiz_panel.take_key(event)

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield StepBar(id="step-bar")
        yield GraphView(self.picture, id="graph")
        with Horizontal(id="panels"):
            with VerticalScroll(id="inspector-box"):
                yield Inspector(id="inspector")
            with VerticalScroll(id="narration-box"):
                yield Narration(id="narration")
        yield self.quiz_panel
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#inspector-box").border_title = "Inspector"
        self.query_one("#narration-box").border_title = "Narration"
        self.index = self._start
        self.screen_layout_refresh_signal.subscribe(self, self.fitter.after_layout)
        self.refresh_step()
        self.call_after_refresh(self._start_explaining)  # the first frame does not share the CPU with it

    def _start_explaining(self) -> None:
        if self._explaining is None and not self.walkthrough.explanations.ready:
            self._explaining = self.run_worker(self.walkthrough.explanations.make, thread=True, group="explain")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is self._explaining and self.walkthrough.explanations.ready:
            self.refresh_step()  # the formulas fill in

    # --- moving -------------------------------------------------------------------

    def watch_index(self) -> None:
        self.selected = None
        self.refresh_step()
        self._save_position()

    def watch_symbolic(self) -> None:
        self.refresh_step()

    def go(self, index: int) -> None:
        self.index = max(0, min(index, len(self.trace.steps) - 1))

    async def step_to(self, index: int) -> None:
        """Go, once a backward step's explanation exists: a key pressed in the first moments
        of a lesson waits for the worker making them (the event loop never runs SymPy)."""
        index = max(0, min(index, len(self.trace.steps) - 1))
        if self.trace.steps[index].phase == BACKWARD and not self.walkthrough.explanations.ready:
            self._start_explaining()
            await self._explaining.wait()
        self.go(index)

    async def action_next(self) -> None:
        await self.step_to(self.index + 1)

    async def action_previous(self) -> None:
        await self.step_to(self.index - 1)

    async def action_first(self) -> None:
        await self.step_to(0)

    async def action_backward_start(self) -> None:
        await self.step_to(next(s.index for s in self.trace.steps if s.phase == BACKWARD))

    async def action_last(self) -> None:
        await self.step_to(len(self.trace.steps) - 1)

    def action_play(self) -> None:
        if self._player is not None:
            self._stop_playing()
            return
        self._player = self.start_ticker(PLAY_INTERVAL, self._play_step)
        self.notify("Playing: space pauses.", timeout=2)

    def _play_step(self) -> None:
        if self.index >= len(self.trace.steps) - 1 or self.quiz_panel.waiting:
            self._stop_playing()
            return
        self.go(self.index + 1)

    def _stop_playing(self) -> None:
        if self._player is not None:
            self._player.stop()
            self._player = None

    def action_select_node(self, direction: int) -> None:
        names = [n for n, node in self.trace.graph.nodes.items() if node.kind != "const"]
        current = self.selected or self.trace.steps[self.index].node
        self.selected = names[(names.index(current) + direction) % len(names)]
        self.refresh_step()

    def on_graph_view_node_clicked(self, message: GraphView.NodeClicked) -> None:
        node = self.trace.graph.nodes[message.name]
        if node.kind != "const":
            self.selected = None if message.name == self.trace.steps[self.index].node else message.name
            self.refresh_step()

    def action_toggle_symbolic(self) -> None:
        self.symbolic = not self.symbolic
        self.notify("Local gradients: " + ("symbolic and numeric" if self.symbolic else "numeric only"), timeout=2)

    def action_toggle_review(self) -> None:
        self.review = not self.review
        self.notify("Review mode: questions are skipped" if self.review else "Questions are asked again", timeout=3)
        self.refresh_step()

    def action_demo(self) -> None:
        if self.walkthrough.demo:
            self.app.open_demo(self.walkthrough.demo)
        else:
            self.notify("This lesson has no demo.", timeout=3)

    def action_answer(self) -> None:
        self.quiz_panel.focus_answer()

    def action_gradient_check(self) -> None:
        from backprop_tui.tui.screens.gradcheck import GradCheckScreen

        name = self.selected or self.trace.steps[self.index].node
        if name not in self.trace.graph.input_names or name not in self.trace.grads:
            self.notify("Select an input (Tab, or click it), then press g to nudge it.", timeout=4)
            return
        self.app.push_screen(GradCheckScreen(self.trace, name))

    def action_back(self) -> None:
        if self.quiz_panel.answering:  # focus strayed from the box: Esc still means "leave the box"
            self.quiz_panel.action_leave()
            return
        if self.selected is not None:
            self.selected = None
            self.refresh_step()
            return
        self._stop_playing()
        self.app.pop_screen()

    # --- showing ------------------------------------------------------------------

    def refresh_step(self) -> None:
        trace, index = self.trace, self.index
        step = trace.steps[index]
        quiz = self.quiz_panel
        with self.prevent(QuizPanel.Changed):  # the panels are sized below, once
            quiz.show_step(step.key, review=self.review)
        hide = quiz.waiting
        labels = labels_at(self.walkthrough, self.picture, index, hide_current=hide)
        reached = frozenset(trace.values_known_at(index))
        asked = quiz.question.expectation.node if hide and quiz.question.expectation else None
        self.query_one(GraphView).show(labels, reached, self.selected, also=asked)
        phase, position, total = trace.phase_position(index)
        last = index == len(trace.steps) - 1
        mode = "the end: esc for the lessons" if last else "review" if self.review else ""
        self.query_one(StepBar).show(phase, position, total, step.node, (index + 1) / len(trace.steps), mode)
        self.query_one(Inspector).show(
            trace, index, self.selected or step.node, self.walkthrough.explanations.if_made(index),
            symbolic=self.symbolic, hide=hide,
        )
        note = self.walkthrough.notes.get(step.key)
        self.query_one(Narration).show(note, held_back=hide)
        self.query_one("#narration-box").display = note is not None
        self.fitter.fit_rows()

    def on_quiz_panel_changed(self, message: QuizPanel.Changed) -> None:
        self.fitter.fit_rows()

    def action_fit(self) -> None:
        self.toggle_class("-fit")
        self.query_one(GraphView).follow()
        self.fitter.fit_rows()

    def on_quiz_panel_settled(self, message: QuizPanel.Settled) -> None:
        self.refresh_step()
        self._mark_done_if_earned()

    def _save_position(self) -> None:
        if self.store is None or self.walkthrough.id is None:
            return
        lesson_id, total = self.walkthrough.id, len(self.trace.steps)
        self.store.save_position(lesson_id, self.index, self.trace.steps[self.index].key, total)
        self._mark_done_if_earned()

    def _mark_done_if_earned(self) -> None:
        """Done when every question is settled (answered right or revealed); a lesson
        without questions is done at its last step. Showing the last step is not enough."""
        if self.store is None or self.walkthrough.id is None:
            return
        quiz = self.quiz_panel.quiz
        if not all(state.settled for state in quiz.states.values()):
            return
        if quiz.states or self.index == len(self.trace.steps) - 1:
            self.store.mark_completed(self.walkthrough.id)
