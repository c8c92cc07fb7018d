"""Terminal rendering for the CLI (rich tables and progress bars)."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterable, Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sitroom.cli.common import error_console
from sitroom.pipeline import STATUSES, IngestSummary

console = Console()


@contextmanager
def ingest_progress(quiet: bool) -> Iterator:
    """Yield a progress callback (source, done, total) that draws a bar on standard error."""
    if quiet:
        yield None
        return
    progress = Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=error_console,
        transient=True,
    )
    with progress:
        task = progress.add_task("", total=None)

        def update(source: str, done: int, total: int) -> None:
            name = source[-50:] if source else ""
            progress.update(task, completed=done, total=total, description=name)

        yield update


def print_ingest_summary(summary: IngestSummary, quiet: bool = False) -> None:
    """Print counts per status and every problem with its reason (problems even when quiet)."""
    for problem in summary.problems:
        where = f"{problem.source}:{problem.line}" if problem.line else problem.source
        colour = "red" if problem.status == "failed" else "yellow"
        error_console.print(f"[{colour}]{problem.status}[/]: {where}: {problem.reason}", highlight=False)
    if quiet:
        return
    counts = ", ".join(f"{summary.counts.get(status, 0)} {status}" for status in STATUSES)
    error_console.print(
        f"ingest run {summary.run_id}: {counts}; {summary.mentions} event mentions extracted", highlight=False
    )


def print_events_table(events: Iterable, title: str) -> None:
    """Print events as a table: date, type, place, actors, killed/injured/detained, status, sources."""
    table = Table(title=title, show_lines=False)
    table.add_column("date", no_wrap=True)
    for column in ("event", "place", "actors"):
        table.add_column(column, overflow="fold", ratio=1)
    table.add_column("k/i/d", no_wrap=True)
    table.add_column("status", overflow="fold")
    for event in events:
        coded = event.coded
        place = ", ".join(dict.fromkeys(p for p in (coded.location, coded.admin1) if p))
        figures = "/".join(
            _figure(low, best, high)
            for low, best, high in (
                (event.fatalities_low, event.fatalities_best, event.fatalities_high),
                (event.injured_low, event.injured_best, event.injured_high),
                (event.detained_low, event.detained_best, event.detained_high),
            )
        )
        table.add_row(
            coded.event_date.isoformat() if coded.event_date else "?",
            coded.sub_event_type or coded.event_type or "",
            place,
            " vs ".join(a for a in (coded.actor1, coded.actor2) if a),
            figures,
            f"{event.status} ({len(event.sources)} src)",
        )
    console.print(table)


def _figure(low: int | None, best: int | None, high: int | None) -> str:
    if best is None:
        return "-"
    if low is not None and high is not None and (low != best or high != best):
        return f"{best} ({low}-{high})"
    return str(best)


def print_stats(stats) -> None:
    """Print the store's summary statistics as tables."""
    totals = Table(title="sitroom database")
    totals.add_column("what")
    totals.add_column("count", justify="right")
    for name in ("documents", "mentions", "events"):
        totals.add_row(name, str(getattr(stats, name)))
    console.print(totals)
    for title, counts in (
        ("by source kind", stats.by_source_kind),
        ("by event type", stats.by_event_type),
        ("by province", stats.by_admin1),
        ("by month", stats.by_month),
    ):
        if counts:
            console.print(_counts_table(title, counts))


def _counts_table(title: str, counts: dict) -> Table:
    table = Table(title=title)
    table.add_column("value")
    table.add_column("count", justify="right")
    for key, value in counts.items():
        table.add_row(str(key or "(none)"), str(value))
    return table
