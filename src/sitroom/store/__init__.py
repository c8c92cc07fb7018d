"""sitroom store stage: the event store behind one Repository interface.

Use ``open_repository(path)`` and the methods of ``Repository``; SQL stays in this package.
"""

from __future__ import annotations

from pathlib import Path

from sitroom.errors import StoreError
from sitroom.store.filters import EventFilter
from sitroom.store.records import AuditEntry, DecisionEntry, IngestRun, ResolutionChanges, ResolutionInput, StoreStats
from sitroom.store.publish_reads import PublishReads
from sitroom.store.repository import Repository

__all__ = [
    "AuditEntry", "DecisionEntry", "EventFilter", "IngestRun", "PublishReads", "Repository", "ResolutionChanges",
    "ResolutionInput", "StoreStats", "open_repository",
]  # fmt: skip

_UNSUPPORTED_SCHEMES = ("postgres://", "postgresql://")


def open_repository(db_path: Path | str) -> Repository:
    """Open (creating and migrating if needed) the store at ``db_path``; use it as a context manager.

    ``db_path`` is a SQLite file path or ":memory:". Raises StoreError if it cannot be opened.
    """
    if str(db_path).startswith(_UNSUPPORTED_SCHEMES):
        raise StoreError(f"{db_path}: PostgreSQL is not supported yet; give a SQLite file path")
    from sitroom.store.sqlite import SqliteRepository  # imported here so `import sitroom.store` stays light

    return SqliteRepository(db_path)
