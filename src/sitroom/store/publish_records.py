"""Typed records of the store's publishing reads (exports, reports, alert rules)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class EventOrigin:
    """Where a canonical event's lead record came from, for exports that keep original values.

    ``ingest_format`` is the lead document's ("acled", "ucdp", "txt", ...); ``original`` is the
    imported dataset row (column -> text) when the lead is a row of ACLED or UCDP, else empty.
    """

    event_id: str
    updated_at: dt.datetime | None
    ingest_format: str | None
    original: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class DocumentVolume:
    """How many documents one publisher put out in one week (Monday ``week``), of one kind."""

    publisher: str
    source_kind: str
    ingest_format: str
    week: dt.date
    documents: int
    with_events: int  # documents of those that hold at least one event mention


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """One stance a source holds on an event: the claims ledger row with its claimant."""

    event_id: str
    mention_id: str
    doc_id: str
    stance: str
    claimant: str | None
    publisher: str | None
    source_kind: str
    event_date: dt.date | None
    admin1: str | None
    stored_at: str


@dataclass(frozen=True, slots=True)
class DocumentBrief:
    """A source document as a report cites it: title, publisher, date, kind, link, when stored."""

    doc_id: str
    title: str | None
    publisher: str | None
    published: dt.date | None
    source_kind: str
    url: str | None
    stored_at: str


@dataclass(frozen=True, slots=True)
class AlertRuleRecord:
    """A stored alert rule: what it watches (kind and parameters) and who made and changed it."""

    rule_id: int
    name: str
    kind: str
    params: dict[str, Any]
    enabled: bool
    created_by: str
    created_at: str
    updated_by: str
    updated_at: str
