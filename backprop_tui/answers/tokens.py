"""Light rewriting of learner text into a small Python expression for ``ast.parse``.

The text is scanned into tokens (`scan`), every name is resolved (lesson variable, allowed
function or constant; anything else is an error with a suggestion, never silently split), and
Python source is emitted in which

- variables become placeholders ``_v0, _v1, ...``, so a lesson may name a node anything;
- ``^`` becomes ``**``; superscripts ``²  ³  ⁻¹`` become ``**2 ...``; ``ᵀ``, ``^T`` and ``.T``
  become ``.T``; ``√x`` becomes ``sqrt(x)``; ``− · × ÷`` become ``- * * /``;
- implicit multiplication (``2x``, ``2(x+y)``, ``(a)(b)``, ``W^T delta``, ``x y``) becomes ``%``,
  an operator learners cannot type, which the parser reads as juxtaposition.

Every emitted piece remembers the column it came from, so errors can point into the original.
"""

from __future__ import annotations

import bisect
import keyword
import unicodedata

from backprop_tui.records import frozen_dataclass

from .functions import DERIVATIVE, derivable
from .names import Vocabulary, describe_unknown
from .scan import Token, scan
from .verdict import AnswerError

MAX_DEPTH = 30

_CLOSING = {"RP": "LP", "RB": "LB"}

# Kinds that end an operand, and kinds that may start one after an implicit multiplication.
_ENDS_OPERAND = {"NUM", "VAR", "CONST", "RP", "RB", "T", "SUP"}
_STARTS_IMPLICIT = {"VAR", "CONST", "FUNC", "LP", "SQRT"}


