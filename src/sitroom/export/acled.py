"""Write canonical events as CSV with ACLED's column names, safe to open in Excel."""

from __future__ import annotations

import csv
from typing import Any, Iterable, TextIO

from sitroom.models import Event
from sitroom.export.reference import AcledReference, load_reference

# ACLED's column names, in ACLED's order (the format, not configurable data).
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip

# A spreadsheet treats a cell starting with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "


def excel_safe(value: Any) -> Any:
    """Return ``value`` with a leading apostrophe if it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _publishers(event: Event) -> str:
    """Return the distinct publishers of an event's sources, in source order, joined by '; '."""
    seen: list[str] = []
    for source in event.sources:
        if source.publisher and source.publisher not in seen:
            seen.append(source.publisher)
    return LIST_SEPARATOR.join(seen)


def _civilian_targeting(event: Event, reference: AcledReference) -> str:
    coded = event.coded
    civilian_target = bool(coded.actor2) and coded.actor2.startswith(reference.civilian_actor_prefixes)
    if civilian_target or coded.event_type in reference.civilian_event_types:
        return "Civilian targeting"
    return ""


def acled_row(event: Event, reference: AcledReference | None = None) -> dict[str, Any]:
    """Return one event as a dict keyed by ACLED_COLUMNS (numbers stay numbers, gaps are "")."""
    reference = reference or load_reference()
    coded = event.coded
    country = reference.country(coded.country)
    row: dict[str, Any] = {
        "event_id_cnty": event.event_id,
        "event_date": coded.event_date.isoformat() if coded.event_date else "",
        "year": coded.event_date.year if coded.event_date else "",
        "time_precision": coded.time_precision,
        "disorder_type": reference.disorder_type(coded.event_type, coded.sub_event_type),
        "event_type": coded.event_type or "",
        "sub_event_type": coded.sub_event_type or "",
        "actor1": coded.actor1 or "",
        "assoc_actor_1": LIST_SEPARATOR.join(coded.assoc_actors),
        "actor2": coded.actor2 or "",
        "civilian_targeting": _civilian_targeting(event, reference),
        "iso": country.iso_numeric if country else "",
        "region": country.region if country else "",
        "country": country.name if country else (coded.country or ""),
        "admin1": coded.admin1 or "",
        "admin2": coded.admin2 or "",
        "location": coded.location or "",
        "latitude": "" if coded.latitude is None else coded.latitude,
        "longitude": "" if coded.longitude is None else coded.longitude,
        "geo_precision": coded.geo_precision,
        "source": _publishers(event),
        "notes": coded.notes or "",
        "fatalities": event.fatalities_best or 0,
        "tags": LIST_SEPARATOR.join(coded.tags),
    }
    # Columns sitroom does not code yet (actor category codes, admin3, source scale, timestamp).
    return {column: row.get(column, "") for column in ACLED_COLUMNS}


def write_acled_csv(events: Iterable[Event], stream: TextIO) -> int:
    """Write a header and one ACLED-compatible row per event to ``stream``; return the row count.

    Text cells that start with = + - @ are prefixed with an apostrophe so spreadsheets
    show them instead of running them. Open ``stream`` with newline="".
    """
    reference = load_reference()
    writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    count = 0
    for event in events:
        row = acled_row(event, reference)
        writer.writerow({column: excel_safe(value) for column, value in row.items()})
        count += 1
    return count
