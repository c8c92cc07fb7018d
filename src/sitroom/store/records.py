"""Typed records the store returns besides the pipeline's own (audit entries, runs, stats)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Protocol

from sitroom.models import Document, EventMention, SourceKind

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


@dataclass(frozen=True, slots=True)
class StoredMention:
    """A non-aggregate mention with its document's publisher, kind and publication date."""

    mention: EventMention
    publisher: str | None
    source_kind: SourceKind
    published: dt.date | None

    @property
    def mention_id(self) -> str:
        return self.mention.mention_id


@dataclass(frozen=True, slots=True)
class StoredExplanation:
    """One scored pair of mentions as the last resolution recorded it (features as dicts)."""

    mention_a: str
    mention_b: str
    event_id: str | None
    score: float
    threshold: float
    decision: str
    reason: str
    features: list[dict[str, Any]]


@dataclass(slots=True)
class ResolutionInput:
    """What the store hands to resolution: placed and unplaced mentions, and the decisions.

    ``resolved`` and ``new`` hold StoredMention records; ``assignments`` maps each resolved
    mention to its current event; ``decisions`` are the stored analyst decisions as the
    records their ``to_record()`` gave, oldest first. The store knows no resolution types:
    ``sitroom.resolve`` turns these into its own.
    """

    resolved: list[Any]
    assignments: dict[str, str]
    new: list[Any]
    decisions: list[dict[str, Any]]

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
    events_merged: int = 0  # of the deleted: events whose mentions all went into other events
    events_before: int = 0  # stored events when the run began (provisional ones included)
    mentions_moved: int = 0  # placed mentions whose event changed
    events: int = 0  # canonical events after the run
    unapplied: list[tuple[str, str]] = field(default_factory=list)  # (decision_id, reason)

    @property
    def changed(self) -> bool:
        """True if any event was created, updated or deleted."""
        return bool(self.events_created or self.events_updated or self.events_deleted)


@dataclass(frozen=True, slots=True)
class DecisionEntry:
    """A stored analyst decision (the record its ``to_record()`` gave) and why it last failed to apply."""

    record: dict[str, Any]
    problem: str | None = None

    @property
    def decision_id(self) -> str:
        return str(self.record.get("decision_id", ""))


class StorableDecision(Protocol):
    """What the store needs of a decision to keep it (``sitroom.resolve.Decision`` is one)."""

    decision_id: str
    kind: str
    who: str
    why: str

    def to_record(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class DocumentToStore:
    """One document of a batch: its mentions, the input it came from, the preserved source it was read from."""

    document: Document
    mentions: list[EventMention]
    source: str  # the run item's source (the input file or URL)
    evidence_source_id: int | None = None  # linked to the document when given
    unchanged: bool = False  # stored already (same id and content): only its run item and link are written


@dataclass(frozen=True, slots=True)
class DocumentOutcome:
    """What ``store_documents`` did with one document: stored, unchanged, or failed with the reason."""

    doc_id: str
    source: str
    status: str  # "stored", "unchanged" or "failed"
    reason: str | None = None
    mentions: int = 0  # mentions written (0 unless stored)
