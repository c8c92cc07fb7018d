"""`sitroom migrate-db`: a SQLite store copied into PostgreSQL loses nothing."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from sitroom.cli.main import app
from sitroom.config import Settings
from sitroom.ingest.demo import demo_corpus_files
from sitroom.pipeline import Pipeline
from sitroom.resolve import Merge, resolve_store
from sitroom.store import EventFilter, connect_database, open_repository
from sitroom.store.api_records import EventQuery
from tests.conftest import new_database

FTS5_TABLES = ("events_fts", "documents_fts", "event_keys", "document_keys")  # SQLite's search index


def _filled_sqlite(path: str) -> None:
    """The demo corpus ingested and resolved, plus an analyst's merge decision."""
    settings = Settings(db_path=path, analyst="tester")
    with open_repository(path) as repository:
        Pipeline.from_config(settings).ingest(demo_corpus_files(), repository)
        two = [event.event_id for event in repository.list_events(EventFilter(limit=2))]
        resolve_store(repository, who="ana", why="same incident", decision=Merge(who="ana", why="same incident",
                                                                                  event_ids=tuple(two)))  # fmt: skip


def _table_contents(location: str, tables: list[str]) -> dict[str, list[tuple]]:
    database = connect_database(location)
    try:
        found = {}
        for table in tables:
            columns = ", ".join(f'"{name}"' for name in database.column_names(table))
            found[table] = sorted(tuple(row) for row in database.execute(f"SELECT {columns} FROM {table}").fetchall())
        return found
    finally:
        database.close()


@pytest.fixture(scope="module")
def copied(request, tmp_path_factory):
    source = new_database(request, "sqlite", tmp_path_factory.mktemp("copy"))
    _filled_sqlite(source)
    destination = new_database(request, "postgres", tmp_path_factory.mktemp("unused"))
    result = CliRunner().invoke(app, ["migrate-db", source, destination])
    assert result.exit_code == 0, result.output
    return source, destination, result


def test_every_table_is_copied_with_equal_content(copied) -> None:
    source, destination, result = copied
    database = connect_database(source)
    tables = [name for name in database.table_names() if not name.startswith(FTS5_TABLES) and name != "schema_migrations"]
    database.close()
    before, after = _table_contents(source, tables), _table_contents(destination, tables)
    assert {table: len(rows) for table, rows in after.items()} == {table: len(rows) for table, rows in before.items()}
    for table in tables:
        assert after[table] == before[table], table
    # The output names each copied table with its row count.
    printed = dict(line.split("\t") for line in result.stdout.splitlines())
    assert int(printed["documents"]) == len(before["documents"]) > 10
    assert int(printed["audit_log"]) == len(before["audit_log"]) and int(printed["decisions"]) == 1


def test_copied_store_answers_like_the_source(copied) -> None:
    source, destination, _ = copied
    with open_repository(source) as old, open_repository(destination) as new:
        for query in (EventQuery(limit=None), EventQuery(q="Panjshir", limit=None), EventQuery(q="kill*", limit=None),
                      EventQuery(actor_contains="taliban", limit=None)):  # fmt: skip
            expected = [e.event_id for e in old.query_events(query).events]
            assert [e.event_id for e in new.query_events(query).events] == expected and expected, query
        assert new.store_summary() == old.store_summary()
        assert new.list_decisions() == old.list_decisions()
        # Identity counters moved past the copied ids: a new run gets the next id.
        last = max(run.run_id for run in old.stats().recent_runs)
        assert new.begin_run("ingest", [], "tester") == last + 1


def test_a_store_that_is_not_empty_is_refused(copied) -> None:
    source, destination, _ = copied
    result = CliRunner().invoke(app, ["migrate-db", source, destination])
    assert result.exit_code == 2 and "not empty" in result.output
