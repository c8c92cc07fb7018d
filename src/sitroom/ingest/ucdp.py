"""UCDP GED CSV: each row becomes a Document (headlines and source citation) and one
pre-coded EventMention. Code mappings live in data/coded_datasets/ucdp_codes.json.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from importlib import resources
from typing import Any, Iterator

from sitroom.errors import DataPackError
from sitroom.ingest.csvrows import CsvRow, RowError, iter_rows, parse_date, parse_float, parse_int
from sitroom.ingest.decoding import SourceFile
from sitroom.ingest.provenance import build_document
from sitroom.ingest.records import FAILED, IngestProblem, IngestRecord
from sitroom.models import EventMention, SourceKind

EXTRACTOR = "ingest.ucdp-v1"
REQUIRED_COLUMNS = ("id", "date_start", "type_of_violence", "best")
_CODES_FILE = "ucdp_codes.json"


def is_ucdp_header(columns: list[str]) -> bool:
    """Return True if the header has UCDP GED's identifying columns."""
    return all(name in columns for name in REQUIRED_COLUMNS)


@lru_cache(maxsize=1)
def load_codes() -> dict[str, Any]:
    """Load and validate the UCDP code mappings; DataPackError if the file is broken."""
    try:
        codes = json.loads(resources.files("sitroom.data").joinpath("coded_datasets", _CODES_FILE).read_text("utf-8"))
        violence = codes["type_of_violence"]
        for code, entry in violence.items():
            if not (isinstance(entry, dict) and entry.get("event_type") and entry.get("sub_event_type")):
                raise ValueError(f"type_of_violence {code} needs event_type and sub_event_type")
        for table in ("where_prec_to_geo_precision", "date_prec_to_time_precision"):
            if not all(value in (1, 2, 3) for value in codes[table].values()):
                raise ValueError(f"{table} values must be 1, 2 or 3")
    except (OSError, KeyError, ValueError, AttributeError) as error:
        raise DataPackError(f"sitroom/data/coded_datasets/{_CODES_FILE} is missing or invalid: {error}") from None
    return codes


def read_ucdp(
    source: SourceFile, *, default_source_kind: SourceKind | None = None
) -> Iterator[IngestRecord | IngestProblem]:
    """Yield one record per UCDP GED row; a malformed row yields a problem with its line."""
    codes = load_codes()
    for row in iter_rows(source):
        if isinstance(row, tuple):
            yield IngestProblem(source.name, FAILED, row[1], row[0])
            continue
        try:
            yield _row_record(source, row, codes, default_source_kind)
        except (RowError, ValueError) as error:
            yield IngestProblem(source.name, FAILED, str(error), row.line)


def _code(table: dict[str, Any], value: str | None, column: str, default: Any = None) -> Any:
    """Look up a numeric code cell in a mapping table; RowError for unknown codes."""
    number = parse_int(value, column)
    if number is None:
        if default is None:
            raise RowError(f"{column} is empty")
        return default
    if str(number) not in table:
        raise RowError(f"{column} {value!r} is not a known code ({', '.join(table)})")
    return table[str(number)]


def _mention(row: dict[str, str], doc_id: str, codes: dict[str, Any]) -> EventMention:
    """Map UCDP's coded columns to an EventMention; RowError for unusable values."""
    violence = _code(codes["type_of_violence"], row.get("type_of_violence"), "type_of_violence")
    low, best, high = (parse_int(row.get(name), name) for name in ("low", "best", "high"))
    return EventMention(
        doc_id=doc_id,
        mention_id=f"{doc_id}#precoded",
        event_date=parse_date(row["date_start"], "date_start"),
        time_precision=_code(codes["date_prec_to_time_precision"], row.get("date_prec"), "date_prec", 3),
        event_type=violence["event_type"],
        sub_event_type=violence["sub_event_type"],
        actor1=row.get("side_a") or None,
        actor2=row.get("side_b") or None,
        country=row.get("country") or None,
        admin1=row.get("adm_1") or None,
        admin2=row.get("adm_2") or None,
        location=row.get("where_coordinates") or None,
        latitude=parse_float(row.get("latitude"), "latitude"),
        longitude=parse_float(row.get("longitude"), "longitude"),
        geo_precision=_code(codes["where_prec_to_geo_precision"], row.get("where_prec"), "where_prec", 3),
        fatalities=best,
        text=row.get("source_headline", ""),
        notes=f"UCDP {violence['label']}; deaths low {low}, best {best}, high {high}",
        source_event_id=row["id"],
        extractor=EXTRACTOR,
    )


def _published(row: dict[str, str]) -> dt.date | None:
    """Return the first parseable date of source_date ("2019-01-02;2019-01-03"), else None."""
    for part in (row.get("source_date") or "").split(";"):
        try:
            return parse_date(part.strip(), "source_date")
        except RowError:
            continue
    return None


def _row_record(
    source: SourceFile, row: CsvRow, codes: dict[str, Any], default_source_kind: SourceKind | None
) -> IngestRecord:
    values = row.values
    if not values.get("id"):
        raise RowError("id is empty")
    doc_id = f"ucdp:{values['id']}"
    mention = _mention(values, doc_id, codes)
    parts = [values.get(name, "") for name in ("source_headline", "source_article")]
    text = "\n\n".join(part for part in parts if part) or (
        f"{mention.event_type} between {mention.actor1} and {mention.actor2} "
        f"({values.get('where_description') or mention.location}) on {mention.event_date}."
    )
    deaths = {name: parse_int(values.get(name), name) for name in ("low", "best", "high")}
    document = build_document(
        text=text,
        raw=row.raw,
        source_path=f"{source.name}#line={row.line}",
        ingest_format="ucdp",
        retrieved_at=source.retrieved_at,
        doc_id=doc_id,
        source_kind=SourceKind.parse(values.get("source_kind"), default=default_source_kind),
        metadata={"ucdp": dict(values), "fatalities": deaths, "line": row.line, **source.base_metadata()},
        title=values.get("conflict_name") or values.get("dyad_name") or None,
        publisher=values.get("source_office") or None,
        published=_published(values),
    )
    return IngestRecord(document, [mention], f"{source.name}:{row.line}")
