"""Dependencies of the routes, as Annotated aliases: settings, repository, gazetteer, filters.

The repository is opened once per app, on the first request (not at import or app creation),
and shared by the worker threads: the SQLite store gives each thread its own read connection.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request

from sitroom.api.params import EventFilterParams
from sitroom.config import Settings
from sitroom.store.api_reads import ApiReadRepository

if TYPE_CHECKING:
    from sitroom.gazetteer.service import Gazetteer


class AppResources:
    """What the routes share for the app's lifetime: settings, the repository, the gazetteer."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._repository: ApiReadRepository | None = None
        self.cache: dict[str, object] = {}

    def repository(self) -> ApiReadRepository:
        """Return the app's repository, opening it on first use."""
        if self._repository is None:
            with self._lock:
                if self._repository is None:
                    from sitroom.store import open_repository

                    self._repository = open_repository(self.settings.db_path)  # type: ignore[assignment]
        return self._repository  # type: ignore[return-value]

    def gazetteer(self) -> "Gazetteer":
        from sitroom.gazetteer import load_gazetteer

        return load_gazetteer(self.settings.country_pack)

    def close(self) -> None:
        with self._lock:
            if self._repository is not None:
                self._repository.close()
                self._repository = None


def get_resources(request: Request) -> AppResources:
    return request.app.state.sitroom


def get_settings(request: Request) -> Settings:
    return request.app.state.sitroom.settings


def get_repository(request: Request) -> ApiReadRepository:
    return request.app.state.sitroom.repository()


def get_gazetteer(request: Request) -> "Gazetteer":
    return request.app.state.sitroom.gazetteer()


ResourcesDep = Annotated[AppResources, Depends(get_resources)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
RepositoryDep = Annotated[ApiReadRepository, Depends(get_repository)]
GazetteerDep = Annotated[object, Depends(get_gazetteer)]  # a sitroom.gazetteer.service.Gazetteer
FiltersDep = Annotated[EventFilterParams, Depends()]
