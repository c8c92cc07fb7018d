"""The Repository over SQL, shared by the SQLite and PostgreSQL backends.

One writer connection guarded by a lock serialises writes; each reading thread gets its
own connection, so a server can read while an ingest writes. Every read runs in a read
transaction, so a multi-query read sees one consistent snapshot. Before each write
transaction commits, the read model (store/read_model.py) is brought up to date.

A backend (store/sqlite.py, store/postgres.py) says how to connect and how to open a
write or read transaction; everything else is this module's portable SQL.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from contextlib import contextmanager
from types import TracebackType
from typing import Any, Callable, Iterator, Protocol

from sitroom.errors import NotFoundError, StoreError
from sitroom.models import Document, Event, EventMention
from sitroom.store import queries, read_model, resolution, rows
from sitroom.store.accounts import AccountStore
from sitroom.store.api_reads import SqlApiReads
from sitroom.store.batches import DocumentBatches
from sitroom.store.dialect import Database, Row
from sitroom.store.evidence import EvidenceRepositoryMixin
from sitroom.store.filters import EventFilter
from sitroom.store.migrate import apply_migrations
from sitroom.store.publish_reads import SqlPublishReads
from sitroom.store.profile_facts import SqlProfileFacts
from sitroom.store.review_scores import ReviewScoreStore
from sitroom.store.reviews import ReviewStore
from sitroom.store.records import (
    RUN_ITEM_STATUSES,
    AuditEntry,
    DecisionEntry,
    IngestRun,
    ResolutionChanges,
    ResolutionInput,
    StoredExplanation,
    StoreStats,
)
from sitroom.store.writes import DocumentWriter


class Backend(Protocol):
    """How one database system connects and opens transactions (the rest is shared SQL)."""

    location: Any  # what open_repository was given: a SQLite path or a PostgreSQL URL
    label: str  # the path or URL without a password, for messages
    errors: tuple[type[BaseException], ...]  # the driver's error types
    shared_writer: bool  # True when readers must use the writer's connection (SQLite :memory:)

    def connect(self) -> Database:
        """Return a new autocommit connection."""
        ...

    def begin_write(self, database: Database) -> None:
        """Open a write transaction that excludes other writers until it ends."""
        ...

    def begin_read(self, database: Database) -> None:
        """Open a read transaction (one consistent snapshot)."""
        ...


class SqlRepository(SqlApiReads, DocumentBatches, EvidenceRepositoryMixin, AccountStore, ReviewStore, ReviewScoreStore,
                    SqlPublishReads, SqlProfileFacts):
    """Repository over one SQL database; the backend supplies connections and transactions."""

    def __init__(self, backend: Backend) -> None:
        """Connect and migrate; raises StoreError if the database cannot be opened or migrated."""
        self.backend = backend
        self.db_path = backend.location
        self._write_lock = threading.RLock()
        self._local = threading.local()
        self._readers: list[Database] = []
        self._readers_lock = threading.Lock()
        self._closed = False
        self._writer = backend.connect()
        try:
            apply_migrations(self._writer)
        except BaseException:
            self._writer.close()
            raise

    @property
    def dialect(self) -> str:
        """The backend's SQL dialect: "sqlite" or "postgres"."""
        return self._writer.dialect

    # -- connections and transactions ------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"{self.backend.label}: the repository is closed; open a new one")

    @contextmanager
    def _transaction(self) -> Iterator[Database]:
        """Yield the writer inside a write transaction; refresh the read model and commit, or roll back."""
        self._check_open()
        with self._write_lock:
            connection = self._writer
            try:
                self.backend.begin_write(connection)
                yield connection
                read_model.refresh(connection)
                connection.execute("COMMIT")
            except BaseException as error:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                if isinstance(error, self.backend.errors):
                    raise StoreError(f"{self.backend.label}: write failed and was rolled back: {error}") from error
                raise

    @contextmanager
    def _read(self) -> Iterator[Database]:
        """Yield this thread's reader connection inside a read transaction (one snapshot)."""
        self._check_open()
        if self.backend.shared_writer:
            # An in-memory database exists only on the writer's connection.
            with self._write_lock:
                yield self._writer
            return
        connection = getattr(self._local, "reader", None)
        if connection is None:
            connection = self.backend.connect()
            self._local.reader = connection
            with self._readers_lock:
                self._readers.append(connection)
        try:
            self.backend.begin_read(connection)
            yield connection
        except self.backend.errors as error:
            raise StoreError(f"{self.backend.label}: read failed: {error}") from error
        finally:
            if connection.in_transaction:
                connection.execute("COMMIT")

    def connection_lost(self) -> bool:
        """True when the writer's or this thread's reader's connection to the server is gone.

        A repository whose connection is lost stays unusable: close it and open a new one.
        """
        reader = getattr(self._local, "reader", None)
        return self._writer.is_broken or (reader is not None and reader.is_broken)

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

    def __enter__(self) -> "SqlRepository":
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
                "INSERT INTO ingest_runs (command, arguments, analyst, started, status) VALUES (?, ?, ?, ?, 'running')"
                " RETURNING id",
                (command, rows.to_json(list(arguments)), analyst, rows.utc_now()),
            )
            return int(cursor.fetchone()[0])

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
                "SELECT doc_id FROM documents WHERE raw_sha256 = ? ORDER BY stored_at, doc_id LIMIT 1", (raw_sha256,)
            ).fetchone()
            if row is None and text_sha256:
                row = connection.execute(
                    "SELECT doc_id FROM documents WHERE text_sha256 = ? ORDER BY stored_at, doc_id LIMIT 1", (text_sha256,)
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
                "SELECT * FROM documents ORDER BY stored_at DESC, doc_id DESC LIMIT ? OFFSET ?", (limit, offset)
            ).fetchall()
        return [rows.row_to_document(row) for row in found]

    def documents_after(self, doc_id: str | None, limit: int = 100) -> list[Document]:
        """Return up to ``limit`` documents in doc_id order after ``doc_id`` (None: from the first)."""
        with self._read() as connection:
            found = connection.execute(
                "SELECT * FROM documents WHERE doc_id > ? ORDER BY doc_id LIMIT ?", (doc_id or "", limit)
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

    def list_events(self, filters: EventFilter | None = None) -> list[Event]:
        """Return canonical events matching ``filters`` (None: every event), each with its source reports."""
        with self._read() as connection:
            return queries.list_events(connection, filters or EventFilter(limit=None))

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

    def store_reference(self, places: list, actors: list) -> bool:
        """Copy the data packs' places and actors into their tables unless the copy is already whole.

        Returns True when the tables were (re)written.
        """
        from sitroom.store import reference

        with self._transaction() as connection:
            if reference.reference_counts(connection) == (len(places), len(actors)):
                return False
            reference.replace_places(connection, places)
            reference.replace_actors(connection, actors)
        return True

    def resolve_events(
        self,
        compute: Callable[[ResolutionInput], Any],
        who: str,
        why: str,
        *,
        full: bool = False,
        decision: Any = None,
        resolver: str = "",
        reframe: Callable[[ResolutionInput], ResolutionInput] | None = None,
    ) -> ResolutionChanges:
        """Run one resolution inside one write transaction and persist its result.

        Stores ``decision`` first (if given, with its audit row), loads the ResolutionInput,
        calls ``compute`` (a pure function; ``sitroom.resolve`` gives one returning its ResolutionResult)
        and writes events, links, claims and explanations with audit rows. ``full`` marks
        a rebuild (every merge explanation is replaced). ``reframe`` changes the loaded input
        before ``compute`` sees it, and the changes are counted against the reframed input
        (a run that resolved batch by batch counts its provisionally placed mentions as new).
        If anything fails, nothing is written.
        """
        if not who or not who.strip():
            raise StoreError("resolve_events needs 'who' (the analyst or process making the change)")
        with self._transaction() as connection:
            if decision is not None:
                resolution.insert_decision(connection, decision)
            given = resolution.load_input(connection)
            if reframe is not None:
                given = reframe(given)
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

    def merge_explanations(self, event_id: str) -> list[StoredExplanation]:
        """Return the explanation record of each scored pair with a mention in ``event_id``, best first."""
        with self._read() as connection:
            return resolution.explanations_for(connection, event_id)


def _row_to_audit(row: Row) -> AuditEntry:
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
