"""The review queue's stored scores (migration 0021): noted stale by the store, computed by the review stage.

The store never scores: it notes in ``review_score_pending`` every event whose score a write may
have changed (the read model's refresh hands it the events a transaction changed; review changes
note their event, and events that named an actor a review just made known), keeps each stored
score's ``status`` equal to the event's review status, and reads the queue from the indexes.
``sitroom.review.scores`` reads the pending events, scores them and hands the scores back
through ``save_review_scores``. SQL is parameterised and portable.
"""

from __future__ import annotations

import heapq
import json
from typing import Any, Iterable, Sequence

from sitroom.errors import InputError
from sitroom.store import rows
from sitroom.store.dialect import Database
from sitroom.store.review_records import CONFIDENCE_GROUPS, REVIEW_STATUSES, SCORE_ORDERS, ReviewScore

CHUNK = 400  # ids per IN (...) list
_CONFIDENCE_COLUMNS = tuple(f"confidence_{group}" for group in CONFIDENCE_GROUPS)
_COLUMNS = ("event_id", "priority", "overall", *_CONFIDENCE_COLUMNS, "reasons", "new_actors", "fatalities",
            "source_count", "scored_at")  # fmt: skip
# order -> (ORDER BY over review_scores, the same order as a Python key of a stored row)
_ORDERS: dict[str, tuple[str, Any]] = {
    "priority": ("priority DESC, overall, event_id", lambda s: (-s.priority, s.overall, s.event_id)),
    "confidence": ("overall, priority DESC, event_id", lambda s: (s.overall, -s.priority, s.event_id)),
    "fatalities": ("fatalities DESC, priority DESC, event_id", lambda s: (-s.fatalities, -s.priority, s.event_id)),
    **{
        f"confidence.{group}": (f"confidence_{group}, priority DESC, event_id",
                                lambda s, g=group: (s.confidences[g], -s.priority, s.event_id))
        for group in CONFIDENCE_GROUPS
    },
}  # fmt: skip


def _chunks(values: Sequence[str]) -> Iterable[tuple[list[str], str]]:
    ordered = sorted(set(values))
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        yield chunk, ", ".join("?" for _ in chunk)


def mark_pending(connection: Database, event_ids: Iterable[str]) -> None:
    """Note that these events' scores are stale (a note made while one is read survives its save)."""
    connection.executemany(
        "INSERT INTO review_score_pending (event_id, marks) VALUES (?, 1)"
        " ON CONFLICT (event_id) DO UPDATE SET marks = review_score_pending.marks + 1",
        [(event_id,) for event_id in sorted(set(event_ids))],
    )


def note_review_changes(connection: Database, event_ids: Iterable[str]) -> None:
    """Keep the stored scores' status equal to the events' review status, and note them for rescoring."""
    ids = sorted(set(event_ids))
    for chunk, marks in _chunks(ids):
        connection.execute(
            "UPDATE review_scores SET status = coalesce((SELECT r.status FROM event_reviews r"
            f" WHERE r.event_id = review_scores.event_id), 'suggested') WHERE event_id IN ({marks})",
            chunk,
        )
    mark_pending(connection, ids)


def note_known_actors(connection: Database, actors: Iterable[str]) -> None:
    """Note the scored events that counted one of ``actors`` as new (a review has now named them)."""
    names = sorted({actor for actor in actors if actor})
    for start in range(0, len(names), CHUNK):
        chunk = names[start : start + CHUNK]
        matches = " OR ".join("a.actor = ? COLLATE NOCASE" for _ in chunk)
        found = connection.execute(
            "SELECT DISTINCT s.event_id FROM review_scores s JOIN event_actors a ON a.event_id = s.event_id"
            f" WHERE s.new_actors <> '[]' AND ({matches})",
            chunk,
        ).fetchall()
        mark_pending(connection, [row[0] for row in found])


def _score_values(score: ReviewScore, now: str) -> tuple:
    return (
        score.event_id, score.priority, score.overall, *(score.confidences[group] for group in CONFIDENCE_GROUPS),
        rows.to_json(score.reasons), rows.to_json(list(score.new_actors)), int(score.fatalities),
        int(score.source_count), now, score.event_id,
    )  # fmt: skip


