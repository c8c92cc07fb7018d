"""Batched ingest: many documents of one input per transaction, one bad document failing alone."""

from __future__ import annotations

import datetime as dt

from store_builders import make_document, make_mention, query_all

from sitroom.store.evidence_records import Acquisition
from sitroom.store.records import DocumentToStore


def _items(count: int, source: str = "inbox/wire.jsonl", link_to: int | None = None) -> list[DocumentToStore]:
    items = []
    for index in range(count):
        doc_id = f"wire-{index:03d}"
        text = f"Report {index}: a clash near a checkpoint in Rokha district, Panjshir."
        items.append(DocumentToStore(make_document(doc_id, text), [make_mention(doc_id, text=text)], source, link_to))
    return items


def _count(location, table: str) -> int:
    return query_all(location, f"SELECT COUNT(*) FROM {table}")[0][0]


def test_a_batch_stores_every_document_with_its_run_item_and_evidence_link(repo) -> None:
    run_id = repo.begin_run("ingest", ["inbox"], "tester")
    source_id, _ = repo.record_acquisition(Acquisition(
        source="inbox/wire.jsonl", sha256="ab" * 32, size=10, method="file",
        retrieved_at=dt.datetime(2024, 5, 3, tzinfo=dt.timezone.utc), tool="sitroom test", operator="tester",
    ))  # fmt: skip
    outcomes = repo.store_documents(_items(150, link_to=source_id), run_id, "tester")
    assert [o.status for o in outcomes] == ["stored"] * 150 and all(o.mentions == 1 for o in outcomes)
    assert _count(repo.db_path, "documents") == 150 and _count(repo.db_path, "events") == 150
    assert [item["status"] for item in repo.run_items(run_id)] == ["stored"] * 150
    assert len(repo.evidence_documents(source_id)) == 150
    again = repo.store_documents(_items(3), run_id, "tester")
    assert [o.status for o in again] == ["unchanged"] * 3


def test_one_bad_document_fails_alone_and_the_others_of_its_batch_are_stored(repo) -> None:
    run_id = repo.begin_run("ingest", ["inbox"], "tester")
    items = _items(70)
    bad = items[40]  # violates CHECK (time_precision BETWEEN 1 AND 3): the whole first batch rolls back
    items[40] = DocumentToStore(bad.document, [make_mention(bad.document.doc_id, time_precision=7)], bad.source)
    duplicate = items[65]  # two mentions with one id: refused by the writer itself
    twice = [make_mention(duplicate.document.doc_id, mention_id="same"), make_mention(duplicate.document.doc_id, mention_id="same")]
    items[65] = DocumentToStore(duplicate.document, twice, duplicate.source)
    outcomes = repo.store_documents(items, run_id, "tester", batch_size=64)
    failed = {o.doc_id: o.reason for o in outcomes if o.status == "failed"}
    assert sorted(failed) == ["wire-040", "wire-065"]
    assert "rolled back" in failed["wire-040"] and "two mentions with id 'same'" in failed["wire-065"]
    assert sum(o.status == "stored" for o in outcomes) == 68
    stored = {row[0] for row in query_all(repo.db_path, "SELECT doc_id FROM documents")}
    assert len(stored) == 68 and not {"wire-040", "wire-065"} & stored
    assert _count(repo.db_path, "mentions") == 68
    # The failed documents get no run item from the store (the caller reports them); nothing is counted twice.
    assert len(repo.run_items(run_id)) == 68
