"""Convert between sitroom's typed records and the store's table rows.

Dates become ISO text, enums their values, lists and dicts JSON text, booleans 0/1;
reading a row back gives an equal record.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Mapping

from sitroom.models import Claim, Document, Event, EventMention, Evidence, SourceKind, SourceReport, Stance

# Coded fields shared by the mentions and events tables, in table order.
CODED_COLUMNS = (
    "event_date", "time_precision", "event_type", "sub_event_type", "tags", "actor1", "actor2",
    "assoc_actors", "country", "admin1", "admin1_code", "admin2", "location", "latitude",
    "longitude", "geo_precision", "claim_stance", "claim_by", "evidence", "text", "notes",
    "source_event_id", "extractor",
)  # fmt: skip
DOCUMENT_COLUMNS = (
    "doc_id", "text", "title", "url", "source_path", "publisher", "author", "published",
    "source_kind", "language", "retrieved_at", "ingest_format", "raw_sha256", "text_sha256",
    "metadata", "run_id", "stored_at", "updated_at", "page_starts",
)  # fmt: skip
MENTION_COLUMNS = (
    "mention_id", "doc_id", "ordinal", *CODED_COLUMNS, "fatalities", "injured", "detained", "released", "is_aggregate",
)  # fmt: skip
FIGURE_COLUMNS = tuple(f"{kind}_{level}" for kind in ("fatalities", "injured", "detained") for level in ("low", "best", "high"))
EVENT_COLUMNS = (
    "event_id", "lead_doc_id", "lead_mention_id", *CODED_COLUMNS, "status", *FIGURE_COLUMNS, "created_at", "updated_at",
)  # fmt: skip


def utc_now() -> str:
    """Return the current UTC time as ISO text (seconds precision)."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def to_json(value: Any) -> str:
    """Serialise ``value`` as compact, key-sorted JSON text (non-ASCII kept readable)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _datetime(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def document_to_row(document: Document, run_id: int | None, now: str) -> dict[str, Any]:
    """Return the documents-table row for ``document`` (stored_at/updated_at set to ``now``)."""
    return {
        "doc_id": document.doc_id,
        "text": document.text,
        "title": document.title,
        "url": document.url,
        "source_path": document.source_path,
        "publisher": document.publisher,
        "author": document.author,
        "published": document.published.isoformat() if document.published else None,
        "source_kind": SourceKind(document.source_kind).value,
        "language": document.language,
        "retrieved_at": document.retrieved_at.isoformat() if document.retrieved_at else None,
        "ingest_format": document.ingest_format,
        "raw_sha256": document.raw_sha256,
        "text_sha256": document.text_sha256,
        "metadata": to_json(document.metadata),
        "run_id": run_id,
        "stored_at": now,
        "updated_at": now,
        "page_starts": to_json(list(document.page_starts)),
    }


def row_to_document(row: Mapping[str, Any]) -> Document:
    """Return the Document a documents-table row holds."""
    return Document(
        doc_id=row["doc_id"],
        text=row["text"],
        raw_sha256=row["raw_sha256"],
        text_sha256=row["text_sha256"],
        source_path=row["source_path"],
        title=row["title"],
        url=row["url"],
        publisher=row["publisher"],
        author=row["author"],
        published=_date(row["published"]),
        source_kind=SourceKind(row["source_kind"]),
        language=row["language"],
        retrieved_at=_datetime(row["retrieved_at"]),
        ingest_format=row["ingest_format"],
        metadata=json.loads(row["metadata"] or "{}"),
        page_starts=_page_starts(row),
    )


def _page_starts(row: Mapping[str, Any]) -> list[int]:
    """Return a row's page start offsets ('[]' for unpaged documents; rows without the column too)."""
    try:
        value = row["page_starts"]
    except (KeyError, IndexError):
        return []
    return [int(offset) for offset in json.loads(value or "[]")]


def coded_to_row(mention: EventMention) -> dict[str, Any]:
    """Return the coded columns (shared by mentions and events) for ``mention``."""
    return {
        "event_date": mention.event_date.isoformat() if mention.event_date else None,
        "time_precision": mention.time_precision,
        "event_type": mention.event_type,
        "sub_event_type": mention.sub_event_type,
        "tags": to_json(list(mention.tags)),
        "actor1": mention.actor1,
        "actor2": mention.actor2,
        "assoc_actors": to_json(list(mention.assoc_actors)),
        "country": mention.country,
        "admin1": mention.admin1,
        "admin1_code": mention.admin1_code,
        "admin2": mention.admin2,
        "location": mention.location,
        "latitude": mention.latitude,
        "longitude": mention.longitude,
        "geo_precision": mention.geo_precision,
        "claim_stance": Stance(mention.claim.stance).value,
        "claim_by": mention.claim.by,
        "evidence": to_json({name: [ev.start, ev.end, ev.stage, ev.version] for name, ev in mention.evidence.items()}),
        "text": mention.text,
        "notes": mention.notes,
        "source_event_id": mention.source_event_id,
        "extractor": mention.extractor,
    }


