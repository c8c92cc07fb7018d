"""Read queries behind the JSON API: event pages, statistics, actors, mentions, documents.

Every function takes an open connection (inside a read transaction) and binds values as
parameters; clauses come from api_sql.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any, Iterable

from sitroom.store import api_rollups, queries, rows
from sitroom.store.dialect import Database
from sitroom.store.api_records import (
    ActorCount, ActorProfile, AreaCount, DocumentKey, DocumentPage, DocumentQuery, EventKey, EventPage,
    EventQuery, MentionView, PeriodCount, StanceFigures, StoreSummary,
)  # fmt: skip
from sitroom.store.api_sql import (
    SORT_KEY, contains_pattern, document_conditions, event_conditions, event_count_sql, event_page_sql, rollup_applies,
    rollup_conditions, where,
)  # fmt: skip

COUNT_PREFIX = "SELECT COUNT(*) FROM "
TEXT_TOTAL_CAP = 10_000  # a free-text (or tag + source kind) total past this is "at least" (EventPage.total_exact)
STANCES = ("claimed", "confirmed", "denied", "reported")
TOP_COUNTERPARTS = 20


def query_events(connection: Database, query: EventQuery, with_total: bool = False) -> EventPage:
    """Return one page of events matching ``query`` (with sources) and the key after it."""
    sql, params = event_page_sql(connection, query, probe=api_rollups.should_probe(connection, query))
    found = connection.execute(sql, params).fetchall()
    more = query.limit is not None and len(found) > query.limit
    found = found[: query.limit] if query.limit is not None else found
    sources = queries.load_sources(connection, [row["event_id"] for row in found])
    events = [rows.row_to_event(row, sources.get(row["event_id"], [])) for row in found]
    next_key = None
    if more and found:
        last = found[-1]
        next_key = EventKey(last["event_date"] or "", last["event_id"])
    if not with_total:
        return EventPage(events, next_key)
    total, exact = page_total(connection, query)
    return EventPage(events, next_key, total, exact)


def page_total(connection: Database, query: EventQuery) -> tuple[int, bool]:
    """Return the total shown with a page of events and whether it is exact.

    A free-text total, or one of tag and source kind together, is counted up to TEXT_TOTAL_CAP
    matches: past that it is a lower bound ("at least 10,000"), since counting every match reads
    every matching row (PostgreSQL's tsvector index cannot count alone: 1,000,000 events, 10 %
    matching, 190 ms; tag and source kind, 40,000 matches: 155 ms). Other totals are exact
    (rollups and single-index counts).
    """
    if not (query.q and query.q.strip()) and not (query.tag and query.source_kind):
        return count_events(connection, query), True
    sql, params = capped_count_sql(connection, query, TEXT_TOTAL_CAP + 1)
    found = connection.execute(sql, params).fetchone()[0]
    return min(found, TEXT_TOTAL_CAP), found <= TEXT_TOTAL_CAP


def capped_count_sql(connection: Database, query: EventQuery, cap: int) -> tuple[str, list[Any]]:
    """Return a COUNT of the events matching ``query`` that stops reading after ``cap`` matches."""
    sql, params = _count_sql(connection, query)
    return "SELECT COUNT(*) FROM (SELECT 1 FROM " + sql.removeprefix(COUNT_PREFIX) + " LIMIT ?) AS capped", [*params, cap]


def _count_sql(connection: Database, query: EventQuery) -> tuple[str, list[Any]]:
    """Return a ``SELECT COUNT(*) FROM ...`` of the events matching ``query`` (not from a rollup)."""
    if api_rollups.set_filter_applies(connection, query):
        sql, params = api_rollups.set_filter_count_sql(connection, query)
    else:
        sql, params = event_count_sql(connection, query)
    if not sql.startswith(COUNT_PREFIX):
        raise ValueError(f"count SQL must start with {COUNT_PREFIX!r}: {sql[:60]!r}")
    return sql, params


def count_events(connection: Database, query: EventQuery) -> int:
    """Return how many events match ``query``'s filters (ignoring pagination)."""
    if rollup_applies(query):
        clauses, params = rollup_conditions(query)
        sql = f"SELECT coalesce(SUM(r.events), 0) FROM event_daily r{where(clauses)}"
        return connection.execute(sql, params).fetchone()[0]
    if (counted := api_rollups.set_filter_count(connection, query)) is not None:
        return counted
    sql, params = event_count_sql(connection, query)
    return connection.execute(sql, params).fetchone()[0]


