"""API reads answered from migration 0005's rollups: actors, districts, headline counts.

Each function returns None when the rollup cannot answer (an older schema, or a filter the
rollup does not hold), so the caller falls back to reading events.
"""

from __future__ import annotations

from typing import Any

from sitroom.store import queries
from sitroom.store.api_records import ActorCount, AreaCount, EventQuery, StanceFigures, StoreSummary
from sitroom.store import search
from sitroom.store.api_sql import contains_pattern, rollup_applies, rollup_conditions, where
from sitroom.store.dialect import Database

ROLLUP_TABLE = "store_counts"  # created last by 0005: present means every 0005 rollup is


def available(connection: Database) -> bool:
    """Return True if the rollups may answer (always, since the read model keeps them; tests turn it off)."""
    return True


def summary(connection: Database) -> StoreSummary | None:
    """Return the store-wide headline counts from store_counts (None without it)."""
    if not available(connection):
        return None
    facets: dict[str, dict[str, int]] = {}
    for facet, value, count in connection.execute(
        "SELECT facet, value, count FROM store_counts WHERE count > 0 ORDER BY facet, count DESC, value"
    ):
        key = value if value != "" else queries.UNKNOWN
        slot = facets.setdefault(facet, {})
        slot[key] = slot.get(key, 0) + count
    total = lambda facet: facets.get(facet, {}).get(queries.UNKNOWN, 0)  # noqa: E731
    return StoreSummary(
        events=total("events"), documents=total("documents"), mentions=total("mentions"),
        by_event_type=facets.get("event_type", {}), by_status=facets.get("status", {}),
        by_source_kind=facets.get("source_kind", {}),
    )  # fmt: skip


def _escaped_part(name_part: str) -> str:
    return contains_pattern(name_part)


def _undated(query: EventQuery) -> bool:
    """Return True if ``query`` has no date range, so the all-time totals (migration 0023) answer it."""
    return query.start_date is None and query.end_date is None


def actor_counts_sql(query: EventQuery, name_part: str | None, limit: int) -> tuple[str, list[Any]]:
    """Return the SQL and parameters of the actors list (for a query rollup_applies() to).

    With no dates and no province the list is the top of actor_totals, one row per actor; each
    listed actor's first and last day are two seeks of actor_daily's (actor, day) key. Dates and a
    province are range scans of migration 0022's (admin1_code, day) and (admin1, day) indexes of
    actor_daily, one per side of the province's OR.
    """
    if _undated(query) and not query.admin1:
        return _actor_totals_sql(name_part, limit)
    clauses, params = rollup_conditions(query)
    if name_part:
        clauses.append("lower(r.actor) LIKE ? ESCAPE '\\'")
        params.append(_escaped_part(name_part))
    sql = (
        "SELECT r.actor, SUM(r.events) AS n, MIN(nullif(r.day, '')), MAX(nullif(r.day, '')), SUM(r.fatalities)"
        f" FROM actor_daily r{where(clauses)} GROUP BY r.actor ORDER BY n DESC, r.actor LIMIT ?"
    )
    return sql, [*params, limit]


def _actor_totals_sql(name_part: str | None, limit: int) -> tuple[str, list[Any]]:
    """Return the actors list over actor_totals: the top ``limit`` actors, then their first and last days."""
    clauses, params = [], []
    if name_part:
        clauses.append("lower(t.actor) LIKE ? ESCAPE '\\'")
        params.append(_escaped_part(name_part))
    days = "(SELECT {0}(d.day) FROM actor_daily d WHERE d.actor = top.actor AND d.day <> '')"
    sql = (
        f"SELECT top.actor, top.n, {days.format('MIN')}, {days.format('MAX')}, top.fatalities FROM"
        f" (SELECT t.actor, t.events AS n, t.fatalities FROM actor_totals t{where(clauses)}"
        " ORDER BY n DESC, t.actor LIMIT ?) top ORDER BY top.n DESC, top.actor"
    )
    return sql, [*params, limit]


def actor_counts(connection: Database, query: EventQuery, name_part: str | None,
                 limit: int) -> list[ActorCount] | None:  # fmt: skip
    """Return actors with event counts from actor_totals or actor_daily (dates and province filters only)."""
    if not available(connection) or not rollup_applies(query):
        return None
    sql, params = actor_counts_sql(query, name_part, limit)
    return [ActorCount(r[0], r[1], r[2], r[3], int(r[4])) for r in connection.execute(sql, params)]


