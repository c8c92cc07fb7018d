"""The review queue: events waiting for eyes, most urgent first, with each field's confidence."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sitroom.errors import InputError
from sitroom.review.confidence import FieldConfidence, field_confidences, overall_confidence, priority
from sitroom.review.settings import FIELD_GROUPS, queue_settings
from sitroom.store.review_records import REVIEW_STATUSES, ReviewEventRow, ReviewState

WAITING = ("suggested", "sent_back")
SORTS = ("priority", "confidence", "fatalities", *(f"confidence.{name}" for name in FIELD_GROUPS))


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


def _sort_key(sort: str):
    if sort == "priority":
        return lambda item: (-item.priority, item.overall, item.event["event_id"])
    if sort == "confidence":
        return lambda item: (item.overall, -item.priority, item.event["event_id"])
    if sort == "fatalities":
        return lambda item: (-(item.event.get("fatalities_high") or 0), -item.priority, item.event["event_id"])
    group = sort.split(".", 1)[1]
    return lambda item: (item.confidence[group].score, -item.priority, item.event["event_id"])


def review_queue(repository, statuses: tuple[str, ...] = WAITING, sort: str = "priority", limit: int = 50) -> list[QueueItem]:
    """Return up to ``limit`` events in ``statuses``, ordered by ``sort`` (most urgent first).

    Scores the ``scan_limit`` most recently changed events in those statuses (queue.json).
    """
    unknown = [status for status in statuses if status not in REVIEW_STATUSES]
    if unknown:
        raise InputError("status", f"{unknown[0]!r} is not one of {', '.join(REVIEW_STATUSES)}")
    if sort not in SORTS:
        raise InputError("sort", f"{sort!r} is not one of {', '.join(SORTS)}")
    ids = repository.events_by_review_status(tuple(statuses), queue_settings().scan_limit)
    known = repository.reviewed_actor_names()
    items = [queue_item(row, known) for row in repository.review_rows(ids)]
    return sorted(items, key=_sort_key(sort))[:limit]