def daily_counts(connection: Database, query: EventQuery) -> list[tuple[str, int, int]]:
    """Return (date, events, fatalities_best sum) per dated day matching ``query``, ascending."""
    if rollup_applies(query):
        clauses, params = rollup_conditions(query)
        clauses.append("r.day <> ''")
        sql = f"SELECT r.day, SUM(r.events), SUM(r.fatalities) FROM event_daily r{where(clauses)} GROUP BY r.day"
        return [(day, count, int(deaths)) for day, count, deaths in connection.execute(sql, params)]
    clauses, params = event_conditions(connection, query)
    clauses.append("e.event_date IS NOT NULL")
    sql = (
        f"SELECT e.event_date, COUNT(*), coalesce(SUM(e.fatalities_best), 0) FROM events e{where(clauses)}"
        " GROUP BY e.event_date ORDER BY e.event_date"
    )
    return [(day, count, int(deaths)) for day, count, deaths in connection.execute(sql, params)]


def period_of(day: str, interval: str) -> str:
    """Return the period of an ISO date: "YYYY-MM" for month, the week's Monday for week."""
    if interval == "month":
        return day[:7]
    date = dt.date.fromisoformat(day)
    return (date - dt.timedelta(days=date.weekday())).isoformat()


def fold_periods(days: Iterable[tuple[str, int, int]], interval: str) -> list[PeriodCount]:
    """Sum per-day (date, events, fatalities) into per-period counts, ascending."""
    totals: dict[str, list[int]] = {}
    for day, count, deaths in days:
        slot = totals.setdefault(period_of(day, interval), [0, 0])
        slot[0] += count
        slot[1] += deaths
    return [PeriodCount(period, count, deaths) for period, (count, deaths) in sorted(totals.items())]


def area_counts(connection: Database, query: EventQuery, districts: bool) -> list[AreaCount]:
    """Return events and fatalities per province (or per district), most events first."""
    return ranked_areas(_area_rows(connection, query, districts))


def _area_rows(connection: Database, query: EventQuery, districts: bool) -> list[AreaCount]:
    """Return the per-area counts in the database's own (unspecified) order."""
    if districts and (found_districts := api_rollups.district_counts(connection, query)) is not None:
        return found_districts
    if not districts and rollup_applies(query):
        clauses, params = rollup_conditions(query)
        sql = (
            "SELECT nullif(r.admin1_code, ''), nullif(r.admin1, ''), SUM(r.events) AS n, SUM(r.fatalities)"
            f" FROM event_daily r{where(clauses)} GROUP BY r.admin1_code, r.admin1"
        )
        return [AreaCount(row[1], row[0], None, row[2], int(row[3])) for row in connection.execute(sql, params)]
    clauses, params = event_conditions(connection, query)
    columns = "e.admin1_code, e.admin1" + (", e.admin2" if districts else "")
    sql = (
        f"SELECT {columns}, COUNT(*) AS n, coalesce(SUM(e.fatalities_best), 0) FROM events e{where(clauses)}"
        f" GROUP BY {columns}"
    )
    found = []
    for row in connection.execute(sql, params):
        admin2 = row[2] if districts else None
        found.append(AreaCount(row[1], row[0], admin2, row["n"], int(row[-1])))
    return found


def ranked_areas(counts: Iterable[AreaCount]) -> list[AreaCount]:
    """Return ``counts`` with an empty name taken as unknown (None), one row per area, in one order.

    Most events first, ties by province code, province and district in code-point order (unknown
    first). The order is made here, not by ORDER BY, because the backends order ties, NULLs and
    text differently (SQLite: NULLs first, binary; PostgreSQL: NULLs last, the locale's collation).
    """
    merged: dict[tuple[str | None, str | None, str | None], list[int]] = {}
    for count in counts:
        key = (count.admin1_code or None, count.admin1 or None, count.admin2 or None)
        slot = merged.setdefault(key, [0, 0])
        slot[0] += count.events
        slot[1] += count.fatalities_best
    rows = [AreaCount(admin1, code, admin2, events, deaths)
            for (code, admin1, admin2), (events, deaths) in merged.items()]  # fmt: skip
    return sorted(rows, key=lambda c: (-c.events, c.admin1_code or "", c.admin1 or "", c.admin2 or ""))


