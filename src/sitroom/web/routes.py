"""The dashboard's routes: static HTML pages with a strict Content-Security-Policy, static
files, and the surge-alerts endpoint the pages use."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib import resources
from pathlib import Path
from string import Template
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from sitroom.config import Settings

# No inline script or style, nothing from another origin, no plugins, no framing.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-cache",
}
PAGES = {"/": "index.html", "/events/{event_id:path}": "event.html", "/actors/{name:path}": "actor.html", "/new": "new.html",
         "/login": "login.html", "/review": "review_queue.html", "/review/{event_id:path}": "review.html"}
# Each page is the shared layout (header, filter bar) around its own <main>, with its title and script.
PAGE_PARTS = {
    "index.html": ("overview", "overview.js"),
    "event.html": ("event", "event.js"),
    "actor.html": ("actor", "actor.js"),
    "new.html": ("new since", "newsince.js"),
    "login.html": ("log in", "login.js"),
    "review_queue.html": ("review queue", "queue.js"),
    "review.html": ("review", "review.js"),
}
SURGES_PATH = "/api/v1/alerts/surges"


def web_folder() -> Path:
    """Return the installed folder of the web stage (templates/ and static/)."""
    return Path(str(resources.files("sitroom.web")))


@lru_cache(maxsize=8)
def page_html(name: str) -> str:
    """Return one page's HTML shell (it holds no data: the page's script fetches the API)."""
    templates = web_folder() / "templates"
    title, script = PAGE_PARTS[name]
    main = (templates / name).read_text(encoding="utf-8").strip()
    layout = Template((templates / "layout.html").read_text(encoding="utf-8"))
    return layout.substitute(title=title, script=script, main=main)


def page_response(name: str) -> HTMLResponse:
    """Return the page with the dashboard's security headers."""
    return HTMLResponse(page_html(name), headers=SECURITY_HEADERS)


class SecureStaticFiles(StaticFiles):
    """Static files sent with nosniff and the same CSP (an SVG opened directly runs no script)."""

    async def get_response(self, path: str, scope) -> Response:
        response = await super().get_response(path, scope)
        response.headers.update({k: v for k, v in SECURITY_HEADERS.items() if k != "Cache-Control"})
        return response


def add_pages(app: FastAPI) -> None:
    """Add the page routes and mount /static (skipping any path the app already serves)."""
    taken = {getattr(route, "path", None) for route in app.routes}
    for path, name in PAGES.items():
        if path in taken:
            continue
        app.add_api_route(path, lambda _name=name: page_response(_name), methods=["GET", "HEAD"], include_in_schema=False,
                          response_class=HTMLResponse, name=f"dashboard-{name.removesuffix('.html')}")
    if "/static" not in taken:
        app.mount("/static", SecureStaticFiles(directory=web_folder() / "static"), name="dashboard-static")


def _repository(request: Request, settings: Settings):
    """The API's shared repository when the app has one, else one opened for the dashboard."""
    shared = getattr(request.app.state, "sitroom", None)
    if shared is not None and hasattr(shared, "repository"):
        return shared.repository()
    own = getattr(request.app.state, "dashboard_repository", None)
    if own is None:
        from sitroom.store import open_repository

        own = request.app.state.dashboard_repository = open_repository(settings.db_path)
    return own


def query_date(value: str | None, name: str) -> dt.date | None:
    """Parse a YYYY-MM-DD query value, or answer 422 naming the parameter."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, detail=f"{name}: {value!r} is not a date; use YYYY-MM-DD") from None


def add_alert_routes(app: FastAPI, settings: Settings) -> None:
    """Add GET /api/v1/alerts/surges (the surge test of docs/surges.md) unless the app has it."""
    if SURGES_PATH in {getattr(route, "path", None) for route in app.routes}:
        return

    def surges(
        request: Request,
        weeks: Annotated[int | None, Query(ge=1, le=520, description="test only the last N weeks")] = None,
        since: Annotated[str | None, Query(description="first week to test, YYYY-MM-DD")] = None,
        until: Annotated[str | None, Query(description="last week to test, YYYY-MM-DD")] = None,
        event_type: Annotated[str | None, Query(description="count only this event type")] = None,
        actor: Annotated[str | None, Query(description="count only events naming this actor")] = None,
    ) -> dict[str, Any]:
        """Significant weekly surges per province (Poisson upper tail vs own baseline, Bonferroni)."""
        from sitroom.analyze.surges import surge_report_for_store

        return surge_report_for_store(
            _repository(request, settings), weeks=weeks, since=query_date(since, "since"), until=query_date(until, "until"),
            event_type=event_type or None, actor=actor or None,
        )

    app.add_api_route(SURGES_PATH, surges, methods=["GET"], tags=["alerts"], name="surges")
