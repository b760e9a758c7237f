"""``check``: judge one typed answer against the key and say what is wrong with it."""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Iterator, Mapping, Sequence

import numpy as np

from . import exact as exact_module
from .case import Case
from .compare import DEFAULT_RTOL, Tolerance, close_entries, entries_match, exactly, point_matches, same
from .env import Env, Point, make_env, random_points
from .evaluation import evaluate_expr, value_at, values_at
from .feedback import MAX_BRANCHES, explain
from .general import general_form
from .parse import MAX_LENGTH, ParsedAnswer, parse
from .rules import Rule
from .verdict import AnswerError, Verdict

log = logging.getLogger(__name__)

_CORRECT = "Correct."


class _KeyError(Exception):
    """The question itself (key, variables, values) is broken: an author error."""


def _format_error(error: AnswerError) -> Verdict:
    return Verdict(False, error.message, error.rule, counts_as_attempt=False,
                   position=error.position)


def _parse_key(expected: Any, env: Env) -> tuple[ParsedAnswer | None, np.ndarray | None]:
    """A key given as text is parsed; a number or nested list is used as its value."""
    try:
        if isinstance(expected, str):
            return parse(expected, env.signature), None
        value = np.asarray(expected, dtype=float)
    except (AnswerError, TypeError, ValueError) as error:
        raise _KeyError(f"answer key {expected!r}: {error}") from None
    if not np.all(np.isfinite(value)):
        raise _KeyError(f"answer key {expected!r} is not finite")
    return None, value


def _in_dependency_order(definitions: Mapping[str, str], env: Env) -> list[tuple[str, ParsedAnswer]]:
    """Readable definitions of lesson variables, each after the ones it uses.

    A definition that can't be read, or that sits on a cycle, is left out: its name then
    varies freely at the random points, which can only make the check stricter.
    """
    parsed = {}
    for name, text in definitions.items():
        if name in env.values and (definition := _optional_parse(text, env)) is not None:
            parsed[name] = definition
    ordered: list[tuple[str, ParsedAnswer]] = []
    remaining = dict(parsed)
    while remaining:
        ready = [name for name, definition in remaining.items()
                 if not set(definition.symbols) & (remaining.keys() - {name})]
        if not ready:
            log.debug("circular definitions left free: %s", sorted(remaining))
            break
        for name in ready:
            ordered.append((name, remaining.pop(name)))
    return ordered


def _points(env: Env, definitions: Mapping[str, str] | None,
            given: Sequence[Mapping[str, Any]] | None = None) -> list[Point]:
    """The lesson's values, then random points; dependent names follow their definitions.
    ``given`` points (each naming every variable, with its shape) replace the random ones."""
    if given:
        try:
            extra = [make_env(point).values for point in given]
        except ValueError as error:
            raise _KeyError(f"test points: {error}") from None
        shapes = {name: value.shape for name, value in env.values.items()}
        return [env.values, *(p for p in extra
                              if {n: v.shape for n, v in p.items() if n in shapes} == shapes)]
    points = [env.values, *random_points(env)]
    ordered = _in_dependency_order(definitions or {}, env)
    for point in points[1:]:
        for name, definition in ordered:
            value = value_at(definition, point)
            if value is not None and value.shape == point[name].shape:
                point[name] = value
    return points


def _optional_parse(text: Any, env: Env) -> ParsedAnswer | None:
    """``text`` parsed, or None when it is unreadable. Authors may give a misconception or a
    branch term as a number or a nested list of numbers (e.g. ``1`` from YAML): that is read
    as the number written out."""
    if not isinstance(text, str):
        text = _as_text(text)
        if text is None:
            return None
    try:
        return parse(text, env.signature)
    except AnswerError:
        return None


def _as_text(value: Any) -> str | None:
    """A number or nested list of numbers written out (``[0.5, -1.0]``); None otherwise."""
    if isinstance(value, bool):
        return None
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    if array.ndim > 2 or array.size == 0 or array.size > 10_000 or not np.all(np.isfinite(array)):
        return None
    return repr(array.tolist())


def _verdict(parsed: ParsedAnswer, correct: bool, feedback: str, rule: str,
             counts: bool = True) -> Verdict:
    return Verdict(correct, feedback, rule, parsed.interpretation, parsed.pretty, counts)


def _forward_arrays(forward_values: Mapping[str, Any] | None) -> dict[str, np.ndarray]:
    try:
        return {name: np.asarray(v, dtype=float) for name, v in (forward_values or {}).items()}
    except (TypeError, ValueError) as error:
        raise _KeyError(f"forward values: {error}") from None