def summary(connection: Database) -> StoreSummary:
    """Return totals and events per type / status, documents per source kind (store-wide)."""
    if (counted := api_rollups.summary(connection)) is not None:
        return counted

    def grouped(sql: str) -> dict[str, int]:
        return {(key if key not in (None, "") else queries.UNKNOWN): count for key, count in connection.execute(sql)}

    def total(table: str) -> int:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

    return StoreSummary(
        events=total("events"),
        documents=total("documents"),
        mentions=total("mentions"),
        by_event_type=grouped("SELECT event_type, COUNT(*) FROM events GROUP BY 1 ORDER BY 2 DESC"),
        by_status=grouped("SELECT status, COUNT(*) FROM events GROUP BY 1 ORDER BY 2 DESC"),
        by_source_kind=grouped("SELECT source_kind, COUNT(*) FROM documents GROUP BY 1 ORDER BY 2 DESC"),
    )


# -- actors ---------------------------------------------------------------------------------


def actor_counts(connection: Database, query: EventQuery, name_part: str | None, limit: int) -> list[ActorCount]:
    """Return actors named in events matching ``query`` with their event counts, most first."""
    if (counted := api_rollups.actor_counts(connection, query, name_part, limit)) is not None:
        return counted
    clauses, params = event_conditions(connection, query)
    if name_part:
        clauses.append("lower(a.actor) LIKE ? ESCAPE '\\'")
        params.append(contains_pattern(name_part))
    sql = (
        "SELECT a.actor, COUNT(DISTINCT e.event_id) AS n, MIN(e.event_date), MAX(e.event_date),"
        " coalesce(SUM(e.fatalities_best), 0) FROM event_actors a JOIN events e ON e.event_id = a.event_id"
        f"{where(clauses)} GROUP BY a.actor ORDER BY n DESC, a.actor LIMIT ?"
    )
    return [ActorCount(r[0], r[1], r[2], r[3], int(r[4])) for r in connection.execute(sql, (*params, limit))]


def actor_profile(connection: Database, name: str, query: EventQuery, interval: str) -> ActorProfile | None:
    """Return one actor's totals, activity, figures per stance and counterparts; None if unknown."""
    scoped = _with_actor(query, name)
    if api_rollups.profile_applies(connection, scoped):
        return _profile_from_rollups(connection, scoped, interval)
    clauses, params = event_conditions(connection, scoped)
    base = f"FROM events e{where(clauses)}"
    head = connection.execute(
        f"SELECT COUNT(*), MIN(e.event_date), MAX(e.event_date), coalesce(SUM(e.fatalities_best), 0) {base}", params
    ).fetchone()
    if head[0] == 0:
        return None
    canonical = connection.execute(
        "SELECT actor FROM event_actors WHERE actor = ? COLLATE NOCASE GROUP BY actor ORDER BY COUNT(*) DESC LIMIT 1",
        (name.strip(),),
    ).fetchone()
    summary_row = ActorCount(canonical[0] if canonical else name, head[0], head[1], head[2], int(head[3]))
    activity = fold_periods(daily_counts(connection, scoped), interval)
    return ActorProfile(summary_row, activity, _stance_figures(connection, base, params),
                        _counterparts(connection, base, params, summary_row.name))  # fmt: skip


def _profile_from_rollups(connection: Database, scoped: EventQuery, interval: str) -> ActorProfile | None:
    """Return an actor profile read from migration 0005's actor rollups."""
    name, days = api_rollups.actor_days(connection, scoped)
    if name is None:
        return None
    dated = [day for day, _, _ in days if day]
    summary_row = ActorCount(name, sum(count for _, count, _ in days), min(dated, default=None),
                             max(dated, default=None), sum(deaths for _, _, deaths in days))  # fmt: skip
    activity = fold_periods([row for row in days if row[0]], interval)
    return ActorProfile(summary_row, activity, api_rollups.actor_stances(connection, scoped, STANCES),
                        api_rollups.actor_counterparts(connection, scoped, TOP_COUNTERPARTS))  # fmt: skip


def _with_actor(query: EventQuery, name: str) -> EventQuery:
    from dataclasses import replace

    return replace(query, actor=name, limit=None, after=None)


def _stance_figures(connection: Database, base: str, params: list[Any]) -> dict[str, StanceFigures]:
    """Per stance: events having such a source, ledger rows, and the per-event maximum figures summed."""
    sql = (
        "SELECT stance, COUNT(*), SUM(rows_), coalesce(SUM(f), 0), coalesce(SUM(i), 0), coalesce(SUM(d), 0) FROM ("
        " SELECT m.claim_stance AS stance, es.event_id, COUNT(*) AS rows_, MAX(m.fatalities) AS f,"
        " MAX(m.injured) AS i, MAX(m.detained) AS d"
        " FROM event_sources es JOIN mentions m ON m.mention_id = es.mention_id"
        f" WHERE es.event_id IN (SELECT e.event_id {base})"
        " GROUP BY m.claim_stance, es.event_id) AS per_event GROUP BY stance"
    )
    found = {stance: StanceFigures() for stance in STANCES}
    for stance, events, sources, deaths, injured, detained in connection.execute(sql, params):
        found[stance] = StanceFigures(events, sources, int(deaths), int(injured), int(detained))
    return found


