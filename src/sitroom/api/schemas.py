"""Response models of the JSON API, separate from the store's records (converted in convert.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

Item = TypeVar("Item")


class Page(BaseModel, Generic[Item]):
    """The one list envelope: items, the cursor of the next page (null on the last), the total."""

    items: list[Item]
    next_cursor: str | None = None
    total: int | None = None
    total_exact: bool = True  # false: total is a lower bound ("at least"), a capped free-text count


class ErrorItem(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorBody(BaseModel):
    """Body of a 422: FastAPI's detail list plus one message naming the parameter."""

    detail: list[ErrorItem]
    message: str


class EventSummary(BaseModel):
    """One canonical event as listed."""

    event_id: str
    event_date: dt.date | None
    time_precision: int
    event_type: str | None
    sub_event_type: str | None
    tags: list[str]
    actor1: str | None
    actor2: str | None
    assoc_actors: list[str]
    country: str | None
    admin1: str | None
    admin1_code: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int
    status: str
    fatalities_low: int | None
    fatalities_best: int | None
    fatalities_high: int | None
    injured_low: int | None
    injured_best: int | None
    injured_high: int | None
    detained_low: int | None
    detained_best: int | None
    detained_high: int | None
    source_count: int
    source_kinds: list[str]
    stances: list[str]


class EvidenceSpan(BaseModel):
    """Where a coded value came from: [start, end) of one document's text, and the quote."""

    doc_id: str
    start: int
    end: int
    quote: str | None = Field(description="the span of the document's text; null if the span lies outside it")
    stage: str
    version: str
    page: int | None = Field(None, description="1-based page of the source (PDF) where the span starts; null if unpaged")


class DocumentRef(BaseModel):
    doc_id: str
    title: str | None
    publisher: str | None
    published: dt.date | None
    source_kind: str
    url: str | None


class MentionOut(BaseModel):
    """One document's report of an event, with its evidence spans quoted from the document."""

    mention_id: str
    doc_id: str
    event_id: str | None
    role: str | None
    event_date: dt.date | None
    event_type: str | None
    sub_event_type: str | None
    actor1: str | None
    actor2: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    fatalities: int | None
    injured: int | None
    detained: int | None
    stance: str
    claim_by: str | None
    is_aggregate: bool
    text: str
    evidence: dict[str, EvidenceSpan]
    document: DocumentRef


class SourceOut(BaseModel):
    """A row of the claims ledger: one source's stance and figures."""

    mention_id: str
    doc_id: str
    publisher: str | None
    source_kind: str
    stance: str
    fatalities: int | None
    injured: int | None
    detained: int | None


class HistoryEntry(BaseModel):
    """One audit-log change to the event: changed fields as [before, after]."""

    id: int
    at: dt.datetime
    who: str
    action: str
    why: str | None
    changes: dict[str, list[Any]]


class EventDetail(EventSummary):
    """One event with its mentions, evidence, claims ledger and change history."""

    text: str
    notes: str | None
    claim_stance: str
    claim_by: str | None
    lead_doc_id: str | None
    lead_mention_id: str | None
    evidence: dict[str, EvidenceSpan]
    mentions: list[MentionOut]
    sources: list[SourceOut]
    history: list[HistoryEntry]


class PreservedCopy(BaseModel):
    """A preserved raw copy of a document's source (content-addressed), and where to download it."""

    source_id: int
    source: str
    sha256: str
    size: int
    media_type: str | None
    method: str
    retrieved_at: dt.datetime
    operator: str
    final_url: str | None
    copy_url: str
    warc_url: str | None


class DocumentSummary(BaseModel):
    doc_id: str
    title: str | None
    publisher: str | None
    author: str | None
    published: dt.date | None
    source_kind: str
    language: str | None
    url: str | None
    ingest_format: str | None
    stored_at: str | None
    mention_count: int


class DocumentDetail(DocumentSummary):
    text: str
    source_path: str | None
    retrieved_at: dt.datetime | None
    raw_sha256: str
    text_sha256: str
    metadata: dict[str, Any]
    mentions: list[MentionOut]
    event_ids: list[str]
    page_starts: list[int] = Field(default_factory=list, description="offset in text where each page begins (PDF)")
    preserved: list[PreservedCopy] = Field(default_factory=list, description="preserved raw copies, newest first")


class PeriodOut(BaseModel):
    period: str = Field(description="'YYYY-MM' for months, the Monday 'YYYY-MM-DD' for weeks")
    events: int
    fatalities_best: int


class ActorSummary(BaseModel):
    name: str
    events: int
    first_date: dt.date | None
    last_date: dt.date | None
    fatalities_best: int
    category: str | None


class StanceOut(BaseModel):
    events: int
    sources: int
    fatalities: int
    injured: int
    detained: int


class Counterpart(BaseModel):
    name: str
    events: int


class ActorDetail(ActorSummary):
    activity: list[PeriodOut]
    claimed_vs_confirmed: dict[str, StanceOut]
    counterparts: list[Counterpart]


class ProvinceOut(BaseModel):
    code: str | None
    name: str
    latitude: float | None
    longitude: float | None
    events: int
    fatalities_best: int


class DistrictOut(BaseModel):
    place_id: str | None
    name: str
    admin1_code: str | None
    latitude: float | None
    longitude: float | None
    events: int
    fatalities_best: int


class ProvinceCount(BaseModel):
    code: str | None
    name: str
    events: int
    fatalities_best: int


class DistrictCount(BaseModel):
    admin1: str | None
    admin1_code: str | None
    name: str
    events: int
    fatalities_best: int


class SummaryOut(BaseModel):
    events: int
    documents: int
    mentions: int
    by_event_type: dict[str, int]
    by_status: dict[str, int]
    by_source_kind: dict[str, int]


class HealthOut(BaseModel):
    status: str
    events: int
