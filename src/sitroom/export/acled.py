"""Write canonical events as CSV with ACLED's column names, safe to open in Excel."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, TextIO

from sitroom.errors import DataPackError
from sitroom.export.acled_codes import inter_code, interaction_code, source_scale, split_associated, upload_timestamp
from sitroom.export.reference import AcledReference, load_reference
from sitroom.models import Event

if TYPE_CHECKING:
    from sitroom.gazetteer.actors import ActorDictionary

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


ORIGIN_PREFIXES = {"ingest.acled-v1": "", "ingest.ucdp-v1": "UCDP-GED-"}
# Columns sitroom does not code itself: an imported ACLED row's own values are kept for them.
KEPT_FROM_ORIGINAL = (
    "disorder_type", "assoc_actor_1", "inter1", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "admin3", "source_scale", "timestamp",
)  # fmt: skip
ORIGIN_BATCH = 500

OriginLookup = Callable[[list[str]], dict[str, Any]]


@dataclass(slots=True)
class AcledContext:
    """What the ACLED writer looks up besides the event: reference codes, actor roles, origins."""

    reference: AcledReference
    actors: "ActorDictionary | None" = None
    origins: dict[str, Any] = field(default_factory=dict)  # event_id -> store EventOrigin


def default_context(pack: str = "af") -> AcledContext:
    """Return the packaged reference data and the pack's actor dictionary (None if it cannot load)."""
    from sitroom.gazetteer.actors import load_actor_dictionary

    try:
        actors = load_actor_dictionary(pack)
    except DataPackError:
        actors = None
    return AcledContext(load_reference(), actors)


def event_id_cnty(event: Event) -> str:
    """Return the id to publish: an imported ACLED/UCDP row's own id when it leads the event, else sitroom's."""
    coded = event.coded
    prefix = ORIGIN_PREFIXES.get(coded.extractor)
    if prefix is not None and coded.source_event_id:
        return prefix + coded.source_event_id
    return event.event_id


def acled_row(event: Event, reference: AcledReference | None = None, context: AcledContext | None = None) -> dict[str, Any]:
    """Return one event as a dict keyed by ACLED_COLUMNS (numbers stay numbers, gaps are "")."""
    context = context or AcledContext(reference or load_reference())
    reference = context.reference
    coded = event.coded
    country = reference.country(coded.country)
    inter1 = inter_code(coded.actor1, coded.event_date, context.actors, reference)
    inter2 = inter_code(coded.actor2, coded.event_date, context.actors, reference)
    assoc1, assoc2 = split_associated(event, context.actors)
    origin = context.origins.get(event.event_id)
    row: dict[str, Any] = {
        "event_id_cnty": event_id_cnty(event),
        "event_date": coded.event_date.isoformat() if coded.event_date else "",
        "year": coded.event_date.year if coded.event_date else "",
        "time_precision": coded.time_precision,
        "disorder_type": reference.disorder_type(coded.event_type, coded.sub_event_type),
        "event_type": coded.event_type or "",
        "sub_event_type": coded.sub_event_type or "",
        "actor1": coded.actor1 or "",
        "assoc_actor_1": LIST_SEPARATOR.join(assoc1),
        "inter1": inter1,
        "actor2": coded.actor2 or "",
        "assoc_actor_2": LIST_SEPARATOR.join(assoc2),
        "inter2": inter2,
        "interaction": interaction_code(inter1, inter2),
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
        "source_scale": source_scale(event, reference),
        "notes": coded.notes or "",
        "fatalities": event.fatalities_best or 0,
        "tags": LIST_SEPARATOR.join(coded.tags),
        "timestamp": upload_timestamp(origin.updated_at) if origin is not None else "",
    }
    if origin is not None and origin.ingest_format == "acled" and coded.extractor == "ingest.acled-v1":
        row.update({column: origin.original[column] for column in KEPT_FROM_ORIGINAL if column in origin.original})
    return {column: row.get(column, "") for column in ACLED_COLUMNS}


def acled_rows(events: Iterable[Event], origins: OriginLookup | None = None,
               context: AcledContext | None = None) -> Iterator[dict[str, Any]]:
    """Yield ``acled_row`` of each event, looking origins up in batches through ``origins`` (a repository's
    ``event_origins``) when given; events are read lazily, so a streamed export stays streamed."""
    context = context or default_context()
    batch: list[Event] = []
    for event in events:
        batch.append(event)
        if len(batch) == ORIGIN_BATCH:
            yield from _batch_rows(batch, origins, context)
            batch = []
    yield from _batch_rows(batch, origins, context)


def _batch_rows(batch: list[Event], origins: OriginLookup | None, context: AcledContext) -> Iterator[dict[str, Any]]:
    if origins is not None and batch:
        context.origins = origins([event.event_id for event in batch])
    for event in batch:
        yield acled_row(event, context=context)


def write_acled_csv(events: Iterable[Event], stream: TextIO, origins: OriginLookup | None = None) -> int:
    """Write a header and one ACLED-compatible row per event to ``stream``; return the row count.

    ``origins`` (a repository's ``event_origins``) supplies each event's last update time and, for
    an event led by an imported ACLED row, that row's own codes (see KEPT_FROM_ORIGINAL). Text
    cells that start with = + - @ are prefixed with an apostrophe so spreadsheets show them
    instead of running them. Open ``stream`` with newline="".
    """
    writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    count = 0
    for row in acled_rows(events, origins):
        writer.writerow({column: excel_safe(value) for column, value in row.items()})
        count += 1
    return count
