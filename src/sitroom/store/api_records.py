"""Typed queries and results of the store's API reads (event pages, statistics, actors, documents)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sitroom.models import Document, Event, EventMention

SORTS = ("date_desc", "date_asc")
INTERVALS = ("month", "week")
MAX_PAGE = 1000


@dataclass(frozen=True, slots=True)
class EventKey:
    """Where a page of events ends: the sort date ('' when undated) and the event id."""

    sort_date: str
    event_id: str


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Which events to read, in which order; None means "any".

    admin1 matches the province name or its code; admin2, actor (actor1, actor2 or an
    associated actor, the whole name), event_type and tag match ignoring case; actor_contains
    keeps events with an actor whose name contains it, ignoring case; source_kind
    keeps events with at least one source of that kind; q is free text (FTS5 syntax).
    ``after`` is the last key of the previous page (keyset pagination).
    """

    start_date: dt.date | None = None
    end_date: dt.date | None = None
    admin1: str | None = None
    admin2: str | None = None
    actor: str | None = None
    event_type: str | None = None
    tag: str | None = None
    actor_contains: str | None = None
    status: str | None = None
    source_kind: str | None = None
    q: str | None = None
    sort: str = "date_desc"
    limit: int | None = 50  # None: no limit (exports)
    after: EventKey | None = None
    review_status: str | None = None  # suggested, reviewed, finalised, rejected, sent_back (docs/review.md)

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}, got {self.sort!r}")
        if self.limit is not None and not 0 < self.limit <= MAX_PAGE:
            raise ValueError(f"limit must be between 1 and {MAX_PAGE}, got {self.limit}")
        if self.start_date and self.end_date and self.start_date > self.end_date:
            raise ValueError(f"start_date {self.start_date} is after end_date {self.end_date}")


@dataclass(slots=True)
class EventPage:
    """One page of events and the key to continue after it (None on the last page)."""

    events: list[Event]
    next_key: EventKey | None
    total: int | None = None
    total_exact: bool = True  # False: ``total`` is a lower bound (a capped free-text count)


@dataclass(frozen=True, slots=True)
class PeriodCount:
    """Events and best-estimate fatalities in one period ("2023-05" or a week's Monday)."""

    period: str
    events: int
    fatalities_best: int


@dataclass(frozen=True, slots=True)
class AreaCount:
    """Events and best-estimate fatalities in one province (admin2 None) or district."""

    admin1: str | None
    admin1_code: str | None
    admin2: str | None
    events: int
    fatalities_best: int


@dataclass(frozen=True, slots=True)
class ActorCount:
    """One actor name with its number of events, date range and summed fatalities."""

    name: str
    events: int
    first_date: str | None
    last_date: str | None
    fatalities_best: int


@dataclass(frozen=True, slots=True)
class StanceFigures:
    """For one stance: events with such a source, ledger rows, and per-event-maximum figures summed."""

    events: int = 0
    sources: int = 0
    fatalities: int = 0
    injured: int = 0
    detained: int = 0


@dataclass(slots=True)
class ActorProfile:
    """An actor's totals, activity per period, figures per stance and most frequent counterparts."""

    summary: ActorCount
    activity: list[PeriodCount]
    by_stance: dict[str, StanceFigures]
    counterparts: list[tuple[str, int]]


@dataclass(slots=True)
class MentionView:
    """A mention with its role for an event, its document and the document text (to quote spans)."""

    mention: EventMention
    role: str | None
    event_id: str | None
    document: Document


@dataclass(frozen=True, slots=True)
class DocumentKey:
    """Where a page of documents ends: stored_at and doc_id."""

    stored_at: str
    doc_id: str


@dataclass(frozen=True, slots=True)
class DocumentQuery:
    """Which documents to list, newest stored first."""

    source_kind: str | None = None
    publisher: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    q: str | None = None
    limit: int = 50
    after: DocumentKey | None = None

    def __post_init__(self) -> None:
        if not 0 < self.limit <= MAX_PAGE:
            raise ValueError(f"limit must be between 1 and {MAX_PAGE}, got {self.limit}")


@dataclass(slots=True)
class DocumentPage:
    """One page of documents (with their mention counts) and the key to continue after it."""

    documents: list[Document]
    stored_at: dict[str, str]
    mention_counts: dict[str, int]
    next_key: DocumentKey | None
    total: int | None = None


@dataclass(slots=True)
class StoreSummary:
    """Counts for the dashboard's headline: totals and events per type, status, source kind."""

    events: int
    documents: int
    mentions: int
    by_event_type: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    by_source_kind: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
