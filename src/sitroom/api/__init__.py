"""sitroom api stage: the read-only JSON API (FastAPI), built by ``create_app(settings)``.

Importing this package does not import FastAPI; ``create_app`` does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

    from sitroom.config import Settings


def create_app(settings: "Settings") -> "FastAPI":
    """Return the sitroom app for ``settings`` (see sitroom.api.app.create_app)."""
    from sitroom.api.app import create_app as build

    return build(settings)


__all__ = ["create_app"]
