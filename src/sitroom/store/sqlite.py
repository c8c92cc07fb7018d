"""The SQLite backend: one file (or ``:memory:``), WAL, one writer at a time (BEGIN IMMEDIATE)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sitroom.errors import StoreError
from sitroom.store.connection import connect, is_memory_path
from sitroom.store.dialect import SQLITE, Database
from sitroom.store.sql_repository import SqlRepository


class SqliteBackend:
    """Connections and transactions of one SQLite database file."""

    errors = (sqlite3.Error,)

    def __init__(self, db_path: Path | str) -> None:
        self.db_path = db_path
        self.location = db_path
        self.label = str(db_path)
        self.shared_writer = is_memory_path(db_path)
        if not self.shared_writer and not Path(db_path).parent.exists():
            raise StoreError(f"{db_path}: directory {Path(db_path).parent} does not exist; create it first")

    def connect(self) -> Database:
        return Database(connect(self.db_path), SQLITE, self.label)

    def begin_write(self, database: Database) -> None:
        database.execute("BEGIN IMMEDIATE")

    def begin_read(self, database: Database) -> None:
        database.execute("BEGIN")


class SqliteRepository(SqlRepository):
    """Repository backed by one SQLite file (or ``:memory:`` for throwaway use)."""

    def __init__(self, db_path: Path | str) -> None:
        """Open (creating if needed) and migrate the database at ``db_path``.

        Raises StoreError if the file cannot be opened or migrated.
        """
        super().__init__(SqliteBackend(db_path))