@frozen_dataclass
class Rewritten:
    """Python source for ``ast.parse`` plus what is needed to map it back to the learner's text."""

    source: str
    starts: tuple[int, ...]  # offset in ``source`` where each emitted piece starts
    columns: tuple[int, ...]  # column in the original text of that piece
    variables: tuple[str, ...]  # placeholder _v<i> -> lesson variable name
    literals: dict[int, str]  # offset in ``source`` of a number -> the number as typed

    def column(self, offset: int) -> int:
        """Column in the original text of the emitted character at ``offset``."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.columns[max(index, 0)] if self.columns else 0


def _classify(raw: str, vocab: Vocabulary, called: bool) -> tuple[str | None, str]:
    """What a name means: a variable first, then a function (when called), then a constant."""
    variable = vocab.variable(raw)
    if variable is not None:
        return "VAR", variable
    function = vocab.function(raw)
    if function is not None and called:
        return "FUNC", function
    constant = vocab.constant(raw)
    return ("CONST", constant) if constant is not None else (None, raw)


def _is_greek(ch: str) -> bool:
    return unicodedata.name(unicodedata.normalize("NFKC", ch)[:1] or " ", "").startswith("GREEK")


def _split_greek(tok: Token, vocab: Vocabulary, called: bool) -> list[Token] | None:
    """``λW`` -> λ, W and ``σz`` -> σ(z): leading Greek letters that each mean a variable, a
    function or a constant are split off an unknown name, as long as the rest is known.

    A function letter applies to the name after it (``σz`` is ``σ(z)``). Names starting with
    an ASCII letter are never split; None when the name can't be read this way.
    """
    pieces: list[Token] = []
    rest, pos = tok.text, tok.pos
    while True:
        kind, meaning = _classify(rest, vocab, called)
        if kind is not None:
            pieces.append(Token(kind, meaning, pos))
            break
        if len(rest) < 2 or not _is_greek(rest[0]):
            return None
        kind, meaning = _classify(rest[0], vocab, True)
        if kind is None:
            return None
        pieces.append(Token(kind, meaning, pos))
        rest, pos = rest[1:], pos + 1
    out: list[Token] = []
    k = 0
    while k < len(pieces):
        piece = pieces[k]
        if piece.kind == "FUNC" and k + 1 < len(pieces):
            argument = pieces[k + 1]
            if argument.kind not in ("VAR", "CONST"):
                return None
            out += [piece, Token("LP", "(", argument.pos), argument, Token("RP", ")", argument.pos)]
            k += 2
        else:
            out.append(piece)
            k += 1
    return out


def _gradient_name(tokens: list[Token], k: int, vocab: Vocabulary) -> str | None:
    """``dL/dx``, ``∂L/∂x``, ``dprice/dall_price`` at ``tokens[k]``: the lesson variable that
    holds that gradient (named ``∂L/∂x``), or None."""
    if k + 2 >= len(tokens):
        return None
    top, slash, bottom = tokens[k:k + 3]
    if not (top.kind == bottom.kind == "NAME" and slash.kind == "OP" and slash.text == "/"):
        return None
    if top.text[:1] not in "d∂" or bottom.text[:1] not in "d∂" or min(
            len(top.text), len(bottom.text)) < 2:
        return None
    return vocab.variable(f"∂{top.text[1:]}/∂{bottom.text[1:]}")


def _derivative(tok: Token, vocab: Vocabulary, called: bool) -> Token:
    """``σ′`` / ``sigmoid'`` / ``f'`` before an argument: the derivative of a one-input op."""
    function = vocab.function(tok.text[:-1])
    if function is None or not called or not derivable(function):
        raise AnswerError(f"'{tok.text}': a prime marks the derivative of a function of one "
                          "input, e.g. σ′(z) or tanh′(z); for a transpose write W.T or Wᵀ.",
                          tok.pos + len(tok.text) - 1)
    return Token("FUNC", DERIVATIVE + function, tok.pos)


def _resolve(tokens: list[Token], vocab: Vocabulary) -> list[Token]:
    """Turn NAME tokens into VAR / FUNC / CONST and ``^T`` into a transpose."""
    out: list[Token] = []
    skip = 0
    for k, tok in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        following = tokens[k + 1] if k + 1 < len(tokens) else None
        called = following is not None and following.kind == "LP"
        if tok.kind != "NAME":
            out.append(tok)
            continue
        if (gradient := _gradient_name(tokens, k, vocab)) is not None:
            out.append(Token("VAR", gradient, tok.pos))
            skip = 2
            continue
        if tok.text.endswith("′"):
            out.append(_derivative(tok, vocab, called))
            continue
        if tok.text.startswith("∂"):
            raise AnswerError("Write a gradient as ∂L/∂x or dL/dx with a name this question "
                              "knows, or type its value.", tok.pos, rule="unknown_name")
        if tok.text == "T" and out and out[-1].kind == "OP" and out[-1].text == "^" \
                and vocab.variable(tok.text) is None:
            out[-1] = Token("T", "^T", out[-1].pos)
            continue
        kind, meaning = _classify(tok.text, vocab, called)
        if kind is not None:
            out.append(Token(kind, meaning, tok.pos))
            continue
        pieces = _split_greek(tok, vocab, called)
        if pieces is not None:
            out.extend(pieces)
            continue
        if vocab.function(tok.text) is not None:
            raise AnswerError(f"{tok.text} needs its argument in parentheses, "
                              f"e.g. {tok.text}(x).", tok.pos, rule="syntax")
        if tok.text.startswith("__") or keyword.iskeyword(tok.text):
            raise AnswerError(f"'{tok.text}' looks like program code; an answer is a math "
                              "expression.", tok.pos, rule="unsafe")
        raise AnswerError(describe_unknown(tok.text, vocab, called), tok.pos, rule="unknown_name")
    return out


_BAR_OPEN = {"|": ("abs",), "‖": ("sqrt", "l2")}  # |x| = abs(x), ‖W‖ = sqrt(l2(W))


def _expand_bars(tokens: list[Token]) -> list[Token]:
    """``|x|`` and ``‖W‖`` (or ``||W||``) as calls: a bar opens unless it follows an operand
    while the same kind of bar is open."""
    out: list[Token] = []
    opened: list[str] = []
    for tok in tokens:
        if tok.kind != "BAR":
            out.append(tok)
            continue
        closes = opened and opened[-1] == tok.text and out and out[-1].kind in _ENDS_OPERAND
        if closes:
            opened.pop()
            out += [Token("RP", ")", tok.pos) for _ in _BAR_OPEN[tok.text]]
        else:
            opened.append(tok.text)
            for function in _BAR_OPEN[tok.text]:
                out += [Token("FUNC", function, tok.pos), Token("LP", "(", tok.pos)]
    return out


def _check_brackets(tokens: list[Token]) -> None:
    stack: list[Token] = []
    for tok in tokens:
        if tok.kind in ("LP", "LB"):
            stack.append(tok)
            if len(stack) > MAX_DEPTH:
                raise AnswerError("This answer is nested too deeply to check.", tok.pos,
                                  rule="too_complex")
        elif tok.kind in _CLOSING:
            if not stack:
                raise AnswerError(f"Unmatched '{tok.text}' at column {tok.pos + 1}.", tok.pos)
            opened = stack.pop()
            if opened.kind != _CLOSING[tok.kind]:
                raise AnswerError(f"'{opened.text}' at column {opened.pos + 1} is closed by "
                                  f"'{tok.text}' at column {tok.pos + 1}.", tok.pos)
    if stack:
        raise AnswerError(f"'{stack[-1].text}' at column {stack[-1].pos + 1} is never closed.",
                          stack[-1].pos)


def _check_list_entries(tokens: list[Token]) -> None:
    """`[1 -2]` reads as [1 - 2] = [-1]: in a list, a spaced-off signed number is surely an entry
    missing its comma, so ask for the comma instead of quietly subtracting."""
    inside: list[str] = []
    for before, sign, after in zip(tokens, tokens[1:], tokens[2:]):
        if before.kind in ("LP", "LB"):
            inside.append(before.kind)
        elif before.kind in _CLOSING and inside:
            inside.pop()
        spaced_off = sign.pos > before.pos + len(before.text) and after.pos == sign.pos + 1
        if (inside and inside[-1] == "LB" and before.kind == "NUM" and sign.kind == "OP"
                and sign.text in "+-" and after.kind == "NUM" and spaced_off):
            raise AnswerError(f"Separate a list's entries with commas: '{before.text}, {sign.text}{after.text}' "
                              f"(column {sign.pos + 1}).", sign.pos)


def _check_operators(tokens: list[Token]) -> None:
    """Catch misplaced operators here, where the message can name them precisely."""
    previous: Token | None = None
    for tok in tokens:
        after_nothing = previous is None or previous.kind in ("OP", "LP", "LB", "COMMA")
        if tok.kind == "OP" and after_nothing and tok.text not in "+-":
            where = f"after '{previous.text}' " if previous is not None else ""
            raise AnswerError(f"'{tok.text}' at column {tok.pos + 1} {where}needs something "
                              "before it.", tok.pos)
        if tok.kind in ("RP", "RB", "COMMA") and previous is not None and previous.kind == "OP":
            raise AnswerError(f"Something is missing after '{previous.text}' at column "
                              f"{previous.pos + 1}.", previous.pos)
        previous = tok
    if previous is not None and previous.kind == "OP":
        raise AnswerError(f"Something is missing after '{previous.text}' at the end.",
                          previous.pos)


class _Emitter:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts: list[int] = []
        self.columns: list[int] = []
        self.literals: dict[int, str] = {}
        self.length = 0

    def emit(self, text: str, column: int) -> None:
        self.starts.append(self.length)
        self.columns.append(column)
        self.parts.append(text)
        self.length += len(text)


def rewrite(text: str, vocab: Vocabulary) -> Rewritten:
    """Rewrite learner ``text`` into Python source; raises AnswerError on unreadable input."""
    tokens = _expand_bars(_resolve(scan(text), vocab))
    if not tokens:
        raise AnswerError("Type an answer first.", 0)
    _check_operators(tokens)
    _check_brackets(tokens)
    _check_list_entries(tokens)
    emitter = _Emitter()
    variables: list[str] = []
    previous: Token | None = None
    k = 0
    while k < len(tokens):
        tok = tokens[k]
        if previous is not None and previous.kind in _ENDS_OPERAND:
            if tok.kind in _STARTS_IMPLICIT:
                emitter.emit("%", tok.pos)
            elif tok.kind in ("NUM", "LB"):
                raise AnswerError(f"Missing an operator before '{tok.text}' at column "
                                  f"{tok.pos + 1}.", tok.pos)
        if tok.kind in ("T", "SUP") and (previous is None or previous.kind not in _ENDS_OPERAND):
            what = "A transpose" if tok.kind == "T" else "A superscript power"
            raise AnswerError(f"{what} at column {tok.pos + 1} must follow what it applies to.",
                              tok.pos)
        if tok.kind in ("VAR", "NUM", "CONST"):
            _emit_atom(emitter, tok, variables)
        elif tok.kind == "FUNC":
            emitter.emit(tok.text, tok.pos)
        elif tok.kind == "T":
            emitter.emit(".T", tok.pos)
        elif tok.kind == "SUP":
            emitter.emit(f"**({tok.text})", tok.pos)
        elif tok.kind == "OP":
            emitter.emit("**" if tok.text == "^" else tok.text, tok.pos)
        elif tok.kind == "SQRT":
            following = tokens[k + 1] if k + 1 < len(tokens) else None
            if following is not None and following.kind == "LP":
                emitter.emit("sqrt", tok.pos)
            elif following is not None and following.kind in ("NUM", "VAR", "CONST"):
                emitter.emit("sqrt(", tok.pos)
                _emit_atom(emitter, following, variables)
                emitter.emit(")", following.pos)
                previous, k = Token("RP", ")", following.pos), k + 2
                continue
            else:
                raise AnswerError(f"√ at column {tok.pos + 1} needs something to take the root "
                                  "of.", tok.pos)
        else:
            emitter.emit(tok.text, tok.pos)
        previous = tok
        k += 1
    return Rewritten("".join(emitter.parts), tuple(emitter.starts), tuple(emitter.columns),
                     tuple(variables), emitter.literals)


def _emit_atom(emitter: _Emitter, tok: Token, variables: list[str]) -> None:
    """Emit a number, constant or variable (placeholder ``_v<i>``)."""
    if tok.kind == "NUM":
        text = tok.text
        if text.isdigit():
            text = text.lstrip("0") or "0"  # Python rejects 007
        emitter.literals[emitter.length] = tok.text
        emitter.emit(text, tok.pos)
    elif tok.kind == "CONST":
        emitter.emit(f"_c_{tok.text}", tok.pos)
    else:
        if tok.text not in variables:
            variables.append(tok.text)
        emitter.emit(f"_v{variables.index(tok.text)}", tok.pos)
