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
from typing import Any

from sitroom.errors import StoreError
from sitroom.store.dialect import POSTGRES, SQLITE, Database, postgres_ddl, wrap

MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+?)(?:\.(sqlite|postgres))?\.sql$")
BACKENDS = (SQLITE, POSTGRES)
MIGRATION_LOCK_KEY = 7_461_230_100  # pg_advisory_xact_lock key: one migrating process at a time

_CREATE_LEDGER = (
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
)


@dataclass(frozen=True, slots=True)
class Migration:
    """One numbered migration: its version, file name, portable script and backend-specific scripts.

    ``sql`` (from ``NNNN_name.sql``) runs on every backend, on PostgreSQL after ``postgres_ddl``;
    ``sqlite_sql`` / ``postgres_sql`` (from ``NNNN_name.sqlite.sql`` / ``.postgres.sql``) replace
    it on their backend.
    """

    version: int
    name: str
    sql: str | None
    sqlite_sql: str | None = None
    postgres_sql: str | None = None

    def script_for(self, dialect: str) -> str:
        """Return the script this migration runs on ``dialect``; StoreError if it has none."""
        own = self.sqlite_sql if dialect == SQLITE else self.postgres_sql
        if own is not None:
            return own
        if self.sql is None:
            raise StoreError(f"migration {self.name} has no script for {dialect}; add {self.name[:-4]}.{dialect}.sql")
        return postgres_ddl(self.sql) if dialect == POSTGRES else self.sql


def load_migrations(directory: Path | None = None) -> list[Migration]:
    """Read ``NNNN_name.sql`` (and ``NNNN_name.sqlite.sql`` / ``.postgres.sql``) files, sorted by number.

    Raises StoreError for a misnamed file, two files of one kind with the same number, files of one
    number with different names, or a backend-specific script without its other backend's.
    """
    if directory is None:
        files = [entry for entry in resources.files("sitroom.store").joinpath("migrations").iterdir()]
    else:
        files = list(Path(directory).iterdir())
    found: dict[int, dict[str, Any]] = {}
    for entry in sorted(files, key=lambda item: item.name):
        if not entry.name.endswith(".sql"):
            continue
        match = MIGRATION_NAME.match(entry.name)
        if match is None:
            raise StoreError(f"migration file {entry.name!r} must be named NNNN_name.sql (e.g. 0003_add_x.sql)")
        version, kind = int(match.group(1)), match.group(3) or "portable"
        slot = found.setdefault(version, {"name": f"{match.group(1)}_{match.group(2)}.sql"})
        if kind in slot:
            raise StoreError(f"two migrations share number {version:04d}: {slot['file_' + kind]}, {entry.name}")
        if slot["name"] != f"{match.group(1)}_{match.group(2)}.sql":
            raise StoreError(f"migration files of number {version:04d} must share one name: {slot['name']}, {entry.name}")
        slot[kind], slot["file_" + kind] = entry.read_text(encoding="utf-8"), entry.name
    return [_migration(version, found[version]) for version in sorted(found)]


def _migration(version: int, slot: dict[str, Any]) -> Migration:
    portable = slot.get("portable")
    if portable is None and not all(backend in slot for backend in BACKENDS):
        raise StoreError(
            f"migration {slot['name']} has a script for one backend only; add the portable "
            f"{slot['name']} or both .sqlite.sql and .postgres.sql"
        )
    return Migration(version, slot["name"], portable, slot.get(SQLITE), slot.get(POSTGRES))


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


def applied_versions(connection: Any) -> list[int]:
    """Return the migration versions recorded in ``schema_migrations``, ascending."""
    database = wrap(connection)
    database.execute(_CREATE_LEDGER)
    rows = database.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    return [row[0] for row in rows]


def apply_migrations(connection: Any, migrations: list[Migration] | None = None) -> list[int]:
    """Apply every migration not yet recorded, in order; return the versions applied now.

    ``connection`` (a sqlite3 connection or a Database) must be in autocommit mode. Raises
    StoreError if the database records a version this code does not know (a newer sitroom
    made it) or if a migration fails; the failed migration is rolled back.
    """
    database = wrap(connection)
    migrations = load_migrations() if migrations is None else migrations
    known = {migration.version for migration in migrations}
    done = applied_versions(database)
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
        if _apply_one(database, migration):
            applied.append(migration.version)
    return applied


def _errors(database: Database) -> tuple[type[BaseException], ...]:
    if database.is_postgres:
        import psycopg

        return (psycopg.Error,)
    return (sqlite3.Error,)


def _apply_one(database: Database, migration: Migration) -> bool:
    """Run one migration and record it, all in one transaction; False if another process just did."""
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    script = migration.script_for(database.dialect)
    try:
        if database.is_postgres:
            database.execute("BEGIN")
            database.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK_KEY,))
            if database.execute("SELECT 1 FROM schema_migrations WHERE version = ?", (migration.version,)).fetchone():
                database.execute("COMMIT")
                return False
            database.execute(script)  # psycopg runs a parameterless script of many statements at once
        else:
            database.execute("BEGIN IMMEDIATE")
            for statement in split_statements(script):
                database.execute(statement)
        database.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            (migration.version, migration.name, now),
        )
        database.execute("COMMIT")
    except _errors(database) as error:
        if database.in_transaction:
            database.execute("ROLLBACK")
        raise StoreError(f"migration {migration.name} failed: {error}; the database was left unchanged") from error
    return True
