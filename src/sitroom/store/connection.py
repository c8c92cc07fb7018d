"""Open SQLite connections with sitroom's settings: WAL, busy timeout, foreign keys."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sitroom.errors import StoreError

BUSY_TIMEOUT_MS = 10_000  # how long a writer waits for another writer before failing
# SQLite's page cache per connection, in KiB (a negative cache_size): the default 2 MiB makes a
# resolution over a store of a million mentions re-read its indexes from disk on every look-up.
CACHE_KIB = 64 * 1024


def is_memory_path(db_path: Path | str) -> bool:
    """Return True if ``db_path`` names an in-memory database."""
    return str(db_path) in (":memory:", "")


def connect(db_path: Path | str) -> sqlite3.Connection:
    """Return an autocommit connection to ``db_path`` with WAL, busy_timeout, foreign keys and a 64 MiB cache.

    Transactions are opened explicitly (BEGIN IMMEDIATE for writes). The connection
    may be used from another thread than the one that made it, one thread at a time.
    Raises StoreError if the file cannot be opened.
    """
    try:
        connection = sqlite3.connect(
            str(db_path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
        )
        connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute(f"PRAGMA cache_size = {-CACHE_KIB}")
        if not is_memory_path(db_path):
            mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"{db_path}: could not switch to WAL journal mode (got {mode!r})")
            # NORMAL is durable across application crashes in WAL mode, and much faster.
            connection.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.Error as error:
        raise StoreError(f"{db_path}: cannot open the database ({error}); check the path and permissions") from error
    connection.row_factory = sqlite3.Row
    return connection
