"""`backprop-tui progress` says which mistakes a learner makes, in words, with how often."""

from __future__ import annotations

from types import SimpleNamespace

from rich.console import Console

from backprop_tui.progress import Score, Summary
from backprop_tui.text.progress_text import print_summary


def test_mistakes_are_named_with_their_count():
    summary = Summary(in_progress=("a",), score=Score(4, 3, 2, 7),
                      mistakes={"missing_factor": 6, "sign": 2, "an-old-rule": 1})
    console = Console(record=True, width=100)
    print_summary(console, summary, SimpleNamespace(lessons=[]))
    text = console.export_text()
    assert "a forgotten chain-rule factor (often the upstream gradient) 6×" in text
    assert "the wrong sign 2×" in text
    assert "an-old-rule 1×" in text
    assert "2 of 4 right the first time" in text


def test_due_cards_and_mastery_are_printed():
    from backprop_tui.progress.cards import Mastery

    summary = Summary(in_progress=("a",), due=3, mastery={"chain-rule": Mastery(2, 5), "gates": Mastery(0, 1)})
    console = Console(record=True, width=200)
    print_summary(console, summary, SimpleNamespace(lessons=[]))
    text = console.export_text()
    assert "mastery by concept (questions held / met): chain-rule 2/5, gates 0/1" in text
    assert "3 questions due for review: backprop-tui review" in text
