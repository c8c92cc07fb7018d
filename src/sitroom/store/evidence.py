"""SQL of preserved evidence and watch state, and the repository mixin that runs it.

``SqliteRepository`` inherits ``EvidenceRepositoryMixin``, which uses its ``_transaction()``
and ``_read()``. Every function below takes an open connection and binds values as parameters.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any, Mapping

from sitroom.errors import NotFoundError, StoreError
from sitroom.store.evidence_records import (
    CUSTODY_ACTIONS, Acquisition, CustodyEntry, PreservedSource, WatchedFile, WatchTarget,
)  # fmt: skip
from sitroom.store.rows import to_json, utc_now

_SOURCE_COLUMNS = (
    "source", "sha256", "size", "media_type", "method", "retrieved_at", "tool", "operator", "final_url",
    "http_status", "redirects", "response_headers", "warc_sha256", "file_modified", "run_id",
)  # fmt: skip


def _iso(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.timezone.utc).isoformat() if value else None


def _acquisition_values(acquisition: Acquisition, run_id: int | None) -> tuple[Any, ...]:
    return (
        acquisition.source, acquisition.sha256, acquisition.size, acquisition.media_type, acquisition.method,
        _iso(acquisition.retrieved_at), acquisition.tool, acquisition.operator, acquisition.final_url,
        acquisition.http_status, to_json(acquisition.redirects), to_json(acquisition.response_headers),
        acquisition.warc_sha256, _iso(acquisition.file_modified), run_id,
    )  # fmt: skip


def _row_to_source(row: Mapping[str, Any]) -> PreservedSource:
    acquisition = Acquisition(
        source=row["source"], sha256=row["sha256"], size=row["size"], method=row["method"],
        retrieved_at=dt.datetime.fromisoformat(row["retrieved_at"]), tool=row["tool"], operator=row["operator"],
        media_type=row["media_type"], final_url=row["final_url"], http_status=row["http_status"],
        redirects=json.loads(row["redirects"] or "[]"), response_headers=json.loads(row["response_headers"] or "{}"),
        warc_sha256=row["warc_sha256"],
        file_modified=dt.datetime.fromisoformat(row["file_modified"]) if row["file_modified"] else None,
    )  # fmt: skip
    return PreservedSource(row["id"], acquisition, row["run_id"])


def _custody_detail(acquisition: Acquisition) -> dict[str, Any]:
    return {"sha256": acquisition.sha256, "size": acquisition.size, "method": acquisition.method,
            "retrieved_at": _iso(acquisition.retrieved_at), "tool": acquisition.tool,
            "warc_sha256": acquisition.warc_sha256, "final_url": acquisition.final_url}  # fmt: skip


def insert_custody(connection: sqlite3.Connection, source_id: int, action: str, who: str,
                   detail: dict[str, Any], at: str | None = None) -> None:  # fmt: skip
    """Append one chain-of-custody entry for ``source_id``."""
    if action not in CUSTODY_ACTIONS:
        raise StoreError(f"custody action {action!r} is not one of {', '.join(CUSTODY_ACTIONS)}")
    connection.execute(
        "INSERT INTO custody_log (source_id, at, action, who, detail) VALUES (?, ?, ?, ?, ?)",
        (source_id, at or utc_now(), action, who, to_json(detail)),
    )


def record_acquisition(connection: sqlite3.Connection, acquisition: Acquisition, run_id: int | None) -> tuple[int, bool]:
    """Store an acquisition (or find the same source with the same bytes); log it; return (id, new)."""
    found = connection.execute(
        "SELECT id FROM evidence_sources WHERE source = ? AND sha256 = ?", (acquisition.source, acquisition.sha256)
    ).fetchone()
    if found is not None:
        insert_custody(connection, found["id"], "reacquired", acquisition.operator, _custody_detail(acquisition),
                       _iso(acquisition.retrieved_at))  # fmt: skip
        return int(found["id"]), False
    marks = ", ".join("?" for _ in _SOURCE_COLUMNS)
    row = connection.execute(  # RETURNING (SQLite 3.35+, PostgreSQL) instead of the SQLite-only lastrowid
        f"INSERT INTO evidence_sources ({', '.join(_SOURCE_COLUMNS)}) VALUES ({marks}) RETURNING id",
        _acquisition_values(acquisition, run_id),
    ).fetchone()
    source_id = int(row[0])
    insert_custody(connection, source_id, "acquired", acquisition.operator, _custody_detail(acquisition),
                   _iso(acquisition.retrieved_at))  # fmt: skip
    return source_id, True


def link_document(connection: sqlite3.Connection, doc_id: str, source_id: int) -> None:
    """Record that ``doc_id`` was read from preserved source ``source_id`` (once)."""
    exists = connection.execute(
        "SELECT 1 FROM evidence_documents WHERE doc_id = ? AND source_id = ?", (doc_id, source_id)
    ).fetchone()
    if exists is None:
        connection.execute(
            "INSERT INTO evidence_documents (doc_id, source_id, linked_at) VALUES (?, ?, ?)",
            (doc_id, source_id, utc_now()),
        )


def _row_to_custody(row: Mapping[str, Any]) -> CustodyEntry:
    return CustodyEntry(row["id"], row["source_id"], dt.datetime.fromisoformat(row["at"]), row["action"],
                        row["who"], json.loads(row["detail"] or "{}"))  # fmt: skip


def _row_to_watch_target(row: Mapping[str, Any]) -> WatchTarget:
    return WatchTarget(**{key: row[key] for key in WatchTarget.__slots__})


class EvidenceRepositoryMixin:
    """Repository methods for preserved evidence, custody and watch state (needs _transaction/_read)."""

    def record_acquisition(self, acquisition: Acquisition, run_id: int | None = None) -> tuple[int, bool]:
        """Store one acquisition with its custody entry; return (source id, whether it is new)."""
        with self._transaction() as connection:  # type: ignore[attr-defined]
            return record_acquisition(connection, acquisition, run_id)

    def link_evidence(self, doc_id: str, source_id: int) -> None:
        """Record that document ``doc_id`` was read from preserved source ``source_id``."""
        with self._transaction() as connection:  # type: ignore[attr-defined]
            link_document(connection, doc_id, source_id)

    def record_custody(self, entries: list[tuple[int, str, dict[str, Any]]], who: str) -> None:
        """Append custody entries, each (source id, action, detail), in one transaction."""
        with self._transaction() as connection:  # type: ignore[attr-defined]
            for source_id, action, detail in entries:
                insert_custody(connection, source_id, action, who, detail)

    def evidence_sources(self, doc_id: str | None = None) -> list[PreservedSource]:
        """Return the preserved sources of one document (newest first), or all of them (oldest first)."""
        with self._read() as connection:  # type: ignore[attr-defined]
            if doc_id is None:
                found = connection.execute("SELECT * FROM evidence_sources ORDER BY id").fetchall()
            else:
                found = connection.execute(
                    "SELECT s.* FROM evidence_sources s JOIN evidence_documents l ON l.source_id = s.id"
                    " WHERE l.doc_id = ? ORDER BY s.retrieved_at DESC, s.id DESC", (doc_id,),
                ).fetchall()  # fmt: skip
        return [_row_to_source(row) for row in found]

    def evidence_source(self, source_id: int) -> PreservedSource:
        """Return one preserved source; NotFoundError if there is none."""
        with self._read() as connection:  # type: ignore[attr-defined]
            row = connection.execute("SELECT * FROM evidence_sources WHERE id = ?", (source_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"preserved source {source_id} does not exist")
        return _row_to_source(row)

    def count_documents_without_evidence(self) -> int:
        """Return how many stored documents have no preserved source (stored before preservation, or pushed in)."""
        with self._read() as connection:  # type: ignore[attr-defined]
            return connection.execute(
                "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS"
                " (SELECT 1 FROM evidence_documents l WHERE l.doc_id = d.doc_id)"
            ).fetchone()[0]

    def evidence_documents(self, source_id: int) -> list[str]:
        """Return the ids of the documents read from one preserved source."""
        with self._read() as connection:  # type: ignore[attr-defined]
            found = connection.execute(
                "SELECT doc_id FROM evidence_documents WHERE source_id = ? ORDER BY doc_id", (source_id,)
            ).fetchall()
        return [row["doc_id"] for row in found]

    def custody_entries(self, source_id: int) -> list[CustodyEntry]:
        """Return one source's chain of custody, oldest first."""
        with self._read() as connection:  # type: ignore[attr-defined]
            found = connection.execute(
                "SELECT * FROM custody_log WHERE source_id = ? ORDER BY id", (source_id,)
            ).fetchall()
        return [_row_to_custody(row) for row in found]

    def watch_target(self, target: str) -> WatchTarget | None:
        """Return what the watcher remembers of ``target``, or None."""
        with self._read() as connection:  # type: ignore[attr-defined]
            row = connection.execute("SELECT * FROM watch_targets WHERE target = ?", (target,)).fetchone()
        return _row_to_watch_target(row) if row else None

    def save_watch_target(self, state: WatchTarget) -> None:
        """Insert or replace the watcher's state of one target."""
        values = tuple(getattr(state, key) for key in WatchTarget.__slots__)
        with self._transaction() as connection:  # type: ignore[attr-defined]
            connection.execute("DELETE FROM watch_targets WHERE target = ?", (state.target,))
            connection.execute(
                f"INSERT INTO watch_targets ({', '.join(WatchTarget.__slots__)}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                values,
            )

    def watched_file(self, path: str) -> WatchedFile | None:
        """Return what the watcher remembers of the file at ``path``, or None."""
        with self._read() as connection:  # type: ignore[attr-defined]
            row = connection.execute("SELECT * FROM watch_files WHERE path = ?", (path,)).fetchone()
        if row is None:
            return None
        return WatchedFile(row["path"], row["size"], row["mtime_ns"], row["sha256"], row["status"])

    def save_watched_file(self, state: WatchedFile) -> None:
        """Insert or replace the watcher's record of one file."""
        with self._transaction() as connection:  # type: ignore[attr-defined]
            connection.execute("DELETE FROM watch_files WHERE path = ?", (state.path,))
            connection.execute(
                "INSERT INTO watch_files (path, size, mtime_ns, sha256, seen_at, status) VALUES (?, ?, ?, ?, ?, ?)",
                (state.path, state.size, state.mtime_ns, state.sha256, utc_now(), state.status),
            )
