"""Write one document with its mentions, claims and provisional events, with audit rows.

Resolution (store/resolution.py) later replaces provisional events with merged ones.

Every function here runs inside a transaction the caller opened; none commits.
Table and column names come from the constants in rows.py, never from input;
values are always bound as parameters.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

from sitroom.errors import StoreError
from sitroom.models import Document, Event, EventMention, Stance
from sitroom.store import rows
from sitroom.store.dialect import Database
from sitroom.store.rows import to_json

PROVISIONAL_EVENT_PREFIX = "ev-"


def provisional_event_id(mention_id: str) -> str:
    """Return the deterministic id of the provisional event made from one mention."""
    return PROVISIONAL_EVENT_PREFIX + hashlib.sha256(mention_id.encode("utf-8")).hexdigest()[:16]


AUDIT_SQL = (
    "INSERT INTO audit_log (at, who, action, entity, entity_id, before, after, why) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


def audit_row(change: dict[str, Any]) -> tuple:
    """Return the audit_log values of ``change`` (at, who, action, entity, entity_id, before, after, why)."""
    return (
        change["at"], change["who"], change["action"], change["entity"], change["entity_id"],
        None if change.get("before") is None else to_json(change["before"]),
        None if change.get("after") is None else to_json(change["after"]),
        change.get("why"),
    )  # fmt: skip


def audit(connection: Database, change: dict[str, Any]) -> None:
    """Append one audit_log row; ``change`` holds at, who, action, entity, entity_id, before, after, why."""
    connection.execute(AUDIT_SQL, audit_row(change))


def _insert(connection: Database, table: str, row: dict[str, Any]) -> None:
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    connection.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values()))


def _update(connection: Database, table: str, key: str, row: dict[str, Any]) -> None:
    assignments = ", ".join(f"{column} = ?" for column in row if column != key)
    values = [value for column, value in row.items() if column != key]
    connection.execute(f"UPDATE {table} SET {assignments} WHERE {key} = ?", (*values, row[key]))


def _fetch(connection: Database, table: str, key: str, value: str) -> dict[str, Any] | None:
    cursor = connection.execute(f"SELECT * FROM {table} WHERE {key} = ?", (value,))
    return rows.row_dict(cursor.fetchone())


class DocumentWriter:
    """Writes one document and everything derived from it inside an open transaction."""

    def __init__(self, connection: Database, who: str, run_id: int | None) -> None:
        if not who or not who.strip():
            raise StoreError("store_document needs 'who' (the analyst or process making the change)")
        self.connection = connection
        self.who = who
        self.run_id = run_id
        self.now = rows.utc_now()
        self.why = f"ingest run {run_id}" if run_id is not None else None

    def _audit(self, action: str, entity: str, entity_id: str, before: Any, after: Any) -> None:
        audit(self.connection, {
            "at": self.now, "who": self.who, "action": action, "entity": entity,
            "entity_id": entity_id, "before": before, "after": after, "why": self.why,
        })  # fmt: skip

    def write(self, document: Document, mentions: list[EventMention]) -> str:
        """Store ``document`` and ``mentions``; return "stored" or "unchanged"."""
        existing = _fetch(self.connection, "documents", "doc_id", document.doc_id)
        if existing is not None and existing["raw_sha256"] == document.raw_sha256:
            return "unchanged"
        mentions = assign_mention_ids(document.doc_id, mentions)
        row = rows.document_to_row(document, self.run_id, self.now)
        if existing is None:
            _insert(self.connection, "documents", row)
            self._audit("create", "document", document.doc_id, None, row)
        else:
            row["stored_at"] = existing["stored_at"]
            _update(self.connection, "documents", "doc_id", row)
            self._audit("update", "document", document.doc_id, existing, row)
            # Its mentions (or the publisher, kind or date resolution reads) may have changed:
            # the next resolution places them again.
            self.connection.execute("UPDATE event_sources SET resolved_at = NULL WHERE doc_id = ?", (document.doc_id,))
        self._sync_mentions(document, mentions)
        return "stored"

    def _sync_mentions(self, document: Document, mentions: list[EventMention]) -> None:
        cursor = self.connection.execute("SELECT * FROM mentions WHERE doc_id = ?", (document.doc_id,))
        old = {row["mention_id"]: rows.row_dict(row) for row in cursor.fetchall()}
        kept = {mention.mention_id for mention in mentions}
        for mention_id, before in old.items():
            if mention_id not in kept:
                self._drop_events_of(mention_id)
                self.connection.execute("DELETE FROM mentions WHERE mention_id = ?", (mention_id,))
                self._audit("delete", "mention", mention_id, before, None)
        for ordinal, mention in enumerate(mentions):
            self._write_mention(document, mention, ordinal, old.get(mention.mention_id))

    def _write_mention(self, document: Document, mention: EventMention, ordinal: int, before: Any) -> None:
        row = rows.mention_to_row(mention, ordinal)
        if before is None:
            _insert(self.connection, "mentions", row)
            self._audit("create", "mention", mention.mention_id, None, row)
        elif before != row:
            _update(self.connection, "mentions", "mention_id", row)
            self._audit("update", "mention", mention.mention_id, before, row)
        event_id = None
        if mention.is_aggregate:
            self._drop_events_of(mention.mention_id)
            self.connection.execute("DELETE FROM event_sources WHERE mention_id = ?", (mention.mention_id,))
        else:
            event_id = self._place(mention)
        self._write_claim(document, mention, event_id)

    def _linked_events(self, mention_id: str) -> list[str]:
        cursor = self.connection.execute(
            "SELECT event_id FROM event_sources WHERE mention_id = ? ORDER BY event_id", (mention_id,)
        )
        return [row[0] for row in cursor.fetchall()]

    def _place(self, mention: EventMention) -> str:
        """Return the mention's event: its provisional event, unless resolution placed it in a shared one.

        A mention resolution put beside others keeps that event (marked unresolved, so
        the next resolution places it again) rather than get a second, provisional one.
        """
        linked = self._linked_events(mention.mention_id)
        own = provisional_event_id(mention.mention_id)
        if linked and (linked != [own] or self._source_count(own) > 1):
            return linked[0]
        return self._write_provisional_event(mention)

    def _source_count(self, event_id: str) -> int:
        cursor = self.connection.execute("SELECT COUNT(*) FROM event_sources WHERE event_id = ?", (event_id,))
        return int(cursor.fetchone()[0])

    def _write_provisional_event(self, mention: EventMention) -> str:
        event = provisional_event(mention)
        before = _fetch(self.connection, "events", "event_id", event.event_id)
        created = before["created_at"] if before else self.now
        row = rows.event_to_row(event, created, self.now)
        if before is None:
            _insert(self.connection, "events", row)
            self._audit("create", "event", event.event_id, None, row)
        elif {**before, "updated_at": self.now} != row:
            _update(self.connection, "events", "event_id", row)
            self._audit("update", "event", event.event_id, before, row)
        self.connection.execute(
            "INSERT INTO event_sources (event_id, mention_id, doc_id, role, linked_at) VALUES (?, ?, ?, 'lead', ?)"
            " ON CONFLICT (event_id, mention_id) DO NOTHING",
            (event.event_id, mention.mention_id, mention.doc_id, self.now),
        )
        return event.event_id

    def _drop_events_of(self, mention_id: str) -> None:
        """Delete every event ``mention_id`` supports alone (its links go with the mention)."""
        for event_id in self._linked_events(mention_id):
            if self._source_count(event_id) > 1:
                continue  # others support it; the next resolution rebuilds it without this mention
            before = _fetch(self.connection, "events", "event_id", event_id)
            self.connection.execute("DELETE FROM events WHERE event_id = ?", (event_id,))
            self._audit("delete", "event", event_id, before, None)

    def _write_claim(self, document: Document, mention: EventMention, event_id: str | None) -> None:
        self.connection.execute(
            "INSERT INTO claims (mention_id, doc_id, event_id, stance, \"by\", source_kind, publisher,"
            " fatalities, injured, detained) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (mention_id) DO UPDATE SET doc_id = excluded.doc_id, event_id = excluded.event_id,"
            " stance = excluded.stance, \"by\" = excluded.\"by\", source_kind = excluded.source_kind,"
            " publisher = excluded.publisher, fatalities = excluded.fatalities,"
            " injured = excluded.injured, detained = excluded.detained",
            (
                mention.mention_id, document.doc_id, event_id, Stance(mention.claim.stance).value,
                mention.claim.by, document.source_kind.value, document.publisher,
                mention.fatalities, mention.injured, mention.detained,
            ),
        )  # fmt: skip


def assign_mention_ids(doc_id: str, mentions: list[EventMention]) -> list[EventMention]:
    """Return copies of ``mentions`` with doc_id set and missing ids as "{doc_id}#m{index}".

    Raises StoreError if a mention belongs to another document or two share an id.
    """
    assigned: list[EventMention] = []
    seen: set[str] = set()
    for index, mention in enumerate(mentions):
        if mention.doc_id and mention.doc_id != doc_id:
            raise StoreError(f"mention {mention.mention_id or index} belongs to {mention.doc_id!r}, not {doc_id!r}")
        mention_id = mention.mention_id or f"{doc_id}#m{index}"
        if mention_id in seen:
            raise StoreError(f"document {doc_id!r} has two mentions with id {mention_id!r}")
        seen.add(mention_id)
        assigned.append(dataclasses.replace(mention, doc_id=doc_id, mention_id=mention_id))
    return assigned


def provisional_event(mention: EventMention) -> Event:
    """Return the one-mention canonical event made from ``mention`` before resolution."""
    status = "claimed" if Stance(mention.claim.stance) is Stance.CLAIMED else "reported"
    return Event(
        event_id=provisional_event_id(mention.mention_id),
        coded=mention,
        status=status,
        fatalities_low=mention.fatalities,
        fatalities_best=mention.fatalities,
        fatalities_high=mention.fatalities,
        injured_low=mention.injured,
        injured_best=mention.injured,
        injured_high=mention.injured,
        detained_low=mention.detained,
        detained_best=mention.detained,
        detained_high=mention.detained,
    )
