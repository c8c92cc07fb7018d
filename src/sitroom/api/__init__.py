"""sitroom api stage: the read-only JSON API (FastAPI), built by ``create_app(settings)``.

Importing this package does not import FastAPI; ``create_app`` does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

    from sitroom.config import Settings


def create_app(settings: "Settings", dashboard: bool = True) -> "FastAPI":
    """Return the sitroom app for ``settings``, with the dashboard unless ``dashboard`` is False."""
    from sitroom.api.app import create_app as build

    return build(settings, dashboard=dashboard)


__all__ = ["create_app"]
