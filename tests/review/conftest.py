"""Fixtures of the review tests: a resolved demo store copied per test, an app client, accounts, login.

Tests take the store from the ``repository`` fixture (and its location from ``review_db``), which
runs each of them on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterator

import pytest
from fastapi.testclient import TestClient

from sitroom.api import create_app
from sitroom.config import Settings
from sitroom.store import open_repository
from tests.conftest import BACKENDS, new_database
from tests.web.conftest import build_demo_database

PASSWORD = "correct horse battery"
ACCOUNTS = {"ada": "admin", "rita": "reviewer", "rob": "reviewer", "ana": "analyst", "vic": "viewer"}


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    return build_demo_database(tmp_path_factory.mktemp("review-template") / "demo.db")


@pytest.fixture(params=BACKENDS)
def review_db(request: pytest.FixtureRequest, demo_template: Path, tmp_path: Path) -> Path | str:
    """A private copy of the resolved demo store, on each backend in turn (a PostgreSQL copy by migrate-db)."""
    if request.param == "sqlite":
        path = tmp_path / "review.db"
        shutil.copy(demo_template, path)
        return path
    from sitroom.store.copy import migrate_database

    url = new_database(request, "postgres", tmp_path)
    migrate_database(demo_template, url)
    return url


@pytest.fixture
def repository(review_db: Path):
    with open_repository(review_db) as repository:
        yield repository


@pytest.fixture
def accounts(repository) -> dict[str, str]:
    """Create one account per role (same password); return name -> role."""
    from sitroom.auth import add_user

    for name, role in ACCOUNTS.items():
        add_user(repository, name, role, PASSWORD)
    return dict(ACCOUNTS)


def make_client(db_path: Path, **settings) -> TestClient:
    return TestClient(create_app(Settings(db_path=db_path, **settings)))


@pytest.fixture
def client(review_db: Path) -> Iterator[TestClient]:
    with make_client(review_db) as test_client:
        yield test_client


def csrf(client: TestClient) -> str:
    """Return the session's CSRF token (a session cookie is set on the first call)."""
    return client.get("/api/v1/session").json()["csrf_token"]


def login(client: TestClient, name: str, password: str = PASSWORD) -> str:
    """Log in; return the new session's CSRF token (raises if the login fails)."""
    response = client.post("/api/v1/session", json={"username": name, "password": password},
                           headers={"X-CSRF-Token": csrf(client)})  # fmt: skip
    assert response.status_code == 200, response.text
    return response.json()["csrf_token"]


def act(client: TestClient, token: str, event_id: str, action: str, version: int, **body):
    return client.post(f"/api/v1/review/events/{event_id}", json={"action": action, "version": version, **body},
                       headers={"X-CSRF-Token": token})  # fmt: skip


def single_source_event(repository) -> str:
    """Return the id of a one-source event with a province and a fatality figure, if any, else any event."""
    from sitroom.store.api_records import EventQuery

    events = list(repository.iter_events(EventQuery(limit=None)))
    ranked = sorted(events, key=lambda e: (len(e.sources) != 1, e.fatalities_best is None, e.event_id))
    return ranked[0].event_id


def reextract_with_more_killed(repository, event_id: str, more: int = 5) -> int:
    """Store the event's lead document again with its mention's figure raised; resolve; return the new figure."""
    lead = repository.get_event(event_id).coded
    document = repository.get_document(lead.doc_id)
    document.raw_sha256 = f"{more:x}" * 64
    mentions = repository.list_mentions(document.doc_id)
    for mention in mentions:
        if mention.mention_id == lead.mention_id:
            mention.fatalities = (mention.fatalities or 0) + more
            figure = mention.fatalities
    repository.store_document(document, mentions, None, "re-extract")
    from sitroom.resolve.workflow import resolve_store

    resolve_store(repository, who="tester", why="after re-extraction")
    return figure
