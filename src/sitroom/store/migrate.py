"""Numbered SQL migrations: load them from .sql files and apply the missing ones in order.

Each migration runs in its own transaction together with the row that records it in
``schema_migrations``, so a crash leaves the database at the previous version.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sitroom.errors import StoreError

# NNNN_name.sql runs on every backend; NNNN_name.sqlite.sql holds SQLite-only parts (FTS5, views
# over them) and is applied by the SQLite store.
MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)(\.sqlite)?\.sql$")

_CREATE_LEDGER = (
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
)


@dataclass(frozen=True, slots=True)
class Migration:
    """One numbered migration: its version, file name and SQL script."""

    version: int
    name: str
    sql: str


def load_migrations(directory: Path | None = None) -> list[Migration]:
    """Read ``NNNN_name.sql`` files from ``directory`` (default: the packaged ones), sorted.

    Raises StoreError for a misnamed file or two files with the same number.
    """
    if directory is None:
        files = [entry for entry in resources.files("sitroom.store").joinpath("migrations").iterdir()]
    else:
        files = list(Path(directory).iterdir())
    migrations: dict[int, Migration] = {}
    for entry in files:
        if not entry.name.endswith(".sql"):
            continue
        match = MIGRATION_NAME.match(entry.name)
        if match is None:
            raise StoreError(f"migration file {entry.name!r} must be named NNNN_name.sql (e.g. 0003_add_x.sql)")
        version = int(match.group(1))
        if version in migrations:
            raise StoreError(f"two migrations share number {version:04d}: {migrations[version].name}, {entry.name}")
        migrations[version] = Migration(version, entry.name, entry.read_text(encoding="utf-8"))
    return [migrations[version] for version in sorted(migrations)]


def split_statements(script: str) -> list[str]:
    """Split an SQL script into complete statements (trigger bodies stay whole)."""
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            if _has_code(pending):
                statements.append(pending.strip())
            pending = ""
    if _has_code(pending):
        raise StoreError(f"migration ends with an incomplete statement: {pending.strip()[:80]!r}")
    return statements


def _has_code(text: str) -> bool:
    """Return True if ``text`` holds anything besides whitespace, ';' and -- comments."""
    code = "\n".join(line.split("--", 1)[0] for line in text.splitlines())
    return code.replace(";", "").strip() != ""


def applied_versions(connection: sqlite3.Connection) -> list[int]:
    """Return the migration versions recorded in ``schema_migrations``, ascending."""
    connection.execute(_CREATE_LEDGER)
    rows = connection.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    return [row[0] for row in rows]


def apply_migrations(connection: sqlite3.Connection, migrations: list[Migration] | None = None) -> list[int]:
    """Apply every migration not yet recorded, in order; return the versions applied now.

    ``connection`` must be in autocommit mode (isolation_level=None). Raises StoreError
    if the database records a version this code does not know (a newer sitroom made it)
    or if a migration fails; the failed migration is rolled back.
    """
    migrations = load_migrations() if migrations is None else migrations
    known = {migration.version for migration in migrations}
    done = applied_versions(connection)
    unknown = [version for version in done if version not in known]
    if unknown:
        raise StoreError(
            f"database has migrations {unknown} that this sitroom does not know; "
            "upgrade sitroom or open a different database"
        )
    applied: list[int] = []
    for migration in migrations:
        if migration.version in done:
            continue
        _apply_one(connection, migration)
        applied.append(migration.version)
    return applied


def _apply_one(connection: sqlite3.Connection, migration: Migration) -> None:
    """Run one migration and record it, all in one transaction."""
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    try:
        connection.execute("BEGIN IMMEDIATE")
        for statement in split_statements(migration.sql):
            connection.execute(statement)
        connection.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            (migration.version, migration.name, now),
        )
        connection.execute("COMMIT")
    except sqlite3.Error as error:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise StoreError(f"migration {migration.name} failed: {error}; the database was left unchanged") from error
