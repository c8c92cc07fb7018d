"""Build the parameterised WHERE / ORDER BY clauses of the API's event and document reads.

Column and table names are constants here; every value from a query is bound as a parameter.
"""

from __future__ import annotations

from typing import Any

from sitroom.store import search
from sitroom.store.api_records import DocumentQuery, EventQuery
from sitroom.store.dialect import Database

SORT_KEY = "coalesce(e.event_date, '')"  # matches idx_events_sort; undated events sort as ''
fts_query = search.fts5_query  # the FTS5 form of a free-text query (kept for callers of this name)


def _escape_like(value: str) -> str:
    """Escape LIKE wildcards so user text matches literally (with ESCAPE '\\')."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains_pattern(value: str) -> str:
    """Return the LIKE pattern (lower case, wildcards escaped) matching names that contain ``value``."""
    return "%" + _escape_like(value.strip().lower()) + "%"


def has_table(connection: Database, name: str) -> bool:
    """Return True if the database has a table (or virtual table) called ``name``."""
    return connection.has_table(name)


def event_conditions(
    connection: Database, query: EventQuery, *, with_dates: bool = True, with_actor: bool = True,
    probe: bool = False,
) -> tuple[list[str], list[Any]]:
    """Return the AND-ed conditions (over alias ``e``) and parameters for ``query``'s filters.

    With ``probe`` the tag, source kind and text filters are correlated per-event checks (best
    when they match many events and one page is read in sort order); without it they are sets of
    matching ids (best when they match few).
    """
    clauses: list[str] = []
    params: list[Any] = []

    def add(clause: str, *values: Any) -> None:
        clauses.append(clause)
        params.extend(values)

    if with_dates and query.start_date is not None:
        add("e.event_date >= ?", query.start_date.isoformat())
    if with_dates and query.end_date is not None:
        add("e.event_date <= ?", query.end_date.isoformat())
    if query.admin1 and connection.is_postgres:
        add("(e.admin1_code = ? COLLATE NOCASE OR e.admin1 = ? COLLATE NOCASE)", query.admin1.strip(), query.admin1.strip())
    elif query.admin1:
        # A rowid set from two indexes lets the planner keep walking the sort index (no sort step).
        add(
            "e.rowid IN (SELECT rowid FROM events WHERE admin1_code = ? COLLATE NOCASE"
            " UNION SELECT rowid FROM events WHERE admin1 = ? COLLATE NOCASE)",
            query.admin1.strip(), query.admin1.strip(),
        )
    if query.admin2:
        add("e.admin2 = ? COLLATE NOCASE", query.admin2.strip())
    if query.actor and with_actor:
        add("e.event_id IN (SELECT event_id FROM event_actors WHERE actor = ? COLLATE NOCASE)", query.actor.strip())
    if query.actor_contains:
        add("e.event_id IN (SELECT event_id FROM event_actors WHERE lower(actor) LIKE ? ESCAPE '\\')",
            contains_pattern(query.actor_contains))  # fmt: skip
    if query.event_type:
        add("e.event_type = ? COLLATE NOCASE", query.event_type.strip())
    if query.tag and probe:
        add("EXISTS (SELECT 1 FROM event_tags t WHERE t.event_id = e.event_id AND t.tag = ? COLLATE NOCASE)",
            query.tag.strip())  # fmt: skip
    elif query.tag:
        add("e.event_id IN (SELECT event_id FROM event_tags WHERE tag = ? COLLATE NOCASE)", query.tag.strip())
    if query.status:
        add("e.status = ?", query.status.strip())
    if query.review_status:
        add("COALESCE((SELECT r.status FROM event_reviews r WHERE r.event_id = e.event_id), 'suggested') = ?",
            query.review_status.strip())  # fmt: skip
    if query.source_kind:
        kind_check = (
            "EXISTS (SELECT 1 FROM event_source_kinds k WHERE k.event_id = e.event_id AND k.source_kind = ?)"
            if probe else "e.event_id IN (SELECT event_id FROM event_source_kinds WHERE source_kind = ?)"
        )
        add(kind_check, query.source_kind.strip().lower())
    if query.q and query.q.strip():
        clause, values = search.event_match(connection, query.q, probe=probe)
        add(clause, *values)
    return clauses, params


def where(clauses: list[str]) -> str:
    """Return ' WHERE a AND b' (or '' when there are no clauses)."""
    return (" WHERE " + " AND ".join(clauses)) if clauses else ""


def _actor_clauses(query: EventQuery) -> tuple[list[str], list[Any]]:
    """Return conditions over event_actors ``a``: the actor and the date range on its sort date."""
    clauses = ["a.actor = ? COLLATE NOCASE"]
    params: list[Any] = [query.actor.strip() if query.actor else ""]
    if query.start_date is not None or query.end_date is not None:
        clauses.append("a.sort_date BETWEEN ? AND ?")
        params += [query.start_date.isoformat() if query.start_date else "0000-01-01",
                   query.end_date.isoformat() if query.end_date else "9999-12-31"]  # fmt: skip
    return clauses, params


def event_page_sql(connection: Database, query: EventQuery, probe: bool = False) -> tuple[str, list[Any]]:
    """Return the SELECT of one page of events (one row more than the limit, to see if more follow).

    With an actor filter the page is read from event_actors' (actor, sort_date, event_id)
    index, in order, so a frequent actor's newest events need no scan of the events table.
    """
    descending = query.sort == "date_desc"
    direction = "DESC" if descending else "ASC"
    if query.actor:
        clauses, params = _actor_clauses(query)
        more, values = event_conditions(connection, query, with_dates=False, with_actor=False, probe=probe)
        clauses += more
        params += values
        key, table = "a.sort_date", "event_actors a JOIN events e ON e.event_id = a.event_id"
        order_id = "a.event_id"
    else:
        clauses, params = event_conditions(connection, query, probe=probe)
        key, table, order_id = SORT_KEY, "events e", "e.event_id"
        # The date range once more on the sort key itself: the page is then a range scan of
        # idx_events_sort from the first day, not a walk from the oldest event that filters
        # every earlier one out (3.5 s at 1,000,000 events on PostgreSQL).
        if query.start_date is not None:
            clauses.append(f"{SORT_KEY} >= ?")
            params.append(query.start_date.isoformat())
        if query.end_date is not None:
            clauses.append(f"{SORT_KEY} <= ?")
            params.append(query.end_date.isoformat())
    if query.after is not None:
        clauses.append(f"({key}, {order_id}) {'<' if descending else '>'} (?, ?)")
        params += [query.after.sort_date, query.after.event_id]
    sql = f"SELECT e.* FROM {table}{where(clauses)} ORDER BY {key} {direction}, {order_id} {direction}"
    if query.limit is not None:
        sql += " LIMIT ?"
        params.append(query.limit + 1)
    return sql, params


def event_count_sql(connection: Database, query: EventQuery) -> tuple[str, list[Any]]:
    """Return the SELECT COUNT(*) of the events matching ``query`` (from event_actors with an actor)."""
    if query.actor:
        clauses, params = _actor_clauses(query)
        more, values = event_conditions(connection, query, with_dates=False, with_actor=False)
        table = "event_actors a JOIN events e ON e.event_id = a.event_id" if more else "event_actors a"
        return f"SELECT COUNT(*) FROM {table}{where(clauses + more)}", params + values
    clauses, params = event_conditions(connection, query)
    return f"SELECT COUNT(*) FROM events e{where(clauses)}", params


def rollup_applies(query: EventQuery) -> bool:
    """Return True if only dates and province filter ``query``, so event_daily can answer it."""
    others = (query.admin2, query.actor, query.actor_contains, query.event_type, query.tag, query.status,
              query.source_kind, query.q, query.review_status)  # fmt: skip
    return not any(value for value in others)


def rollup_conditions(query: EventQuery) -> tuple[list[str], list[Any]]:
    """Return conditions over event_daily ``r`` for a query that rollup_applies() to."""
    clauses: list[str] = []
    params: list[Any] = []
    if query.start_date is not None:
        clauses.append("r.day >= ?")
        params.append(query.start_date.isoformat())
    if query.end_date is not None:
        clauses.append("r.day <= ? AND r.day <> ''")
        params.append(query.end_date.isoformat())
    if query.admin1:
        clauses.append("(r.admin1_code = ? COLLATE NOCASE OR r.admin1 = ? COLLATE NOCASE)")
        params += [query.admin1.strip(), query.admin1.strip()]
    return clauses, params


def document_conditions(connection: Database, query: DocumentQuery) -> tuple[list[str], list[Any]]:
    """Return the AND-ed conditions (over alias ``d``) and parameters for a document query."""
    clauses: list[str] = []
    params: list[Any] = []
    if query.source_kind:
        clauses.append("d.source_kind = ?")
        params.append(query.source_kind.strip().lower())
    if query.publisher:
        clauses.append("d.publisher = ? COLLATE NOCASE")
        params.append(query.publisher.strip())
    if query.start_date:
        clauses.append("d.published >= ?")
        params.append(query.start_date.isoformat())
    if query.end_date:
        clauses.append("d.published <= ?")
        params.append(query.end_date.isoformat())
    if query.q and query.q.strip():
        clause, values = search.document_match(connection, query.q)
        clauses.append(clause)
        params += values
    return clauses, params
