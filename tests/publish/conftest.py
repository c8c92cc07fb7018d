"""Fixtures of the publishing tests (exports, reports, alerts, volume, profiles): the demo database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


def build_demo(db_path: Path) -> Path:
    """Ingest and resolve the bundled synthetic demo corpus into ``db_path``."""
    from sitroom.config import Settings
    from sitroom.ingest.demo import demo_corpus_files
    from sitroom.pipeline import Pipeline
    from sitroom.store import open_repository

    with open_repository(db_path) as repository:
        summary = Pipeline.from_config(Settings(db_path=db_path)).ingest(demo_corpus_files(), repository,
                                                                         command_line=["tests"])
    assert not summary.failed, summary.problems
    return db_path


@pytest.fixture(scope="session")
def acled_only_db(tmp_path_factory) -> Path:
    """A store holding only the demo's ACLED rows: each is an event of its own, led by the imported row."""
    from sitroom.config import Settings
    from sitroom.ingest.demo import demo_corpus_files
    from sitroom.pipeline import Pipeline
    from sitroom.store import open_repository

    db_path = tmp_path_factory.mktemp("publish-acled") / "acled.db"
    rows = [path for path in demo_corpus_files() if path.name.startswith("acled_")]
    with open_repository(db_path) as repository:
        Pipeline.from_config(Settings(db_path=db_path)).ingest(rows, repository, command_line=["tests"])
    return db_path


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory) -> Path:
    return build_demo(tmp_path_factory.mktemp("publish") / "demo.db")


@pytest.fixture
def demo_db(demo_db_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database (tests may write alert rules into it)."""
    target = tmp_path / "demo.db"
    shutil.copy(demo_db_template, target)
    return target
