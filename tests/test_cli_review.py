"""`review --json/--plain` lists the due cards; `progress --json` exports due count and mastery."""

from __future__ import annotations

import json

import pytest

from backprop_tui.cli import main
from backprop_tui.lessons.catalog import discover
from backprop_tui.progress import ProgressStore
from backprop_tui.progress.cards import Rating


def met_questions(data_dir) -> None:
    """apple-tax: d-apple missed, d-tax right; a question of a lesson no catalog has."""
    with ProgressStore.open(data_dir) as store:
        store.record_attempt("apple-tax", "d-apple", "2", False, "missing_factor", rating=Rating.AGAIN)
        store.record_attempt("apple-tax", "d-tax", "650", True, "correct", rating=Rating.GOOD)
        store.record_attempt("gone-lesson", "q", "1", False, "sign", rating=Rating.AGAIN)
        # make every card due: as if reviewed long ago
        store._conn.execute("UPDATE cards SET due = '2000-01-01T00:00:00.000000+00:00'")


def test_review_json_lists_due_cards_of_known_lessons(tmp_path, capsys):
    met_questions(tmp_path)
    assert main(["review", "--json", "--data-dir", str(tmp_path)]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert [(c["lesson_id"], c["question_id"], c["last_rating"], c["reviews"]) for c in listing["due"]] == [
        ("apple-tax", "d-apple", "again", 1), ("apple-tax", "d-tax", "good", 1),
    ]


def test_review_plain_names_lessons_by_title_and_questions_by_what_they_ask(tmp_path, capsys, monkeypatch):
    met_questions(tmp_path)
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["review", "--plain", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "2 review cards due" in out and "Apples, oranges and tax" in out
    assert "What is ∂price/∂tax?" in out and "d-tax" not in out
    assert "What is ∂price/∂apple, the effect of the apple's price on t…" in out  # a long one, cut
    assert main(["review", "--plain", "--data-dir", str(tmp_path / "fresh")]) == 0
    assert "No review card is due." in capsys.readouterr().out


def test_progress_json_exports_due_and_mastery_per_concept(tmp_path, capsys):
    with ProgressStore.open(tmp_path) as store:
        store.record_attempt("apple-tax", "d-apple", "2", False, "missing_factor", rating=Rating.AGAIN)
        store.record_attempt("apple-tax", "d-tax", "650", True, "correct", rating=Rating.GOOD)
    assert main(["progress", "--json", "--data-dir", str(tmp_path)]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["format"] == 1
    assert summary["due"] == 0  # both were just reviewed
    tags = discover(data_dir=tmp_path).find("apple-tax").tags
    # d-tax held (right, not due), d-apple not (missed): 1 of 2 in each of the lesson's concepts
    assert summary["mastery"] == {tag: {"held": 1, "cards": 2, "ratio": 0.5} for tag in sorted(tags)}


def test_review_in_a_terminal_with_nothing_due_says_so_without_the_app(tmp_path, capsys, monkeypatch):
    import backprop_tui.cli.common as common
    import backprop_tui.tui.app as app

    monkeypatch.setattr(common, "interactive", lambda: True)
    monkeypatch.setattr(app, "create_app", lambda **kwargs: pytest.fail("the app was opened"))
    assert main(["review", "--data-dir", str(tmp_path)]) == 0
    assert "No review card is due." in capsys.readouterr().out


def test_review_plain_names_the_questions_of_a_lesson_with_problems_by_their_ids(tmp_path, capsys, monkeypatch):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "broken.yaml").write_text(
        "format: 1\nid: broken\ntitle: Broken\nsummary: Its node is unknown.\ninputs: {x: 1}\n"
        "nodes:\n  f: {op: no_such_op, inputs: [x]}\noutput: f\n", encoding="utf-8")
    with ProgressStore.open(tmp_path) as store:
        store.record_attempt("broken", "q-f", "1", False, "sign", rating=Rating.AGAIN)
        store._conn.execute("UPDATE cards SET due = '2000-01-01T00:00:00.000000+00:00'")
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["review", "--plain", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Broken" in out and "q-f" in out
