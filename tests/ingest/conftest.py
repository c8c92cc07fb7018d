"""Shared helpers for the ingest tests: fixture paths and result splitting."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.config import Settings
from sitroom.ingest import IngestProblem, IngestRecord, read_input

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db_path=tmp_path / "test.db")


def _read_all(path: Path, settings: Settings, **options) -> tuple[list[IngestRecord], list[IngestProblem]]:
    """Read one input and split its results into records and problems."""
    results = list(read_input(path, settings, **options))
    records = [r for r in results if isinstance(r, IngestRecord)]
    problems = [r for r in results if isinstance(r, IngestProblem)]
    assert len(records) + len(problems) == len(results)
    return records, problems


@pytest.fixture
def fixtures() -> Path:
    """The folder of synthetic input files."""
    return FIXTURES


@pytest.fixture
def read_all():
    """Function reading one input into (records, problems)."""
    return _read_all
