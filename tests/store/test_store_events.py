"""Listing events with filters, statistics, and ingest runs."""

from __future__ import annotations

import datetime as dt

import pytest
from store_builders import make_document, make_mention

from sitroom.errors import NotFoundError, StoreError
from sitroom.models import SourceKind
from sitroom.store import EventFilter


@pytest.fixture()
def filled(repo):
    """A store with four events across provinces, actors, types and months."""
    rows = [
        ("d1", dict(event_date=dt.date(2024, 5, 1), admin1="Panjshir", admin1_code="AF-PAN", actor1="NRF")),
        ("d2", dict(event_date=dt.date(2024, 6, 3), admin1="Baghlan", admin1_code="AF-BGL", actor1="Taliban",
                    actor2="Civilians (Afghanistan)", assoc_actors=[], event_type="Violence against civilians")),
        ("d3", dict(event_date=dt.date(2024, 6, 9), admin1="Panjshir", admin1_code="AF-PAN", actor1="Taliban",
                    actor2="AFF", assoc_actors=["Afghanistan_Freedom_Front 100%"])),
        ("d4", dict(event_date=None, admin1=None, admin1_code=None, event_type=None)),
    ]  # fmt: skip
    run_id = repo.begin_run("ingest", ["fixtures/"], "tester")
    for doc_id, fields in rows:
        kind = SourceKind.CLAIM if doc_id == "d1" else SourceKind.NEWS
        repo.store_document(make_document(doc_id, doc_id, source_kind=kind), [make_mention(doc_id, **fields)], run_id, "t")
        repo.record_item(run_id, f"fixtures/{doc_id}.txt", "stored", doc_id=doc_id)
    repo.record_item(run_id, "fixtures/bad.bin", "skipped", reason="binary file")
    repo.finish_run(run_id, "ok", {"stored": 4, "skipped": 1})
    return repo


def _admin1s(repo, **filters) -> list[str | None]:
    return [event.coded.admin1 for event in repo.list_events(EventFilter(**filters))]


def test_events_ordered_by_date_newest_first_undated_last(filled) -> None:
    dates = [event.coded.event_date for event in filled.list_events(EventFilter())]
    assert dates == [dt.date(2024, 6, 9), dt.date(2024, 6, 3), dt.date(2024, 5, 1), None]


def test_date_range_is_inclusive(filled) -> None:
    assert _admin1s(filled, start_date=dt.date(2024, 6, 3), end_date=dt.date(2024, 6, 9)) == ["Panjshir", "Baghlan"]
    assert _admin1s(filled, end_date=dt.date(2024, 5, 1)) == ["Panjshir"]


def test_admin1_matches_name_or_code_ignoring_case(filled) -> None:
    assert len(_admin1s(filled, admin1="panjshir")) == 2
    assert len(_admin1s(filled, admin1="af-pan")) == 2
    assert _admin1s(filled, admin1="Kabul") == []


def test_actor_is_the_whole_name_of_any_actor_field_ignoring_case(filled) -> None:
    assert _admin1s(filled, actor="nrf") == ["Panjshir", None]
    assert len(filled.list_events(EventFilter(actor="TALIBAN"))) == 4
    assert filled.list_events(EventFilter(actor="civilians")) == []  # part of a name is actor_contains
    assert _admin1s(filled, actor="civilians (AFGHANISTAN)") == ["Baghlan"]
    assert _admin1s(filled, actor="afghanistan_freedom_front 100%") == ["Panjshir"]  # associated actors too


def test_actor_contains_matches_part_of_any_actor_field(filled) -> None:
    assert [e.coded.admin1 for e in filled.list_events(EventFilter(actor_contains="civilians"))] == ["Baghlan"]
    assert len(filled.list_events(EventFilter(actor_contains="TALIB"))) == 4
    # Associated actors match too, and LIKE wildcards in the query are literal.
    assert len(filled.list_events(EventFilter(actor_contains="freedom_front 100%"))) == 1
    assert filled.list_events(EventFilter(actor_contains="nr_")) == []  # unescaped, "_" would match "nrf"


def test_event_type_limit_and_offset(filled) -> None:
    assert _admin1s(filled, event_type="violence against civilians") == ["Baghlan"]
    assert _admin1s(filled, limit=1, offset=1) == ["Baghlan"]
    assert len(_admin1s(filled, limit=None)) == 4  # None: no limit, for exports


def test_filter_rejects_bad_values() -> None:
    with pytest.raises(ValueError):
        EventFilter(limit=0)
    with pytest.raises(ValueError):
        EventFilter(start_date=dt.date(2024, 2, 1), end_date=dt.date(2024, 1, 1))


def test_stats(filled) -> None:
    stats = filled.stats()
    assert (stats.documents, stats.mentions, stats.events) == (4, 4, 4)
    assert stats.by_source_kind == {"news": 3, "claim": 1}
    assert stats.by_event_type == {"Battles": 2, "Violence against civilians": 1, "unknown": 1}
    assert stats.by_admin1 == {"Panjshir": 2, "Baghlan": 1, "unknown": 1}
    assert stats.by_month == {"unknown": 1, "2024-05": 1, "2024-06": 2}
    assert len(stats.recent_runs) == 1
    run = stats.recent_runs[0]
    assert (run.command, run.arguments, run.analyst, run.status) == ("ingest", ["fixtures/"], "tester", "ok")
    assert run.counts == {"stored": 4, "skipped": 1}
    assert run.finished is not None and run.finished >= run.started


def test_recent_runs_are_the_last_five_newest_first(repo) -> None:
    ids = [repo.begin_run("ingest", [str(n)], "a") for n in range(7)]
    assert [run.run_id for run in repo.stats().recent_runs] == ids[::-1][:5]


def test_run_items_and_statuses(filled) -> None:
    run_id = filled.stats().recent_runs[0].run_id
    items = filled.run_items(run_id)
    assert items[-1] == {"source": "fixtures/bad.bin", "status": "skipped", "reason": "binary file", "doc_id": None}
    with pytest.raises(StoreError, match="not one of"):
        filled.record_item(run_id, "x", "exploded")
    with pytest.raises(StoreError):
        filled.record_item(9999, "x", "failed", reason="no such run")
    with pytest.raises(NotFoundError):
        filled.finish_run(9999, "ok", {})
    with pytest.raises(NotFoundError):
        filled.get_run(9999)
    assert filled.get_run(run_id).status == "ok"


def test_offset_without_a_limit(filled) -> None:
    assert _admin1s(filled, limit=None, offset=2) == ["Panjshir", None]