def _actor_dates(query: EventQuery) -> tuple[list[str], list[Any]]:
    """Return conditions over an actor rollup ``r`` for ``name`` and the query's date range."""
    clauses, params = ["r.actor = ? COLLATE NOCASE"], [query.actor.strip() if query.actor else ""]
    if query.start_date is not None:
        clauses.append("r.day >= ?")
        params.append(query.start_date.isoformat())
    if query.end_date is not None:
        clauses.append("r.day <= ? AND r.day <> ''")
        params.append(query.end_date.isoformat())
    return clauses, params


def profile_applies(connection: Database, scoped: EventQuery) -> bool:
    """Return True if the rollups can answer an actor profile (an actor and dates only)."""
    others = (scoped.admin1, scoped.admin2, scoped.actor_contains, scoped.event_type, scoped.tag, scoped.status,
              scoped.source_kind, scoped.q)  # fmt: skip
    return bool(scoped.actor) and not any(others) and available(connection)


def actor_days(connection: Database, scoped: EventQuery) -> tuple[str | None, list[tuple[str, int, int]]]:
    """Return the actor's most used spelling and its (day, events, fatalities) per day ('' undated)."""
    clauses, params = _actor_dates(scoped)
    sql = (
        f"SELECT r.actor, r.day, SUM(r.events), SUM(r.fatalities) FROM actor_daily r{where(clauses)}"
        " GROUP BY r.actor, r.day"
    )
    per_day: dict[str, list[int]] = {}
    spellings: dict[str, int] = {}
    for actor, day, count, deaths in connection.execute(sql, params):
        slot = per_day.setdefault(day, [0, 0])
        slot[0] += count
        slot[1] += int(deaths)
        spellings[actor] = spellings.get(actor, 0) + count
    name = max(sorted(spellings), key=lambda spelling: spellings[spelling]) if spellings else None
    return name, [(day, count, deaths) for day, (count, deaths) in sorted(per_day.items())]


def actor_stances(connection: Database, scoped: EventQuery, stances: tuple[str, ...]) -> dict[str, StanceFigures]:
    """Return the actor's figures per source stance from actor_stances."""
    clauses, params = _actor_dates(scoped)
    sql = (
        "SELECT r.stance, SUM(r.events), SUM(r.sources), SUM(r.fatalities), SUM(r.injured), SUM(r.detained)"
        f" FROM actor_stances r{where(clauses)} GROUP BY r.stance"
    )
    found = {stance: StanceFigures() for stance in stances}
    for stance, events, sources, deaths, injured, detained in connection.execute(sql, params):
        found[stance] = StanceFigures(events, sources, int(deaths), int(injured), int(detained))
    return found


def actor_counterparts(connection: Database, scoped: EventQuery, top: int) -> list[tuple[str, int]]:
    """Return the actors most often in the actor's events, from actor_pairs."""
    clauses, params = _actor_dates(scoped)
    clauses.append("r.counterpart <> ? COLLATE NOCASE")
    params.append(scoped.actor.strip() if scoped.actor else "")
    sql = (
        f"SELECT r.counterpart, SUM(r.events) AS n FROM actor_pairs r{where(clauses)}"
        " GROUP BY r.counterpart ORDER BY n DESC, r.counterpart LIMIT ?"
    )
    return [(row[0], row[1]) for row in connection.execute(sql, (*params, top))]


def district_counts(connection: Database, query: EventQuery) -> list[AreaCount] | None:
    """Return events and fatalities per district (district_totals; district_daily for dates; province allowed)."""
    if not available(connection) or not rollup_applies(query):
        return None
    clauses, params = rollup_conditions(query)
    table = "district_totals" if _undated(query) else "district_daily"  # one row per district, or per day
    sql = (
        "SELECT nullif(r.admin1_code, ''), nullif(r.admin1, ''), nullif(r.admin2, ''), SUM(r.events) AS n,"
        f" SUM(r.fatalities) FROM {table} r{where(clauses)}"
        " GROUP BY r.admin1_code, r.admin1, r.admin2"
    )
    return [AreaCount(row[1], row[0], row[2], row[3], int(row[4])) for row in connection.execute(sql, params)]


