"""Migrations: ordered, recorded, idempotent; older databases are brought up to date."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sitroom.errors import StoreError
from sitroom.store import open_repository
from sitroom.store.connection import connect
from store_builders import make_document, make_mention
from sitroom.store.migrate import apply_migrations, applied_versions, load_migrations, split_statements

EXPECTED_TABLES = {
    "documents", "mentions", "events", "event_sources", "actors", "places", "claims",
    "ingest_runs", "ingest_items", "audit_log", "schema_migrations",
}  # fmt: skip


def test_packaged_migrations_are_numbered_in_order() -> None:
    migrations = load_migrations()
    versions = [migration.version for migration in migrations]
    assert versions == sorted(versions)
    assert versions[:2] == [1, 2]
    assert migrations[0].name == "0001_initial.sql"


def test_open_creates_every_table_and_records_migrations(db_path: Path) -> None:
    open_repository(db_path).close()
    with sqlite3.connect(db_path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        recorded = [row[0] for row in connection.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert EXPECTED_TABLES <= tables
    assert recorded == [migration.version for migration in load_migrations()]


def test_reopening_applies_nothing_twice(db_path: Path) -> None:
    open_repository(db_path).close()
    open_repository(db_path).close()
    connection = connect(db_path)
    assert apply_migrations(connection) == []
    count = connection.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0]
    connection.close()
    assert count == len(load_migrations())


def test_older_database_is_migrated_on_open(db_path: Path) -> None:
    connection = connect(db_path)
    apply_migrations(connection, load_migrations()[:1])
    assert applied_versions(connection) == [1]
    assert connection.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'idx_events_admin1'").fetchone()[0] == 0
    connection.close()
    open_repository(db_path).close()
    connection = connect(db_path)
    assert applied_versions(connection) == [migration.version for migration in load_migrations()]
    assert connection.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'idx_events_admin1'").fetchone()[0] == 1
    connection.close()


def test_custom_migrations_apply_in_numeric_order(tmp_path: Path) -> None:
    folder = tmp_path / "migrations"
    folder.mkdir()
    # Written out of order on purpose: 0010 depends on 0002, which depends on 0001.
    (folder / "0010_third.sql").write_text("INSERT INTO log (step) VALUES ('third');\n")
    (folder / "0001_first.sql").write_text("-- a comment\nCREATE TABLE log (step TEXT);\n")
    (folder / "0002_second.sql").write_text("INSERT INTO log (step) VALUES ('second');\n")
    connection = connect(tmp_path / "custom.db")
    assert apply_migrations(connection, load_migrations(folder)) == [1, 2, 10]
    assert apply_migrations(connection, load_migrations(folder)) == []
    steps = [row[0] for row in connection.execute("SELECT step FROM log ORDER BY rowid")]
    connection.close()
    assert steps == ["second", "third"]


def test_failed_migration_rolls_back_and_is_not_recorded(tmp_path: Path) -> None:
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "0001_ok.sql").write_text("CREATE TABLE a (x INTEGER);\n")
    (folder / "0002_bad.sql").write_text("CREATE TABLE b (x INTEGER);\nINSERT INTO missing VALUES (1);\n")
    connection = connect(tmp_path / "bad.db")
    with pytest.raises(StoreError, match="0002_bad.sql"):
        apply_migrations(connection, load_migrations(folder))
    assert applied_versions(connection) == [1]
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    connection.close()
    assert "b" not in tables


def test_database_from_newer_code_is_refused(db_path: Path) -> None:
    open_repository(db_path).close()
    with sqlite3.connect(db_path) as connection:
        connection.execute("INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', '2030-01-01')")
    with pytest.raises(StoreError, match="does not know"):
        open_repository(db_path)


def test_misnamed_migration_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "1_initial.sql").write_text("SELECT 1;")
    with pytest.raises(StoreError, match="NNNN_name.sql"):
        load_migrations(tmp_path)


def test_split_statements_keeps_trigger_bodies_whole() -> None:
    script = (
        "CREATE TABLE t (x);\n-- comment only\n"
        "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  UPDATE t SET x = 1;\nEND;\n"
    )
    statements = split_statements(script)
    assert len(statements) == 2
    assert "CREATE TRIGGER" in statements[1] and statements[1].endswith("END;")


def test_database_opens_with_plain_sqlite_like_datasette(sqlite_repo, db_path: Path) -> None:
    sqlite_repo.store_document(make_document(), [make_mention()], None, "tester")
    # Datasette opens the file with a bare connection: no pragmas, no custom functions.
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").fetchall():
        connection.execute(f'SELECT * FROM "{name}" LIMIT 1').fetchall()
    kinds = connection.execute("SELECT typeof(published), typeof(metadata) FROM documents").fetchone()
    event_date = connection.execute("SELECT typeof(event_date), event_date FROM events").fetchone()
    connection.close()
    assert kinds == ("text", "text")
    assert event_date == ("text", "2024-05-01")


def test_every_table_and_column_is_documented(db_path: Path) -> None:
    open_repository(db_path).close()
    schema_doc = (Path(__file__).parents[2] / "docs" / "schema.md").read_text(encoding="utf-8")
    with sqlite3.connect(db_path) as connection:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]  # fmt: skip
        missing = [
            f"{table}.{column[1]}"
            for table in tables
            for column in connection.execute(f'PRAGMA table_info("{table}")')
            if column[1] not in schema_doc
        ]
    assert all(f"`{table}`" in schema_doc or f"## {table}" in schema_doc for table in tables)
    assert missing == []
