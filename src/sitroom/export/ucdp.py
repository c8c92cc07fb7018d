"""Write canonical events as a UCDP GED-style CSV: deaths low / best / high and by side.

Codes and the column list are data (data/export/ucdp.json). An event led by an imported UCDP
row keeps that row's id, sides and deaths by side; otherwise the sides are actor1 / actor2,
the violence type follows their roles on the event's date, and deaths go to civilians for
one-sided violence and to deaths_unknown otherwise (sitroom does not code whose deaths they were).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, Iterable, TextIO

from sitroom.errors import DataPackError
from sitroom.export.acled import ORIGIN_BATCH, default_context, excel_safe
from sitroom.export.acled_codes import actor_category
from sitroom.models import Event

DATA_FILE = "ucdp.json"
SIDE_DEATHS = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")


@dataclass(frozen=True, slots=True)
class UcdpExportCodes:
    """The column list and code tables of the UCDP GED-style export."""

    columns: tuple[str, ...]
    where_prec: dict[int, int]
    date_prec: dict[int, int]
    state_categories: frozenset[str]
    civilian_categories: frozenset[str]
    one_sided_event_types: frozenset[str]
    regions: dict[str, str]


@lru_cache(maxsize=1)
def load_ucdp_export_codes() -> UcdpExportCodes:
    """Load and validate data/export/ucdp.json; DataPackError naming the problem."""
    try:
        data = json.loads(resources.files("sitroom.data").joinpath("export", DATA_FILE).read_text("utf-8"))
        codes = UcdpExportCodes(
            columns=tuple(data["columns"]),
            where_prec={int(k): int(v) for k, v in data["geo_precision_to_where_prec"].items()},
            date_prec={int(k): int(v) for k, v in data["time_precision_to_date_prec"].items()},
            state_categories=frozenset(data["state_categories"]),
            civilian_categories=frozenset(data["civilian_categories"]),
            one_sided_event_types=frozenset(data["one_sided_event_types"]),
            regions=dict(data["regions"]),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise DataPackError(f"data/export/{DATA_FILE}: missing or invalid ({error}); reinstall sitroom") from None
    if set(codes.where_prec) != {1, 2, 3} or set(codes.date_prec) != {1, 2, 3}:
        raise DataPackError(f"data/export/{DATA_FILE}: precision tables must map 1, 2 and 3")
    return codes


def _violence_type(event: Event, actors, codes: UcdpExportCodes) -> int:
    coded = event.coded
    first = actor_category(coded.actor1, coded.event_date, actors)
    second = actor_category(coded.actor2, coded.event_date, actors)
    if coded.event_type in codes.one_sided_event_types or second in codes.civilian_categories:
        return 3
    return 1 if codes.state_categories & {first, second} else 2


def _deaths(event: Event, violence: int) -> dict[str, Any]:
    best = event.fatalities_best or 0
    by_side = dict.fromkeys(SIDE_DEATHS, 0)
    by_side["deaths_civilians" if violence == 3 else "deaths_unknown"] = best
    low = event.fatalities_low if event.fatalities_low is not None else best
    high = event.fatalities_high if event.fatalities_high is not None else best
    return {**by_side, "best": best, "low": min(low, best), "high": max(high, best)}


def _source_columns(event: Event, briefs: dict[str, Any]) -> dict[str, str]:
    """Return GED's source_article (each source's link, else its document id) and source_date
    (the sources' publication days), in source order without repeats; empty without ``briefs``."""
    found = [briefs[source.doc_id] for source in event.sources if source.doc_id in briefs]
    articles = dict.fromkeys(brief.url or brief.doc_id for brief in found)
    days = dict.fromkeys(brief.published.isoformat() for brief in found if brief.published is not None)
    return {"source_article": "; ".join(articles), "source_date": "; ".join(days)}


def ucdp_row(event: Event, actors=None, origin=None, codes: UcdpExportCodes | None = None,
             briefs: dict[str, Any] | None = None) -> dict[str, Any]:  # fmt: skip
    """Return one event as a dict keyed by the export's GED columns (``briefs``: its sources' documents)."""
    codes = codes or load_ucdp_export_codes()
    coded = event.coded
    violence = _violence_type(event, actors, codes)
    publishers = list(dict.fromkeys(s.publisher for s in event.sources if s.publisher))
    day = coded.event_date.isoformat() if coded.event_date else ""
    row: dict[str, Any] = {
        "id": event.event_id, "year": coded.event_date.year if coded.event_date else "",
        "type_of_violence": violence, "dyad_name": " - ".join(a for a in (coded.actor1, coded.actor2) if a),
        "side_a": coded.actor1 or "", "side_b": coded.actor2 or ("Civilians" if violence == 3 else ""),
        "number_of_sources": len(event.sources), **_source_columns(event, briefs or {}),
        "source_office": "; ".join(publishers), "source_headline": coded.notes or "", "where_prec": codes.where_prec[coded.geo_precision],
        "where_coordinates": coded.location or coded.admin2 or coded.admin1 or "",
        "where_description": ", ".join(p for p in (coded.location, coded.admin2, coded.admin1) if p),
        "adm_1": coded.admin1 or "", "adm_2": coded.admin2 or "",
        "latitude": "" if coded.latitude is None else coded.latitude,
        "longitude": "" if coded.longitude is None else coded.longitude,
        "country": coded.country or "", "region": codes.regions.get(coded.country or "", ""), "event_clarity": 1,
        "date_prec": codes.date_prec[coded.time_precision], "date_start": day, "date_end": day,
        **_deaths(event, violence),
    }  # fmt: skip
    if origin is not None and origin.ingest_format == "ucdp" and coded.extractor == "ingest.ucdp-v1":
        row.update({column: origin.original[column] for column in codes.columns if origin.original.get(column, "") != ""})
    return {column: row.get(column, "") for column in codes.columns}


def write_ucdp_csv(events: Iterable[Event], stream: TextIO,
                   origins: Callable[[list[str]], dict[str, Any]] | None = None,
                   briefs: Callable[[list[str]], dict[str, Any]] | None = None) -> int:  # fmt: skip
    """Write a header and one GED-style row per event to ``stream``; return the row count.

    ``origins`` and ``briefs`` are a repository's ``event_origins`` and ``document_briefs``
    (imported rows keep their values; the sources' links and days fill source_article/_date).
    """
    codes = load_ucdp_export_codes()
    actors = default_context().actors
    writer = csv.DictWriter(stream, fieldnames=codes.columns, lineterminator="\r\n")
    writer.writeheader()
    count = 0
    batch: list[Event] = []

    def flush() -> None:
        found = origins([event.event_id for event in batch]) if origins and batch else {}
        doc_ids = list(dict.fromkeys(source.doc_id for event in batch for source in event.sources))
        documents = briefs(doc_ids) if briefs and doc_ids else {}
        for event in batch:
            row = ucdp_row(event, actors, found.get(event.event_id), codes, documents)
            writer.writerow({column: excel_safe(value) for column, value in row.items()})

    for event in events:
        batch.append(event)
        count += 1
        if len(batch) == ORIGIN_BATCH:
            flush()
            batch = []
    flush()
    return count
