"""`backprop-tui progress`: the learner's summary as text (Rich, no Textual)."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Console
from rich.table import Table
from rich.text import Text

from backprop_tui.answers.rules import words
from backprop_tui.lessons.catalog import Catalog
from backprop_tui.text.words import counted

def _percent(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio:.0%}"


def print_summary(
    console: Console, summary, catalog: Catalog, prompts: Mapping[tuple[str, str], str] | None = None
) -> None:
    """`prompts` maps (lesson id, question id) to the question's text, shown instead of its id."""
    prompts = prompts or {}
    titles = {info.id: info.title for info in catalog.lessons}
    score = summary.score
    console.print(Text("Your progress", style="bold underline"))
    console.print(f"lessons done: {len(summary.done)}   in progress: {len(summary.in_progress)}   "
                  f"of {len(catalog.lessons)}")
    console.print(f"questions: {score.first_try} of {score.attempted} right the first time "
                  f"({_percent(score.first_try_accuracy)}); {score.solved} solved in the end")
    if summary.in_progress:
        console.print(Text("in progress: " + ", ".join(titles.get(i, i) for i in summary.in_progress)))
    if summary.mistakes:
        console.print(Text("Your most frequent mistakes:", style="bold"))
        for rule, count in summary.mistakes.items():
            console.print(Text(f"  {words(rule)} {count}×"))
    if summary.review:
        table = Table(title="To review", title_justify="left", box=None)
        for column in ("lesson", "question", "why"):
            table.add_column(column)
        for item in summary.review:
            question = prompts.get((item.lesson_id, item.question_id), item.question_id)
            table.add_row(Text(titles.get(item.lesson_id, item.lesson_id)), Text(question), Text(item.reason))
        console.print(table)
    if summary.mastery:
        held = ", ".join(f"{concept} {m.held}/{m.cards}" for concept, m in summary.mastery.items())
        console.print(Text(f"mastery by concept (questions held / met): {held}"))
    if summary.due:
        console.print(f"{counted(summary.due, 'question')} due for review: backprop-tui review")
    if not (summary.done or summary.in_progress):
        console.print("Nothing yet: run backprop-tui and pick a lesson.")
