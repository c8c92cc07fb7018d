"""The derived rollups (migrations 0004, 0005 and 0023) equal a recount from events after ingest, resolve and a merge."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

from sitroom.models import Claim, Document, EventMention, SourceKind, Stance
from sitroom.resolve import Merge, resolve_store
from sitroom.store import connect_database, open_repository

RECOUNTS = {
    "event_daily": (
        "SELECT coalesce(event_date, ''), coalesce(admin1_code, ''), coalesce(admin1, ''), COUNT(*),"
        " coalesce(SUM(fatalities_best), 0) FROM events GROUP BY 1, 2, 3",
        "SELECT day, admin1_code, admin1, events, fatalities FROM event_daily",
    ),
    "actor_daily": (
        "SELECT a.actor, a.sort_date, coalesce(e.admin1_code, ''), coalesce(e.admin1, ''), COUNT(*),"
        " coalesce(SUM(e.fatalities_best), 0) FROM event_actors a JOIN events e ON e.event_id = a.event_id"
        " GROUP BY 1, 2, 3, 4",
        "SELECT actor, day, admin1_code, admin1, events, fatalities FROM actor_daily",
    ),
    "actor_pairs": (
        "SELECT x.actor, y.actor, x.sort_date, COUNT(*) FROM event_actors x JOIN event_actors y"
        " ON y.event_id = x.event_id AND y.actor <> x.actor COLLATE NOCASE GROUP BY 1, 2, 3",
        "SELECT actor, counterpart, day, events FROM actor_pairs",
    ),
    "actor_stances": (
        "SELECT a.actor, a.sort_date, s.stance, COUNT(*), SUM(s.n), SUM(s.f), SUM(s.i), SUM(s.d) FROM event_actors a"
        " JOIN (SELECT es.event_id, m.claim_stance AS stance, COUNT(*) AS n, coalesce(MAX(m.fatalities), 0) AS f,"
        " coalesce(MAX(m.injured), 0) AS i, coalesce(MAX(m.detained), 0) AS d FROM event_sources es"
        " JOIN mentions m ON m.mention_id = es.mention_id GROUP BY 1, 2) s ON s.event_id = a.event_id"
        " GROUP BY 1, 2, 3",
        "SELECT actor, day, stance, events, sources, fatalities, injured, detained FROM actor_stances",
    ),
    "event_source_kinds": (
        "SELECT es.event_id, d.source_kind, COUNT(*) FROM event_sources es JOIN documents d ON d.doc_id = es.doc_id"
        " GROUP BY 1, 2",
        "SELECT event_id, source_kind, sources FROM event_source_kinds",
    ),
    "district_daily": (
        "SELECT coalesce(admin1_code, ''), coalesce(admin1, ''), coalesce(admin2, ''), coalesce(event_date, ''),"
        " COUNT(*), coalesce(SUM(fatalities_best), 0) FROM events GROUP BY 1, 2, 3, 4",
        "SELECT admin1_code, admin1, admin2, day, events, fatalities FROM district_daily",
    ),
    "actor_totals": (
        "SELECT a.actor, COUNT(*), coalesce(SUM(e.fatalities_best), 0) FROM event_actors a"
        " JOIN events e ON e.event_id = a.event_id GROUP BY 1",
        "SELECT actor, events, fatalities FROM actor_totals",
    ),
    "district_totals": (
        "SELECT coalesce(admin1_code, ''), coalesce(admin1, ''), coalesce(admin2, ''), COUNT(*),"
        " coalesce(SUM(fatalities_best), 0) FROM events GROUP BY 1, 2, 3",
        "SELECT admin1_code, admin1, admin2, events, fatalities FROM district_totals",
    ),
    "store_counts": (
        "SELECT 'events', '', COUNT(*) FROM events UNION ALL SELECT 'documents', '', COUNT(*) FROM documents"
        " UNION ALL SELECT 'mentions', '', COUNT(*) FROM mentions"
        " UNION ALL SELECT 'event_type', coalesce(event_type, ''), COUNT(*) FROM events GROUP BY 2"
        " UNION ALL SELECT 'status', status, COUNT(*) FROM events GROUP BY 2"
        " UNION ALL SELECT 'source_kind', source_kind, COUNT(*) FROM documents GROUP BY 2",
        "SELECT facet, value, count FROM store_counts",
    ),
}


def _document(doc_id: str, kind: SourceKind) -> Document:
    digest = hashlib.sha256(doc_id.encode()).hexdigest()
    return Document(doc_id=doc_id, text=f"Report {doc_id}.", raw_sha256=digest, text_sha256=digest,
                    publisher="Wire", published=dt.date(2024, 5, 2), source_kind=kind)  # fmt: skip


def _mention(doc_id: str, **fields: object) -> EventMention:
    values: dict[str, object] = {
        "event_date": dt.date(2024, 5, 1), "time_precision": 1, "event_type": "Battles",
        "actor1": "National Resistance Front", "actor2": "Taliban", "assoc_actors": ["AFF"],
        "country": "Afghanistan", "admin1": "Panjshir", "admin1_code": "AF-PAN", "admin2": "Dara",
        "location": "Dara", "fatalities": 3, "text": "Clash in Dara.",
    }  # fmt: skip
    values.update(fields)
    return EventMention(mention_id=f"{doc_id}#m0", doc_id=doc_id, **values)  # type: ignore[arg-type]


def _recount_matches(db_path) -> None:
    connection = connect_database(db_path)
    try:
        for table, (recount, stored) in RECOUNTS.items():
            expected = sorted(tuple(row) for row in connection.execute(recount) if row[-1] != 0 or table != "store_counts")
            found = sorted(tuple(row) for row in connection.execute(stored))
            assert found == expected, table
    finally:
        connection.close()


def test_rollups_equal_a_recount_after_ingest_resolve_and_merge(db_url) -> None:
    db_path = db_url
    with open_repository(db_path) as repo:
        repo.store_document(_document("doc-1", SourceKind.NEWS), [_mention("doc-1")], None, "analyst")
        repo.store_document(_document("doc-2", SourceKind.CLAIM),
                            [_mention("doc-2", claim=Claim(Stance.CLAIMED, "NRF"), fatalities=9, actor2="ISKP",
                                      event_date=dt.date(2024, 5, 20), admin2="Rukha", location="Rukha")],
                            None, "analyst")  # fmt: skip
        repo.store_document(_document("doc-3", SourceKind.NGO),
                            [_mention("doc-3", event_date=dt.date(2023, 1, 9), admin1="Kabul", admin1_code="AF-KAB",
                                      admin2=None, actor1="Protesters", actor2=None, assoc_actors=[],
                                      event_type="Protests", fatalities=None)],
                            None, "analyst")  # fmt: skip
        _recount_matches(db_path)
        resolve_store(repo, who="analyst", why="test")
        _recount_matches(db_path)
        event_ids = sorted({event.event_id for event in repo.query_events(_all()).events})
        battles = [e.event_id for e in repo.query_events(_all()).events if e.coded.event_type == "Battles"]
        assert len(battles) == 2  # different days and districts: resolution keeps them apart
        merge = Merge(who="ana", why="same clash", event_ids=tuple(battles))
        resolve_store(repo, who="ana", why="same clash", decision=merge)
        assert len(repo.query_events(_all()).events) == len(event_ids) - 1
        _recount_matches(db_path)
        # A changed document (new figures, another stance) is re-stored and placed again.
        repo.store_document(_document("doc-2", SourceKind.OFFICIAL),
                            [_mention("doc-2", claim=Claim(Stance.DENIED, "Taliban"), fatalities=1)], None, "analyst")
        resolve_store(repo, who="analyst", why="test")
        _recount_matches(db_path)


def test_migration_0023_fills_the_totals_from_the_daily_rollups(db_url) -> None:
    """A store from before 0023 gets its totals from the daily rollups it already holds."""
    from importlib import resources

    from sitroom.store.migrate import split_statements

    with open_repository(db_url) as repo:
        repo.store_document(_document("doc-1", SourceKind.NEWS), [_mention("doc-1")], None, "analyst")
        repo.store_document(_document("doc-2", SourceKind.NGO), [_mention("doc-2", admin2="Rukha", fatalities=4,
                            event_date=dt.date(2024, 6, 2))], None, "analyst")  # fmt: skip
        resolve_store(repo, who="analyst", why="test")
    script = resources.files("sitroom.store").joinpath("migrations", "0023_rollup_totals.sql").read_text("utf-8")
    fills = [statement for statement in split_statements(script) if statement.lstrip().upper().startswith("INSERT")]
    connection = connect_database(db_url)
    try:
        for table in ("actor_totals", "district_totals"):
            connection.execute(f"DELETE FROM {table}")
        for statement in fills:
            connection.execute(statement)
        assert connection.execute("SELECT COUNT(*) FROM district_totals").fetchone()[0] == 2
    finally:
        connection.close()
    _recount_matches(db_url)


def _all():
    from sitroom.store.api_records import EventQuery

    return dataclasses.replace(EventQuery(), limit=None)


def _pages(client, **params) -> list[tuple[list[str], int | None]]:
    found, cursor = [], None
    while True:
        body = client.get("/api/v1/events", params={**params, "limit": 3, **({"cursor": cursor} if cursor else {})}).json()
        found.append(([item["event_id"] for item in body["items"]], body["total"]))
        if not (cursor := body["next_cursor"]):
            return found


def test_walking_and_collecting_set_filters_give_the_same_pages(client, monkeypatch) -> None:
    from sitroom.store import api_rollups

    filters = ({"tag": "checkpoint"}, {"source_kind": "ngo"}, {"q": "raided"}, {"tag": "checkpoint", "source_kind": "news"},
               {"q": "Dara", "sort": "date_asc", "admin1": "AF-PAN"})  # fmt: skip
    collected = [_pages(client, **params) for params in filters]
    monkeypatch.setattr(api_rollups, "PROBE_COST_RATIO", 0)  # threshold 0: always walk and check
    walked = [_pages(client, **params) for params in filters]
    assert walked == collected and all(pages[0][0] for pages in collected)


def test_summary_counts_the_whole_store(client) -> None:
    body = client.get("/api/v1/stats/summary", params={"admin1": "AF-PAN"}).json()
    assert body["events"] == client.get("/api/v1/events", params={"limit": 1}).json()["total"]
    assert sum(body["by_event_type"].values()) == sum(body["by_status"].values()) == body["events"]
    assert sum(body["by_source_kind"].values()) == body["documents"]


def test_rollup_answers_equal_reading_the_events(client, monkeypatch) -> None:
    from sitroom.store import api_rollups

    requests = [
        ("/api/v1/actors", {}), ("/api/v1/actors", {"q": "front"}), ("/api/v1/actors", {"limit": 2}),
        ("/api/v1/actors", {"start_date": "2023-02-01", "admin1": "AF-PAN", "q": "front"}),
        ("/api/v1/actors/national resistance front", {}),
        ("/api/v1/actors/Taliban forces (Islamic Emirate)", {"end_date": "2023-06-30", "interval": "week"}),
        ("/api/v1/stats/by-district", {}), ("/api/v1/stats/by-district", {"admin1": "AF-PAN"}),
        ("/api/v1/stats/by-district", {"admin1": "Kabul", "start_date": "2023-03-01"}),
        ("/api/v1/stats/summary", {}),
    ]  # fmt: skip
    from_rollups = [client.get(path, params=params).json() for path, params in requests]
    monkeypatch.setattr(api_rollups, "available", lambda connection: False)
    from_events = [client.get(path, params=params).json() for path, params in requests]
    assert from_rollups == from_events


def test_counts_of_combined_set_filters_equal_reading_the_events(client, monkeypatch) -> None:
    from sitroom.store import api_rollups

    combos = ({"tag": "checkpoint", "source_kind": "news"}, {"source_kind": "ngo", "q": "Dara"},
              {"tag": "checkpoint", "q": "raided"}, {"tag": "checkpoint", "source_kind": "claim", "q": "Dara"})  # fmt: skip
    fast = [client.get("/api/v1/events", params=params).json()["total"] for params in combos]
    monkeypatch.setattr(api_rollups, "set_filter_count", lambda connection, query: None)
    assert fast == [client.get("/api/v1/events", params=params).json()["total"] for params in combos]