# -- set filters (tag, source kind, free text): how many events match, and how to page them --------

# Probing costs about 11 times as much per walked event as collecting costs per match (measured on
# 1,000,000 events), so walking wins once matches exceed sqrt(11 * page * all events).
PROBE_COST_RATIO = 11


def _set_sources(connection: Database, query: EventQuery) -> list[tuple[str, list[Any]]] | None:
    """Return one SELECT per set filter of ``query`` listing its matching events (None: no rollups)."""
    if not available(connection):
        return None
    found: list[tuple[str, list[Any]]] = []
    if query.tag:
        found.append(("SELECT DISTINCT event_id FROM event_tags WHERE tag = ? COLLATE NOCASE", [query.tag.strip()]))
    if query.source_kind:
        found.append(("SELECT event_id FROM event_source_kinds WHERE source_kind = ?",
                      [query.source_kind.strip().lower()]))  # fmt: skip
    if query.q and query.q.strip():
        found.append(search.event_ids_matching(connection, query.q))
    return found


def should_probe(connection: Database, query: EventQuery) -> bool:
    """Return True if every set filter of ``query`` matches so many events that walking one page
    in sort order and checking each event is cheaper than collecting all matches first."""
    sources = _set_sources(connection, query)
    if not sources or query.limit is None:
        return False
    row = connection.execute("SELECT count FROM store_counts WHERE facet = 'events' AND value = ''").fetchone()
    threshold = int((PROBE_COST_RATIO * (query.limit + 1) * (row[0] if row else 0)) ** 0.5)
    for sql, params in sources:
        capped = connection.execute(f"SELECT COUNT(*) FROM ({sql} LIMIT ?) AS capped", (*params, threshold)).fetchone()[0]
        if capped < threshold:
            return False
    return True


def set_filter_count(connection: Database, query: EventQuery) -> int | None:
    """Return the number of matches when set filters are ``query``'s only filters (else None).

    One filter is counted from its own index; several are counted by reading the events of the
    source-kind filter (or else the tag filter) and checking the others per event. The source
    kinds drive because (event_id, source_kind) is unique: a semi join in event-id order over both
    (event_id-ordered) indexes, with no DISTINCT over the tag rows (PostgreSQL at 200,000 events:
    29 ms as a merge join after a Unique over the tag rows, 16 ms as a merge semi join).
    """
    if not set_filter_applies(connection, query):
        return None
    sql, params = set_filter_count_sql(connection, query)
    return connection.execute(sql, params).fetchone()[0]


def set_filter_applies(connection: Database, query: EventQuery) -> bool:
    """Return True if set filters (tag, source kind, text) are ``query``'s only filters."""
    others = (query.start_date, query.end_date, query.admin1, query.admin2, query.actor, query.actor_contains,
              query.event_type, query.status, query.review_status)  # fmt: skip
    return not any(others) and bool(_set_sources(connection, query))


def set_filter_count_sql(connection: Database, query: EventQuery) -> tuple[str, list[Any]]:
    """Return the COUNT of events matching set filters only (tag, source kind, text; see set_filter_applies)."""
    sources = _set_sources(connection, query) or []
    if len(sources) == 1:
        sql, params = sources[0]
        return f"SELECT COUNT(*) FROM ({sql}) AS matches", list(params)
    checks: list[tuple[str, list[Any]]] = []
    if query.source_kind:
        driver = "SELECT k.event_id FROM event_source_kinds k WHERE k.source_kind = ?"
        params: list[Any] = [query.source_kind.strip().lower()]
        if query.tag:
            checks.append(("EXISTS (SELECT 1 FROM event_tags t WHERE t.tag = ? COLLATE NOCASE"
                           " AND t.event_id = x.event_id)", [query.tag.strip()]))  # fmt: skip
    else:
        driver = "SELECT DISTINCT event_id FROM event_tags WHERE tag = ? COLLATE NOCASE"
        params = [query.tag.strip() if query.tag else ""]
    if query.q and query.q.strip():
        checks.append(search.event_match(connection, query.q, alias="x", probe=True))
    sql = f"SELECT COUNT(*) FROM ({driver}) x WHERE " + " AND ".join(clause for clause, _ in checks)
    return sql, [*params, *(value for _, values in checks for value in values)]
