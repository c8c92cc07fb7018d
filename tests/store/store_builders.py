"""Small record builders shared by the store tests."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from sitroom.models import Claim, Document, EventMention, Evidence, SourceKind, Stance
from sitroom.store import connect_database


def make_document(doc_id: str = "doc-1", text: str = "Clash in Panjshir.", **fields: object) -> Document:
    """Return a Document whose hashes follow from its text (unless given)."""
    digest = hashlib.sha256(text.encode()).hexdigest()
    values: dict[str, object] = {
        "raw_sha256": digest,
        "text_sha256": digest,
        "publisher": "Kabul Wire",
        "published": dt.date(2024, 5, 2),
        "source_kind": SourceKind.NEWS,
        "retrieved_at": dt.datetime(2024, 5, 3, 8, 30, tzinfo=dt.timezone.utc),
        "metadata": {"post_id": 17, "channel": "wire"},
    }
    values.update(fields)
    return Document(doc_id=doc_id, text=text, **values)  # type: ignore[arg-type]


def make_mention(doc_id: str = "doc-1", **fields: object) -> EventMention:
    """Return an EventMention with typical Afghanistan values, overridable by keyword."""
    values: dict[str, object] = {
        "event_date": dt.date(2024, 5, 1),
        "time_precision": 1,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "tags": ["checkpoint"],
        "actor1": "NRF",
        "actor2": "Taliban",
        "assoc_actors": ["AFF"],
        "country": "Afghanistan",
        "admin1": "Panjshir",
        "admin1_code": "AF-PAN",
        "admin2": "Rokha",
        "location": "Rokha",
        "latitude": 35.3,
        "longitude": 69.5,
        "geo_precision": 1,
        "fatalities": 5,
        "claim": Claim(stance=Stance.CLAIMED, by="NRF"),
        "evidence": {"location": Evidence(doc_id, 9, 17, "extract.places", "places-v1")},
        "text": "Clash in Panjshir.",
        "extractor": "extract-v1",
    }
    values.update(fields)
    return EventMention(doc_id=doc_id, **values)  # type: ignore[arg-type]


def query_all(location: Any, sql: str, params: tuple = ()) -> list[tuple]:
    """Run one read on a bare connection to ``location`` (either backend); return plain tuples."""
    database = connect_database(location)
    try:
        return [tuple(row) for row in database.execute(sql, params).fetchall()]
    finally:
        database.close()
