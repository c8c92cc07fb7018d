"""`sitroom export-corrections`: reviewed events and their documents as news2021 gold (docs/review.md)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from sitroom.cli.common import DbOption, fail, open_store, user_errors


class ExportStatus(str, Enum):
    reviewed = "reviewed"
    finalised = "finalised"


def export_corrections(
    db: DbOption = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: standard output).")] = None,
    status: Annotated[Optional[ExportStatus], typer.Option("--status", help="Only finalised events (default: reviewed and finalised).")] = None,
) -> None:
    """Write reviewed events with their documents in the news2021 gold format (JSON Lines)."""
    from sitroom.review.gold_export import EXPORTABLE, gold_records, write_gold_jsonl

    statuses = (status.value,) if status else EXPORTABLE
    with open_store(db) as repository, user_errors():
        records = list(gold_records(repository, statuses))
    if output is None:
        write_gold_jsonl(iter(records), sys.stdout)
        return
    try:
        with output.open("w", encoding="utf-8") as stream:
            count = write_gold_jsonl(iter(records), stream)
    except OSError as error:
        fail(f"--output {output}: cannot write ({error.strerror}); choose a writable path")
    typer.echo(f"wrote {count} documents to {output}", err=True)


def register(application: typer.Typer) -> None:
    application.command("export-corrections")(export_corrections)
