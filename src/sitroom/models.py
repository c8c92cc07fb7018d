"""Typed records passed between sitroom's pipeline stages.

Every stage reads and writes these records, never bare dicts. Extracted
values keep their evidence: the document id, the character span in the
document's text, and the stage and version that produced the value.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class SourceKind(str, Enum):
    """What kind of source published a document."""

    NEWS = "news"
    CLAIM = "claim"  # an armed group's or party's own statement about its operations
    OFFICIAL = "official"  # authorities' statements, including denials
    NGO = "ngo"  # UN and NGO reports
    SOCIAL = "social"  # social-media posts by people who are not a party

    @classmethod
    def parse(cls, value: str | None, default: "SourceKind | None" = None) -> "SourceKind":
        """Return the kind named by ``value``; raise ValueError naming the allowed kinds."""
        if value is None or value == "":
            return default if default is not None else cls.NEWS
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            allowed = ", ".join(kind.value for kind in cls)
            raise ValueError(f"unknown source kind {value!r}; expected one of: {allowed}") from None


class Stance(str, Enum):
    """A source's stance on an event."""

    REPORTED = "reported"
    CLAIMED = "claimed"
    DENIED = "denied"
    CONFIRMED = "confirmed"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a value came from: a span of one document's text and what produced it."""

    doc_id: str
    start: int
    end: int
    stage: str  # e.g. "extract.places"
    version: str  # e.g. "places-v1"

    def quote(self, text: str) -> str:
        """Return the quoted span from the document's text."""
        return text[self.start : self.end]


@dataclass(slots=True)
class Document:
    """One report as ingested: text plus full provenance."""

    doc_id: str
    text: str
    raw_sha256: str
    text_sha256: str
    source_path: str | None = None  # original file path or URL
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: dt.date | None = None
    source_kind: SourceKind = SourceKind.NEWS
    language: str | None = None
    retrieved_at: dt.datetime | None = None
    ingest_format: str | None = None  # "txt", "html", "jsonl", "telegram", "acled", ...
    metadata: dict[str, Any] = field(default_factory=dict)  # post id, views, feed id ...
    page_starts: list[int] = field(default_factory=list)  # offset in text where each page begins (PDF)

    def page_at(self, offset: int) -> int | None:
        """Return the 1-based page holding character ``offset`` of the text, or None if not paged."""
        return page_of_offset(self.page_starts, offset)


def page_of_offset(page_starts: list[int], offset: int) -> int | None:
    """Return the 1-based page whose text holds ``offset``, given each page's start; None if unpaged."""
    if not page_starts or offset < 0:
        return None
    return max(1, bisect.bisect_right(page_starts, offset))


@dataclass(slots=True)
class Claim:
    """A source's stance on an event mention, and who holds it."""

    stance: Stance = Stance.REPORTED
    by: str | None = None  # claimant name as canonical actor name or text


@dataclass(slots=True)
class EventMention:
    """One event as one document reports it (the extraction contract's record)."""

    doc_id: str
    mention_id: str = ""
    event_date: dt.date | None = None
    time_precision: int = 3  # 1 day, 2 week, 3 month or vaguer
    event_type: str | None = None
    sub_event_type: str | None = None
    tags: list[str] = field(default_factory=list)
    actor1: str | None = None
    actor2: str | None = None
    assoc_actors: list[str] = field(default_factory=list)
    country: str | None = None
    admin1: str | None = None
    admin1_code: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 3  # 1 named place, 2 district, 3 province or vaguer
    fatalities: int | None = None
    injured: int | None = None
    detained: int | None = None
    released: int | None = None  # people released or freed (detainees, hostages)
    claim: Claim = field(default_factory=Claim)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    text: str = ""  # the sentence(s) the mention came from
    is_aggregate: bool = False  # a statistic over many events, not one event
    notes: str | None = None
    source_event_id: str | None = None  # id in a pre-coded dataset (ACLED, UCDP)
    extractor: str = ""  # stage and version that produced the mention

    def to_contract(self) -> dict[str, Any]:
        """Return the mention as the extraction contract's JSON object."""
        return {
            "doc_id": self.doc_id,
            "mention_id": self.mention_id,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "time_precision": self.time_precision,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "tags": list(self.tags),
            "actor1": self.actor1,
            "actor2": self.actor2,
            "assoc_actors": list(self.assoc_actors),
            "country": self.country,
            "admin1": self.admin1,
            "admin1_code": self.admin1_code,
            "admin2": self.admin2,
            "location": self.location,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geo_precision": self.geo_precision,
            "fatalities": self.fatalities,
            "injured": self.injured,
            "detained": self.detained,
            "released": self.released,
            "claim": {"stance": self.claim.stance.value, "by": self.claim.by},
            "evidence": {name: [ev.start, ev.end] for name, ev in self.evidence.items()},
            "text": self.text,
            "is_aggregate": self.is_aggregate,
            "source_event_id": self.source_event_id,
            "extractor": self.extractor,
        }


@dataclass(slots=True)
class SourceReport:
    """One source's view of a canonical event (a row of the claims ledger)."""

    mention_id: str
    doc_id: str
    publisher: str | None
    source_kind: SourceKind
    stance: Stance
    fatalities: int | None = None
    injured: int | None = None
    detained: int | None = None


@dataclass(slots=True)
class Event:
    """A canonical event: one real-world incident merged from one or more mentions."""

    event_id: str
    coded: EventMention  # the canonical coded fields (doc_id is the lead source's)
    status: str = "reported"  # claimed-only, contested, independently-reported, confirmed
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    injured_low: int | None = None
    injured_best: int | None = None
    injured_high: int | None = None
    detained_low: int | None = None
    detained_best: int | None = None
    detained_high: int | None = None
    sources: list[SourceReport] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor from the actor dictionary, with the period its role holds."""

    actor_id: str
    name: str
    category: str  # state forces, rebel group, militia, civilians, external forces, ...
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: a country, province, district or populated place."""

    place_id: str
    name: str
    level: str  # "country", "admin1", "admin2", "populated"
    country_code: str
    admin1: str | None = None
    admin1_code: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
