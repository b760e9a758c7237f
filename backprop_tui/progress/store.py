"""`ProgressStore`: the one object the app talks to about learner progress.

Every write method is one transaction; every read method returns immutable
values from :mod:`backprop_tui.progress.models`. A store holds one SQLite
connection and must be used from the thread that opened it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType

from backprop_tui.progress import cards, queries, recovery
from backprop_tui.progress.cards import Card, Mastery, Rating
from backprop_tui.progress.db import transaction
from backprop_tui.progress.models import Attempt, LessonStatus, Position, Score, Summary
from backprop_tui.progress.timestamps import Clock, iso_utc, utc_now

_TOUCH_LESSON = """
INSERT INTO lessons (lesson_id, step_index, step_key, total_steps,
                     started_at, updated_at, completed_at)
VALUES (:lesson, :index, :key, :total, :now, :now, :completed)
ON CONFLICT (lesson_id) DO UPDATE SET
    step_index   = COALESCE(excluded.step_index, step_index),
    step_key     = COALESCE(excluded.step_key, step_key),
    total_steps  = COALESCE(excluded.total_steps, total_steps),
    updated_at   = excluded.updated_at,
    completed_at = COALESCE(completed_at, excluded.completed_at)
"""

_ATTEMPT_COLUMNS = (
    "lesson_id, question_id, answer, correct, rule, hints_used, revealed, recorded_at, variant_seed"
)
_CARD_COLUMNS = (
    "lesson_id, question_id, due, state, step, stability, difficulty, last_review, last_rating, reviews"
)
_TABLES = ("lessons", "attempts", "question_help", "cards")


def _require_ids(**ids: object) -> None:
    """Each id is a non-empty string: ``_require_ids(lesson_id=...)``."""
    for kind, value in ids.items():
        if not isinstance(value, str) or not value:
            raise ValueError(f"{kind} must be a non-empty string, got {value!r}")


def _attempt_from_row(row: sqlite3.Row) -> Attempt:
    return Attempt(
        lesson_id=row["lesson_id"],
        question_id=row["question_id"],
        answer=row["answer"],
        correct=bool(row["correct"]),
        rule=row["rule"],
        hints_used=row["hints_used"],
        revealed=bool(row["revealed"]),
        recorded_at=row["recorded_at"],
        variant_seed=row["variant_seed"],
    )


def _card_from_row(row: sqlite3.Row) -> Card:
    return Card(**{key: row[key] for key in row.keys()})


class ProgressStore:
    """Persistent progress: positions, completion, answers, hints and reveals.

    Open with :meth:`open` (a file in a data directory) or :meth:`in_memory`
    (tests, or when no file can be used). After opening, :attr:`notice` is a
    message for the learner if the old file was moved aside or progress cannot
    be saved, else ``None``. :attr:`path` is the database file, or ``None``
    when progress lives in memory only.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        *,
        path: Path | None = None,
        notice: str | None = None,
        clock: Clock = utc_now,
    ) -> None:
        self._conn = conn
        self._clock = clock
        self.path = path
        self.notice = notice

    @classmethod
    def open(cls, data_dir: Path | str, *, clock: Clock = utc_now) -> ProgressStore:
        """Open ``data_dir/progress.sqlite3``, creating the directory and schema.

        Never raises for a corrupt, foreign or newer file (it is moved aside)
        or an unusable directory (progress is then kept in memory); both cases
        set :attr:`notice`. ``clock`` returns aware datetimes (tests inject one).
        """
        opened = recovery.open_database(Path(data_dir), clock)
        return cls(opened.conn, path=opened.path, notice=opened.notice, clock=clock)

    @classmethod
    def in_memory(cls, *, clock: Clock = utc_now) -> ProgressStore:
        """A store that forgets everything when closed."""
        return cls(recovery.open_memory(), clock=clock)

    @property
    def persistent(self) -> bool:
        """Whether progress is written to a file."""
        return self.path is not None

    def _now(self) -> str:
        return iso_utc(self._clock())

    # -- writes ------------------------------------------------------------

    def _touch_lesson(
        self, lesson_id: str, now: str, position: Position | None = None, completed: bool = False
    ) -> None:
        """Create the lesson row (started now) or bump its ``updated_at``."""
        self._conn.execute(
            _TOUCH_LESSON,
            {
                "lesson": lesson_id,
                "index": position.step_index if position else None,
                "key": position.step_key if position else None,
                "total": position.total_steps if position else None,
                "now": now,
                "completed": now if completed else None,
            },
        )

    def save_position(
        self, lesson_id: str, step_index: int, step_key: str, total_steps: int
    ) -> Position:
        """Remember that the learner is at step ``step_index`` (0-based) of
        ``total_steps``, whose key is ``step_key``. Starts the lesson if needed;
        a done lesson stays done."""
        _require_ids(lesson_id=lesson_id, step_key=step_key)
        if not 0 <= step_index < total_steps:
            raise ValueError(f"step_index {step_index} outside 0..{total_steps - 1}")
        now = self._now()
        position = Position(lesson_id, step_index, step_key, total_steps)
        with transaction(self._conn):
            self._touch_lesson(lesson_id, now, position=position)
        return position

    def mark_completed(self, lesson_id: str) -> None:
        """Mark the lesson done. The first completion time is kept."""
        _require_ids(lesson_id=lesson_id)
        with transaction(self._conn):
            self._touch_lesson(lesson_id, self._now(), completed=True)

    def _update_help(
        self, lesson_id: str, question_id: str, now: str,
        *, more_hints: int = 0, min_hints: int = 0, reveal: bool = False,
    ) -> tuple[int, bool]:
        """Inside a transaction: touch the lesson, then add ``more_hints`` to
        the question's hint count (raising it to ``min_hints`` if lower) and
        mark it revealed if ``reveal``. Return ``(hints_used, revealed)``."""
        self._touch_lesson(lesson_id, now)
        key = (lesson_id, question_id)
        row = self._conn.execute(
            "SELECT hints_used, revealed_at FROM question_help"
            " WHERE lesson_id = ? AND question_id = ?",
            key,
        ).fetchone()
        hints, revealed_at = (row["hints_used"], row["revealed_at"]) if row else (0, None)
        hints = max(hints + more_hints, min_hints)
        revealed_at = revealed_at or (now if reveal else None)
        self._conn.execute(
            "INSERT OR REPLACE INTO question_help"
            " (lesson_id, question_id, hints_used, revealed_at) VALUES (?, ?, ?, ?)",
            (*key, hints, revealed_at),
        )
        return hints, revealed_at is not None

    def record_hint(self, lesson_id: str, question_id: str) -> int:
        """Count one more hint shown for the question; return the new count."""
        _require_ids(lesson_id=lesson_id, question_id=question_id)
        with transaction(self._conn):
            hints, _ = self._update_help(lesson_id, question_id, self._now(), more_hints=1)
        return hints

    def record_reveal(self, lesson_id: str, question_id: str, rating: Rating | None = None) -> None:
        """Note that the answer was shown. The question then counts as
        attempted, goes on the review list, and later answers to it no
        longer count as solving it. With ``rating``, its card is reviewed too."""
        _require_ids(lesson_id=lesson_id, question_id=question_id)
        now = self._clock()
        with transaction(self._conn):
            self._update_help(lesson_id, question_id, iso_utc(now), reveal=True)
            if rating is not None:
                self._review_card(lesson_id, question_id, rating, now)

    def _review_card(self, lesson_id: str, question_id: str, rating: Rating, moment) -> Card:
        """Inside a transaction: review the question's card (a new one if it has none)."""
        row = self._conn.execute(
            f"SELECT {_CARD_COLUMNS} FROM cards WHERE lesson_id = ? AND question_id = ?",
            (lesson_id, question_id),
        ).fetchone()
        card = _card_from_row(row) if row else Card(lesson_id, question_id, due=iso_utc(moment))
        card = cards.review(card, rating, moment)
        self._conn.execute(
            f"INSERT OR REPLACE INTO cards ({_CARD_COLUMNS}) VALUES ({', '.join('?' * 10)})",
            (card.lesson_id, card.question_id, card.due, card.state, card.step, card.stability,
             card.difficulty, card.last_review, card.last_rating, card.reviews),
        )
        return card

    def record_attempt(
        self,
        lesson_id: str,
        question_id: str,
        answer: str,
        correct: bool,
        rule: str,
        hints_used: int = 0,
        revealed: bool = False,
        *,
        variant_seed: int | None = None,
        rating: Rating | None = None,
    ) -> Attempt:
        """Append one answer. ``rule`` is the checker's feedback rule
        (``"correct"`` for a right answer, else e.g. ``"wrong-sign"``).

        Hints and reveals may be reported here or through :meth:`record_hint`
        / :meth:`record_reveal`; the stored attempt takes the larger hint
        count and is marked revealed if either says so. ``variant_seed`` names
        the variant the answer was given to (``None``: the lesson's own numbers).
        With ``rating`` the question's card is reviewed in the same transaction.
        """
        _require_ids(lesson_id=lesson_id, question_id=question_id)
        if hints_used < 0:
            raise ValueError(f"hints_used must be >= 0, got {hints_used}")
        moment = self._clock()
        now = iso_utc(moment)
        with transaction(self._conn):
            hints, was_revealed = self._update_help(
                lesson_id, question_id, now, min_hints=hints_used, reveal=revealed
            )
            attempt = Attempt(
                lesson_id, question_id, str(answer), bool(correct), str(rule),
                hints, was_revealed, now, variant_seed,
            )
            self._conn.execute(
                f"INSERT INTO attempts ({_ATTEMPT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (lesson_id, question_id, attempt.answer, int(attempt.correct), attempt.rule,
                 attempt.hints_used, int(attempt.revealed), now, variant_seed),
            )
            if rating is not None:
                self._review_card(lesson_id, question_id, rating, moment)
        return attempt

    def reset(self, lesson_id: str) -> None:
        """Forget everything about one lesson: it becomes "not started"."""
        _require_ids(lesson_id=lesson_id)
        with transaction(self._conn):
            for table in _TABLES:
                self._conn.execute(f"DELETE FROM {table} WHERE lesson_id = ?", (lesson_id,))

    def reset_all(self) -> None:
        """Forget every lesson."""
        with transaction(self._conn):
            for table in _TABLES:
                self._conn.execute(f"DELETE FROM {table}")

    # -- reads -------------------------------------------------------------

    def position(self, lesson_id: str) -> Position | None:
        """The last saved position in the lesson, or ``None``."""
        row = self._conn.execute(
            "SELECT * FROM lessons WHERE lesson_id = ?", (lesson_id,)
        ).fetchone()
        return queries.position_from_row(row) if row else None

    def lesson_status(self, lesson_id: str) -> LessonStatus:
        """Status and score of one lesson ("not started" if never touched)."""
        row = self._conn.execute(queries.LESSON_STATUSES, {"lesson": lesson_id}).fetchone()
        return queries.status_from_row(row) if row else LessonStatus(lesson_id)

    def statuses(self, lesson_ids: Iterable[str] = ()) -> dict[str, LessonStatus]:
        """Status of every lesson with progress, in one query, keyed by id.

        Ids in ``lesson_ids`` (e.g. the catalog's) without progress are
        added as "not started", so the picker can index the result directly.
        """
        rows = self._conn.execute(queries.LESSON_STATUSES, {"lesson": None})
        result = {row["lesson_id"]: queries.status_from_row(row) for row in rows}
        for lesson_id in lesson_ids:
            result.setdefault(lesson_id, LessonStatus(lesson_id))
        return result

    def question_help(self, lesson_id: str) -> dict[str, tuple[int, bool]]:
        """Per question of a lesson: (hints shown, answer revealed), for questions with help."""
        rows = self._conn.execute(
            "SELECT question_id, hints_used, revealed_at FROM question_help WHERE lesson_id = ?",
            (lesson_id,),
        )
        return {row["question_id"]: (row["hints_used"], row["revealed_at"] is not None) for row in rows}

    def attempts(self, lesson_id: str, question_id: str | None = None) -> list[Attempt]:
        """Attempts in a lesson (or at one question of it), oldest first."""
        rows = self._conn.execute(
            f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE lesson_id = ?"
            " AND (? IS NULL OR question_id = ?) ORDER BY id",
            (lesson_id, question_id, question_id),
        )
        return [_attempt_from_row(row) for row in rows]

    def cards(self, lesson_id: str | None = None) -> list[Card]:
        """Review cards (of one lesson, or all), by due time."""
        rows = self._conn.execute(
            f"SELECT {_CARD_COLUMNS} FROM cards WHERE ? IS NULL OR lesson_id = ?"
            " ORDER BY due, lesson_id, question_id",
            (lesson_id, lesson_id),
        )
        return [_card_from_row(row) for row in rows]

    def due_cards(self, lesson_ids: Iterable[str] | None = None) -> list[Card]:
        """Cards due now (by the store's clock), most overdue first; only those of
        ``lesson_ids`` when given (the catalog's: a deleted lesson's cards stay out)."""
        now = self._now()
        rows = self._conn.execute(
            f"SELECT {_CARD_COLUMNS} FROM cards WHERE due <= ? ORDER BY due, lesson_id, question_id",
            (now,),
        )
        due = [_card_from_row(row) for row in rows]
        if lesson_ids is None:
            return due
        wanted = set(lesson_ids)
        return [card for card in due if card.lesson_id in wanted]

    def mastery(self, groups: Mapping[str, Iterable[str]]) -> dict[str, Mastery]:
        """Mastery per group (tag or section) given each lesson id's groups; see :mod:`.cards`."""
        return cards.mastery(self.cards(), groups, self._now())

    def summary(self, concepts: Mapping[str, Iterable[str]] | None = None) -> Summary:
        """Overall progress, from one consistent snapshot of the database.

        With ``concepts`` (each lesson id's tags, e.g. the catalog's), the review
        cards due and the mastery per concept count only those lessons' cards;
        without, every card is due-counted and no mastery is given."""
        now = self._now()
        with transaction(self._conn, "DEFERRED"):
            all_cards = self.cards()
            lessons = self._conn.execute(
                "SELECT lesson_id, completed_at FROM lessons"
                " ORDER BY completed_at, updated_at DESC, lesson_id"
            ).fetchall()
            questions = self._conn.execute(queries.QUESTION_STATS, {"lesson": None}).fetchall()
            mistakes = self._conn.execute(queries.MISTAKES).fetchall()
        review = (queries.review_item_from_row(row) for row in questions)
        if concepts is not None:
            all_cards = [card for card in all_cards if card.lesson_id in concepts]
        return Summary(
            done=tuple(r["lesson_id"] for r in lessons if r["completed_at"] is not None),
            in_progress=tuple(r["lesson_id"] for r in lessons if r["completed_at"] is None),
            score=Score(
                attempted=len(questions),
                solved=sum(row["solved"] for row in questions),
                first_try=sum(row["first_try"] for row in questions),
                attempts=sum(row["attempts"] for row in questions),
            ),
            mistakes={row["rule"]: row["n"] for row in mistakes},
            review=tuple(item for item in review if item is not None),
            due=sum(card.is_due(now) for card in all_cards),
            mastery=cards.mastery(all_cards, concepts or {}, now),
        )

    # -- lifetime ----------------------------------------------------------

    def close(self) -> None:
        """Close the connection. Safe to call twice."""
        self._conn.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        where = self.path if self.path is not None else "memory"
        return f"<ProgressStore {where}>"
