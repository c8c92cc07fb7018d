"""The `sitroom` command: typer commands, thin over library functions."""

from __future__ import annotations

import typer

from sitroom.cli import alerts_commands, evaluate_commands, ingest_commands, query_commands, resolve_commands
from sitroom.cli import collect_commands, datasette_commands, db_commands, publish_commands, report_commands
from sitroom.cli import review_commands, serve_commands, user_commands
from sitroom.cli import profile_commands

app = typer.Typer(
    name="sitroom",
    help="Conflict-monitoring workbench: reports in, verified, geocoded events out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # usage errors print as plain single lines (click's), never boxed or wrapped
)


def register_commands(application: typer.Typer) -> None:
    """Attach every command group to the application (one explicit place, no import side effects)."""
    ingest_commands.register(application)
    query_commands.register(application)
    evaluate_commands.register(application)
    serve_commands.register(application)
    alerts_commands.register(application)
    resolve_commands.register(application)
    collect_commands.register(application)
    user_commands.register(application)
    review_commands.register(application)
    db_commands.register(application)
    datasette_commands.register(application)
    report_commands.register(application)
    publish_commands.register(application)
    profile_commands.register(application)


register_commands(app)

if __name__ == "__main__":  # pragma: no cover
    app()
