"""WAL: readers are not blocked by an open write transaction."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from store_builders import make_document, make_mention

from sitroom.store import open_repository
from sitroom.store import writes


def test_database_is_in_wal_mode_with_foreign_keys(sqlite_repo, db_path: Path) -> None:
    repo = sqlite_repo
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert repo._writer.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert repo._writer.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def test_reader_thread_reads_while_another_connection_holds_a_write(sqlite_repo, db_path: Path) -> None:
    repo = sqlite_repo
    repo.store_document(make_document("doc-1", "one"), [], None, "x")
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE documents SET title = 'uncommitted' WHERE doc_id = 'doc-1'")
    seen: list[object] = []
    reader = threading.Thread(target=lambda: seen.append(repo.get_document("doc-1").title))
    reader.start()
    reader.join(timeout=5)
    writer.execute("ROLLBACK")
    writer.close()
    assert not reader.is_alive()
    assert seen == [None]  # the committed snapshot, not the open transaction's change


def test_repository_reads_in_parallel_with_its_own_open_write(repo) -> None:
    repo.store_document(make_document("doc-1", "one"), [make_mention("doc-1")], None, "x")
    inside_write, release = threading.Event(), threading.Event()
    original = writes.DocumentWriter._write_claim

    def slow_claim(self, *args):  # holds the write transaction open until released
        inside_write.set()
        release.wait(timeout=10)
        return original(self, *args)

    writes.DocumentWriter._write_claim = slow_claim
    try:
        writer = threading.Thread(
            target=repo.store_document, args=(make_document("doc-2", "two"), [make_mention("doc-2")], None, "x")
        )
        writer.start()
        assert inside_write.wait(timeout=10)
        # Read from this thread while the write transaction is open in the other one.
        assert [d.doc_id for d in repo.list_documents()] == ["doc-1"]
        with open_repository(repo.db_path) as second:  # a second process-like reader
            assert second.has_document("doc-1") and not second.has_document("doc-2")
    finally:
        release.set()
        writes.DocumentWriter._write_claim = original
    writer.join(timeout=10)
    assert sorted(d.doc_id for d in repo.list_documents()) == ["doc-1", "doc-2"]
