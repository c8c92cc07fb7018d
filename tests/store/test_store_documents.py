"""Storing documents: stored/unchanged/update, mention ids, round-trips, audit, rollback."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from store_builders import make_document, make_mention, query_all

from sitroom.errors import NotFoundError, StoreError
from sitroom.models import Claim, SourceKind, Stance
from sitroom.store import EventFilter, open_repository
from sitroom.store.writes import provisional_event_id


def _count(location, table: str) -> int:
    return query_all(location, f"SELECT COUNT(*) FROM {table}")[0][0]


def test_document_and_mentions_round_trip(repo) -> None:
    document = make_document(source_kind=SourceKind.CLAIM, language="fa", title="بیانیه")
    mention = make_mention()
    assert repo.store_document(document, [mention], None, "analyst") == "stored"
    assert repo.get_document("doc-1") == document
    stored = repo.list_mentions("doc-1")
    assert len(stored) == 1
    assert stored[0].mention_id == "doc-1#m0"  # assigned because none was given
    expected = make_mention()
    expected.mention_id = "doc-1#m0"
    assert stored[0] == expected
    assert stored[0].claim.stance is Stance.CLAIMED
    assert repo.has_document("doc-1") and not repo.has_document("doc-2")


def test_same_raw_hash_is_unchanged_and_writes_nothing(repo) -> None:
    repo.store_document(make_document(), [make_mention()], None, "analyst")
    audit_count = len(repo.audit_entries())
    assert repo.store_document(make_document(), [make_mention(fatalities=9)], None, "analyst") == "unchanged"
    assert len(repo.audit_entries()) == audit_count
    assert repo.list_mentions("doc-1")[0].fatalities == 5


def test_changed_content_updates_with_before_and_after_audit(repo) -> None:
    repo.store_document(make_document(), [make_mention(), make_mention(event_type="Riots")], None, "first")
    changed = make_document(text="Clash in Panjshir, 7 killed.")
    assert repo.store_document(changed, [make_mention(fatalities=7)], None, "second") == "stored"
    assert repo.get_document("doc-1").text == "Clash in Panjshir, 7 killed."
    assert [m.fatalities for m in repo.list_mentions("doc-1")] == [7]
    document_updates = [e for e in repo.audit_entries("document", "doc-1") if e.action == "update"]
    assert len(document_updates) == 1
    assert document_updates[0].who == "second"
    assert document_updates[0].before["text"] == "Clash in Panjshir."
    assert document_updates[0].after["text"] == "Clash in Panjshir, 7 killed."
    event = repo.get_event(provisional_event_id("doc-1#m0"))
    assert event.fatalities_best == 7
    # The second mention disappeared, so did its provisional event.
    with pytest.raises(NotFoundError):
        repo.get_event(provisional_event_id("doc-1#m1"))
    deleted = {(e.entity, e.entity_id) for e in repo.audit_entries() if e.action == "delete"}
    assert deleted == {("mention", "doc-1#m1"), ("event", provisional_event_id("doc-1#m1"))}


def test_every_created_row_is_audited_in_the_same_write(repo) -> None:
    run_id = repo.begin_run("ingest", ["reports/"], "analyst")
    repo.store_document(make_document(), [make_mention(), make_mention(is_aggregate=True)], run_id, "analyst")
    created = {(e.entity, e.entity_id) for e in repo.audit_entries() if e.action == "create"}
    assert created == {
        ("document", "doc-1"),
        ("mention", "doc-1#m0"),
        ("mention", "doc-1#m1"),
        ("event", provisional_event_id("doc-1#m0")),
    }
    entry = repo.audit_entries("document", "doc-1")[0]
    assert entry.before is None and entry.after["raw_sha256"] == make_document().raw_sha256
    assert entry.why == f"ingest run {run_id}"
    assert isinstance(entry.at, dt.datetime)


def test_provisional_events_follow_mentions(repo) -> None:
    mentions = [
        make_mention(mention_id="m-claim"),
        make_mention(mention_id="m-denied", claim=Claim(Stance.DENIED, "Taliban"), fatalities=0),
        make_mention(mention_id="m-aggregate", is_aggregate=True),
    ]
    repo.store_document(make_document(publisher="NRF Telegram"), mentions, None, "analyst")
    events = {event.event_id: event for event in repo.list_events(EventFilter())}
    assert set(events) == {provisional_event_id("m-claim"), provisional_event_id("m-denied")}
    claimed = events[provisional_event_id("m-claim")]
    assert claimed.status == "claimed"
    assert (claimed.fatalities_low, claimed.fatalities_best, claimed.fatalities_high) == (5, 5, 5)
    assert claimed.coded.mention_id == "m-claim" and claimed.coded.doc_id == "doc-1"
    assert [s.publisher for s in claimed.sources] == ["NRF Telegram"]
    assert claimed.sources[0].stance is Stance.CLAIMED
    assert events[provisional_event_id("m-denied")].status == "reported"
    claims = query_all(repo.db_path, 'SELECT mention_id, stance, "by", event_id FROM claims ORDER BY mention_id')
    assert claims == [
        ("m-aggregate", "claimed", "NRF", None),
        ("m-claim", "claimed", "NRF", provisional_event_id("m-claim")),
        ("m-denied", "denied", "Taliban", provisional_event_id("m-denied")),
    ]


def test_constraint_violation_rolls_back_the_whole_document(repo) -> None:
    bad = make_mention(time_precision=7)  # violates CHECK (time_precision BETWEEN 1 AND 3)
    with pytest.raises(StoreError, match="rolled back"):
        repo.store_document(make_document(), [make_mention(), bad], None, "analyst")
    for table in ("documents", "mentions", "events", "event_sources", "claims", "audit_log"):
        assert _count(repo.db_path, table) == 0, table
    # The repository stays usable after the rollback.
    assert repo.store_document(make_document(), [make_mention()], None, "analyst") == "stored"


def test_mention_id_taken_by_another_document_rolls_back(repo) -> None:
    repo.store_document(make_document("doc-a", "A"), [make_mention("doc-a", mention_id="shared")], None, "x")
    with pytest.raises(StoreError):
        repo.store_document(make_document("doc-b", "B"), [make_mention("doc-b", mention_id="shared")], None, "x")
    assert not repo.has_document("doc-b")
    assert _count(repo.db_path, "documents") == 1


def test_mention_of_another_document_is_refused(repo) -> None:
    with pytest.raises(StoreError, match="belongs to"):
        repo.store_document(make_document(), [make_mention("other-doc")], None, "analyst")
    assert not repo.has_document("doc-1")


def test_kill_mid_document_leaves_previous_documents_intact(db_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import os, sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from store_builders import make_document, make_mention
        from sitroom.store import open_repository
        from sitroom.store import writes
        repo = open_repository({str(db_path)!r})
        repo.store_document(make_document("doc-1", "one"), [make_mention("doc-1")], None, "x")
        # Die abruptly after the second document's rows are written but before COMMIT.
        writes.DocumentWriter._write_claim = lambda *args: os._exit(9)
        repo.store_document(make_document("doc-2", "two"), [make_mention("doc-2")], None, "x")
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 9, result.stderr
    with open_repository(db_path) as repo:
        assert [d.doc_id for d in repo.list_documents()] == ["doc-1"]
        assert [m.doc_id for m in repo.list_mentions()] == ["doc-1"]
        assert {e.entity_id for e in repo.audit_entries("document")} == {"doc-1"}
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


def test_find_document_by_hash(repo) -> None:
    document = make_document(raw_sha256="raw-1", text_sha256="text-1")
    repo.store_document(document, [], None, "analyst")
    assert repo.find_document_by_hash("raw-1") == "doc-1"
    assert repo.find_document_by_hash("raw-other", "text-1") == "doc-1"
    assert repo.find_document_by_hash("raw-other") is None


def test_get_missing_records_raise_not_found(repo) -> None:
    with pytest.raises(NotFoundError):
        repo.get_document("nope")
    with pytest.raises(NotFoundError):
        repo.get_event("nope")


def test_list_documents_pages_newest_first(repo) -> None:
    for index in range(3):
        repo.store_document(make_document(f"doc-{index}", f"text {index}"), [], None, "analyst")
    assert [d.doc_id for d in repo.list_documents(limit=2)] == ["doc-2", "doc-1"]
    assert [d.doc_id for d in repo.list_documents(limit=2, offset=2)] == ["doc-0"]


def test_who_is_required(repo) -> None:
    with pytest.raises(StoreError, match="who"):
        repo.store_document(make_document(), [], None, " ")


def test_closed_repository_refuses_use(db_path: Path) -> None:
    repo = open_repository(db_path)
    repo.close()
    with pytest.raises(StoreError, match="closed"):
        repo.has_document("doc-1")


def test_in_memory_repository_works() -> None:
    with open_repository(":memory:") as repo:
        repo.store_document(make_document(), [make_mention()], None, "analyst")
        assert len(repo.list_events(EventFilter())) == 1


def test_released_figure_round_trips(repo) -> None:
    mention = make_mention(released=7)
    repo.store_document(make_document(), [mention], None, "analyst")
    assert repo.list_mentions("doc-1")[0].released == 7
