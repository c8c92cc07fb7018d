"""Commands that show and export what is stored: events, export, stats."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from sitroom.cli.common import DbOption, fail, open_store, parse_date_option, user_errors
from sitroom.cli.output import counted, document_progress, print_events_table, print_stats, stats_to_dict


class EventsFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    geojson = "geojson"
    parquet = "parquet"
    ucdp = "ucdp"


StartOption = Annotated[Optional[str], typer.Option("--start", help="Earliest event date, YYYY-MM-DD.")]
EndOption = Annotated[Optional[str], typer.Option("--end", help="Latest event date, YYYY-MM-DD.")]
ProvinceOption = Annotated[
    Optional[str], typer.Option("--province", help="Province (admin1) name or ISO code, e.g. Panjshir or AF-PAN.")
]
ActorOption = Annotated[
    Optional[str], typer.Option("--actor", help="An actor's whole name, any case (actor1, actor2 or associated).")
]
ActorContainsOption = Annotated[Optional[str], typer.Option("--actor-contains", help="Part of an actor's name, any case.")]
EventTypeOption = Annotated[Optional[str], typer.Option("--event-type", help="ACLED event type, e.g. Battles.")]
LimitOption = Annotated[Optional[int], typer.Option("--limit", min=1, help="At most this many events.")]


def _filters(start, end, province, actor, event_type, limit, actor_contains=None):
    from sitroom.store.filters import EventFilter

    start_date = parse_date_option(start, "--start")
    end_date = parse_date_option(end, "--end")
    if start_date and end_date and start_date > end_date:
        fail(f"--start {start} is after --end {end}; swap them")
    return EventFilter(
        start_date=start_date, end_date=end_date, admin1=province, actor=actor, event_type=event_type, limit=limit,
        actor_contains=actor_contains,
    )


def events(
    db: DbOption = None,
    start: StartOption = None,
    end: EndOption = None,
    province: ProvinceOption = None,
    actor: ActorOption = None,
    event_type: EventTypeOption = None,
    limit: LimitOption = None,
    actor_contains: ActorContainsOption = None,
    output_format: Annotated[EventsFormat, typer.Option("--format", "-f", help="Output format.")] = EventsFormat.table,
) -> None:
    """Show stored events, newest first, filtered by date range, province, actor or type."""
    from sitroom.export import write_acled_csv, write_json_array, write_jsonl

    filters = _filters(start, end, province, actor, event_type, limit, actor_contains)
    with open_store(db) as repository, user_errors():
        found = repository.list_events(filters)
    writers = {"csv": write_acled_csv, "json": write_json_array, "jsonl": write_jsonl}
    if output_format is EventsFormat.table:
        print_events_table(found, title=f"{len(found)} events")
    else:
        writers[output_format.value](found, sys.stdout)


def export(
    db: DbOption = None,
    output_format: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv (ACLED columns), jsonl, geojson, parquet (needs -o) or ucdp (UCDP GED-style CSV).")] = ExportFormat.csv,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: standard output).")] = None,
    start: StartOption = None,
    end: EndOption = None,
    province: ProvinceOption = None,
    actor: ActorOption = None,
    event_type: EventTypeOption = None,
    status: Annotated[Optional[str], typer.Option("--status", help="Only events of this review status, e.g. finalised (docs/review.md).")] = None,
) -> None:
    """Export events as ACLED-compatible CSV, JSON Lines, GeoJSON, Parquet or UCDP GED-style CSV."""
    from sitroom.export import write_acled_csv, write_geojson, write_jsonl, write_parquet, write_ucdp_csv
    from sitroom.store.review_records import REVIEW_STATUSES

    if status is not None and status not in REVIEW_STATUSES:
        fail(f"--status: {status!r} is not one of {', '.join(REVIEW_STATUSES)}")
    writers = {"csv": write_acled_csv, "jsonl": write_jsonl, "geojson": write_geojson, "ucdp": write_ucdp_csv}
    with_origins = {"csv", "ucdp", "parquet"}
    if output_format is ExportFormat.parquet and output is None:
        fail("--format parquet writes a binary file: give --output FILE.parquet")
    filters = _filters(start, end, province, actor, event_type, None)
    with open_store(db) as repository, user_errors():
        found = repository.list_events(filters)
        if status is not None:
            states = repository.review_states([event.event_id for event in found])
            found = [event for event in found if states[event.event_id].status == status]
        origins = repository.event_origins if output_format.value in with_origins else None
        if output_format is ExportFormat.parquet:
            write_parquet(found, str(output), origins)
            typer.echo(f"wrote {len(found)} events to {output}", err=True)
            return
        writer = writers[output_format.value]
        write = (lambda events, stream: writer(events, stream, origins)) if origins else writer
        if output_format is ExportFormat.ucdp:  # GED's source columns cite the sources' documents
            write = lambda events, stream: write_ucdp_csv(events, stream, origins, repository.document_briefs)  # noqa: E731
        _write_export(write, found, output)


def _write_export(write, found: list, output: Path | None) -> None:
    """Write ``found`` to ``output`` (standard output when None), counting events on the progress bar."""
    if output is None:
        with document_progress("export", False, "events") as progress:
            write(counted(found, progress), sys.stdout)
        return
    try:
        with output.open("w", encoding="utf-8", newline="") as stream, document_progress("export", False, "events") as progress:
            write(counted(found, progress), stream)
    except OSError as error:
        fail(f"--output {output}: cannot write ({error.strerror}); choose a writable path")
    typer.echo(f"wrote {len(found)} events to {output}", err=True)


def stats(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Summarise the database: documents, mentions, events, by kind, type, province and month."""
    with open_store(db) as repository, user_errors():
        figures = repository.stats()
    if as_json:
        sys.stdout.write(json.dumps(stats_to_dict(figures), indent=2, ensure_ascii=False) + "\n")
        return
    print_stats(figures)


def register(application: typer.Typer) -> None:
    application.command()(events)
    application.command()(export)
    application.command()(stats)
