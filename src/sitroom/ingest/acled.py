"""ACLED-format CSV: each row becomes a Document (its notes) and one pre-coded EventMention."""

from __future__ import annotations

from typing import Iterator

from sitroom.ingest.csvrows import (
    CsvRow, RowError, iter_rows, parse_date, parse_float, parse_int, split_list,
)
from sitroom.ingest.decoding import SourceFile
from sitroom.ingest.provenance import build_document
from sitroom.ingest.records import FAILED, IngestProblem, IngestRecord
from sitroom.models import EventMention, SourceKind

EXTRACTOR = "ingest.acled-v1"
REQUIRED_COLUMNS = ("event_id_cnty", "event_date", "event_type")


def is_acled_header(columns: list[str]) -> bool:
    """Return True if the header has ACLED's identifying columns."""
    return all(name in columns for name in REQUIRED_COLUMNS)


def read_acled(
    source: SourceFile, *, default_source_kind: SourceKind | None = None
) -> Iterator[IngestRecord | IngestProblem]:
    """Yield one record per ACLED row; a malformed row yields a problem with its line."""
    for row in iter_rows(source):
        if isinstance(row, tuple):
            yield IngestProblem(source.name, FAILED, row[1], row[0])
            continue
        try:
            yield _row_record(source, row, default_source_kind)
        except (RowError, ValueError) as error:
            yield IngestProblem(source.name, FAILED, str(error), row.line)


def _mention(row: dict[str, str], doc_id: str) -> EventMention:
    """Map ACLED's coded columns to an EventMention; RowError for unusable values."""
    return EventMention(
        doc_id=doc_id,
        mention_id=f"{doc_id}#precoded",
        event_date=parse_date(row["event_date"], "event_date"),
        time_precision=parse_int(row.get("time_precision"), "time_precision", 1) or 1,
        event_type=row.get("event_type") or None,
        sub_event_type=row.get("sub_event_type") or None,
        tags=split_list(row.get("tags")),
        actor1=row.get("actor1") or None,
        actor2=row.get("actor2") or None,
        assoc_actors=split_list(row.get("assoc_actor_1")) + split_list(row.get("assoc_actor_2")),
        country=row.get("country") or None,
        admin1=row.get("admin1") or None,
        admin2=row.get("admin2") or None,
        location=row.get("location") or None,
        latitude=parse_float(row.get("latitude"), "latitude"),
        longitude=parse_float(row.get("longitude"), "longitude"),
        geo_precision=parse_int(row.get("geo_precision"), "geo_precision", 3) or 3,
        fatalities=parse_int(row.get("fatalities"), "fatalities"),
        text=row.get("notes", ""),
        notes=row.get("notes") or None,
        source_event_id=row["event_id_cnty"],
        extractor=EXTRACTOR,
    )


def _summary(row: dict[str, str]) -> str:
    """Return a one-line description for rows without notes, so the document has text."""
    what = row.get("sub_event_type") or row.get("event_type")
    where = ", ".join(v for v in (row.get("location"), row.get("admin1"), row.get("country")) if v)
    return f"{what} in {where} on {row.get('event_date')}." if where else f"{what} on {row.get('event_date')}."


def _row_record(
    source: SourceFile, row: CsvRow, default_source_kind: SourceKind | None
) -> IngestRecord:
    values = row.values
    event_id = values.get("event_id_cnty", "")
    if not event_id:
        raise RowError("event_id_cnty is empty")
    doc_id = f"acled:{event_id}"
    mention = _mention(values, doc_id)
    text = values.get("notes") or _summary(values)
    document = build_document(
        text=text,
        raw=row.raw,
        source_path=f"{source.name}#line={row.line}",
        ingest_format="acled",
        retrieved_at=source.retrieved_at,
        doc_id=doc_id,
        source_kind=SourceKind.parse(values.get("source_kind"), default=default_source_kind),
        metadata={"acled": dict(values), "line": row.line, **source.base_metadata()},
        title=f"{mention.sub_event_type or mention.event_type} ({event_id})",
        publisher=values.get("source") or None,
    )
    return IngestRecord(document, [mention], f"{source.name}:{row.line}")