def _counterparts(connection: Database, base: str, params: list[Any], name: str) -> list[tuple[str, int]]:
    sql = (
        "SELECT a.actor, COUNT(DISTINCT a.event_id) AS n FROM event_actors a"
        f" WHERE a.event_id IN (SELECT e.event_id {base}) AND a.actor <> ? COLLATE NOCASE"
        " GROUP BY a.actor ORDER BY n DESC, a.actor LIMIT ?"
    )
    return [(row[0], row[1]) for row in connection.execute(sql, (*params, name, TOP_COUNTERPARTS))]


# -- mentions and documents -----------------------------------------------------------------

_MENTION_SELECT = (
    "SELECT m.*, es.role AS link_role, es.event_id AS link_event_id FROM mentions m"
    " LEFT JOIN event_sources es ON es.mention_id = m.mention_id"
)


def event_mentions(connection: Database, event_id: str) -> list[MentionView]:
    """Return the mentions supporting one event (lead first), each with its document."""
    sql = (
        f"{_MENTION_SELECT} WHERE es.event_id = ?"
        " ORDER BY CASE es.role WHEN 'lead' THEN 0 ELSE 1 END, m.doc_id, m.ordinal"
    )
    return _mention_views(connection, connection.execute(sql, (event_id,)).fetchall())


def document_mentions(connection: Database, doc_id: str) -> list[MentionView]:
    """Return one document's mentions in document order, each with the event it supports."""
    sql = f"{_MENTION_SELECT} WHERE m.doc_id = ? ORDER BY m.ordinal"
    return _mention_views(connection, connection.execute(sql, (doc_id,)).fetchall())


def _mention_views(connection: Database, found: list[Any]) -> list[MentionView]:
    documents: dict[str, Any] = {}
    views = []
    for row in found:
        doc_id = row["doc_id"]
        if doc_id not in documents:
            doc_row = connection.execute("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
            documents[doc_id] = rows.row_to_document(doc_row)
        views.append(MentionView(rows.row_to_mention(row), row["link_role"], row["link_event_id"], documents[doc_id]))
    return views


def query_documents(connection: Database, query: DocumentQuery, with_total: bool = False) -> DocumentPage:
    """Return one page of documents, newest stored first, with mention counts and the next key."""
    clauses, params = document_conditions(connection, query)
    count_params = list(params)
    count_sql = f"SELECT COUNT(*) FROM documents d{where(clauses)}"
    if query.after is not None:
        clauses.append("(d.stored_at, d.doc_id) < (?, ?)")
        params += [query.after.stored_at, query.after.doc_id]
    sql = f"SELECT d.* FROM documents d{where(clauses)} ORDER BY d.stored_at DESC, d.doc_id DESC LIMIT ?"
    found = connection.execute(sql, (*params, query.limit + 1)).fetchall()
    more = len(found) > query.limit
    found = found[: query.limit]
    ids = [row["doc_id"] for row in found]
    counts: dict[str, int] = defaultdict(int)
    if ids:
        marks = ", ".join("?" for _ in ids)
        for doc_id, count in connection.execute(
            f"SELECT doc_id, COUNT(*) FROM mentions WHERE doc_id IN ({marks}) GROUP BY doc_id", ids
        ):
            counts[doc_id] = count
    next_key = DocumentKey(found[-1]["stored_at"], found[-1]["doc_id"]) if more and found else None
    total = connection.execute(count_sql, count_params).fetchone()[0] if with_total else None
    return DocumentPage(
        documents=[rows.row_to_document(row) for row in found],
        stored_at={row["doc_id"]: row["stored_at"] for row in found},
        mention_counts=dict(counts),
        next_key=next_key,
        total=total,
    )


def document_event_ids(connection: Database, doc_id: str) -> list[str]:
    """Return the ids of the events a document's mentions support."""
    found = connection.execute(
        "SELECT DISTINCT event_id FROM event_sources WHERE doc_id = ? ORDER BY event_id", (doc_id,)
    ).fetchall()
    return [row[0] for row in found]


__all__ = [
    "SORT_KEY", "actor_counts", "actor_profile", "area_counts", "count_events", "daily_counts",
    "document_event_ids", "document_mentions", "event_mentions", "fold_periods", "query_documents",
    "query_events", "summary",
]  # fmt: skip
