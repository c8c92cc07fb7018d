"""Fixtures for the API tests: a small store filled with hand-built records, and a TestClient."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Iterator

import pytest
from fastapi.testclient import TestClient

from sitroom.api import create_app
from sitroom.config import Settings
from sitroom.models import Claim, Document, EventMention, Evidence, SourceKind, Stance
from sitroom.store import open_repository
from tests.conftest import BACKENDS, new_database

PROVINCES = (("Panjshir", "AF-PAN", "Dara"), ("Baghlan", "AF-BGL", "Andarab"), ("Kabul", "AF-KAB", "Kabul"))
ACTORS = ("National Resistance Front", "Taliban forces (Islamic Emirate)", "Afghanistan Freedom Front")
KINDS = (SourceKind.NEWS, SourceKind.CLAIM, SourceKind.OFFICIAL, SourceKind.NGO)
STANCES = {SourceKind.NEWS: Stance.REPORTED, SourceKind.CLAIM: Stance.CLAIMED,
           SourceKind.OFFICIAL: Stance.DENIED, SourceKind.NGO: Stance.CONFIRMED}  # fmt: skip
EVENT_COUNT = 23
XSS = "<script>alert('x')</script>"


def make_document(index: int, text: str, kind: SourceKind, published: dt.date) -> Document:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Document(
        doc_id=f"doc-{index:03d}", text=text, raw_sha256=digest, text_sha256=digest, title=f"Report {index}",
        publisher=f"Wire {index % 3}", published=published, source_kind=kind,
    )  # fmt: skip


def make_event_document(index: int) -> tuple[Document, list[EventMention]]:
    """Return a one-event document; its fields vary with ``index`` so filters have something to separate."""
    admin1, code, admin2 = PROVINCES[index % len(PROVINCES)]
    actor1, actor2 = ACTORS[index % 3], ACTORS[(index + 1) % 3]
    kind = KINDS[index % len(KINDS)]
    day = dt.date(2023, 1, 1) + dt.timedelta(days=9 * index)
    word = "ambush" if index % 5 == 0 else "clash"
    text = f"Report {index}. Fighters of {actor1} attacked a checkpoint in {admin2}, {admin1}, in an {word}; {index % 4} killed."
    start = text.index(admin2)
    mention = EventMention(
        doc_id=f"doc-{index:03d}", event_date=day, time_precision=1, event_type="Battles" if index % 2 else "Violence against civilians",
        sub_event_type="Armed clash", tags=["checkpoint"] if index % 3 == 0 else ["raid"], actor1=actor1, actor2=actor2,
        assoc_actors=["Local militia"] if index == 4 else [], country="Afghanistan", admin1=admin1, admin1_code=code,
        admin2=admin2, location=admin2, latitude=35.0 + index / 100, longitude=69.0 + index / 100, geo_precision=2,
        fatalities=index % 4, claim=Claim(stance=STANCES[kind], by=actor1 if kind is SourceKind.CLAIM else None),
        evidence={"admin2": Evidence(f"doc-{index:03d}", start, start + len(admin2), "extract.places", "places-v1")},
        text=text, extractor="test-v1",
    )  # fmt: skip
    return make_document(index, text, kind, day), [mention]


def fill_store(db_path: Path | str) -> None:
    """Store EVENT_COUNT one-event documents, one undated event, one XSS probe, and one update."""
    with open_repository(db_path) as repository:
        for index in range(EVENT_COUNT):
            document, mentions = make_event_document(index)
            repository.store_document(document, mentions, None, "tester")
        probe_text = f"{XSS} Taliban forces raided homes in Dara, Panjshir."
        probe = make_document(900, probe_text, SourceKind.SOCIAL, dt.date(2024, 6, 1))
        probe.title = XSS
        repository.store_document(probe, [EventMention(
            doc_id="doc-900", event_date=None, actor1=XSS, admin1="Panjshir", admin1_code="AF-PAN", text=probe_text,
            evidence={"actor1": Evidence("doc-900", 0, len(XSS), "extract.actors", "actors-v1")},
        )], None, "tester")  # fmt: skip
        # Re-store document 1 with other text: the event's history gets an update.
        document, mentions = make_event_document(1)
        document.text = document.text + " Updated."
        document.raw_sha256 = hashlib.sha256(document.text.encode()).hexdigest()
        mentions[0].fatalities = 7
        repository.store_document(document, mentions, None, "editor")


@pytest.fixture(scope="module", params=BACKENDS)
def api_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path | str:
    """The filled store, on SQLite and then on PostgreSQL: every API test runs against both."""
    path = new_database(request, request.param, tmp_path_factory.mktemp("api"))
    fill_store(path)
    return path


@pytest.fixture(scope="module")
def client(api_db: Path | str) -> Iterator[TestClient]:
    app = create_app(Settings(db_path=api_db))
    with TestClient(app) as test_client:
        yield test_client


def all_pages(client: TestClient, url: str, **params: object) -> list[dict]:
    """Follow next_cursor through every page of a list; return all items."""
    items: list[dict] = []
    cursor = None
    for _ in range(1000):
        query = dict(params, **({"cursor": cursor} if cursor else {}))
        body = client.get(url, params=query).json()
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("pagination did not end")
