"""LessonList keeps its rendered rows through a resize that leaves its width alone."""

from textual.app import App
from textual.content import Content

from backprop_tui.tui.widgets.lesson_list import LessonList


class CountedRow(Content):
    """A row that counts how often the list renders it."""

    renders = 0

    def render_strips(self, *args, **kwargs):
        CountedRow.renders += 1
        return super().render_strips(*args, **kwargs)


class Rows(App):
    CSS = "OptionList { height: 1fr; }"  # so that a taller terminal resizes the list

    def compose(self):
        yield LessonList(*(CountedRow(f"lesson {i}") for i in range(3)))


async def test_rows_are_rendered_again_only_when_the_width_changes():
    CountedRow.renders = 0
    app = Rows()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        first = CountedRow.renders
        assert first == 3  # each row once

        await pilot.resize_terminal(40, 16)  # taller: the three rows fit as they did
        await pilot.pause()
        assert CountedRow.renders == first

        await pilot.resize_terminal(50, 16)
        await pilot.pause()
        assert CountedRow.renders >= first + 3
