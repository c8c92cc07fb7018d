"""Store many documents of one input in few transactions, falling back to one at a time on failure.

A transaction per document makes ingest pay one commit (an fsync, a read-model refresh) per
document: on SQLite and PostgreSQL that is most of the time spent. ``store_documents`` writes up
to ``BATCH_SIZE`` documents, their run items and their evidence links in one transaction. If
anything in a batch fails, the batch is rolled back and its documents are written again one per
transaction, so one bad document fails alone with its reason and never takes the others with it.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from sitroom.errors import SitroomError
from sitroom.store import rows
from sitroom.store.dialect import Database
from sitroom.store.evidence import link_document
from sitroom.store.records import DocumentOutcome, DocumentToStore
from sitroom.store.writes import DocumentWriter

BATCH_SIZE = 64  # documents per transaction: past ~50 the commit's share of the time is small


def _chunks(items: Sequence[DocumentToStore], size: int) -> Iterable[Sequence[DocumentToStore]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def write_one(connection: Database, item: DocumentToStore, run_id: int | None, who: str) -> DocumentOutcome:
    """Write one document with its run item and evidence link inside the caller's transaction."""
    document = item.document
    status = "unchanged" if item.unchanged else DocumentWriter(connection, who, run_id).write(document, item.mentions)
    if run_id is not None:
        connection.execute(
            "INSERT INTO ingest_items (run_id, source, status, reason, doc_id, at) VALUES (?, ?, ?, NULL, ?, ?)",
            (run_id, item.source, status, document.doc_id, rows.utc_now()),
        )
    if item.evidence_source_id is not None:
        link_document(connection, document.doc_id, item.evidence_source_id)
    return DocumentOutcome(document.doc_id, item.source, status, None, len(item.mentions) if status == "stored" else 0)


def failure_reason(item: DocumentToStore, error: Exception) -> str:
    """Say why one document could not be stored (a bug's type is named, so it can be reported)."""
    if isinstance(error, SitroomError):
        return str(error)
    return f"internal error while processing {item.document.doc_id}: {type(error).__name__}: {error}"


class DocumentBatches:
    """Repository method storing documents in batches (needs the repository's ``_transaction``)."""

    def store_documents(self, items: Sequence[DocumentToStore], run_id: int | None, who: str,
                        batch_size: int = BATCH_SIZE) -> list[DocumentOutcome]:  # fmt: skip
        """Store ``items`` (documents of one input) ``batch_size`` per transaction; return one outcome each.

        Each stored or unchanged document gets its run item (when ``run_id`` is given) and its
        evidence link in the same transaction. A batch that fails is rolled back and written again
        one document per transaction; a document that still fails gets a "failed" outcome with the
        reason (no run item: the caller reports it) and nothing of it is written.
        """
        outcomes: list[DocumentOutcome] = []
        for chunk in _chunks(items, max(1, batch_size)):
            if len(chunk) == 1:
                outcomes.append(self._store_alone(chunk[0], run_id, who))
                continue
            try:
                with self._transaction() as connection:  # type: ignore[attr-defined]
                    outcomes += [write_one(connection, item, run_id, who) for item in chunk]
            except Exception:  # noqa: BLE001 - which document failed is found by writing them one at a time
                outcomes += [self._store_alone(item, run_id, who) for item in chunk]
        return outcomes

    def _store_alone(self, item: DocumentToStore, run_id: int | None, who: str) -> DocumentOutcome:
        try:
            with self._transaction() as connection:  # type: ignore[attr-defined]
                return write_one(connection, item, run_id, who)
        except Exception as error:  # noqa: BLE001 - one document's failure is reported, the others go on
            return DocumentOutcome(item.document.doc_id, item.source, "failed", failure_reason(item, error))
