"""Read queries: per-question and per-lesson statistics, and row -> model mapping.

Definitions (also in :class:`~backprop_tui.progress.models.Score`):

* attempted: the question has an answer, or its answer was revealed;
* solved: some answer given while the answer was not yet revealed was correct;
* first try: the question's first answer was such an answer;
* review: attempted but not right at the first try, or revealed at any point.

Every query takes the named parameter ``:lesson``; ``NULL`` means all lessons.
"""

from __future__ import annotations

import sqlite3

from backprop_tui.progress.models import LessonStatus, Position, ReviewItem, Score, Status

_QUESTION_STATS_CTE = """
asked AS (
    SELECT lesson_id, question_id FROM attempts
    WHERE :lesson IS NULL OR lesson_id = :lesson
    UNION
    SELECT lesson_id, question_id FROM question_help
    WHERE revealed_at IS NOT NULL AND (:lesson IS NULL OR lesson_id = :lesson)
),
ranked AS (
    SELECT id, lesson_id, question_id, answer, rule,
           correct AND NOT revealed AS ok,
           ROW_NUMBER() OVER (PARTITION BY lesson_id, question_id ORDER BY id) AS n_first,
           ROW_NUMBER() OVER (PARTITION BY lesson_id, question_id ORDER BY id DESC) AS n_last
    FROM attempts
    WHERE :lesson IS NULL OR lesson_id = :lesson
),
question_stats AS (
    SELECT q.lesson_id, q.question_id,
           COUNT(r.id)                                      AS attempts,
           COALESCE(MAX(r.ok), 0)                           AS solved,
           COALESCE(MAX(r.n_first = 1 AND r.ok), 0)         AS first_try,
           COALESCE(MAX(h.revealed_at IS NOT NULL), 0)      AS revealed,
           MAX(CASE WHEN r.n_last = 1 THEN r.answer END)    AS last_answer,
           MAX(CASE WHEN r.n_last = 1 THEN r.rule END)      AS last_rule
    FROM asked AS q
    LEFT JOIN ranked AS r
           ON r.lesson_id = q.lesson_id AND r.question_id = q.question_id
    LEFT JOIN question_help AS h
           ON h.lesson_id = q.lesson_id AND h.question_id = q.question_id
    GROUP BY q.lesson_id, q.question_id
)
"""

QUESTION_STATS = f"""
WITH {_QUESTION_STATS_CTE}
SELECT * FROM question_stats ORDER BY lesson_id, question_id
"""

LESSON_STATUSES = f"""
WITH {_QUESTION_STATS_CTE},
lesson_stats AS (
    SELECT lesson_id,
           COUNT(*)       AS attempted,
           SUM(solved)    AS solved,
           SUM(first_try) AS first_try,
           SUM(attempts)  AS attempts
    FROM question_stats GROUP BY lesson_id
)
SELECT l.lesson_id, l.step_index, l.step_key, l.total_steps,
       l.started_at, l.updated_at, l.completed_at,
       COALESCE(s.attempted, 0) AS attempted,
       COALESCE(s.solved, 0)    AS solved,
       COALESCE(s.first_try, 0) AS first_try,
       COALESCE(s.attempts, 0)  AS attempts
FROM lessons AS l
LEFT JOIN lesson_stats AS s ON s.lesson_id = l.lesson_id
WHERE :lesson IS NULL OR l.lesson_id = :lesson
ORDER BY l.lesson_id
"""

MISTAKES = """
SELECT rule, COUNT(*) AS n FROM attempts
WHERE NOT correct AND rule <> 'correct'
GROUP BY rule ORDER BY n DESC, rule
"""


def position_from_row(row: sqlite3.Row) -> Position | None:
    """A :class:`Position` from a ``lessons`` row, or ``None`` if none was saved."""
    if row["step_index"] is None:
        return None
    return Position(
        lesson_id=row["lesson_id"],
        step_index=row["step_index"],
        step_key=row["step_key"],
        total_steps=row["total_steps"],
    )


def status_from_row(row: sqlite3.Row) -> LessonStatus:
    """A :class:`LessonStatus` from a :data:`LESSON_STATUSES` row."""
    done = row["completed_at"] is not None
    return LessonStatus(
        lesson_id=row["lesson_id"],
        status=Status.DONE if done else Status.IN_PROGRESS,
        position=position_from_row(row),
        started_at=row["started_at"],
        updated_at=row["updated_at"],
        completed_at=row["completed_at"],
        score=Score(row["attempted"], row["solved"], row["first_try"], row["attempts"]),
    )


def review_item_from_row(row: sqlite3.Row) -> ReviewItem | None:
    """A :class:`ReviewItem` from a :data:`QUESTION_STATS` row, if it needs review."""
    if row["first_try"] and not row["revealed"]:
        return None
    reason = "revealed" if row["revealed"] else "right after a retry" if row["solved"] else "never correct"
    return ReviewItem(
        lesson_id=row["lesson_id"],
        question_id=row["question_id"],
        reason=reason,
        attempts=row["attempts"],
        last_answer=row["last_answer"],
        last_rule=row["last_rule"],
    )
