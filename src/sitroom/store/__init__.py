"""sitroom store stage: the event store behind one Repository interface.

Use ``open_repository(path)`` and the methods of ``Repository``; SQL stays in this package.
"""

from __future__ import annotations

from pathlib import Path

from sitroom.store.dialect import SQLITE, Database, is_postgres_url
from sitroom.store.filters import EventFilter
from sitroom.store.records import (
    AuditEntry, DecisionEntry, IngestRun, ResolutionChanges, ResolutionInput, StoredExplanation, StoredMention, StoreStats,
)  # fmt: skip
from sitroom.store.publish_reads import PublishReads
from sitroom.store.repository import Repository

__all__ = [
    "AuditEntry", "DecisionEntry", "EventFilter", "IngestRun", "PublishReads", "Repository", "ResolutionChanges",
    "ResolutionInput", "StoredExplanation", "StoredMention", "StoreStats", "connect_database", "open_repository",
]  # fmt: skip



def open_repository(db_path: Path | str) -> Repository:
    """Open (creating and migrating if needed) the store at ``db_path``; use it as a context manager.

    ``db_path`` is a SQLite file path, ":memory:", or a PostgreSQL URL
    (``postgresql://user:password@host:port/database``; needs the ``postgres`` extra).
    Raises StoreError if it cannot be opened.
    """
    # Backends are imported here so `import sitroom.store` stays light.
    if is_postgres_url(db_path):
        from sitroom.store.postgres import PostgresRepository

        return PostgresRepository(str(db_path))
    from sitroom.store.sqlite import SqliteRepository

    return SqliteRepository(db_path)


def connect_database(db_path: Path | str) -> Database:
    """Return a bare connection (``Database``, autocommit) to a SQLite path or PostgreSQL URL.

    For tools and tests that read tables directly (``sitroom migrate-db``); nothing is migrated.
    """
    if is_postgres_url(db_path):
        from sitroom.store.postgres import connect_postgres

        return connect_postgres(str(db_path))
    from sitroom.store.connection import connect

    return Database(connect(db_path), SQLITE, str(db_path))
