"""The `serve` command: run the read-only API (and dashboard, if installed) with uvicorn."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from sitroom.cli.common import DbOption, error_console, fail, user_errors
from sitroom.config import Settings, load_settings

HostOption = Annotated[
    Optional[str], typer.Option("--host", help="Address to bind (default: setting host, 127.0.0.1).", show_default=False)
]
PortOption = Annotated[Optional[int], typer.Option("--port", min=1, max=65535, help="Port (default: setting port, 8765).")]
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def serve_settings(db: object, host: str | None, port: int | None) -> Settings:
    """Settings from sitroom.toml and SITROOM_* environment, with --db/--host/--port on top."""
    with user_errors():
        settings = load_settings(db_path=db, host=host, port=port)
    if not settings.db_path.exists():
        fail(f"{settings.db_path}: no such database; ingest reports first or give --db PATH")
    return settings


def serve_url(settings: Settings) -> str:
    """Return the URL the server answers on (IPv6 addresses in brackets)."""
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    return f"http://{host}:{settings.port}/"


def serve(db: DbOption = None, host: HostOption = None, port: PortOption = None) -> None:
    """Serve the read-only JSON API (/api/v1, docs at /docs) and the dashboard on 127.0.0.1."""
    try:
        import uvicorn

        from sitroom.api import create_app
    except ImportError:
        fail("the server's packages (fastapi, uvicorn, jinja2) are missing from this environment: "
             "reinstall sitroom with `pip install sitroom`, which includes them")
    settings = serve_settings(db, host, port)
    if settings.host not in LOCAL_HOSTS:
        error_console.print(f"warning: binding to {settings.host}; the API has no accounts, anyone who can reach it can read it")
    typer.echo(f"sitroom: serving {settings.db_path} at {serve_url(settings)} (API docs: {serve_url(settings)}docs)")
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")


def register(application: typer.Typer) -> None:
    application.command()(serve)
