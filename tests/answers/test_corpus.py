"""Every corpus entry gets the verdict rule it is listed with."""

from __future__ import annotations

import pytest

from backprop_tui.answers import Verdict, check
from backprop_tui.answers.rules import Rule

from .corpus import CORPUS, Entry

NOT_ATTEMPTS = {"syntax", "unknown_name", "too_long", "too_complex", "unsafe", "shape_mismatch",
                "undefined", "imprecise", "same_as_previous", "invalid_key", "undecided"}


def _id(entry: Entry) -> str:
    return f"{entry.rule}:{entry.answer[:30]}"


@pytest.mark.parametrize("entry", CORPUS, ids=[_id(entry) for entry in CORPUS])
def test_corpus_entry(entry: Entry) -> None:
    verdict = check(entry.answer, entry.key, entry.variables, **entry.options)
    assert isinstance(verdict, Verdict)
    assert isinstance(verdict.rule, Rule)
    expected = (entry.rule, entry.rule == "correct")
    assert (verdict.rule, verdict.correct) == expected, verdict.feedback
    assert verdict.counts_as_attempt == (entry.rule not in NOT_ATTEMPTS)
    assert verdict.feedback


def test_corpus_is_large_and_covers_every_rule() -> None:
    rules = {entry.rule for entry in CORPUS}
    assert len(CORPUS) >= 150
    assert rules >= {
        "correct", "syntax", "unknown_name", "shape_mismatch", "sign", "factor", "missing_factor",
        "extra_factor", "transposed", "wrong_shape", "forward_value", "missing_branch",
        "misconception", "partial_entries", "same_as_previous", "too_long", "too_complex",
        "unsafe", "wrong", "imprecise", "coincidence", "undefined", "invalid_key",
        "ascent", "no_minus_one", "class_index", "missing_margin", "wrong_slice", "local_only",
        "downstream_for_local", "wrong_node",
    }


def test_progress_documents_only_real_rule_ids() -> None:
    import re

    import backprop_tui.progress as progress

    documented = set(re.findall(r'"(?:rule|last_rule)": "([a-z_-]+)"', progress.__doc__))
    assert documented and documented <= {rule.value for rule in Rule}


def test_format_md_shows_the_answer_syntax_of_the_help_screen() -> None:
    from pathlib import Path

    from backprop_tui.answers.syntax import ANSWER_SYNTAX

    text = (Path(__file__).resolve().parents[2] / "lessons" / "FORMAT.md").read_text("utf-8")
    for example, meaning in ANSWER_SYNTAX:
        assert f"| `{example}` | {meaning} |" in text
