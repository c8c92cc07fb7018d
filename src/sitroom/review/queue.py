"""The review queue: events waiting for eyes, most urgent first, with each field's confidence."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sitroom.review.confidence import FieldConfidence, field_confidences, overall_confidence, priority
from sitroom.review.settings import FIELD_GROUPS, queue_settings
from sitroom.store.review_records import SCORE_ORDERS, ReviewEventRow, ReviewScore, ReviewState
from sitroom.store.review_scores import check_queue_request

WAITING = ("suggested", "sent_back")
SORTS = SCORE_ORDERS


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One event in the queue: its row, review state, field confidences, priority and why."""

    event: dict[str, Any]
    review: ReviewState
    confidence: dict[str, FieldConfidence]
    overall: float
    priority: float
    new_actors: tuple[str, ...]
    source_count: int


def _new_actors(row: ReviewEventRow, known: set[str]) -> tuple[str, ...]:
    event = row.event
    names = [event.get("actor1"), event.get("actor2"), *json.loads(event.get("assoc_actors") or "[]")]
    return tuple(name for name in dict.fromkeys(names) if name and name not in known)


def queue_item(row: ReviewEventRow, known_actors: set[str]) -> QueueItem:
    """Return the queue entry of one event (confidences, priority, actors no reviewed event names)."""
    settings = queue_settings()
    fields = field_confidences(row, settings)
    overall = overall_confidence(fields, settings)
    new = _new_actors(row, known_actors)
    return QueueItem(row.event, row.review, fields, overall, priority(row, overall, list(new), settings), new,
                     len({m["mention_id"] for m in row.mentions}))  # fmt: skip


def review_queue(repository, statuses: tuple[str, ...] = WAITING, sort: str = "priority", limit: int = 50) -> list[QueueItem]:
    """Return up to ``limit`` events in ``statuses``, ordered by ``sort`` (most urgent first).

    The scores are stored (migration 0021) and read from their indexes; first the events noted as
    changed since they were scored are scored, at most ``scan_limit`` per request (queue.json).
    """
    from sitroom.review.scores import refresh_scores

    check_queue_request(statuses, sort)
    refresh_scores(repository, queue_settings().scan_limit)
    ordered = repository.scored_review_queue(tuple(statuses), sort, limit)
    rows = {row.event["event_id"]: row for row in repository.review_rows([score.event_id for score in ordered])}
    return [_stored_item(score, rows[score.event_id]) for score in ordered if score.event_id in rows]


def _stored_item(score: ReviewScore, row: ReviewEventRow) -> QueueItem:
    confidences = {group: FieldConfidence(score.confidences[group], score.reasons.get(group, "")) for group in FIELD_GROUPS}
    return QueueItem(row.event, row.review, confidences, score.overall, score.priority, score.new_actors, score.source_count)
