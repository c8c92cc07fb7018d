"""Build the FastAPI application: create_app(settings). Nothing is opened or loaded at import."""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import APIRouter, FastAPI, Request, Response

from sitroom.api import schemas
from sitroom.api.deps import AppResources, RepositoryDep
from sitroom.api.errors import install_error_handlers
from sitroom.api.access import install_access_control
from sitroom.api.routers import actors, documents, events, evidence, exports, places, publish, review, session, stats
from sitroom.api.routers import map_layers, profile_facts
from sitroom.config import Settings
from sitroom.web import mount_dashboard

API_PREFIX = "/api/v1"
# API answers are data, never pages: nothing in them may run or be framed.
API_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def create_app(settings: Settings, dashboard: bool = True) -> FastAPI:
    """Return the read-only sitroom app for ``settings``: the JSON API and (unless ``dashboard``
    is False) the dashboard of ``sitroom.web``.

    The store at ``settings.db_path`` is opened on the first request and closed on shutdown.
    """
    resources = AppResources(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        resources.close()

    app = FastAPI(
        title="sitroom",
        summary="Read-only API over sitroom's verified, geocoded conflict events.",
        version="1",
        lifespan=lifespan,
        docs_url="/docs",
        openapi_url="/openapi.json",
        redoc_url=None,
    )
    app.state.sitroom = resources
    install_error_handlers(app)
    app.include_router(_api_router(), prefix=API_PREFIX)
    install_access_control(app)
    app.middleware("http")(_security_headers)
    if dashboard:
        mount_dashboard(app, settings)
    return app


def _api_router() -> APIRouter:
    router = APIRouter()
    for module in (events, documents, actors, places, stats, exports, evidence, session, review, publish, map_layers, profile_facts):
        router.include_router(module.router)

    @router.get("/health", response_model=schemas.HealthOut, tags=["meta"], summary="Health check")
    def health(repository: RepositoryDep) -> schemas.HealthOut:
        """Say the API is up and how many events the store holds."""
        return schemas.HealthOut(status="ok", events=repository.count_events(_all_events()))

    return router


def _all_events():
    from sitroom.store.api_records import EventQuery

    return EventQuery(limit=None)


async def _security_headers(request: Request, call_next) -> Response:
    response = await call_next(request)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if request.url.path.startswith(API_PREFIX):
        for name, value in API_SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
    return response
