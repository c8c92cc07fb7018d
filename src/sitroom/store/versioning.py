"""Optimistic versioning: change a row only if it is still at the version the caller read.

A table opts in with an ``INTEGER NOT NULL DEFAULT 1`` version column (portable SQL). An editor
reads the row and its version, and writes back with ``update_if_version``; if someone else wrote
the row in between, the version moved on and VersionConflictError says so, naming both
versions: one of two concurrent reviewers wins and the other is told, nothing is overwritten.
Writers are serialised (SQLite's BEGIN IMMEDIATE, PostgreSQL's advisory lock), so the check and
the write cannot be interleaved by another writer.
"""

from __future__ import annotations

from typing import Any, Mapping

from sitroom.errors import NotFoundError, VersionConflictError
from sitroom.store.dialect import Database

VERSION_COLUMN = "version"


def update_if_version(
    connection: Database, table: str, key: tuple[str, Any], expected: int, changes: Mapping[str, Any],
    column: str = VERSION_COLUMN,
) -> int:  # fmt: skip
    """Apply ``changes`` to the row of ``table`` whose ``key`` = (column, value) if its version is
    ``expected``; return the new version (``expected + 1``).

    Runs inside a write transaction the caller opened. ``table`` and column names are the store's
    constants, never input. Raises NotFoundError if there is no such row and VersionConflictError
    if it is at another version.
    """
    key_column, key_value = key
    assignments = [f"{name} = ?" for name in changes] + [f"{column} = {column} + 1"]
    cursor = connection.execute(
        f"UPDATE {table} SET {', '.join(assignments)} WHERE {key_column} = ? AND {column} = ?",
        (*changes.values(), key_value, expected),
    )
    if cursor.rowcount == 1:
        return expected + 1
    row = connection.execute(f"SELECT {column} FROM {table} WHERE {key_column} = ?", (key_value,)).fetchone()
    if row is None:
        raise NotFoundError(f"{table} {key_value!r} does not exist")
    raise VersionConflictError(
        f"{table} {key_value!r} was changed by someone else (now version {row[0]}, you edited version {expected});"
        " reload it and apply your change again"
    )


def current_version(connection: Database, table: str, key: tuple[str, Any], column: str = VERSION_COLUMN) -> int:
    """Return the version of one row; NotFoundError if there is none."""
    key_column, key_value = key
    row = connection.execute(f"SELECT {column} FROM {table} WHERE {key_column} = ?", (key_value,)).fetchone()
    if row is None:
        raise NotFoundError(f"{table} {key_value!r} does not exist")
    return int(row[0])
