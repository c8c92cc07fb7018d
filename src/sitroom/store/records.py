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
