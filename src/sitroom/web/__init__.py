"""sitroom web stage: the dashboard's pages and static files (our own JS, CSS and SVG).

``mount_dashboard(app, settings)`` adds them to the API's FastAPI app; the pages hold no
data and fetch everything from the JSON API, so nothing from a source is ever rendered
into HTML on the server.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

    from sitroom.config import Settings


def mount_dashboard(app: "FastAPI", settings: "Settings") -> None:
    """Mount the dashboard's static files, page routes and surge endpoint on ``app``.

    Input: the FastAPI app built by ``sitroom.api.create_app`` and the settings.
    Pages: ``/`` (overview), ``/events/{id}``, ``/actors/{name}``, ``/new``; static files under
    ``/static``; ``/api/v1/alerts/surges`` unless the app already has it.
    """
    from sitroom.web.report_routes import add_report_routes
    from sitroom.web.routes import add_alert_routes, add_pages

    add_report_routes(app, settings)
    add_pages(app)
    add_alert_routes(app, settings)


__all__ = ["mount_dashboard"]
