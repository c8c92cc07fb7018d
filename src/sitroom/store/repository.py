"""The store's interface: what callers may ask of any backend (SQLite now, PostgreSQL later).

Callers (ingest, API, CLI) depend on this Protocol only and get an instance from
``sitroom.store.open_repository``; no SQL leaves the store package.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any, Callable, Protocol, Sequence, runtime_checkable

from sitroom.models import Actor, Document, Event, EventMention, Place
from sitroom.store.filters import EventFilter
from sitroom.store.review_records import (
    Account, EventVersion, FieldCorrection, ReviewChange, ReviewEventRow, ReviewHold, ReviewScore, ReviewState,
)  # fmt: skip
from sitroom.store.records import (
    AuditEntry, DecisionEntry, DocumentOutcome, DocumentToStore, IngestRun, ResolutionChanges, ResolutionInput,
    StoredExplanation, StoreStats,
)  # fmt: skip


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

    def store_documents(
        self, items: Sequence[DocumentToStore], run_id: int | None, who: str, batch_size: int = 64
    ) -> list[DocumentOutcome]:
        """Store documents of one input ``batch_size`` per transaction (with run items and evidence links).

        A failing batch is written again one document at a time: one bad document fails alone
        (outcome "failed" with the reason), the others are stored.
        """
        ...

    def get_document(self, doc_id: str) -> Document:
        """Return one document; raise NotFoundError if there is none."""
        ...

    def list_documents(self, limit: int = 100, offset: int = 0) -> list[Document]:
        """Return documents, most recently stored first."""
        ...

    def documents_after(self, doc_id: str | None, limit: int = 100) -> list[Document]:
        """Return up to ``limit`` documents in doc_id order after ``doc_id`` (None: from the first); walks a store by key."""
        ...

    def list_mentions(self, doc_id: str | None = None) -> list[EventMention]:
        """Return the mentions of one document (in document order), or all mentions."""
        ...

    def list_events(self, filters: EventFilter | None = None) -> list[Event]:
        """Return canonical events matching ``filters`` (None: every event), each with its source reports."""
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
        reframe: Callable[[ResolutionInput], ResolutionInput] | None = None,
    ) -> ResolutionChanges:
        """Store ``decision`` (if any), run ``compute`` on the stored mentions and persist its result, atomically.

        ``reframe`` (if given) changes the stored input before ``compute`` sees it and before
        the changes are counted.
        """
        ...

    def resolution_input(self) -> ResolutionInput:
        """Return the non-aggregate mentions (resolved, with their events, and new) and the decisions."""
        ...

    def list_decisions(self) -> list[DecisionEntry]:
        """Return the stored analyst decisions (as records), oldest first."""
        ...

    def merge_explanations(self, event_id: str) -> list[StoredExplanation]:
        """Return the merge explanations of pairs with a mention in ``event_id``, best score first."""
        ...

    # -- accounts and review (store/accounts.py, store/reviews.py) ----------------------

    def create_account(self, username: str, role: str, password_hash: str) -> Account:
        """Store a new account (name case-folded); StoreError if the name is taken or the role unknown."""
        ...

    def find_account(self, username: str) -> Account | None:
        """Return the account of this name, or None."""
        ...

    def account_by_id(self, account_id: int) -> Account | None:
        """Return the account with this id, or None."""
        ...

    def list_accounts(self) -> list[Account]:
        """Return every account, by name."""
        ...

    def count_accounts(self, active_only: bool = True) -> int:
        """Return how many (enabled) accounts exist."""
        ...

    def update_account(
        self, username: str, *, password_hash: str | None = None, disabled: bool | None = None, role: str | None = None
    ) -> Account:
        """Change an account's password, disabled flag or role; its existing sessions stop working."""
        ...

    def record_login_attempt(self, username: str, address: str, succeeded: bool, at: str) -> None:
        """Record one login attempt."""
        ...

    def count_failed_logins(self, since: str, *, username: str | None = None, address: str | None = None) -> int:
        """Return recent failed login attempts for an account (since its last success) or a client address."""
        ...

    def server_secret(self, name: str, make: Callable[[], str]) -> str:
        """Return the stored secret ``name``, creating it with ``make()`` the first time."""
        ...

    def get_review(self, event_id: str) -> ReviewState:
        """Return an event's review state (``suggested``, version 0, when never reviewed)."""
        ...

    def review_states(self, event_ids: list[str]) -> dict[str, ReviewState]:
        """Return the review state of each given event."""
        ...

    def save_review(self, change: ReviewChange) -> ReviewState:
        """Store a review change made on ``change.expected_version``; ConflictError if the event changed since."""
        ...

    def event_versions(self, event_id: str) -> list[EventVersion]:
        """Return an event's review history, oldest first."""
        ...

    def list_corrections(self) -> list[FieldCorrection]:
        """Return the analysts' field corrections in force, oldest first."""
        ...

    def review_rows(self, event_ids: list[str]) -> list[ReviewEventRow]:
        """Return events with their review states and their sources' mentions."""
        ...

    def events_by_review_status(self, statuses: tuple[str, ...], limit: int) -> list[str]:
        """Return up to ``limit`` ids of events in one of the review ``statuses``."""
        ...

    def reviewed_actor_names(self) -> set[str]:
        """Return the actors named by reviewed or finalised events."""
        ...

    def review_holds(self) -> list[ReviewHold]:
        """Return the accepted values of every reviewed, not rejected event (kept over the machine's)."""
        ...

    def reconcile_reviews(self, who: str, why: str, pending: dict[str, dict[str, Any]] | None = None) -> list[str]:
        """Re-key reviews after a resolution; reopen reviewed events with new sources or machine values (``pending``)."""
        ...

    def pending_review_scores(self, limit: int) -> list[tuple[str, int]]:
        """Return up to ``limit`` (event id, note count) of events whose queue score is missing or stale."""
        ...

    def count_pending_review_scores(self) -> int:
        """Return how many events wait to be (re)scored."""
        ...

    def save_review_scores(self, scores: Sequence[ReviewScore], pending: Sequence[tuple[str, int]]) -> None:
        """Store queue scores the review stage computed and forget the pending notes they answer."""
        ...

    def scored_review_queue(self, statuses: Sequence[str], order: str, limit: int) -> list[ReviewScore]:
        """Return the first ``limit`` stored scores of events in ``statuses``, in ``order``, from the indexes."""
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
