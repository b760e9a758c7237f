"""LessonPicker: the lessons grouped by course or topic, with the learner's status for each."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from backprop_tui.engine.steps import step_title
from backprop_tui.lessons.catalog import Catalog, LessonInfo
from backprop_tui.text.words import counted
from backprop_tui.tui.widgets.app_header import AppHeader
from backprop_tui.tui.widgets.key_footer import KeyFooter
from backprop_tui.tui.widgets.lesson_list import LessonList
from backprop_tui.tui.widgets.status_row import StatusRow

REVIEW_OPTION = "review:due"  # the review entry's option id (not a lesson id: ids have no colon)
STATUS_MARKS = {"not started": ("○", "dim"), "in progress": ("◐", "yellow"), "done": ("●", "green")}


def next_unfinished(ids: list[str], statuses) -> str:
    """The first lesson, in course order, that is not done (the first of all when every one is)."""
    return next((i for i in ids if statuses.get(i) is None or not statuses[i].completed), ids[0])


def group_name(info: LessonInfo) -> str:
    """A course's section, else the course, else the lesson's first tag."""
    return info.section or info.course or (info.tags[0] if info.tags else "other lessons")


class LessonPicker(Screen):
    BINDINGS = [
        Binding("enter", "open", "Open", show=False),
        Binding("k", "quiz", "Quiz"),
        Binding("d", "demos", "Demos"),
        Binding("r", "review", "Review"),
        Binding("R", "reset", "Reset progress", show=False),
    ]

    def __init__(self, catalog: Catalog, statuses=None, store=None) -> None:
        """`store` (the progress store) adds the review entry and each section's mastery."""
        super().__init__()
        self.sub_title = "choose a lesson"  # before the Header shows it: set on mount, it is laid out again
        self.catalog = catalog
        self.statuses = statuses or (lambda: {})
        self.store = store

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Horizontal(id="picker"):
            yield LessonList(id="lesson-list")
            with VerticalScroll(id="details-box"):
                yield Static(id="details")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#details-box").border_title = "Lesson"
        self.query_one("#lesson-list").border_title = "Lessons"

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Listed when shown (first shown too), so the statuses are fresh after a lesson."""
        self.refresh_list()

    def refresh_list(self) -> None:
        option_list = self.query_one(OptionList)
        highlighted = option_list.highlighted_option.id if option_list.highlighted_option else None
        statuses = self.statuses()
        option_list.set_options(self._options(statuses))  # at once: each option added alone lays the list out
        if not self.catalog.lessons:
            return
        ids = [info.id for info in self.catalog.lessons]
        target = highlighted if highlighted in ids else next_unfinished(ids, statuses)
        with self.prevent(OptionList.OptionHighlighted):  # its details shown now, in the coming layout
            option_list.highlighted = option_list.get_option_index(target)
        self._show_details(statuses)
        option_list.focus()

    def _options(self, statuses) -> list[Option]:
        """The review entry (when there are review cards), then each group's header and lessons."""
        if not self.catalog.lessons:
            return [Option("No lessons found.", disabled=True)]
        groups: dict[str, list[LessonInfo]] = {}
        for info in self.catalog.lessons:
            groups.setdefault(group_name(info), []).append(info)
        mastery = self._mastery({info.id: [group_name(info)] for info in self.catalog.lessons})
        options = [Option(self._review_label(), id=REVIEW_OPTION)] if mastery else []
        for group, infos in groups.items():
            header = Text.assemble((group, "bold underline"))
            if group in mastery:
                header.append(f"  mastery {mastery[group].held}/{mastery[group].cards}", style="dim")
            options.append(Option(header, disabled=True))
            options += [Option(self._label(info, statuses.get(info.id)), id=info.id) for info in infos]
        return options

    def _label(self, info: LessonInfo, status) -> StatusRow:
        """The status mark, then the title; a long title wraps under itself, not under the mark."""
        name = status.status.value if status is not None else "not started"
        mark, style = STATUS_MARKS[name]
        title = Content(info.title)
        if status is not None and status.score.attempted:
            title = title.append_text(f"  {status.score.solved}/{status.score.attempted}", "dim")
        return StatusRow(Content.styled(mark, style), title)

    def _mastery(self, groups) -> dict:
        return self.store.mastery(groups) if self.store is not None else {}

    def _due(self) -> int:
        return len(self.store.due_cards([info.id for info in self.catalog.lessons]))

    def _review_label(self) -> Text:
        due = self._due()
        return Text(f"↻ Review: {due} due" if due else "↻ Review: none due", style="bold" if due else "dim")

    def _review_details(self) -> Text:
        due = self._due()
        text = Text("Spaced review\n", style="bold")
        text.append(f"{counted(due, 'question')} due: the ones you met, brought back before you forget them, "
                    "with fresh numbers.\n\n")
        text.append("mastery by concept (held / met):\n", style="bold")
        for concept, mastery in self._mastery({info.id: info.tags for info in self.catalog.lessons}).items():
            text.append(f"  {concept}: {mastery.held}/{mastery.cards}\n")
        text.append("\nA question is held once answered right the first time, until it is due again.\n",
                    style="dim")
        text.append("\nEnter or r starts the review", style="italic")
        return text

    def selected_info(self) -> LessonInfo | None:
        option = self.query_one(OptionList).highlighted_option
        return self.catalog.find(option.id) if option is not None and option.id else None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_details(self.statuses())

    def _show_details(self, statuses) -> None:
        option = self.query_one(OptionList).highlighted_option
        info = self.selected_info()
        if option is not None and option.id == REVIEW_OPTION:
            self.query_one("#details", Static).update(self._review_details())
        elif info is not None:
            self.query_one("#details", Static).update(self._details(info, statuses.get(info.id)))

    def _details(self, info: LessonInfo, status) -> Text:
        text = Text(info.title + "\n", style="bold")
        text.append(info.summary + "\n\n")
        if info.tags:
            text.append("topics: " + ", ".join(info.tags) + "\n", style="dim")
        if info.requires:
            text.append("after: " + ", ".join(info.requires) + "\n", style="dim")
        name = status.status.value if status is not None else "not started"
        text.append(f"status: {name}\n", style=STATUS_MARKS[name][1])
        if status is not None and status.score.attempted:
            score = status.score
            text.append(f"questions: {score.solved} of {score.attempted} right, {score.first_try} at the first try\n")
        if status is not None and status.position is not None and name == "in progress":
            text.append(f"left off at {step_title(status.position.step_key)}\n")
        text.append(f"\nsource: {info.source}\n", style="dim")
        text.append("\nEnter opens the lesson · k takes its questions as a quiz", style="italic")
        return text

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        option = self.query_one(OptionList).highlighted_option
        if option is not None and option.id == REVIEW_OPTION:
            self.action_review()
            return
        info = self.selected_info()
        if info is not None:
            self.app.open_lesson(info)

    def action_quiz(self) -> None:
        info = self.selected_info()
        if info is not None:
            self.app.open_quiz(info)

    def action_review(self) -> None:
        self.app.open_review()

    def action_demos(self) -> None:
        self.app.choose_demo()

    def action_reset(self) -> None:
        info = self.selected_info()
        if info is not None:
            self.app.reset_progress(info)
            self.refresh_list()
