"""Typed records the store returns besides the pipeline's own (audit entries, runs, stats)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

RUN_ITEM_STATUSES = ("stored", "unchanged", "skipped", "failed")


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One change to a document, mention or event: who, when, what, and the rows before/after."""

    id: int
    at: dt.datetime
    who: str
    action: str  # "create", "update", "delete"
    entity: str  # "document", "mention", "event"
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    why: str | None = None


@dataclass(frozen=True, slots=True)
class IngestRun:
    """One ingest run: the command that started it, who ran it, and what it did."""

    run_id: int
    command: str
    arguments: list[str]
    analyst: str
    started: dt.datetime
    finished: dt.datetime | None
    status: str
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StoreStats:
    """Counts over the whole store; keys of None values are reported as "unknown"."""

    documents: int
    mentions: int
    events: int
    by_source_kind: dict[str, int]  # documents per source kind
    by_event_type: dict[str, int]  # events per event type
    by_admin1: dict[str, int]  # events per province
    by_month: dict[str, int]  # events per "YYYY-MM" of event_date, ascending
    recent_runs: list[IngestRun]  # the last five ingest runs, newest first


@dataclass(slots=True)
class ResolutionInput:
    """What the store hands to resolution: placed and unplaced mentions, and the decisions.

    ``resolved`` and ``new`` hold ``sitroom.resolve.ResolvableMention`` records (non-aggregate
    mentions with their document's publisher, kind and date); ``assignments`` maps each
    resolved mention to its current event; ``decisions`` are the stored analyst decisions
    (``sitroom.resolve.Decision``), oldest first.
    """

    resolved: list[Any]
    assignments: dict[str, str]
    new: list[Any]
    decisions: list[Any]

    def clusters(self) -> dict[str, list[str]]:
        """Return event id -> its resolved mention ids (sorted)."""
        groups: dict[str, list[str]] = {}
        for mention_id, event_id in sorted(self.assignments.items()):
            groups.setdefault(event_id, []).append(mention_id)
        return groups


@dataclass(slots=True)
class ResolutionChanges:
    """What persisting one resolution changed in the store."""

    new_mentions: int = 0  # mentions placed for the first time (or again, after they changed)
    events_created: int = 0
    events_updated: int = 0
    events_deleted: int = 0
    mentions_moved: int = 0  # placed mentions whose event changed
    events: int = 0  # canonical events after the run
    unapplied: list[tuple[str, str]] = field(default_factory=list)  # (decision_id, reason)

    @property
    def changed(self) -> bool:
        """True if any event was created, updated or deleted."""
        return bool(self.events_created or self.events_updated or self.events_deleted)


@dataclass(frozen=True, slots=True)
class DecisionEntry:
    """A stored analyst decision (``sitroom.resolve.Decision``) and why it last failed to apply."""

    decision: Any
    problem: str | None = None
