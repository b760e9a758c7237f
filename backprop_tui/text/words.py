"""Counts in words: "1 problem", "3 problems", never "problem(s)"."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """`count` and `noun`, in the plural unless `count` is 1 ("s" added, or `plural`)."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
