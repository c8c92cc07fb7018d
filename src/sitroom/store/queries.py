"""Read queries: events with their sources, filters, and store statistics.

Every function takes an open connection; values are bound as parameters.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sitroom.models import Event, SourceReport
from sitroom.store import rows
from sitroom.store.dialect import Database
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


def as_event_query(filters: EventFilter) -> Any:
    """Return the EventQuery with the same filters (one meaning of each filter word everywhere)."""
    from sitroom.store.api_records import EventQuery

    return EventQuery(
        start_date=filters.start_date, end_date=filters.end_date, admin1=filters.admin1, actor=filters.actor,
        actor_contains=filters.actor_contains, event_type=filters.event_type, limit=None,
    )  # fmt: skip


def list_events(connection: Database, filters: EventFilter) -> list[Event]:
    """Return the events matching ``filters``, newest first (undated last), each with its sources."""
    from sitroom.store.api_sql import event_conditions, where

    clauses, params = event_conditions(connection, as_event_query(filters))
    sql = f"SELECT e.* FROM events e{where(clauses)} ORDER BY e.event_date IS NULL, e.event_date DESC, e.event_id"
    if filters.limit is not None or filters.offset:
        # No limit is LIMIT -1 on SQLite and LIMIT NULL on PostgreSQL (SQLite needs a LIMIT before OFFSET).
        no_limit = None if connection.is_postgres else -1
        sql += " LIMIT ? OFFSET ?"
        params += [filters.limit if filters.limit is not None else no_limit, filters.offset]
    event_rows = connection.execute(sql, params).fetchall()
    sources = load_sources(connection, [row["event_id"] for row in event_rows])
    return [rows.row_to_event(row, sources.get(row["event_id"], [])) for row in event_rows]


def get_event(connection: Database, event_id: str) -> Event | None:
    """Return one event with its sources, or None if there is none with ``event_id``."""
    row = connection.execute("SELECT * FROM events WHERE event_id = ?", (event_id,)).fetchone()
    if row is None:
        return None
    return rows.row_to_event(row, load_sources(connection, [event_id]).get(event_id, []))


def load_sources(connection: Database, event_ids: list[str]) -> dict[str, list[SourceReport]]:
    """Return each event's source reports (lead first), keyed by event id."""
    found: dict[str, list[SourceReport]] = {}
    for start in range(0, len(event_ids), _IN_CHUNK):
        chunk = event_ids[start : start + _IN_CHUNK]
        sql = _SOURCES_SQL.format(marks=", ".join("?" for _ in chunk))
        for row in connection.execute(sql, chunk):
            found.setdefault(row["event_id"], []).append(rows.row_to_source(row))
    return found


def _counts(connection: Database, sql: str) -> dict[str, int]:
    """Run a two-column (key, count) query; NULL keys become "unknown"."""
    counts: dict[str, int] = {}
    for key, count in connection.execute(sql):
        name = UNKNOWN if key is None or key == "" else str(key)
        counts[name] = counts.get(name, 0) + count
    return counts


def row_to_run(row: Any) -> IngestRun:
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


def stats(connection: Database) -> StoreStats:
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
