"""The API's heavy reads use their indexes on both backends (EXPLAIN), not a scan of the table."""

from __future__ import annotations

import datetime as dt

from store_builders import make_document, make_mention

from sitroom.store import connect_database
from sitroom.store.api_records import EventQuery
from sitroom.store.api_rollups import actor_counts_sql
from sitroom.store.records import DocumentToStore

PROVINCES = (("Kabul", "AF-KAB"), ("Panjshir", "AF-PAN"), ("Baghlan", "AF-BGL"))
ACTORS = ("National Resistance Front", "Taliban forces (Islamic Emirate)", "Afghanistan Freedom Front")


def _fill(repo, count: int = 60) -> None:
    items = []
    for index in range(count):
        admin1, code = PROVINCES[index % len(PROVINCES)]
        doc_id = f"plan-{index:03d}"
        text = f"Report {index}: fighting in {admin1} province."
        mention = make_mention(doc_id, admin1=admin1, admin1_code=code, actor1=ACTORS[index % len(ACTORS)],
                               event_date=dt.date(2023, 1, 1) + dt.timedelta(days=index * 5), text=text)  # fmt: skip
        items.append(DocumentToStore(make_document(doc_id, text), [mention], "plans.jsonl"))
    assert all(outcome.status == "stored" for outcome in repo.store_documents(items, None, "tester"))


def _plan(location, sql: str, params: list) -> str:
    database = connect_database(location)
    try:
        if database.dialect == "sqlite":
            return "\n".join(str(row[3]) for row in database.execute("EXPLAIN QUERY PLAN " + sql, params))
        database.execute("SET enable_seqscan = off")  # a test table is small enough to scan; can the index serve?
        return "\n".join(str(row[0]) for row in database.execute("EXPLAIN " + sql, params))
    finally:
        database.close()


def _plan_of(repo, build_sql, query: EventQuery) -> str:
    """The plan of the SQL that ``build_sql(database, query)`` writes for the store's own backend."""
    database = connect_database(repo.db_path)
    try:
        sql, params = build_sql(database, query)
    finally:
        database.close()
    return _plan(repo.db_path, sql, params)


def test_actors_by_dates_and_province_use_the_province_indexes(repo) -> None:
    _fill(repo)
    query = EventQuery(start_date=dt.date(2023, 1, 1), end_date=dt.date(2023, 12, 31), admin1="af-kab")
    sql, params = actor_counts_sql(query, None, 100)
    plan = _plan(repo.db_path, sql, params)
    # One index range scan per side of `admin1_code = ? OR admin1 = ?` (migration 0022).
    assert "idx_actor_daily_admin1_code" in plan and "idx_actor_daily_admin1 " in plan + " ", plan
    assert "Seq Scan" not in plan and "SCAN r" not in plan, plan
    counts = {count.name: count.events for count in repo.actor_counts(query)}
    # Documents 0, 3, 6, ... are in Kabul and name the NRF first (the builder's actor2 is "Taliban").
    assert counts == {ACTORS[0]: 20, "Taliban": 20, "AFF": 20}


def test_a_page_of_a_date_range_is_a_range_scan_of_the_sort_index(repo) -> None:
    from sitroom.store.api_sql import event_page_sql

    _fill(repo)
    query = EventQuery(start_date=dt.date(2023, 3, 1), end_date=dt.date(2023, 5, 31), limit=10)
    plan = _plan_of(repo, event_page_sql, query)
    assert "idx_events_sort" in plan, plan
    if "Index Cond" in plan:  # PostgreSQL: the range bounds the index scan, not a filter after it
        assert "Index Cond: ((COALESCE(event_date, ''::text) >= " in plan, plan
    else:
        assert "idx_events_sort (<expr>>? AND <expr><?)" in plan, plan
    page = repo.query_events(query)
    days = [event.coded.event_date for event in page.events]
    assert days in (sorted(days), sorted(days, reverse=True)) and days and all(dt.date(2023, 3, 1) <= day <= dt.date(2023, 5, 31) for day in days)


