"""Counts in words: the noun in the singular for one, in the plural otherwise."""

from backprop_tui.text.words import counted


def test_one_is_singular_and_every_other_count_plural():
    assert counted(1, "problem") == "1 problem"
    assert [counted(n, "file") for n in (0, 2, 11)] == ["0 files", "2 files", "11 files"]


def test_an_irregular_plural_is_given():
    assert counted(2, "index", "indices") == "2 indices"
    assert counted(1, "index", "indices") == "1 index"
