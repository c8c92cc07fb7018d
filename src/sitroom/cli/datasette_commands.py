"""`sitroom datasette-metadata`: the metadata that makes Datasette search, facet and label a database."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from sitroom.cli.common import DbOption, fail, require_database, settings_for, user_errors


def datasette_metadata(
    db: DbOption = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: standard output).")] = None,
) -> None:
    """Print Datasette metadata for the database: `datasette DB.db --metadata metadata.json`."""
    from sitroom.export.datasette import datasette_metadata as build_metadata

    settings = settings_for(db)
    require_database(settings.db_path)
    with user_errors():
        text = json.dumps(build_metadata(settings.db_path), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        fail(f"--output {output}: cannot write ({error.strerror}); choose a writable path")
    typer.echo(f"wrote {output}; run: datasette {settings.db_path} --metadata {output}", err=True)


def register(application: typer.Typer) -> None:
    application.command("datasette-metadata")(datasette_metadata)
