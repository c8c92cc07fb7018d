"""The `migrate-db` command: copy a SQLite store into PostgreSQL (or any store into an empty one)."""

from __future__ import annotations

from typing import Annotated

import typer

from sitroom.cli.common import error_console, user_errors


def migrate_db(
    source: Annotated[str, typer.Argument(help="The store to copy: a SQLite file (or a postgresql:// URL).")],
    destination: Annotated[str, typer.Argument(help="An empty store to copy into, e.g. postgresql://user@host/sitroom.")],
) -> None:
    """Copy every table of SOURCE into the empty DESTINATION in one transaction; print rows per table."""
    from sitroom.store.copy import migrate_database

    with user_errors():
        report = migrate_database(source, destination)
    for table, count in report.rows.items():
        typer.echo(f"{table}\t{count}")
    error_console.print(f"copied {report.total} rows in {len(report.rows)} tables; the read model was rebuilt")


def register(application: typer.Typer) -> None:
    application.command("migrate-db")(migrate_db)