@dataclass
class _Mistakes:
    """The author's misconceptions and the branch terms at a fork, parsed when first needed."""

    misconceptions: Sequence[tuple[Any, Any]]
    branch_terms: Sequence[Any]
    env: Env

    @cached_property
    def parsed_misconceptions(self) -> list[tuple[ParsedAnswer, str]]:
        return [(p, str(message)) for text, message in self.misconceptions
                if (p := _optional_parse(text, self.env)) is not None]

    @cached_property
    def parsed_branch_terms(self) -> list[ParsedAnswer]:
        return [p for text in self.branch_terms if (p := _optional_parse(text, self.env))]

    def values(self) -> Iterator[np.ndarray | None]:
        """At the lesson's values: each misconception, and each sum of some but not all of the
        branch terms (one path forgotten)."""
        for parsed, _ in self.parsed_misconceptions:
            yield value_at(parsed, self.env.values)
        terms = [value_at(term, self.env.values) for term in self.parsed_branch_terms]
        terms = [term for term in terms[:MAX_BRANCHES] if term is not None]
        for size in range(1, len(terms)):
            for subset in itertools.combinations(terms, size):
                with np.errstate(all="ignore"):
                    yield sum(subset[1:], subset[0])


def _answer_values(parsed: ParsedAnswer, env: Env, points: list[Point],
                   tolerance: Tolerance) -> list[np.ndarray | None]:
    """At the lesson's point the answer as typed; at the random points (only for an answer
    with a variable) its general form, the numbers read off the screen standing for names."""
    values = [value_at(parsed, env.values)]
    if parsed.symbols:
        general = general_form(parsed, env, tolerance)
        for point in points[1:]:
            value = evaluate_expr(general, point)
            try:
                values.append(None if value is None else np.broadcast_to(value, parsed.shape))
            except ValueError:
                values.append(None)
    return values


def _accept(parsed: ParsedAnswer, answer: str, expected: Any, env: Env, exact: bool,
            key: ParsedAnswer | None, values: tuple[Any, Any]) -> Verdict:
    """The answer equals the key by value: correct, unless exact mode finds otherwise."""
    if exact and key is not None and key.symbols:
        outcome = exact_module.exactly_equal(answer, expected, env.signature)
        if outcome is None:
            return _verdict(parsed, False, "I couldn't decide in time whether this is exactly "
                            "the right form; try writing it more simply.", Rule.UNDECIDED, False)
        if not outcome:
            return _verdict(parsed, False, "Numerically right, but not exactly the form asked "
                            "for (e.g. write 1/3 rather than 0.333, or keep the symbols).",
                            Rule.NOT_EXACT)
    typed, value = values  # at the lesson's point
    if typed is not None and value is not None and value.shape == () and not exactly(typed, value):
        return _verdict(parsed, True, f"Correct (more precisely {float(value):.6g}).", Rule.CORRECT)
    return _verdict(parsed, True, _CORRECT, Rule.CORRECT)


def _entries(mask: np.ndarray) -> str:
    places = [str([int(i) for i in index]) for index in zip(*np.nonzero(mask))][:3]
    return ", ".join(places) + (", ..." if int(mask.sum()) > 3 else "")


def _ambiguous(case: Case) -> bool:
    """Is the answer within the question's tolerance of the key, but kept from it by a known
    mistake nearby (and not nearer that mistake than the key)?"""
    answer, key = case.answer_values[0], case.key_values[0]
    if case.tolerance.cap is None or answer is None or key is None or answer.shape != key.shape:
        return False
    return bool(entries_match(answer, key, case.tolerance.allowance(key, capped=False)).all())


def _close(case: Case) -> str | None:
    """For a typed answer that is not right: why it is only close, or None when it isn't."""
    answer, key, tolerance = case.answer_values[0], case.key_values[0], case.tolerance
    near = close_entries(answer, key, tolerance)
    if case.answer.symbols or near is None or not near.all():
        return None
    short = ~entries_match(answer, key, tolerance.allowance(key))
    where = "" if key.shape == () else f" (the entries at {_entries(short)})"
    if tolerance.tightened:
        return (f"Close, but not precise enough{where}: this question wants each number "
                f"{tolerance.describe()}.")
    return f"Close, but not quite{where}: check your rounding, or give more digits."


def _reject(case: Case, previous: str | None) -> Verdict:
    """Name the likely mistake; a repeat of the previous attempt is said so and not counted."""
    parsed = case.answer
    rule, message = explain(case)
    if rule not in (Rule.MISCONCEPTION, Rule.MISSING_BRANCH) and _ambiguous(case):
        return _verdict(parsed, False, "Give more digits: your answer also fits a common "
                        "mistake.", Rule.IMPRECISE, False)
    if rule in (Rule.WRONG, Rule.PARTIAL_ENTRIES) and (close := _close(case)) is not None:
        return _verdict(parsed, False, close, Rule.IMPRECISE, False)
    earlier = _optional_parse(previous, case.env) if isinstance(previous, str) else None
    if earlier is not None and same(case.values(earlier), case.answer_values, case.tolerance):
        return _verdict(parsed, False, f"That's the same answer as last time. {message}",
                        Rule.SAME_AS_PREVIOUS, False)
    return _verdict(parsed, False, message, rule)


