"""Read queries: events with their sources, filters, and store statistics.

Every function takes an open connection; values are bound as parameters.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any

from sitroom.models import Event, SourceReport
from sitroom.store import rows
from sitroom.store.filters import EventFilter
from sitroom.store.records import IngestRun, StoreStats

UNKNOWN = "unknown"
RECENT_RUNS = 5
_IN_CHUNK = 500  # stays well under SQLite's limit on bound parameters

_SOURCES_SQL = (
    "SELECT es.event_id, m.mention_id, m.doc_id, d.publisher, d.source_kind, m.claim_stance,"
    " m.fatalities, m.injured, m.detained"
    " FROM event_sources es JOIN mentions m ON m.mention_id = es.mention_id"
    " JOIN documents d ON d.doc_id = m.doc_id"
    " WHERE es.event_id IN ({marks})"
    " ORDER BY es.event_id, CASE es.role WHEN 'lead' THEN 0 ELSE 1 END, d.published, m.mention_id"
)


def _escape_like(value: str) -> str:
    """Escape LIKE wildcards so user text matches literally (used with ESCAPE '\\')."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def event_where(filters: EventFilter) -> tuple[str, list[Any]]:
    """Return the WHERE clause (possibly empty) and parameters for ``filters``."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.start_date is not None:
        clauses.append("event_date >= ?")
        params.append(filters.start_date.isoformat())
    if filters.end_date is not None:
        clauses.append("event_date <= ?")
        params.append(filters.end_date.isoformat())
    if filters.admin1:
        clauses.append("(lower(admin1) = lower(?) OR lower(admin1_code) = lower(?))")
        params += [filters.admin1.strip(), filters.admin1.strip()]
    if filters.actor:
        pattern = "%" + _escape_like(filters.actor.strip().lower()) + "%"
        clauses.append(
            "(lower(actor1) LIKE ? ESCAPE '\\' OR lower(actor2) LIKE ? ESCAPE '\\'"
            " OR lower(assoc_actors) LIKE ? ESCAPE '\\')"
        )
        params += [pattern, pattern, pattern]
    if filters.event_type:
        clauses.append("lower(event_type) = lower(?)")
        params.append(filters.event_type.strip())
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def list_events(connection: sqlite3.Connection, filters: EventFilter) -> list[Event]:
    """Return the events matching ``filters``, newest first, each with its sources."""
    where, params = event_where(filters)
    sql = (
        f"SELECT * FROM events{where}"
        " ORDER BY event_date IS NULL, event_date DESC, event_id LIMIT ? OFFSET ?"
    )
    limit = -1 if filters.limit is None else filters.limit  # SQLite: a negative LIMIT means none
    event_rows = connection.execute(sql, (*params, limit, filters.offset)).fetchall()
    sources = load_sources(connection, [row["event_id"] for row in event_rows])
    return [rows.row_to_event(row, sources.get(row["event_id"], [])) for row in event_rows]


def get_event(connection: sqlite3.Connection, event_id: str) -> Event | None:
    """Return one event with its sources, or None if there is none with ``event_id``."""
    row = connection.execute("SELECT * FROM events WHERE event_id = ?", (event_id,)).fetchone()
    if row is None:
        return None
    return rows.row_to_event(row, load_sources(connection, [event_id]).get(event_id, []))


def load_sources(connection: sqlite3.Connection, event_ids: list[str]) -> dict[str, list[SourceReport]]:
    """Return each event's source reports (lead first), keyed by event id."""
    found: dict[str, list[SourceReport]] = {}
    for start in range(0, len(event_ids), _IN_CHUNK):
        chunk = event_ids[start : start + _IN_CHUNK]
        sql = _SOURCES_SQL.format(marks=", ".join("?" for _ in chunk))
        for row in connection.execute(sql, chunk):
            found.setdefault(row["event_id"], []).append(rows.row_to_source(row))
    return found


def _counts(connection: sqlite3.Connection, sql: str) -> dict[str, int]:
    """Run a two-column (key, count) query; NULL keys become "unknown"."""
    counts: dict[str, int] = {}
    for key, count in connection.execute(sql):
        name = UNKNOWN if key is None or key == "" else str(key)
        counts[name] = counts.get(name, 0) + count
    return counts


def row_to_run(row: sqlite3.Row) -> IngestRun:
    """Return the IngestRun an ingest_runs row holds."""
    return IngestRun(
        run_id=row["id"],
        command=row["command"],
        arguments=json.loads(row["arguments"] or "[]"),
        analyst=row["analyst"],
        started=dt.datetime.fromisoformat(row["started"]),
        finished=dt.datetime.fromisoformat(row["finished"]) if row["finished"] else None,
        status=row["status"],
        counts=json.loads(row["counts"] or "{}"),
    )


def stats(connection: sqlite3.Connection) -> StoreStats:
    """Return counts over the whole store and the last five ingest runs."""

    def total(table: str) -> int:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

    runs = connection.execute("SELECT * FROM ingest_runs ORDER BY id DESC LIMIT ?", (RECENT_RUNS,)).fetchall()
    return StoreStats(
        documents=total("documents"),
        mentions=total("mentions"),
        events=total("events"),
        by_source_kind=_counts(connection, "SELECT source_kind, COUNT(*) FROM documents GROUP BY 1 ORDER BY 2 DESC, 1"),
        by_event_type=_counts(connection, "SELECT event_type, COUNT(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1"),
        by_admin1=_counts(connection, "SELECT admin1, COUNT(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1"),
        by_month=_counts(connection, "SELECT substr(event_date, 1, 7), COUNT(*) FROM events GROUP BY 1 ORDER BY 1"),
        recent_runs=[row_to_run(row) for row in runs],
    )
