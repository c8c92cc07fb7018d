"""The store's publishing reads and alert-rule writes: a Protocol and its SQL mixin.

Exports ask where each event's lead record came from (to keep an imported ACLED/UCDP row's
own ids and codes), reports and the actor page ask for document volume per publisher and
for the claims ledger with claimants, and alert rules are stored here with audit rows.
``SqlRepository`` (both backends) inherits ``SqlPublishReads``; it supplies ``_read()`` and
``_transaction()``. The SQL is portable (no SQLite-only functions); weeks are computed in Python.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Iterable, Protocol, runtime_checkable

from sitroom.errors import NotFoundError, StoreError
from sitroom.store import rows
from sitroom.store.publish_records import AlertRuleRecord, ClaimRecord, DocumentBrief, DocumentVolume, EventOrigin
from sitroom.store.writes import audit

LOOKUP_BATCH = 500
_DATASET_FORMATS = ("acled", "ucdp")
_RULE_COLUMNS = ("name", "kind", "params", "enabled")


@runtime_checkable
class PublishReads(Protocol):
    """What exports, reports and alerts ask of a repository besides the Repository's methods."""

    def event_origins(self, event_ids: Iterable[str]) -> dict[str, EventOrigin]:
        """Return, per event id, its last update and where its lead record came from."""
        ...

    def document_volume(self, start: dt.date | None = None, end: dt.date | None = None) -> list[DocumentVolume]:
        """Return documents per publisher, kind and week published in [start, end] (every post counts)."""
        ...

    def claim_records(self, start: dt.date | None = None, end: dt.date | None = None) -> list[ClaimRecord]:
        """Return the claims ledger rows of events dated in [start, end], with claimants."""
        ...

    def document_briefs(self, doc_ids: Iterable[str]) -> dict[str, DocumentBrief]:
        """Return title, publisher, date, kind, link and storage time of the given documents."""
        ...

    def list_alert_rules(self) -> list[AlertRuleRecord]:
        """Return every alert rule, oldest first."""
        ...

    def save_alert_rule(self, name: str, kind: str, params: dict[str, Any], who: str, why: str | None = None,
                        enabled: bool = True) -> AlertRuleRecord:
        """Create the rule ``name`` or change it (audited); return it as stored."""
        ...

    def delete_alert_rule(self, name: str, who: str, why: str | None = None) -> None:
        """Delete the rule ``name`` (audited); NotFoundError if there is none."""
        ...


def _batches(values: Iterable[str]) -> Iterable[list[str]]:
    batch: list[str] = []
    for value in dict.fromkeys(values):
        batch.append(value)
        if len(batch) == LOOKUP_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _marks(count: int) -> str:
    return ", ".join("?" * count)


def _date_clause(column: str, start: dt.date | None, end: dt.date | None) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if start is not None:
        clauses.append(f"{column} >= ?")
        params.append(start.isoformat())
    if end is not None:
        clauses.append(f"{column} <= ?")
        params.append(end.isoformat())
    return (" AND ".join(clauses) or "1 = 1"), params


def _rows_for_ids(connection: Any, sql: str, ids: Iterable[str]) -> Iterable[Any]:
    """Run ``sql`` (with ``{marks}`` where its ``IN`` list goes) over ``ids`` in bounded batches; yield rows."""
    for batch in _batches(ids):
        yield from connection.execute(sql.format(marks=_marks(len(batch))), batch).fetchall()


def _brief(row: Any) -> DocumentBrief:
    published = dt.date.fromisoformat(row["published"]) if row["published"] else None
    return DocumentBrief(row["doc_id"], row["title"], row["publisher"], published, row["source_kind"], row["url"],
                         row["stored_at"])  # fmt: skip


def _origin(row: Any) -> EventOrigin:
    metadata = json.loads(row["metadata"]) if row["metadata"] else {}
    fmt = row["ingest_format"]
    original = metadata.get(fmt, {}) if fmt in _DATASET_FORMATS else {}
    updated = dt.datetime.fromisoformat(row["updated_at"]) if row["updated_at"] else None
    return EventOrigin(row["event_id"], updated, fmt, {str(k): str(v) for k, v in dict(original).items()})


def _rule(row: Any) -> AlertRuleRecord:
    return AlertRuleRecord(
        rule_id=row["rule_id"], name=row["name"], kind=row["kind"], params=json.loads(row["params"] or "{}"),
        enabled=bool(row["enabled"]), created_by=row["created_by"], created_at=row["created_at"],
        updated_by=row["updated_by"], updated_at=row["updated_at"],
    )  # fmt: skip


