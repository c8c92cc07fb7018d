"""Convert the store's records into the API's response models."""

from __future__ import annotations

from typing import Any

from sitroom.api import schemas
from sitroom.models import Document, Event, EventMention, Evidence, page_of_offset
from sitroom.store.api_records import MentionView
from sitroom.store.records import AuditEntry

# Audit columns that change on every write and say nothing about the event.
_QUIET_COLUMNS = frozenset({"updated_at", "created_at"})


def event_summary(event: Event) -> schemas.EventSummary:
    """Return the list view of one event."""
    return schemas.EventSummary(**_summary_fields(event))


def _summary_fields(event: Event) -> dict[str, Any]:
    coded = event.coded
    kinds: list[str] = []
    stances: list[str] = []
    for source in event.sources:
        if source.source_kind.value not in kinds:
            kinds.append(source.source_kind.value)
        if source.stance.value not in stances:
            stances.append(source.stance.value)
    fields = {
        name: getattr(coded, name)
        for name in ("event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
                     "country", "admin1", "admin1_code", "admin2", "location", "latitude", "longitude",
                     "geo_precision")
    }  # fmt: skip
    figures = {
        f"{kind}_{level}": getattr(event, f"{kind}_{level}")
        for kind in ("fatalities", "injured", "detained")
        for level in ("low", "best", "high")
    }
    return {
        "event_id": event.event_id, **fields, "tags": list(coded.tags), "assoc_actors": list(coded.assoc_actors),
        "status": event.status, **figures, "source_count": len(event.sources), "source_kinds": kinds,
        "stances": stances,
    }  # fmt: skip


def evidence_span(evidence: Evidence, text: str | None, page_starts: list[int] | None = None) -> schemas.EvidenceSpan:
    """Return one evidence span with its quote from ``text`` (None if the span lies outside it) and its page."""
    inside = text is not None and 0 <= evidence.start <= evidence.end <= len(text)
    return schemas.EvidenceSpan(
        doc_id=evidence.doc_id, start=evidence.start, end=evidence.end,
        quote=evidence.quote(text) if inside else None, stage=evidence.stage, version=evidence.version,
        page=page_of_offset(page_starts or [], evidence.start),
    )  # fmt: skip


def document_ref(document: Document) -> schemas.DocumentRef:
    return schemas.DocumentRef(
        doc_id=document.doc_id, title=document.title, publisher=document.publisher,
        published=document.published, source_kind=document.source_kind.value, url=document.url,
    )  # fmt: skip


def mention_out(view: MentionView) -> schemas.MentionOut:
    """Return one mention with its evidence quoted from its own document."""
    mention: EventMention = view.mention
    text = view.document.text
    return schemas.MentionOut(
        mention_id=mention.mention_id, doc_id=mention.doc_id, event_id=view.event_id, role=view.role,
        event_date=mention.event_date, event_type=mention.event_type, sub_event_type=mention.sub_event_type,
        actor1=mention.actor1, actor2=mention.actor2, admin1=mention.admin1, admin2=mention.admin2,
        location=mention.location, fatalities=mention.fatalities, injured=mention.injured,
        detained=mention.detained, stance=mention.claim.stance.value, claim_by=mention.claim.by,
        is_aggregate=mention.is_aggregate, text=mention.text,
        evidence={name: evidence_span(ev, text, view.document.page_starts) for name, ev in mention.evidence.items()},
        document=document_ref(view.document),
    )  # fmt: skip


def history_entry(entry: AuditEntry) -> schemas.HistoryEntry:
    """Return one audit entry with only the fields that changed, as [before, after]."""
    before = entry.before or {}
    after = entry.after or {}
    changes = {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if key not in _QUIET_COLUMNS and before.get(key) != after.get(key)
    }
    return schemas.HistoryEntry(id=entry.id, at=entry.at, who=entry.who, action=entry.action, why=entry.why,
                                changes=changes)  # fmt: skip


def event_detail(
    event: Event, mentions: list[MentionView], history: list[AuditEntry], lead_text: str | None,
    lead_page_starts: list[int] | None = None,
) -> schemas.EventDetail:
    """Return one event with mentions, claims ledger, evidence (quoted from the lead document) and history."""
    coded = event.coded
    sources = [
        schemas.SourceOut(
            mention_id=s.mention_id, doc_id=s.doc_id, publisher=s.publisher, source_kind=s.source_kind.value,
            stance=s.stance.value, fatalities=s.fatalities, injured=s.injured, detained=s.detained,
        )  # fmt: skip
        for s in event.sources
    ]
    return schemas.EventDetail(
        **_summary_fields(event), text=coded.text, notes=coded.notes, claim_stance=coded.claim.stance.value,
        claim_by=coded.claim.by, lead_doc_id=coded.doc_id or None, lead_mention_id=coded.mention_id or None,
        evidence={name: evidence_span(ev, lead_text, lead_page_starts) for name, ev in coded.evidence.items()},
        mentions=[mention_out(view) for view in mentions], sources=sources,
        history=[history_entry(entry) for entry in history],
    )  # fmt: skip


def document_summary(document: Document, stored_at: str | None, mention_count: int) -> schemas.DocumentSummary:
    return schemas.DocumentSummary(**_document_fields(document, stored_at, mention_count))


def _document_fields(document: Document, stored_at: str | None, mention_count: int) -> dict[str, Any]:
    return {
        "doc_id": document.doc_id, "title": document.title, "publisher": document.publisher,
        "author": document.author, "published": document.published, "source_kind": document.source_kind.value,
        "language": document.language, "url": document.url, "ingest_format": document.ingest_format,
        "stored_at": stored_at, "mention_count": mention_count,
    }  # fmt: skip


def document_detail(document: Document, stored_at: str | None, mentions: list[MentionView],
                    event_ids: list[str], preserved: list | None = None) -> schemas.DocumentDetail:  # fmt: skip
    return schemas.DocumentDetail(
        **_document_fields(document, stored_at, len(mentions)), text=document.text,
        source_path=document.source_path, retrieved_at=document.retrieved_at, raw_sha256=document.raw_sha256,
        text_sha256=document.text_sha256, metadata=document.metadata,
        mentions=[mention_out(view) for view in mentions], event_ids=event_ids,
        page_starts=list(document.page_starts), preserved=list(preserved or []),
    )  # fmt: skip
