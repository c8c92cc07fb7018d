"""Build the parameterised WHERE / ORDER BY clauses of the API's event and document reads.

Column and table names are constants here; every value from a query is bound as a parameter.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from sitroom.store.api_records import DocumentQuery, EventQuery

SORT_KEY = "coalesce(e.event_date, '')"  # matches idx_events_sort; undated events sort as ''
_FTS_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


def _escape_like(value: str) -> str:
    """Escape LIKE wildcards so user text matches literally (with ESCAPE '\\')."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def fts_query(text: str) -> str:
    """Return ``text`` as a safe FTS5 query: words ANDed, "phrases" kept, a trailing * as prefix.

    Every word is quoted, so FTS5 operators and punctuation in user text cannot cause a
    syntax error. Raises ValueError if ``text`` holds no word at all.
    """
    parts: list[str] = []
    for phrase, word in _FTS_TOKEN.findall(text):
        if phrase:
            words = _WORD.findall(phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
            continue
        prefix = word.endswith("*")
        for index, piece in enumerate(words := _WORD.findall(word)):
            star = "*" if prefix and index == len(words) - 1 else ""
            parts.append(f'"{piece}"{star}')
    if not parts:
        raise ValueError(f"q {text!r} holds no word to search for")
    return " ".join(parts)


def has_table(connection: sqlite3.Connection, name: str) -> bool:
    """Return True if the database has a table (or virtual table) called ``name``."""
    row = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone()
    return row is not None


def _text_clause(connection: sqlite3.Connection, q: str, probe: bool = False) -> tuple[str, list[Any]]:
    """Return the free-text clause over events: FTS5 when available, else a substring match.

    ``probe`` checks each event on its own (for a walk in sort order that stops after one page)
    instead of collecting every match first.
    """
    if has_table(connection, "events_fts") and probe:
        return (
            "EXISTS (SELECT 1 FROM event_keys k, events_fts f WHERE k.event_id = e.event_id AND f.rowid = k.key"
            " AND events_fts MATCH ?)",
            [fts_query(q)],
        )
    if has_table(connection, "events_fts"):
        return (
            "e.event_id IN (SELECT k.event_id FROM events_fts f JOIN event_keys k ON k.key = f.rowid"
            " WHERE events_fts MATCH ?)",
            [fts_query(q)],
        )
    pattern = "%" + _escape_like(q.strip().lower()) + "%"
    columns = ("e.text", "e.notes", "e.location", "e.actor1", "e.actor2", "e.admin1", "e.admin2")
    return "(" + " OR ".join(f"lower({c}) LIKE ? ESCAPE '\\'" for c in columns) + ")", [pattern] * len(columns)


def event_conditions(
    connection: sqlite3.Connection, query: EventQuery, *, with_dates: bool = True, with_actor: bool = True,
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
    if query.admin1:
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
    if query.source_kind and has_table(connection, "event_source_kinds"):
        kind_check = (
            "EXISTS (SELECT 1 FROM event_source_kinds k WHERE k.event_id = e.event_id AND k.source_kind = ?)"
            if probe else "e.event_id IN (SELECT event_id FROM event_source_kinds WHERE source_kind = ?)"
        )
        add(kind_check, query.source_kind.strip().lower())
    elif query.source_kind:
        add(
            "e.event_id IN (SELECT es.event_id FROM event_sources es JOIN documents d ON d.doc_id = es.doc_id"
            " WHERE d.source_kind = ?)",
            query.source_kind.strip().lower(),
        )
    if query.q and query.q.strip():
        clause, values = _text_clause(connection, query.q, probe)
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


def event_page_sql(connection: sqlite3.Connection, query: EventQuery, probe: bool = False) -> tuple[str, list[Any]]:
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
    if query.after is not None:
        clauses.append(f"({key}, {order_id}) {'<' if descending else '>'} (?, ?)")
        params += [query.after.sort_date, query.after.event_id]
    sql = f"SELECT e.* FROM {table}{where(clauses)} ORDER BY {key} {direction}, {order_id} {direction}"
    if query.limit is not None:
        sql += " LIMIT ?"
        params.append(query.limit + 1)
    return sql, params


def event_count_sql(connection: sqlite3.Connection, query: EventQuery) -> tuple[str, list[Any]]:
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
    others = (query.admin2, query.actor, query.event_type, query.tag, query.status, query.source_kind, query.q,
              query.review_status)
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


def document_conditions(connection: sqlite3.Connection, query: DocumentQuery) -> tuple[list[str], list[Any]]:
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
        if has_table(connection, "documents_fts"):
            clauses.append(
                "d.doc_id IN (SELECT k.doc_id FROM documents_fts f JOIN document_keys k ON k.key = f.rowid"
                " WHERE documents_fts MATCH ?)"
            )
            params.append(fts_query(query.q))
        else:
            pattern = "%" + _escape_like(query.q.strip().lower()) + "%"
            clauses.append("(lower(d.title) LIKE ? ESCAPE '\\' OR lower(d.text) LIKE ? ESCAPE '\\')")
            params += [pattern, pattern]
    return clauses, params
