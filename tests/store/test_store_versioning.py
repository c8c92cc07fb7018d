"""Optimistic versioning: of two reviewers editing one row, one wins and the other is told; nothing is lost."""

from __future__ import annotations

import threading
import time

import pytest

from sitroom.errors import NotFoundError, VersionConflictError
from sitroom.store import connect_database, open_repository
from sitroom.store.versioning import current_version, update_if_version

TABLE = (
    "CREATE TABLE review_notes (note_id TEXT PRIMARY KEY, body TEXT NOT NULL,"
    " version INTEGER NOT NULL DEFAULT 1)"
)  # portable SQL, as a module of another stage would write it


@pytest.fixture()
def notes(repo):
    with repo._transaction() as connection:
        connection.execute(TABLE)
        connection.execute("INSERT INTO review_notes (note_id, body) VALUES ('n1', 'first draft')")
    return repo


def _edit(repository, expected: int, body: str) -> int:
    with repository._transaction() as connection:
        return update_if_version(connection, "review_notes", ("note_id", "n1"), expected, {"body": body})


def _body(repository) -> tuple[str, int]:
    with repository._read() as connection:
        row = connection.execute("SELECT body, version FROM review_notes WHERE note_id = 'n1'").fetchone()
    return row[0], row[1]


def test_two_reviewers_who_read_one_version_one_wins_the_other_gets_a_conflict(notes) -> None:
    with open_repository(notes.db_path) as other:
        with notes._read() as connection:
            seen_by_first = current_version(connection, "review_notes", ("note_id", "n1"))
        with other._read() as connection:
            seen_by_second = current_version(connection, "review_notes", ("note_id", "n1"))
        assert seen_by_first == seen_by_second == 1
        assert _edit(notes, seen_by_first, "fatalities 3 -> 7") == 2
        with pytest.raises(VersionConflictError, match=r"now version 2, you edited version 1"):
            _edit(other, seen_by_second, "fatalities 3 -> 5")
        assert _body(other) == ("fatalities 3 -> 7", 2)  # the winner's change is kept, the loser's not applied
        assert _edit(other, 2, "fatalities 3 -> 5 (after reload)") == 3  # reloading and retrying works


def test_a_missing_row_is_not_a_conflict(notes) -> None:
    with notes._transaction() as connection, pytest.raises(NotFoundError):
        update_if_version(connection, "review_notes", ("note_id", "nope"), 1, {"body": "x"})


def _waiting_for_write_lock(url: str) -> bool:
    database = connect_database(url)
    try:
        row = database.execute("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").fetchone()
        return row[0] > 0
    finally:
        database.close()


def test_on_postgresql_a_concurrent_write_waits_then_sees_the_conflict(request, tmp_path) -> None:
    from tests.conftest import new_database

    url = new_database(request, "postgres", tmp_path)
    with open_repository(url) as first, open_repository(url) as second:
        with first._transaction() as connection:
            connection.execute(TABLE)
            connection.execute("INSERT INTO review_notes (note_id, body) VALUES ('n1', 'first draft')")
        release, outcome = threading.Event(), {}

        def first_reviewer() -> None:
            with first._transaction() as connection:
                outcome["first"] = update_if_version(connection, "review_notes", ("note_id", "n1"), 1, {"body": "A"})
                release.wait(timeout=30)  # holds the write transaction open

        def second_reviewer() -> None:
            try:
                outcome["second"] = _edit(second, 1, "B")
            except VersionConflictError as error:
                outcome["second"] = error

        one = threading.Thread(target=first_reviewer)
        one.start()
        while "first" not in outcome:  # the first reviewer has written, not yet committed
            time.sleep(0.01)
        two = threading.Thread(target=second_reviewer)
        two.start()
        deadline = time.monotonic() + 30
        while not _waiting_for_write_lock(url) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert _waiting_for_write_lock(url)  # the second writer waits for the first transaction
        release.set()
        one.join(timeout=30)
        two.join(timeout=30)
        assert outcome["first"] == 2 and isinstance(outcome["second"], VersionConflictError)
        assert _body(second) == ("A", 2)
