"""Copy one store into another (SQLite into PostgreSQL) with nothing lost: ``sitroom migrate-db``.

Both stores are first brought to the same migration version. Every table the source holds
(other helpers' tables included) is copied (into PostgreSQL with COPY), parents before children, in one
transaction on the destination; the read model is not copied but rebuilt there from the
copied rows (so it is right by construction, and SQLite's FTS5 tables need no PostgreSQL twin).
Identity counters are moved past the copied ids, so new rows get new ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sitroom.errors import StoreError
from sitroom.store import read_model
from sitroom.store.dialect import Database

BATCH = 1000
SKIPPED_TABLES = ("schema_migrations",)  # each store records its own migrations
REQUIRED_EMPTY = ("documents", "events", "ingest_runs", "decisions")
# Bookkeeping the read model's rebuild would overwrite (it notes every event for rescoring): copied after it.
COPIED_AFTER_REBUILD = ("review_score_pending",)


@dataclass(slots=True)
class CopyReport:
    """What a copy did: rows copied per table, in copy order."""

    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def copied_tables(source: Database, destination: Database) -> list[str]:
    """Return the tables to copy, parents before children; StoreError if the destination lacks one."""
    derived = set(read_model.DERIVED_TABLES)
    tables = [name for name in source.table_names() if name not in derived and name not in SKIPPED_TABLES]
    tables = [name for name in tables if not name.startswith(("events_fts", "documents_fts"))]
    missing = sorted(set(tables) - set(destination.table_names()))
    if missing:
        raise StoreError(f"{destination.label}: has no table {', '.join(missing)}; is it the same sitroom version?")
    return _parents_first(source, tables)


def _parents_first(source: Database, tables: list[str]) -> list[str]:
    """Order ``tables`` so every table comes after the tables its foreign keys name."""
    parents = {table: set(_referenced(source, table)) & set(tables) - {table} for table in tables}
    ordered: list[str] = []
    while parents:
        ready = sorted(table for table, needs in parents.items() if needs <= set(ordered))
        if not ready:
            raise StoreError(f"{source.label}: foreign keys form a cycle among {', '.join(sorted(parents))}")
        ordered += ready
        for table in ready:
            del parents[table]
    return ordered


def _referenced(database: Database, table: str) -> list[str]:
    if database.is_postgres:
        sql = (
            "SELECT DISTINCT ccu.table_name FROM information_schema.table_constraints tc"
            " JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name"
            " WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_name = ?"
        )
        return [row[0] for row in database.execute(sql, (table,)).fetchall()]
    return [row[2] for row in database.execute(f'PRAGMA foreign_key_list("{table}")').fetchall()]


def _check_empty(destination: Database) -> None:
    for table in REQUIRED_EMPTY:
        if destination.has_table(table) and destination.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
            raise StoreError(f"{destination.label}: table {table} is not empty; copy into a new, empty database")


def copy_rows(source: Database, destination: Database, table: str) -> int:
    """Copy every row of ``table`` in batches; return how many were copied."""
    columns = source.column_names(table)
    missing = sorted(set(columns) - set(destination.column_names(table)))
    if missing:
        raise StoreError(f"{destination.label}: table {table} has no column {', '.join(missing)}")
    quoted = ", ".join(f'"{column}"' for column in columns)
    cursor = source.execute(f"SELECT {quoted} FROM {table}")
    if destination.is_postgres:
        return _copy_into_postgres(cursor, destination, table, quoted)
    insert = f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' for _ in columns)})"
    copied = 0
    while batch := cursor.fetchmany(BATCH):
        destination.executemany(insert, [tuple(row) for row in batch])
        copied += len(batch)
    return copied


def _copy_into_postgres(cursor: Any, destination: Database, table: str, quoted: str) -> int:
    """Stream the source rows into ``table`` with PostgreSQL's COPY (many times faster than INSERTs)."""
    copied = 0
    with destination.raw.cursor() as target, target.copy(f"COPY {table} ({quoted}) FROM STDIN") as stream:
        while batch := cursor.fetchmany(BATCH):
            for row in batch:
                stream.write_row(tuple(row))
            copied += len(batch)
    return copied


def _move_identities(destination: Database, tables: list[str]) -> None:
    """Set each identity column's next value past the copied ids (PostgreSQL)."""
    if not destination.is_postgres:
        return
    found = destination.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND is_identity = 'YES'"
    ).fetchall()
    for table, column in found:
        if table in tables:
            destination.execute(
                f"SELECT setval(pg_get_serial_sequence(?, ?), coalesce(MAX({column}), 0) + 1, false) FROM {table}",
                (table, column),
            )


def copy_store(source: Database, destination: Database, begin_write: Any) -> CopyReport:
    """Copy every table of ``source`` into the empty ``destination`` in one transaction.

    ``begin_write(destination)`` opens the destination's write transaction. Both stores must be
    migrated to the same version. On any error nothing is written and StoreError is raised.
    """
    _check_empty(destination)
    tables = copied_tables(source, destination)
    report = CopyReport()
    try:
        begin_write(destination)
        for table in tables:
            if table not in COPIED_AFTER_REBUILD:
                report.rows[table] = copy_rows(source, destination, table)
        _move_identities(destination, tables)
        read_model.rebuild(destination)
        for table in tables:
            if table in COPIED_AFTER_REBUILD:
                destination.execute(f"DELETE FROM {table}")
                report.rows[table] = copy_rows(source, destination, table)
        destination.execute("COMMIT")
    except BaseException as error:
        if destination.in_transaction:
            destination.execute("ROLLBACK")
        if isinstance(error, Exception) and not isinstance(error, StoreError):
            raise StoreError(f"{destination.label}: copy failed and was rolled back: {error}") from error
        raise
    return report


def migrate_database(source: Any, destination: Any) -> CopyReport:
    """Copy the store at ``source`` (a SQLite path or URL) into the new, empty store at ``destination``.

    Both are opened (and so migrated to this sitroom's version) first. Raises StoreError if either
    cannot be opened, the destination is not empty, or the copy fails (then nothing is written).
    """
    from sitroom.store import connect_database, open_repository

    if str(source) == str(destination):
        raise StoreError(f"{source}: source and destination are the same database")
    open_repository(source).close()
    with open_repository(destination) as target:
        backend = target.backend  # type: ignore[attr-defined]
        source_connection = connect_database(source)
        destination_connection = backend.connect()
        try:
            return copy_store(source_connection, destination_connection, backend.begin_write)
        finally:
            source_connection.close()
            destination_connection.close()
