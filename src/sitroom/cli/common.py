"""Options and helpers shared by the CLI commands."""

from __future__ import annotations

import datetime as dt
import gc
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Iterator, Optional

import typer
from rich.console import Console

from sitroom.config import Settings, load_settings
from sitroom.errors import SitroomError

DbOption = Annotated[
    Optional[str],
    typer.Option(
        "--db", help="Database file or postgresql://user@host/db URL (default: $SITROOM_DB, else ./sitroom.db).",
        show_default=False,
    ),
]
ConventionsOption = Annotated[
    Optional[str],
    typer.Option("--conventions", help="Vague-quantity conventions: default, acled or isaf (\"several\" = 3 ...)."),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print only results and errors.")]

error_console = Console(stderr=True)


def settings_for(db: Path | None, conventions: str | None = None) -> Settings:
    """Settings from sitroom.toml and SITROOM_* environment, with the command's flags on top."""
    with user_errors():
        return load_settings(db_path=db, conventions=conventions)


def parse_date_option(value: str | None, option: str) -> dt.date | None:
    """Parse a YYYY-MM-DD option value, or exit with a message naming the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option}: {value!r} is not a date; use YYYY-MM-DD, e.g. 2023-05-14")


def fail(message: str, status: int = 2) -> None:
    """Print an error to standard error and exit with ``status``."""
    error_console.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(status)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn sitroom's own errors into a clear message and exit status 2."""
    try:
        yield
    except SitroomError as error:
        fail(str(error))


@contextmanager
def open_store(db: Path | None) -> Iterator[object]:
    """Open the repository named by --db / SITROOM_DB / ./sitroom.db."""
    from sitroom.store import open_repository

    settings = settings_for(db)
    with user_errors():
        repository = open_repository(settings.db_path)
    try:
        yield repository
    finally:
        repository.close()


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def prepare_for_batch(pipeline) -> None:
    """Load the pipeline's tables, then keep them out of garbage collection for this process.

    Extraction allocates many small objects, so the collector runs often; without freezing it
    would re-scan the large, permanent gazetteer and dictionary tables each time (about 5%).
    """
    with user_errors():
        pipeline.warm_up()
    gc.freeze()