def _row_to_score(row: Any) -> ReviewScore:
    return ReviewScore(
        event_id=row["event_id"], priority=float(row["priority"]), overall=float(row["overall"]),
        confidences={group: float(row[f"confidence_{group}"]) for group in CONFIDENCE_GROUPS},
        reasons=json.loads(row["reasons"] or "{}"), new_actors=tuple(json.loads(row["new_actors"] or "[]")),
        fatalities=int(row["fatalities"]), source_count=int(row["source_count"]),
    )  # fmt: skip


def check_queue_request(statuses: Sequence[str], order: str) -> None:
    """InputError naming the first unknown status or order."""
    unknown = [status for status in statuses if status not in REVIEW_STATUSES]
    if unknown:
        raise InputError("status", f"{unknown[0]!r} is not one of {', '.join(REVIEW_STATUSES)}")
    if order not in _ORDERS:
        raise InputError("sort", f"{order!r} is not one of {', '.join(SCORE_ORDERS)}")


class ReviewScoreStore:
    """Repository methods of the stored review queue (needs the repository's _transaction / _read)."""

    def pending_review_scores(self, limit: int) -> list[tuple[str, int]]:
        """Return up to ``limit`` (event id, note count) of events whose score is missing or stale."""
        with self._read() as connection:  # type: ignore[attr-defined]
            found = connection.execute(
                "SELECT event_id, marks FROM review_score_pending ORDER BY event_id LIMIT ?", (int(limit),)
            ).fetchall()
        return [(row[0], int(row[1])) for row in found]

    def count_pending_review_scores(self) -> int:
        """Return how many events wait to be (re)scored."""
        with self._read() as connection:  # type: ignore[attr-defined]
            return int(connection.execute("SELECT COUNT(*) FROM review_score_pending").fetchone()[0])

    def save_review_scores(self, scores: Sequence[ReviewScore], pending: Sequence[tuple[str, int]]) -> None:
        """Store ``scores`` (replacing older ones) and forget the ``pending`` notes they answer.

        A pending event without a score (it no longer exists) loses its stored score. A note
        renewed since it was read (a higher count) stays, so that event is scored again.
        """
        now = rows.utc_now()
        marks = ", ".join("?" for _ in _COLUMNS)
        with self._transaction() as connection:  # type: ignore[attr-defined]
            for chunk, chunk_marks in _chunks([event_id for event_id, _ in pending] + [s.event_id for s in scores]):
                connection.execute(f"DELETE FROM review_scores WHERE event_id IN ({chunk_marks})", chunk)
            connection.executemany(
                f"INSERT INTO review_scores ({', '.join(_COLUMNS)}, status) VALUES ({marks}, coalesce("
                "(SELECT r.status FROM event_reviews r WHERE r.event_id = ?), 'suggested'))",
                [_score_values(score, now) for score in scores],
            )
            connection.executemany(
                "DELETE FROM review_score_pending WHERE event_id = ? AND marks = ?",
                [(event_id, count) for event_id, count in pending],
            )

    def scored_review_queue(self, statuses: Sequence[str], order: str, limit: int) -> list[ReviewScore]:
        """Return the ``limit`` first stored scores of events in ``statuses``, in ``order`` (SCORE_ORDERS).

        Each status is read from its own index range (already in order) and the ranges merged,
        so no request sorts the waiting events.
        """
        check_queue_request(statuses, order)
        sql_order, key = _ORDERS[order]
        columns = ", ".join(_COLUMNS)
        with self._read() as connection:  # type: ignore[attr-defined]
            ranges = [
                [_row_to_score(row) for row in connection.execute(
                    f"SELECT {columns} FROM review_scores WHERE status = ? ORDER BY {sql_order} LIMIT ?",
                    (status, int(limit)),
                ).fetchall()]
                for status in dict.fromkeys(statuses)
            ]  # fmt: skip
        return list(heapq.merge(*ranges, key=key))[: int(limit)]
