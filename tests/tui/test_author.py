"""`backprop-tui author FILE`: every save reloads the lesson at the same step; a broken save
shows the problems as file:line:col lines, and the next good save brings the lesson back."""

from backprop_tui.cli import main
from backprop_tui.lessons.starter import starter_lesson
from backprop_tui.tui.author import LessonProblems, create_authoring_app
from backprop_tui.tui.screens.lesson import LessonScreen

from .conftest import text_of, wait_until

STARTER = starter_lesson("my-lesson")


async def wait_for(pilot, condition) -> None:
    await wait_until(pilot, condition, app_state)


def app_state(app) -> str:
    screen = app.screen
    if isinstance(screen, LessonScreen):
        return f"the lesson with f = {screen.trace.values['f']} at step {screen.index}"
    return repr(screen)


def lesson_with_f(app, value: float, step: int = 0) -> bool:
    screen = app.screen
    return (isinstance(screen, LessonScreen) and screen.is_mounted  # on_mount sets the start step
            and float(screen.trace.values["f"]) == value and screen.index == step)


async def test_each_reload_keeps_the_step_and_broken_files_show_their_problems(tmp_path):
    path = tmp_path / "my-lesson.yaml"
    path.write_text(STARTER, encoding="utf-8")
    app = create_authoring_app(path, tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: lesson_with_f(app, -10.0))  # 3 * -4 + 2
        memory = app.screen.walkthrough.explanations.memory  # formulas remembered between reloads
        assert tmp_path / "data" in memory.file.parents
        app.screen.go(3)

        path.write_text(STARTER.replace("b: 2", "b: 5"), encoding="utf-8")
        app.reload()
        await wait_for(pilot, lambda: lesson_with_f(app, -7.0, step=3))

        path.write_text(STARTER.replace("op: add", "op: plus"), encoding="utf-8")
        app.reload()
        await wait_for(pilot, lambda: isinstance(app.screen, LessonProblems))
        shown = text_of(app.screen.query_one("#author-problems"))
        assert f"{path.resolve()}:9:6: unknown op 'plus'" in shown

        path.write_text(STARTER, encoding="utf-8")
        app.reload()
        await wait_for(pilot, lambda: lesson_with_f(app, -10.0, step=3))


async def test_saving_the_file_reloads_it_without_help(tmp_path):
    path = tmp_path / "my-lesson.yaml"
    path.write_text(STARTER, encoding="utf-8")
    app = create_authoring_app(path, tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: lesson_with_f(app, -10.0))
        reloads = []  # by the watcher: the test itself never reloads here
        reload = app.reload
        app.reload = lambda: (reloads.append(1), reload())

        def saved_and_reloaded() -> bool:
            # Saved again until the watcher, once started, sees a save (not on every poll: each
            # save it sees starts a reload, and on a busy machine they kept replacing each other)
            if not reloads:
                path.write_text(STARTER.replace("b: 2", "b: 7"), encoding="utf-8")
            return lesson_with_f(app, -5.0)

        await wait_for(pilot, saved_and_reloaded)


def test_new_writes_a_lesson_that_check_passes(tmp_path, capsys):
    assert main(["new", "my-lesson", "--folder", str(tmp_path)]) == 0
    path = tmp_path / "my-lesson.yaml"
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=/")
    assert main(["check", "--strict", str(path)]) == 0  # nothing to fix, even under --strict
    assert main(["new", "my-lesson", "--folder", str(tmp_path)]) == 2  # never overwrites
    assert "file exists" in capsys.readouterr().err
    assert main(["new", "Not_An_Id", "--folder", str(tmp_path)]) == 2
