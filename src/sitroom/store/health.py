"""Checks of a SQLite store file from outside a running writer (kill benchmarks, diagnostics).

Both open the file read-only, so checking never changes or migrates it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sitroom.errors import StoreError


def _read_only(db_path: Path | str) -> sqlite3.Connection:
    try:
        return sqlite3.connect(f"file:{Path(db_path).resolve()}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as error:
        raise StoreError(f"{db_path}: cannot open the database read-only ({error})") from error


def integrity_problems(db_path: Path | str) -> list[str]:
    """Return SQLite's integrity_check findings for ``db_path`` (empty when the file is sound)."""
    connection = _read_only(db_path)
    try:
        rows = [row[0] for row in connection.execute("PRAGMA integrity_check").fetchall()]
    except sqlite3.DatabaseError as error:
        return [f"not a readable database: {error}"]
    finally:
        connection.close()
    return [] if rows == ["ok"] else rows


def committed_document_ids(db_path: Path | str) -> set[str]:
    """Return the ids of every document committed to ``db_path`` (empty before the first migration)."""
    connection = _read_only(db_path)
    try:
        return {row[0] for row in connection.execute("SELECT doc_id FROM documents")}
    except sqlite3.OperationalError:
        return set()  # killed before the schema was created
    finally:
        connection.close()