def _fill_tags_and_kinds(repo, count: int = 60) -> None:
    """Every 2nd event tagged "ied" (every 6th also "IED"), every 3rd from an NGO report."""
    from sitroom.models import SourceKind

    items = []
    for index in range(count):
        doc_id = f"kind-{index:03d}"
        text = f"Report {index}: an ambush near Rokha." if index % 5 == 0 else f"Report {index}: a clash."
        tags = (["ied"] + (["IED"] if index % 6 == 0 else [])) if index % 2 == 0 else ["checkpoint"]
        kind = SourceKind.NGO if index % 3 == 0 else SourceKind.NEWS
        mention = make_mention(doc_id, tags=tags, text=text, actor1=f"Group {index}",
                               event_date=dt.date(2023, 1, 1) + dt.timedelta(days=index))  # fmt: skip
        items.append(DocumentToStore(make_document(doc_id, text, source_kind=kind), [mention], "kinds.jsonl"))
    assert all(outcome.status == "stored" for outcome in repo.store_documents(items, None, "tester"))


def test_the_tag_and_source_kind_total_is_a_semi_join_without_distinct(repo) -> None:
    from sitroom.store.api_rollups import set_filter_count_sql

    _fill_tags_and_kinds(repo)
    query = EventQuery(tag="IED", source_kind="NGO")
    plan = _plan_of(repo, set_filter_count_sql, query)
    # The source kinds drive ((event_id, source_kind) is unique): no Unique / DISTINCT over tag rows.
    assert "Unique" not in plan and "DISTINCT" not in plan, plan
    assert "idx_event_source_kinds_kind" in plan and "idx_event_tags_tag" in plan, plan
    # Events 0, 6, 12, ... are both tagged ied (some twice, in two cases) and from an NGO: 10 of 60.
    assert repo.count_events(query) == 10
    assert repo.query_events(query, with_total=True).total == 10
    assert repo.count_events(EventQuery(tag="ied", source_kind="ngo", q="ambush")) == 2  # 0 and 30


def test_a_tag_and_source_kind_total_is_capped_like_a_free_text_one(repo, monkeypatch) -> None:
    from sitroom.store import api_queries

    _fill_tags_and_kinds(repo)
    monkeypatch.setattr(api_queries, "TEXT_TOTAL_CAP", 7)
    capped = repo.query_events(EventQuery(tag="ied", source_kind="ngo", limit=5), with_total=True)
    assert (capped.total, capped.total_exact, len(capped.events)) == (7, False, 5)
    assert repo.count_events(EventQuery(tag="ied", source_kind="ngo")) == 10
    assert repo.query_events(EventQuery(source_kind="ngo"), with_total=True).total_exact is True  # 20 > 7: exact


def test_a_free_text_total_is_counted_up_to_a_cap_then_reported_as_at_least(repo, monkeypatch) -> None:
    from sitroom.store import api_queries

    _fill_tags_and_kinds(repo)  # "ambush" in events 0, 5, 10, ..., 55: 12 of 60
    page = repo.query_events(EventQuery(q="ambush", limit=5), with_total=True)
    assert (page.total, page.total_exact, len(page.events)) == (12, True, 5)
    assert repo.count_events(EventQuery(q="ambush")) == 12  # count_events stays exact
    monkeypatch.setattr(api_queries, "TEXT_TOTAL_CAP", 12)
    assert repo.query_events(EventQuery(q="ambush", limit=5), with_total=True).total_exact is True
    monkeypatch.setattr(api_queries, "TEXT_TOTAL_CAP", 7)
    capped = repo.query_events(EventQuery(q="ambush", limit=5), with_total=True)
    assert (capped.total, capped.total_exact) == (7, False)
    assert [e.event_id for e in capped.events] == [e.event_id for e in page.events]
    with_tag = repo.query_events(EventQuery(q="ambush", tag="ied", source_kind="ngo"), with_total=True)
    assert (with_tag.total, with_tag.total_exact) == (2, True)
    untexted = repo.query_events(EventQuery(tag="ied", limit=5), with_total=True)
    assert (untexted.total, untexted.total_exact) == (30, True)  # the cap is for free text only
    # The capped count stops reading after the cap (a LIMIT under the count), on both backends.
    database = connect_database(repo.db_path)
    try:
        sql, params = api_queries.capped_count_sql(database, EventQuery(q="ambush"), 4)
        assert database.execute(sql, params).fetchone()[0] == 4
    finally:
        database.close()
    plan = _plan(repo.db_path, sql, params)
    if database.is_postgres:
        assert "Limit" in plan.splitlines()[1] and "idx_event_search_body" in plan, plan
    else:
        assert "events_fts VIRTUAL TABLE INDEX" in plan, plan