def _week(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


class SqlPublishReads:
    """PublishReads on SQLite and PostgreSQL alike (mixed into SqlRepository)."""

    def event_origins(self, event_ids: Iterable[str]) -> dict[str, EventOrigin]:
        """Return, per event id, its last update and where its lead record came from (batched)."""
        sql = ("SELECT e.event_id, e.updated_at, d.ingest_format, d.metadata FROM events e"
               " LEFT JOIN documents d ON d.doc_id = e.lead_doc_id WHERE e.event_id IN ({marks})")  # fmt: skip
        with self._read() as connection:  # type: ignore[attr-defined]
            return {row["event_id"]: _origin(row) for row in _rows_for_ids(connection, sql, event_ids)}

    def document_volume(self, start: dt.date | None = None, end: dt.date | None = None) -> list[DocumentVolume]:
        """Return documents per publisher, kind, format and week published; undated documents are left out."""
        clause, params = _date_clause("d.published", start, end)
        with self._read() as connection:  # type: ignore[attr-defined]
            result = connection.execute(
                "SELECT coalesce(d.publisher, '') AS publisher, d.source_kind, coalesce(d.ingest_format, '') AS fmt,"
                " d.published, COUNT(*) AS documents,"
                " SUM(CASE WHEN EXISTS (SELECT 1 FROM mentions m WHERE m.doc_id = d.doc_id AND m.is_aggregate = 0)"
                " THEN 1 ELSE 0 END) AS with_events"
                f" FROM documents d WHERE d.published IS NOT NULL AND {clause}"
                " GROUP BY coalesce(d.publisher, ''), d.source_kind, coalesce(d.ingest_format, ''), d.published",
                params,
            ).fetchall()
        weekly: dict[tuple[str, str, str, dt.date], list[int]] = {}
        for row in result:
            key = (row["publisher"], row["source_kind"], row["fmt"], _week(dt.date.fromisoformat(row["published"])))
            totals = weekly.setdefault(key, [0, 0])
            totals[0] += row["documents"]
            totals[1] += row["with_events"] or 0
        return [DocumentVolume(p, k, f, w, n, e) for (p, k, f, w), (n, e) in sorted(weekly.items())]

    def claim_records(self, start: dt.date | None = None, end: dt.date | None = None) -> list[ClaimRecord]:
        """Return the claims ledger rows of events dated in [start, end], oldest event first."""
        clause, params = _date_clause("e.event_date", start, end)
        with self._read() as connection:  # type: ignore[attr-defined]
            result = connection.execute(
                "SELECT c.event_id, c.mention_id, c.doc_id, c.stance, c.by, c.publisher, c.source_kind,"
                " e.event_date, e.admin1, d.stored_at FROM claims c JOIN events e ON e.event_id = c.event_id"
                f" JOIN documents d ON d.doc_id = c.doc_id WHERE {clause} ORDER BY e.event_date, c.event_id, c.id",
                params,
            ).fetchall()
        return [
            ClaimRecord(row["event_id"], row["mention_id"], row["doc_id"], row["stance"], row["by"], row["publisher"],
                        row["source_kind"], dt.date.fromisoformat(row["event_date"]) if row["event_date"] else None,
                        row["admin1"], row["stored_at"])
            for row in result
        ]  # fmt: skip

    def document_briefs(self, doc_ids: Iterable[str]) -> dict[str, DocumentBrief]:
        """Return title, publisher, published date, kind, url and stored_at of each known document."""
        sql = "SELECT doc_id, title, publisher, published, source_kind, url, stored_at FROM documents WHERE doc_id IN ({marks})"
        with self._read() as connection:  # type: ignore[attr-defined]
            return {row["doc_id"]: _brief(row) for row in _rows_for_ids(connection, sql, doc_ids)}

    # -- alert rules -------------------------------------------------------------------

    def list_alert_rules(self) -> list[AlertRuleRecord]:
        """Return every alert rule, oldest first."""
        with self._read() as connection:  # type: ignore[attr-defined]
            return [_rule(row) for row in connection.execute("SELECT * FROM alert_rules ORDER BY rule_id").fetchall()]

    def save_alert_rule(self, name: str, kind: str, params: dict[str, Any], who: str, why: str | None = None,
                        enabled: bool = True) -> AlertRuleRecord:
        """Create the rule ``name`` or change its kind, parameters or state; one audit row per change."""
        if not who or not who.strip():
            raise StoreError("save_alert_rule needs 'who' (the analyst making the change)")
        values = {"name": name, "kind": kind, "params": rows.to_json(params), "enabled": int(enabled)}
        now = rows.utc_now()
        with self._transaction() as connection:  # type: ignore[attr-defined]
            existing = connection.execute("SELECT * FROM alert_rules WHERE name = ?", (name,)).fetchone()
            if existing is None:
                connection.execute(
                    "INSERT INTO alert_rules (name, kind, params, enabled, created_by, created_at, updated_by,"
                    " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (name, kind, values["params"], values["enabled"], who, now, who, now),
                )
                before = None
            else:
                before = {column: existing[column] for column in _RULE_COLUMNS}
                if before == values:
                    return _rule(existing)
                connection.execute(
                    "UPDATE alert_rules SET kind = ?, params = ?, enabled = ?, updated_by = ?, updated_at = ?"
                    " WHERE name = ?", (kind, values["params"], values["enabled"], who, now, name),
                )  # fmt: skip
            stored = connection.execute("SELECT * FROM alert_rules WHERE name = ?", (name,)).fetchone()
            audit(connection, {"at": now, "who": who, "action": "create" if before is None else "update",
                               "entity": "alert_rule", "entity_id": str(stored["rule_id"]), "before": before,
                               "after": values, "why": why})  # fmt: skip
        return _rule(stored)

    def delete_alert_rule(self, name: str, who: str, why: str | None = None) -> None:
        """Delete the rule ``name`` with an audit row; NotFoundError if there is none."""
        with self._transaction() as connection:  # type: ignore[attr-defined]
            existing = connection.execute("SELECT * FROM alert_rules WHERE name = ?", (name,)).fetchone()
            if existing is None:
                raise NotFoundError(f"alert rule {name!r} does not exist; `sitroom alerts rules` lists them")
            connection.execute("DELETE FROM alert_rules WHERE name = ?", (name,))
            before = {column: existing[column] for column in _RULE_COLUMNS}
            audit(connection, {"at": rows.utc_now(), "who": who, "action": "delete", "entity": "alert_rule",
                               "entity_id": str(existing["rule_id"]), "before": before, "after": None, "why": why})
