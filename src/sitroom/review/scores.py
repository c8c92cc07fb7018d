"""Score the events the store noted as stale and hand the scores back (the queue reads them from indexes).

The store notes which events a write changed (``pending_review_scores``); ``refresh_scores``
reads those events with their sources, scores them with ``queue_item`` (confidence.py) and
stores the result (``save_review_scores``). It runs after every resolution and before each
queue request, so the queue never scores every waiting event per request.
"""

from __future__ import annotations

from sitroom.review.queue import queue_item
from sitroom.store.review_records import CONFIDENCE_GROUPS, ReviewScore

BATCH = 500  # events scored per read and write


def score_of(item) -> ReviewScore:
    """Return a queue item's figures as the record the store keeps."""
    event = item.event
    return ReviewScore(
        event_id=event["event_id"], priority=item.priority, overall=item.overall,
        confidences={group: item.confidence[group].score for group in CONFIDENCE_GROUPS},
        reasons={group: item.confidence[group].reason for group in CONFIDENCE_GROUPS},
        new_actors=tuple(item.new_actors), source_count=item.source_count,
        fatalities=int(event.get("fatalities_high") or event.get("fatalities_best") or 0),
    )  # fmt: skip


def refresh_scores(repository, limit: int | None = None) -> int:
    """Score up to ``limit`` (None: all) of the events waiting for a score; return how many were scored."""
    if not hasattr(repository, "pending_review_scores"):
        return 0  # a store without the review tables
    done = 0
    known = repository.reviewed_actor_names()
    while limit is None or done < limit:
        pending = repository.pending_review_scores(BATCH if limit is None else min(BATCH, limit - done))
        if not pending:
            break
        rows = repository.review_rows([event_id for event_id, _ in pending])
        repository.save_review_scores([score_of(queue_item(row, known)) for row in rows], pending)
        done += len(pending)
    return done
