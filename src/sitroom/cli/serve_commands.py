"""The `serve` command: run the read-only API (and dashboard, if installed) with uvicorn."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from sitroom.cli.common import DbOption, fail, user_errors
from sitroom.config import Settings, database_label, is_database_url, load_settings

HostOption = Annotated[
    Optional[str], typer.Option("--host", help="Address to bind (default: setting host, 127.0.0.1).", show_default=False)
]
PortOption = Annotated[Optional[int], typer.Option("--port", min=1, max=65535, help="Port (default: setting port, 8765).")]
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def serve_settings(db: object, host: str | None, port: int | None) -> Settings:
    """Settings from sitroom.toml and SITROOM_* environment, with --db/--host/--port on top."""
    with user_errors():
        settings = load_settings(db_path=db, host=host, port=port)
    if not is_database_url(settings.db_path) and not settings.db_path.exists():
        fail(f"{settings.db_path}: no such database; ingest reports first or give --db PATH")
    return settings


def accounts_exist(settings: Settings) -> bool:
    """Return True if the database has at least one enabled account."""
    from sitroom.store import open_repository

    with user_errors(), open_repository(settings.db_path) as repository:
        return repository.count_accounts() > 0


def serve_url(settings: Settings) -> str:
    """Return the URL the server answers on (IPv6 addresses in brackets)."""
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    return f"http://{host}:{settings.port}/"


def serve(db: DbOption = None, host: HostOption = None, port: PortOption = None) -> None:
    """Serve the JSON API (/api/v1, docs at /docs), the dashboard and the review queue on 127.0.0.1.

    With no accounts the server is read-only and public, and only a loopback --host is accepted.
    """
    try:
        import uvicorn

        from sitroom.api import create_app
    except ImportError:
        fail("the server's packages (fastapi, uvicorn, jinja2) are missing from this environment: "
             "reinstall sitroom with `pip install sitroom`, which includes them")
    settings = serve_settings(db, host, port)
    if settings.host not in LOCAL_HOSTS and not accounts_exist(settings):
        fail(f"--host {settings.host}: refusing a non-loopback address while the database has no accounts "
             "(anyone who can reach it could read it); create one with `sitroom user add NAME --role admin`")
    typer.echo(f"sitroom: serving {database_label(settings.db_path)} at {serve_url(settings)} (API docs: {serve_url(settings)}docs)")
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")


def register(application: typer.Typer) -> None:
    application.command()(serve)
