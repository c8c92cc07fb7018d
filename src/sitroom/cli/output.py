"""Terminal rendering for the CLI (rich tables and progress bars)."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterable, Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from sitroom.cli.common import error_console
from sitroom.pipeline import STATUSES, IngestSummary

# Table cells and titles hold values from documents: never read them as markup (see common.py).
console = Console(markup=False, highlight=False, emoji=False)


@contextmanager
def document_progress(label: str, quiet: bool, unit: str = "docs") -> Iterator:
    """Yield a progress callback (source, done, total) that draws a bar on standard error.

    The bar counts documents (or events, mentions) with their rate and the time left; it is
    drawn only on a terminal, so logs and pipes stay clean (None is yielded otherwise).
    """
    if quiet or not error_console.is_terminal:
        yield None
        return
    progress = Progress(
        TextColumn(label, style="bold", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(f"{{task.fields[rate]}} {unit}/s", markup=False),
        TimeElapsedColumn(),
        TextColumn("left", markup=False),
        TimeRemainingColumn(),
        TextColumn("{task.description}", markup=False),
        console=error_console,
        transient=True,
    )
    with progress:
        task = progress.add_task("", total=None, rate="-")

        def update(source: str, done: int, total: int) -> None:
            speed = progress.tasks[0].speed
            rate = f"{speed:,.0f}" if speed else "-"
            progress.update(task, completed=done, total=total, description=source[-40:], rate=rate)

        yield update


def counted(items: list, progress) -> Iterator:
    """Yield ``items``, telling ``progress`` (a document_progress callback, or None) after each."""
    for done, item in enumerate(items, start=1):
        yield item
        if progress is not None:
            progress("", done, len(items))


def ingest_progress(quiet: bool):
    """The ingest command's progress bar: documents read, stored or refused."""
    return document_progress("ingest", quiet)


def print_ingest_summary(summary: IngestSummary, quiet: bool = False) -> None:
    """Print counts per status and every problem with its reason (problems even when quiet)."""
    for problem in summary.problems:
        where = f"{problem.source}:{problem.line}" if problem.line else problem.source
        colour = "red" if problem.status == "failed" else "yellow"
        error_console.print(Text.assemble((problem.status, colour), f": {where}: {problem.reason}"))
    if quiet:
        return
    counts = ", ".join(f"{summary.counts.get(status, 0)} {status}" for status in STATUSES)
    error_console.print(
        f"ingest run {summary.run_id}: {counts}; {summary.mentions} event mentions extracted", highlight=False
    )


def print_table(title: str, columns: Iterable[str], rows: Iterable[Iterable[str]]) -> None:
    """Print a plain table: a title, one header per column, and the rows as text."""
    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    console.print(table)


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


def stats_to_dict(stats) -> dict:
    """Return the store's summary statistics as a JSON-ready dict (same figures as the tables)."""
    names = ("documents", "mentions", "events", "by_source_kind", "by_event_type", "by_admin1", "by_month")
    return {name: _json_keys(getattr(stats, name)) for name in names}


def _json_keys(value):
    if isinstance(value, dict):
        return {("" if key is None else str(key)): count for key, count in value.items()}
    return value


def _counts_table(title: str, counts: dict) -> Table:
    table = Table(title=title)
    table.add_column("value")
    table.add_column("count", justify="right")
    for key, value in counts.items():
        table.add_row(str(key or "(none)"), str(value))
    return table