def mention_to_row(mention: EventMention, ordinal: int) -> dict[str, Any]:
    """Return the mentions-table row for ``mention`` at position ``ordinal`` in its document."""
    return {
        "mention_id": mention.mention_id,
        "doc_id": mention.doc_id,
        "ordinal": ordinal,
        **coded_to_row(mention),
        "fatalities": mention.fatalities,
        "injured": mention.injured,
        "detained": mention.detained,
        "released": mention.released,
        "is_aggregate": 1 if mention.is_aggregate else 0,
    }


def _coded_fields(row: Mapping[str, Any], doc_id: str) -> dict[str, Any]:
    """Return EventMention keyword arguments for the coded columns of ``row``."""
    evidence = {
        name: Evidence(doc_id=doc_id, start=span[0], end=span[1], stage=span[2], version=span[3])
        for name, span in json.loads(row["evidence"] or "{}").items()
    }
    return {
        "event_date": _date(row["event_date"]),
        "time_precision": row["time_precision"],
        "event_type": row["event_type"],
        "sub_event_type": row["sub_event_type"],
        "tags": json.loads(row["tags"] or "[]"),
        "actor1": row["actor1"],
        "actor2": row["actor2"],
        "assoc_actors": json.loads(row["assoc_actors"] or "[]"),
        "country": row["country"],
        "admin1": row["admin1"],
        "admin1_code": row["admin1_code"],
        "admin2": row["admin2"],
        "location": row["location"],
        "latitude": row["latitude"],
        "longitude": row["longitude"],
        "geo_precision": row["geo_precision"],
        "claim": Claim(stance=Stance(row["claim_stance"]), by=row["claim_by"]),
        "evidence": evidence,
        "text": row["text"],
        "notes": row["notes"],
        "source_event_id": row["source_event_id"],
        "extractor": row["extractor"],
    }


def row_to_mention(row: Mapping[str, Any]) -> EventMention:
    """Return the EventMention a mentions-table row holds."""
    return EventMention(
        doc_id=row["doc_id"],
        mention_id=row["mention_id"],
        fatalities=row["fatalities"],
        injured=row["injured"],
        detained=row["detained"],
        released=row["released"],
        is_aggregate=bool(row["is_aggregate"]),
        **_coded_fields(row, row["doc_id"]),
    )


def event_to_row(event: Event, created_at: str, updated_at: str) -> dict[str, Any]:
    """Return the events-table row for ``event``."""
    figures = {name: getattr(event, name) for name in FIGURE_COLUMNS}
    return {
        "event_id": event.event_id,
        "lead_doc_id": event.coded.doc_id,
        "lead_mention_id": event.coded.mention_id,
        **coded_to_row(event.coded),
        "status": event.status,
        **figures,
        "created_at": created_at,
        "updated_at": updated_at,
    }


def row_to_event(row: Mapping[str, Any], sources: list[SourceReport]) -> Event:
    """Return the Event an events-table row holds, with its ``sources``."""
    coded = EventMention(
        doc_id=row["lead_doc_id"] or "",
        mention_id=row["lead_mention_id"] or "",
        fatalities=row["fatalities_best"],
        injured=row["injured_best"],
        detained=row["detained_best"],
        **_coded_fields(row, row["lead_doc_id"] or ""),
    )
    figures = {name: row[name] for name in FIGURE_COLUMNS}
    return Event(event_id=row["event_id"], coded=coded, status=row["status"], sources=sources, **figures)


def row_to_source(row: Mapping[str, Any]) -> SourceReport:
    """Return the SourceReport a joined event_sources/mentions/documents row holds."""
    return SourceReport(
        mention_id=row["mention_id"],
        doc_id=row["doc_id"],
        publisher=row["publisher"],
        source_kind=SourceKind(row["source_kind"]),
        stance=Stance(row["claim_stance"]),
        fatalities=row["fatalities"],
        injured=row["injured"],
        detained=row["detained"],
    )


def row_dict(row: Any) -> dict[str, Any] | None:
    """Return ``row`` as a plain dict (for audit JSON), or None."""
    return None if row is None else {key: row[key] for key in row.keys()}
