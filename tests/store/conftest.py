"""Fixtures for the store tests: a fresh file-backed repository."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from sitroom.store import Repository, open_repository


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "sitroom.db"


@pytest.fixture()
def repo(db_path: Path) -> Iterator[Repository]:
    with open_repository(db_path) as repository:
        yield repository
