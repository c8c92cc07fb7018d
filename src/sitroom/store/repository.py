"""The store's interface: what callers may ask of any backend (SQLite now, PostgreSQL later).

Callers (ingest, API, CLI) depend on this Protocol only and get an instance from
``sitroom.store.open_repository``; no SQL leaves the store package.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any, Callable, Protocol, runtime_checkable

from sitroom.models import Actor, Document, Event, EventMention, Place
from sitroom.store.filters import EventFilter
from sitroom.store.records import AuditEntry, DecisionEntry, IngestRun, ResolutionChanges, ResolutionInput, StoreStats


@runtime_checkable
class Repository(Protocol):
    """Persistent store of documents, mentions, canonical events, runs and the audit log."""

    def begin_run(self, command: str, arguments: list[str], analyst: str) -> int:
        """Record the start of an ingest run; return its id."""
        ...

    def finish_run(self, run_id: int, status: str, counts: dict[str, int]) -> None:
        """Record a run's end, its final status ("ok", "failed", ...) and item counts."""
        ...

    def record_item(
        self, run_id: int, source: str, status: str, reason: str | None = None, doc_id: str | None = None
    ) -> None:
        """Record what a run did with one input: stored, unchanged, skipped or failed (with a reason)."""
        ...

    def get_run(self, run_id: int) -> IngestRun:
        """Return one ingest run; raise NotFoundError if there is none."""
        ...

    def find_document_by_hash(self, raw_sha256: str, text_sha256: str | None = None) -> str | None:
        """Return the doc_id of a document with this raw hash (else this text hash), or None."""
        ...

    def has_document(self, doc_id: str) -> bool:
        """Return True if a document with ``doc_id`` is stored."""
        ...

    def store_document(self, document: Document, mentions: list[EventMention], run_id: int | None, who: str) -> str:
        """Store a document with its mentions in one transaction; return "stored" or "unchanged"."""
        ...

    def get_document(self, doc_id: str) -> Document:
        """Return one document; raise NotFoundError if there is none."""
        ...

    def list_documents(self, limit: int = 100, offset: int = 0) -> list[Document]:
        """Return documents, most recently stored first."""
        ...

    def list_mentions(self, doc_id: str | None = None) -> list[EventMention]:
        """Return the mentions of one document (in document order), or all mentions."""
        ...

    def list_events(self, filters: EventFilter) -> list[Event]:
        """Return canonical events matching ``filters``, each with its source reports."""
        ...

    def get_event(self, event_id: str) -> Event:
        """Return one canonical event with its sources; raise NotFoundError if there is none."""
        ...

    def stats(self) -> StoreStats:
        """Return counts over the store and the last five ingest runs."""
        ...

    def audit_entries(self, entity: str | None = None, entity_id: str | None = None) -> list[AuditEntry]:
        """Return audit entries, oldest first, optionally for one entity kind and id."""
        ...

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
        """Store ``decision`` (if any), run ``compute`` on the stored mentions and persist its result, atomically."""
        ...

    def resolution_input(self) -> ResolutionInput:
        """Return the non-aggregate mentions (resolved, with their events, and new) and the decisions."""
        ...

    def list_decisions(self) -> list[DecisionEntry]:
        """Return the stored analyst decisions, oldest first."""
        ...

    def merge_explanations(self, event_id: str) -> list[Any]:
        """Return the merge explanations of pairs with a mention in ``event_id``, best score first."""
        ...

    def store_reference(self, places: list[Place], actors: list[Actor]) -> bool:
        """Copy the data packs' places and actors into the places and actors tables (if not whole)."""
        ...

    def close(self) -> None:
        """Close every connection; the repository cannot be used afterwards."""
        ...

    def __enter__(self) -> "Repository": ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...
