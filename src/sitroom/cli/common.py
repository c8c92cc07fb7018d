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
from rich.text import Text

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

# Nothing printed is read as rich markup (file names, messages and values from documents may hold
# square brackets: an ACLED date "[red]2023[/red]" prints as it is), and messages are never
# hard-wrapped (soft_wrap), so a message in a log file or pipe is one line that can be grepped.
error_console = Console(stderr=True, markup=False, highlight=False, emoji=False, soft_wrap=True)


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


def print_message(label: str, style: str, message: str) -> None:
    """Print ``label: message`` on standard error, the label styled, the message as plain text."""
    error_console.print(Text.assemble((label, style), ": ", message))


def fail(message: str, status: int = 2) -> None:
    """Print an error to standard error and exit with ``status``."""
    print_message("error", "bold red", message)
    raise typer.Exit(status)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn sitroom's own errors into a clear message and exit status 2."""
    try:
        yield
    except SitroomError as error:
        fail(str(error))


@contextmanager
def open_store(db: Path | None, *, create: bool = False) -> Iterator[object]:
    """Open the repository named by --db / SITROOM_DB / ./sitroom.db.

    Only commands that write (init, ingest, demo) pass ``create=True``; a read command given a
    database that does not exist exits with a message naming the path, instead of creating an
    empty file under a mistyped name.
    """
    from sitroom.store import open_repository

    settings = settings_for(db)
    if not create:
        require_database(settings.db_path)
    with user_errors():
        repository = open_repository(settings.db_path)
    try:
        yield repository
    finally:
        repository.close()


def require_database(path: Path | str) -> None:
    """Exit with status 2 and a message naming ``path`` unless it is an existing file (or a server URL)."""
    from sitroom.config import is_database_url

    if is_database_url(path):
        return  # a server database: opening it says whether it exists
    path = Path(path)
    if not path.exists():
        fail(f"{path}: no such database; create one with `sitroom init --db {path}` or `sitroom ingest`, "
             "or give the right --db PATH (or SITROOM_DB)")
    if not path.is_file():
        fail(f"{path}: not a database file (it is a folder or a device); give --db PATH to a file")


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
