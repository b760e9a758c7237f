"""Which names a learner may type in one lesson, and suggestions for names that are not known."""

from __future__ import annotations

import difflib
import unicodedata
from typing import Iterable

from .functions import CONSTANT_ALIASES, CONSTANTS, function_named, function_names

_MAX_SPLIT_LENGTH = 40  # longer unknown names are not split into known ones (quadratic work)


def _spelled(name: str) -> str:
    """``name`` with Greek letters written out: ``δW`` -> ``deltaW``, ``Δ`` -> ``Delta``."""
    out = []
    for ch in unicodedata.normalize("NFKC", name):
        description = unicodedata.name(ch, "")
        if description.startswith("GREEK SMALL LETTER ") and len(description.split()) == 4:
            out.append(description.split()[-1].lower())
        elif description.startswith("GREEK CAPITAL LETTER ") and len(description.split()) == 4:
            out.append(description.split()[-1].capitalize())
        elif description == "GREEK SMALL LETTER FINAL SIGMA":
            out.append("sigma")
        else:
            out.append(ch)
    return "".join(out).replace("lamda", "lambda").replace("Lamda", "Lambda")


def _hatless(name: str) -> str | None:
    """``ŷ``, ``y_hat`` and ``yhat`` all as ``yhat`` (None when ``name`` has no hat)."""
    decomposed = unicodedata.normalize("NFD", name).replace("\u0302", "hat")
    plain = decomposed.replace("_hat", "hat")
    return plain if "hat" in plain else None


# Short ASCII names for Greek-letter quantities: ``λ`` and ``lambda`` find a variable ``lam``,
# and ``lam`` finds a variable ``lambda``.
_ABBREVIATIONS = {"lam": "lambda", "lmbda": "lambda", "lmbd": "lambda", "eps": "epsilon"}


class Vocabulary:
    """The lesson's variable names plus the allowed functions and constants.

    A typed name matches a variable exactly, after NFKC normalisation, or with Greek letters
    spelled out on either side (``δ`` finds ``delta`` and ``delta`` finds ``δ``); ``λ`` and
    ``lambda`` also find a variable named ``lam``, and ``lam`` one named ``lambda`` or ``λ``;
    ``ŷ``, ``y_hat`` and ``yhat`` find each other.
    """

    def __init__(self, variable_names: Iterable[str]):
        self.names = tuple(variable_names)
        self._lookup: dict[str, str] = {name: name for name in self.names}
        for name in self.names:
            self._lookup.setdefault(unicodedata.normalize("NFKC", name), name)
            self._lookup.setdefault(_spelled(name), name)
            if (hatless := _hatless(name)) is not None:
                self._lookup.setdefault(hatless, name)
        for short, full in _ABBREVIATIONS.items():
            if short in self.names:
                self._lookup.setdefault(full, short)
            elif full in self._lookup:
                self._lookup.setdefault(short, self._lookup[full])

    def variable(self, raw: str) -> str | None:
        found = self._lookup.get(raw)
        if found is None and not raw.isascii():
            found = self._lookup.get(unicodedata.normalize("NFKC", raw)) or self._lookup.get(
                _spelled(raw))
        if found is None and (hatless := _hatless(raw)) is not None:
            found = self._lookup.get(hatless)
        return found

    @staticmethod
    def function(raw: str) -> str | None:
        return function_named(raw)

    def constant(self, raw: str) -> str | None:
        raw = CONSTANT_ALIASES.get(raw, raw)
        return raw if raw in CONSTANTS and self.variable(raw) is None else None

    def known(self, raw: str) -> bool:
        return self.variable(raw) is not None or self.constant(raw) is not None


def split_into_known(raw: str, vocab: Vocabulary) -> list[str] | None:
    """Split ``raw`` into the fewest known names and digit runs (``wx`` -> ``[w, x]``)."""
    if len(raw) > _MAX_SPLIT_LENGTH:
        return None
    best: list[list[str] | None] = [None] * (len(raw) + 1)
    best[0] = []
    for end in range(1, len(raw) + 1):
        for start in range(end):
            prefix, piece = best[start], raw[start:end]
            if prefix is None or not (piece.isdigit() or vocab.known(piece)):
                continue
            if best[end] is None or len(prefix) + 1 < len(best[end]):
                best[end] = prefix + [piece]
    parts = best[len(raw)]
    return parts if parts and len(parts) > 1 else None


def _listing(names: Iterable[str]) -> str:
    """Every name, never cut off mid-list: a learner looks for the one they meant."""
    return ", ".join(sorted(names))


def describe_unknown(name: str, vocab: Vocabulary, called: bool) -> str:
    """A message for an unknown name, with a 'did you mean' when one is likely."""
    shown = name if len(name) <= 30 else name[:27] + "..."
    parts = split_into_known(name, vocab)
    if called:
        what = "function"
        close = difflib.get_close_matches(name.lower(), [*function_names(), "ln"], n=2, cutoff=0.6)
        guess = " or ".join(close) or ("*".join(parts) + "*(...)" if parts else "")
        otherwise = f"Functions you can use: {_listing(function_names())}."
    else:
        what = "name"
        close = difflib.get_close_matches(name, vocab.names, n=2, cutoff=0.6)
        guess = "*".join(parts) if parts else " or ".join(close)
        otherwise = (f"The names in this question are: {_listing(vocab.names)}." if vocab.names
                     else "This answer should be a number.")
    if guess:
        return f"Unknown {what} '{shown}' — did you mean {guess}?"
    return f"Unknown {what} '{shown}'. {otherwise}"
