"""Commands that bring reports in: init, ingest, extract, demo."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from sitroom.cli.common import ConventionsOption, DbOption, QuietOption, prepare_for_batch, error_console, fail, open_store, parse_date_option, settings_for, user_errors
from sitroom.cli.parallel_options import (
    PartitionOption, ResolveEveryOption, SchedulerOption, WorkersOption, ingest_runner,
)
from sitroom.cli.output import document_progress, ingest_progress, print_events_table, print_ingest_summary, print_stats
from sitroom.ingest.counting import DocumentTally, estimate_documents
from sitroom.cli.resolve_commands import print_resolution_changes
from sitroom.models import SourceKind
from sitroom.config import database_label
from sitroom.pipeline import DocumentDefaults, Pipeline

PathsArgument = Annotated[list[Path], typer.Argument(help="Files or folders to read.", show_default=False)]
InputsArgument = Annotated[list[str], typer.Argument(help="Files, folders or http(s) URLs to read.", show_default=False)]
PublishedOption = Annotated[Optional[str], typer.Option("--published", help="Publication date YYYY-MM-DD for these documents.")]
SourceKindOption = Annotated[
    Optional[str], typer.Option("--source-kind", help="news, claim, official, ngo or social.")
]
PublisherOption = Annotated[Optional[str], typer.Option("--publisher", help="Publisher name for these documents.")]


def _defaults(published: str | None, source_kind: str | None, publisher: str | None) -> DocumentDefaults:
    kind = None
    if source_kind is not None:
        try:
            kind = SourceKind.parse(source_kind)
        except ValueError as error:
            fail(f"--source-kind: {error}")
    return DocumentDefaults(parse_date_option(published, "--published"), kind, publisher)


def init(db: DbOption = None) -> None:
    """Create the database (or migrate an older one) and say where it is."""
    with open_store(db, create=True):
        error_console.print(f"database ready: {database_label(settings_for(db).db_path)}")


def ingest(
    paths: InputsArgument,
    db: DbOption = None,
    published: PublishedOption = None,
    source_kind: SourceKindOption = None,
    publisher: PublisherOption = None,
    conventions: ConventionsOption = None,
    quiet: QuietOption = False,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    partition_size: PartitionOption = 100,
    resolve_every: ResolveEveryOption = None,
) -> None:
    """Read PATHs (files, folders, URLs), extract event mentions and store everything with its provenance."""
    from sitroom.ingest.urls import is_url

    paths = [path if is_url(path) else Path(path) for path in paths]
    defaults = _defaults(published, source_kind, publisher)
    settings = settings_for(db, conventions)
    pipeline = Pipeline.from_config(settings)
    prepare_for_batch(pipeline)
    runner = ingest_runner(pipeline, workers, scheduler, partition_size, resolve_every)
    with open_store(db, create=True) as repository, user_errors(), ingest_progress(quiet) as progress:
        summary = runner.ingest(
            list(paths), repository, defaults=defaults, command_line=sys.argv[1:], on_progress=progress
        )
    print_ingest_summary(summary, quiet=quiet)
    print_resolution_changes(summary.resolution, quiet=quiet)
    if summary.failed:
        raise typer.Exit(1)


def extract(
    paths: PathsArgument,
    published: PublishedOption = None,
    source_kind: SourceKindOption = None,
    publisher: PublisherOption = None,
    conventions: ConventionsOption = None,
) -> None:
    """Print the event mentions of PATHs (or - for standard input) as JSON Lines; no database."""
    from sitroom.ingest import read_text_stream
    from sitroom.ingest.records import IngestProblem

    defaults = _defaults(published, source_kind, publisher)
    pipeline = Pipeline.from_config(settings_for(None, conventions))
    prepare_for_batch(pipeline)
    failed = False
    with user_errors(), document_progress("extract", quiet=False) as progress:
        tally = DocumentTally(progress, sum(_estimate(path, pipeline.settings) for path in paths))
        for path in paths:
            records = (
                read_text_stream(sys.stdin, "<stdin>") if str(path) == "-" else pipeline.iter_records([path])
            )
            for record in records:
                tally.advance(record.source)
                if isinstance(record, IngestProblem):
                    where = f"{record.source}:{record.line}" if record.line else record.source
                    error_console.print(f"{record.status}: {where}: {record.reason}")
                    failed = failed or record.status == "failed"
                    continue
                defaults.apply(record.document)
                mentions = record.precoded or pipeline.extract(record.document)
                for mention in mentions:
                    sys.stdout.write(json.dumps(mention.to_contract(), ensure_ascii=False) + "\n")
    if failed:
        raise typer.Exit(1)


def _estimate(path: Path, settings) -> int:
    """Documents expected from one extract argument (a folder's files each count as one)."""
    if str(path) == "-" or not path.is_file():
        return 1
    return estimate_documents(path, settings.max_file_bytes)


def demo(db: DbOption = None, quiet: QuietOption = False) -> None:
    """Build a database from the bundled synthetic demo corpus and show what it holds."""
    from sitroom.ingest.demo import demo_corpus_files

    settings = settings_for(db)
    pipeline = Pipeline.from_config(settings)
    prepare_for_batch(pipeline)
    with open_store(db, create=True) as repository, user_errors():
        with ingest_progress(quiet) as progress:
            summary = pipeline.ingest(demo_corpus_files(), repository, command_line=["demo"], on_progress=progress)
        print_ingest_summary(summary, quiet=quiet)
        print_resolution_changes(summary.resolution, quiet=quiet)
        print_stats(repository.stats())
        from sitroom.store.filters import EventFilter

        print_events_table(repository.list_events(EventFilter(limit=25)), title="Latest resolved events (25)")
    where = database_label(settings.db_path)
    error_console.print(f"database: {where}  (open it with `sitroom events --db {where}`)")


def register(application: typer.Typer) -> None:
    application.command()(init)
    application.command()(ingest)
    application.command()(extract)
    application.command()(demo)
