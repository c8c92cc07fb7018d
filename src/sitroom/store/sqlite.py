"""The SQLite implementation of the Repository.

One writer connection guarded by a lock serialises writes; each reading thread gets its
own connection, so with WAL a server can read while an ingest writes. Every read runs
in a read transaction, so a multi-query read sees one consistent snapshot.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Callable, Iterator

from sitroom.errors import NotFoundError, StoreError
from sitroom.models import Document, Event, EventMention
from sitroom.store import queries, resolution, rows
from sitroom.store.api_reads import SqliteApiReads
from sitroom.store.connection import connect, is_memory_path
from sitroom.store.filters import EventFilter
from sitroom.store.migrate import apply_migrations
from sitroom.store.publish_reads import SqlitePublishReads
from sitroom.store.records import (
    RUN_ITEM_STATUSES,
    AuditEntry,
    DecisionEntry,
    IngestRun,
    ResolutionChanges,
    ResolutionInput,
    StoreStats,
)
from sitroom.store.writes import DocumentWriter


class SqliteRepository(SqliteApiReads, SqlitePublishReads):
    """Repository backed by one SQLite file (or ``:memory:`` for throwaway use)."""

    def __init__(self, db_path: Path | str) -> None:
        """Open (creating if needed) and migrate the database at ``db_path``.

        Raises StoreError if the file cannot be opened or migrated.
        """
        self.db_path = db_path
        self._memory = is_memory_path(db_path)
        if not self._memory and not Path(db_path).parent.exists():
            raise StoreError(f"{db_path}: directory {Path(db_path).parent} does not exist; create it first")
        self._write_lock = threading.RLock()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        self._closed = False
        self._writer = connect(db_path)
        try:
            apply_migrations(self._writer)
        except BaseException:
            self._writer.close()
            raise

    # -- connections and transactions ------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"{self.db_path}: the repository is closed; open a new one")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """Yield the writer inside BEGIN IMMEDIATE; commit, or roll back on any exception."""
        self._check_open()
        with self._write_lock:
            connection = self._writer
            try:
                connection.execute("BEGIN IMMEDIATE")
                yield connection
                connection.execute("COMMIT")
            except BaseException as error:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                if isinstance(error, sqlite3.Error):
                    raise StoreError(f"{self.db_path}: write failed and was rolled back: {error}") from error
                raise

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """Yield this thread's reader connection inside a read transaction (one snapshot)."""
        self._check_open()
        if self._memory:
            # An in-memory database exists only on the writer's connection.
            with self._write_lock:
                yield self._writer
            return
        connection = getattr(self._local, "reader", None)
        if connection is None:
            connection = connect(self.db_path)
            self._local.reader = connection
            with self._readers_lock:
                self._readers.append(connection)
        try:
            connection.execute("BEGIN")
            yield connection
        except sqlite3.Error as error:
            raise StoreError(f"{self.db_path}: read failed: {error}") from error
        finally:
            if connection.in_transaction:
                connection.execute("COMMIT")

    def close(self) -> None:
        """Close the writer and every reader connection; later calls raise StoreError."""
        if self._closed:
            return
        self._closed = True
        with self._readers_lock:
            for reader in self._readers:
                reader.close()
            self._readers.clear()
        with self._write_lock:
            self._writer.close()

    def __enter__(self) -> "SqliteRepository":
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    # -- ingest runs ------------------------------------------------------------------

    def begin_run(self, command: str, arguments: list[str], analyst: str) -> int:
        """Record the start of an ingest run (status "running"); return its id."""
        with self._transaction() as connection:
            cursor = connection.execute(
                "INSERT INTO ingest_runs (command, arguments, analyst, started, status) VALUES (?, ?, ?, ?, 'running')",
                (command, rows.to_json(list(arguments)), analyst, rows.utc_now()),
            )
            return int(cursor.lastrowid)

    def finish_run(self, run_id: int, status: str, counts: dict[str, int]) -> None:
        """Record a run's end time, final status and item counts; NotFoundError if no such run."""
        if not status:
            raise StoreError(f"finish_run({run_id}) needs a status such as 'ok' or 'failed'")
        with self._transaction() as connection:
            cursor = connection.execute(
                "UPDATE ingest_runs SET finished = ?, status = ?, counts = ? WHERE id = ?",
                (rows.utc_now(), status, rows.to_json(dict(counts)), run_id),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"ingest run {run_id} does not exist")

    def record_item(
        self, run_id: int, source: str, status: str, reason: str | None = None, doc_id: str | None = None
    ) -> None:
        """Record what run ``run_id`` did with input ``source``."""
        if status not in RUN_ITEM_STATUSES:
            raise StoreError(f"item status {status!r} is not one of {', '.join(RUN_ITEM_STATUSES)}")
        with self._transaction() as connection:
            connection.execute(
                "INSERT INTO ingest_items (run_id, source, status, reason, doc_id, at) VALUES (?, ?, ?, ?, ?, ?)",
                (run_id, source, status, reason, doc_id, rows.utc_now()),
            )

    def get_run(self, run_id: int) -> IngestRun:
        """Return one ingest run; raise NotFoundError if there is none."""
        with self._read() as connection:
            row = connection.execute("SELECT * FROM ingest_runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"ingest run {run_id} does not exist")
        return queries.row_to_run(row)

    def run_items(self, run_id: int) -> list[dict[str, str | None]]:
        """Return the items of one run in the order recorded (source, status, reason, doc_id)."""
        with self._read() as connection:
            found = connection.execute(
                "SELECT source, status, reason, doc_id FROM ingest_items WHERE run_id = ? ORDER BY id", (run_id,)
            ).fetchall()
        return [dict(row) for row in found]

    # -- documents and mentions -------------------------------------------------------

    def find_document_by_hash(self, raw_sha256: str, text_sha256: str | None = None) -> str | None:
        """Return the doc_id with this raw hash, else (if given) this text hash, else None."""
        with self._read() as connection:
            row = connection.execute(
                "SELECT doc_id FROM documents WHERE raw_sha256 = ? ORDER BY rowid LIMIT 1", (raw_sha256,)
            ).fetchone()
            if row is None and text_sha256:
                row = connection.execute(
                    "SELECT doc_id FROM documents WHERE text_sha256 = ? ORDER BY rowid LIMIT 1", (text_sha256,)
                ).fetchone()
        return row["doc_id"] if row else None

    def has_document(self, doc_id: str) -> bool:
        """Return True if a document with ``doc_id`` is stored."""
        with self._read() as connection:
            return connection.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)).fetchone() is not None

    def store_document(self, document: Document, mentions: list[EventMention], run_id: int | None, who: str) -> str:
        """Store ``document``, its mentions, claims and provisional events in one transaction.

        Returns "unchanged" if the same doc_id is stored with the same raw hash, else
        "stored" (new, or updated with before/after audit rows). On any error nothing
        of this document is written and StoreError is raised.
        """
        with self._transaction() as connection:
            return DocumentWriter(connection, who, run_id).write(document, mentions)

    def get_document(self, doc_id: str) -> Document:
        """Return one document; raise NotFoundError if there is none."""
        with self._read() as connection:
            row = connection.execute("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"document {doc_id!r} does not exist")
        return rows.row_to_document(row)

    def list_documents(self, limit: int = 100, offset: int = 0) -> list[Document]:
        """Return documents, most recently stored first."""
        with self._read() as connection:
            found = connection.execute(
                "SELECT * FROM documents ORDER BY stored_at DESC, rowid DESC LIMIT ? OFFSET ?", (limit, offset)
            ).fetchall()
        return [rows.row_to_document(row) for row in found]

    def list_mentions(self, doc_id: str | None = None) -> list[EventMention]:
        """Return one document's mentions in document order, or every mention by document."""
        with self._read() as connection:
            if doc_id is None:
                found = connection.execute("SELECT * FROM mentions ORDER BY doc_id, ordinal").fetchall()
            else:
                found = connection.execute(
                    "SELECT * FROM mentions WHERE doc_id = ? ORDER BY ordinal", (doc_id,)
                ).fetchall()
        return [rows.row_to_mention(row) for row in found]

    # -- events, statistics, audit ----------------------------------------------------

    def list_events(self, filters: EventFilter) -> list[Event]:
        """Return canonical events matching ``filters``, each with its source reports."""
        with self._read() as connection:
            return queries.list_events(connection, filters)

    def get_event(self, event_id: str) -> Event:
        """Return one canonical event with its sources; raise NotFoundError if there is none."""
        with self._read() as connection:
            event = queries.get_event(connection, event_id)
        if event is None:
            raise NotFoundError(f"event {event_id!r} does not exist")
        return event

    def stats(self) -> StoreStats:
        """Return counts over the store and the last five ingest runs."""
        with self._read() as connection:
            return queries.stats(connection)

    def audit_entries(self, entity: str | None = None, entity_id: str | None = None) -> list[AuditEntry]:
        """Return audit entries, oldest first, optionally for one entity kind and/or id."""
        clauses, params = [], []
        if entity is not None:
            clauses.append("entity = ?")
            params.append(entity)
        if entity_id is not None:
            clauses.append("entity_id = ?")
            params.append(entity_id)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        with self._read() as connection:
            found = connection.execute(f"SELECT * FROM audit_log{where} ORDER BY id", params).fetchall()
        return [_row_to_audit(row) for row in found]


    # -- resolution --------------------------------------------------------------------

    def resolve_events(
        self,
        compute: Callable[[ResolutionInput], Any],
        who: str,
        why: str,
        *,
        full: bool = False,
        decision: Any = None,
        resolver: str = "",
    ) -> ResolutionChanges:
        """Run one resolution inside one write transaction and persist its result.

        Stores ``decision`` first (if given, with its audit row), loads the ResolutionInput,
        calls ``compute`` (a pure function returning a ``sitroom.resolve.ResolutionResult``)
        and writes events, links, claims and explanations with audit rows. ``full`` marks
        a rebuild (every merge explanation is replaced). If anything fails, nothing is written.
        """
        if not who or not who.strip():
            raise StoreError("resolve_events needs 'who' (the analyst or process making the change)")
        with self._transaction() as connection:
            if decision is not None:
                resolution.insert_decision(connection, decision)
            given = resolution.load_input(connection)
            result = compute(given)
            writer = resolution.ResolutionWriter(connection, who, why)
            return writer.persist(given, result, full=full, resolver=resolver)

    def resolution_input(self) -> ResolutionInput:
        """Return the non-aggregate mentions (resolved, with their events, and new) and the decisions."""
        with self._read() as connection:
            return resolution.load_input(connection)

    def list_decisions(self) -> list[DecisionEntry]:
        """Return the stored analyst decisions, oldest first."""
        with self._read() as connection:
            return resolution.list_decisions(connection)

    def merge_explanations(self, event_id: str) -> list[Any]:
        """Return the MergeExplanation of each scored pair with a mention in ``event_id``, best first."""
        with self._read() as connection:
            return resolution.explanations_for(connection, event_id)


def _row_to_audit(row: sqlite3.Row) -> AuditEntry:
    return AuditEntry(
        id=row["id"],
        at=dt.datetime.fromisoformat(row["at"]),
        who=row["who"],
        action=row["action"],
        entity=row["entity"],
        entity_id=row["entity_id"],
        before=json.loads(row["before"]) if row["before"] else None,
        after=json.loads(row["after"]) if row["after"] else None,
        why=row["why"],
    )
