"""Scanning learner text into raw tokens: numbers, names, operators, brackets, superscripts,
transpose marks, √ and bars.

Unicode forms learners paste (− · × ÷, full-width operators, ² ³ ⁻¹, ᵀ, ′) are read as their
plain meaning; any other character is an error naming its column. Names are resolved later,
by `tokens.rewrite`.
"""

from __future__ import annotations

import re
import unicodedata

from backprop_tui.records import frozen_dataclass

from .verdict import AnswerError

MAX_TOKENS = 250

_NUMBER = re.compile(r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_OPERATORS = {"+", "-", "*", "/", "^", "@"}
_DIGITS = "0123456789"
_CHAR_ALIASES = {
    "−": "-", "–": "-", "—": "-", "‒": "-", "﹣": "-",
    "·": "*", "⋅": "*", "×": "*", "∙": "*", "∗": "*", "∘": "*", "⊙": "*", "÷": "/", "⁄": "/",
}
_SUPERSCRIPTS = {"⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6",
                 "⁷": "7", "⁸": "8", "⁹": "9", "⁻": "-"}
_TRANSPOSE_MARKS = {"ᵀ", "⊤"}
_PRIMES = {"'", "′", "’"}
_SPECIALS = {*_SUPERSCRIPTS, *_TRANSPOSE_MARKS, *_PRIMES, "√", "‖", "∂"}
_BRACKETS = {"(": "LP", ")": "RP", "[": "LB", "]": "RB", ",": "COMMA"}


@frozen_dataclass
class Token:
    kind: str  # NUM NAME OP LP RP LB RB COMMA T SUP SQRT, later VAR FUNC CONST
    text: str
    pos: int


def _describe_char(ch: str) -> str:
    return repr(ch) if ch.isprintable() else f"U+{ord(ch):04X}"


def _unexpected(ch: str, pos: int) -> AnswerError:
    if ch == "=":
        return AnswerError("Type only the value or expression, without '='.", pos)
    if ch == "∂":
        return AnswerError("Type the gradient's value or expression, not the ∂ notation.", pos)
    if ch in "'\"":
        return AnswerError(f"Unexpected quote at column {pos + 1}: quotes are not part of an "
                           "answer (for a transpose write W.T or Wᵀ).", pos)
    return AnswerError(f"Unexpected character {_describe_char(ch)} at column {pos + 1}.", pos)


def _is_name_char(ch: str) -> bool:
    return (ch.isalnum() or ch == "_") and ch not in _SUPERSCRIPTS and ch not in _TRANSPOSE_MARKS


def _is_digit(ch: str) -> bool:
    return ch != "" and ch in _DIGITS


def _plain(ch: str) -> str | None:
    """``ch`` with unicode operators and compatibility forms (full-width ＋ ...) made ASCII;
    None for a character that has no place in an answer."""
    if ch in _CHAR_ALIASES:
        return _CHAR_ALIASES[ch]
    if ch.isascii() or ch in _SPECIALS or _is_name_char(ch):
        return ch
    mapped = unicodedata.normalize("NFKC", ch)
    if len(mapped) == 1 and (mapped in _OPERATORS or mapped in _BRACKETS or mapped == "."):
        return mapped
    return None


def scan(text: str) -> list[Token]:
    """Split ``text`` into raw tokens; names are resolved later."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        ch = _plain(ch)
        if ch is None:
            raise _unexpected(text[i], i)
        if ch in _DIGITS or (ch == "." and _is_digit(text[i + 1:i + 2])):
            match = _NUMBER.match(text, i)
            tokens.append(Token("NUM", match.group(), i))
            i = match.end()
        elif ch == ".":
            if text[i + 1:i + 2] == "T" and not _is_name_char(text[i + 2:i + 3] or " "):
                tokens.append(Token("T", ".T", i))
                i += 2
                continue
            raise AnswerError(f"Unexpected '.' at column {i + 1}: only .T (transpose) may follow "
                              "a name.", i, rule="unsafe" if text[i + 1:i + 2] == "_" else "syntax")
        elif _is_name_char(ch) or ch == "∂":
            j = i + 1
            while j < n and _is_name_char(text[j]):
                j += 1
            name = text[i:j]
            if j < n and text[j] in _PRIMES:  # σ′(z), f'(z): a derivative
                name, j = name + "′", j + 1
            tokens.append(Token("NAME", name, i))
            i = j
        elif ch in _SUPERSCRIPTS:
            j = i
            while j < n and text[j] in _SUPERSCRIPTS:
                j += 1
            power = "".join(_SUPERSCRIPTS[c] for c in text[i:j])
            if not re.fullmatch(r"-?[0-9]+", power):
                raise AnswerError(f"Can't read the superscript at column {i + 1}.", i)
            tokens.append(Token("SUP", power, i))
            i = j
        elif ch in _TRANSPOSE_MARKS:
            tokens.append(Token("T", "ᵀ", i))
            i += 1
        elif ch == "√":
            tokens.append(Token("SQRT", "√", i))
            i += 1
        elif ch == "‖" or text[i:i + 2] == "||":
            tokens.append(Token("BAR", "‖", i))
            i += 1 if ch == "‖" else 2
        elif ch == "|":
            tokens.append(Token("BAR", "|", i))
            i += 1
        elif ch == "*" and text[i + 1:i + 2] == "*":
            tokens.append(Token("OP", "**", i))
            i += 2
        elif ch in _OPERATORS:
            tokens.append(Token("OP", ch, i))
            i += 1
        elif ch in _BRACKETS:
            tokens.append(Token(_BRACKETS[ch], ch, i))
            i += 1
        else:
            raise _unexpected(ch, i)
        if len(tokens) > MAX_TOKENS:
            raise AnswerError("This answer is too complex to check (too many symbols).", None,
                              rule="too_complex")
    return tokens
