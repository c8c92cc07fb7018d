"""Fixtures for the store tests: a fresh repository on each backend, or on SQLite only."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from sitroom.store import Repository, open_repository


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "sitroom.db"


@pytest.fixture()
def repo(db_url: str) -> Iterator[Repository]:
    """A repository on SQLite, then on PostgreSQL (the same test runs on both)."""
    with open_repository(db_url) as repository:
        yield repository


@pytest.fixture()
def sqlite_repo(db_path: Path) -> Iterator[Repository]:
    """A repository on a SQLite file at ``db_path`` (for tests of SQLite's own behaviour)."""
    with open_repository(db_path) as repository:
        yield repository