def _judge(answer: str, expected: Any, variables: Mapping[str, Any] | None, *,
           misconceptions: Sequence[tuple[Any, str]], previous: str | None,
           forward_values: Mapping[str, Any] | None, branch_terms: Sequence[str | float] | None,
           tolerance: Tolerance, exact: bool, definitions: Mapping[str, str] | None,
           given_points: Sequence[Mapping[str, Any]] | None, upstream: Any,
           asks: str | None) -> Verdict:
    if not isinstance(answer, str):
        return Verdict(False, "An answer must be text.", Rule.SYNTAX, counts_as_attempt=False)
    if len(answer) > MAX_LENGTH:
        return Verdict(False, f"This answer is too long (more than {MAX_LENGTH} characters).",
                       Rule.TOO_LONG, counts_as_attempt=False)
    try:
        env = make_env(variables)
    except ValueError as error:
        raise _KeyError(str(error)) from None
    key, key_value = _parse_key(expected, env)
    try:
        parsed = parse(answer, env.signature)
    except AnswerError as error:
        return _format_error(error)
    points = _points(env, definitions, given_points) if parsed.symbols else [env.values]
    key_values = values_at(key, points) if key is not None else [key_value]
    mistakes = _Mistakes(misconceptions, branch_terms or (), env)
    if key_values[0] is not None and np.all(np.isfinite(key_values[0])):
        tolerance = tolerance.capped_near(key_values[0], [m for m in mistakes.values()
                                                          if m is not None])
    answer_values = _answer_values(parsed, env, points, tolerance)
    results = point_matches(answer_values, key_values, tolerance)
    if True in results and False not in results:
        return _accept(parsed, answer, expected, env, exact, key,
                       (answer_values[0], key_values[0]))
    if results and results[0] is True and key is not None and key.symbols:
        return _verdict(parsed, False, "Your expression matches at these values but not in "
                        "general: as a formula it is not the gradient. Check it at other inputs.",
                        Rule.COINCIDENCE)
    return _reject(Case(
        answer=parsed, answer_values=answer_values, key_expr=key.expr if key else None,
        key_values=key_values, key_shape=key.shape if key else key_value.shape, points=points,
        env=env, tolerance=tolerance, forward_values=_forward_arrays(forward_values),
        misconceptions=mistakes.parsed_misconceptions,
        branch_terms=mistakes.parsed_branch_terms, asks=asks,
        upstream=None if upstream is None else np.asarray(upstream, dtype=float),
    ), previous)


def check(answer: str, expected: str | float | list, variables: Mapping[str, Any] | None = None,
          *, misconceptions: Sequence[tuple[str | float | list, str]] = (),
          previous: str | None = None,
          forward_values: Mapping[str, Any] | None = None,
          branch_terms: Sequence[str | float] | None = None, tolerance: float | None = None,
          sig_digits: int | None = None, exact: bool = False,
          definitions: Mapping[str, str] | None = None,
          points: Sequence[Mapping[str, Any]] | None = None,
          upstream: Any = None, asks: str | None = None) -> Verdict:
    """Judge the learner's ``answer`` against the key ``expected``. Never raises.

    ``expected`` is a number, a nested list, or an expression over ``variables`` (name ->
    number or nested list: the lesson's values). ``misconceptions`` are author-listed
    ``(answer, message)`` wrong answers (an expression, a number or a nested list);
    ``previous`` is the learner's previous attempt;
    ``forward_values`` maps node names to forward values; ``branch_terms`` are the per-path
    contributions at a fork; ``tolerance`` is the relative tolerance at the lesson's values
    (default 2%) and ``sig_digits`` tightens it to that many significant digits of the key;
    ``exact`` also requires symbolic equality; ``definitions`` maps dependent variable names to
    expressions so random test points stay consistent, or ``points`` gives those points outright
    (each a full set of variables, e.g. the lesson's graph run again on other inputs);
    ``asks`` ("local", "downstream", "grad", "updated", ...: the question's kind) and ``upstream`` (the upstream gradient at that
    node) let the checker tell a local gradient from a downstream one. See the package
    docstring for the rules.
    """
    try:
        return _judge(answer, expected, variables, misconceptions=misconceptions,
                      previous=previous, forward_values=forward_values, branch_terms=branch_terms,
                      tolerance=Tolerance(DEFAULT_RTOL if tolerance is None else tolerance,
                                          sig_digits),
                      exact=exact, definitions=definitions, given_points=points,
                      upstream=upstream, asks=asks)
    except _KeyError as error:
        return Verdict(False, f"This question can't be checked: {error}", Rule.INVALID_KEY,
                       counts_as_attempt=False)
    except Exception:  # noqa: BLE001 - a checker bug must never crash the tutor
        log.exception("answer checker failed on %r", answer)
        return Verdict(False, "Sorry, this answer could not be checked.", Rule.INTERNAL,
                       counts_as_attempt=False)

