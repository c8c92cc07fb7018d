"""Corrections survive re-extraction and rebuilds, new sources reopen reviewed events, merge/split, export."""

from __future__ import annotations

import io
import json

import pytest

from sitroom.config import Settings
from sitroom.errors import ConflictError, InputError, PermissionDeniedError
from sitroom.pipeline import Pipeline
from sitroom.resolve.workflow import resolve_store
from sitroom.review.gold_export import gold_records, write_gold_jsonl
from sitroom.review.workflow import Reviewer, merge_for_review, review_event, split_for_review
from sitroom.store.api_records import EventQuery
from tests.review.conftest import single_source_event

RITA, ROB, ANA = Reviewer("rita", "reviewer"), Reviewer("rob", "reviewer"), Reviewer("ana", "analyst")
PLACE = {"admin1": "Baghlan", "admin1_code": "AF-BGL", "admin2": "Andarab", "location": "Andarab", "geo_precision": 2,
         "latitude": 35.6, "longitude": 69.3}  # fmt: skip


def _events(repository):
    return list(repository.iter_events(EventQuery(limit=None)))


def test_corrections_survive_rebuild_and_reingest(repository, review_db):
    event_id = single_source_event(repository)
    review_event(repository, event_id, "correct", reviewer=ANA, version=0, why="NGO report",
                 corrections={**PLACE, "fatalities_low": 3, "fatalities_best": 7, "fatalities_high": 9})  # fmt: skip
    event = repository.get_event(event_id)
    assert (event.coded.admin2, event.coded.geo_precision, event.fatalities_best, event.fatalities_high) == ("Andarab", 2, 7, 9)
    resolve_store(repository, who="tester", why="rebuild", rebuild=True)
    event = repository.get_event(event_id)
    assert (event.coded.admin1_code, event.fatalities_low, event.fatalities_best) == ("AF-BGL", 3, 7)
    # Re-extraction: the document is stored again with other bytes, its mentions rewritten.
    document = repository.get_document(event.coded.doc_id)
    document.raw_sha256 = "0" * 64
    mentions = repository.list_mentions(document.doc_id)
    repository.store_document(document, mentions, None, "re-extract")
    resolve_store(repository, who="tester", why="after re-extraction")
    event = next(e for e in _events(repository) if event.coded.mention_id in {s.mention_id for s in e.sources})
    assert (event.coded.admin2, event.fatalities_best) == ("Andarab", 7)


def test_correcting_an_accepted_event_sends_it_back_to_review(repository):
    event_id = single_source_event(repository)
    review_event(repository, event_id, "accept", reviewer=RITA, version=0)
    state = review_event(repository, event_id, "correct", reviewer=ANA, version=1, corrections={"tags": ["checkpoint"]})
    assert state.status == "suggested" and state.version == 2
    versions = repository.event_versions(event_id)
    assert versions[-1].after == {"status": "suggested", "tags": ["checkpoint"]}


def test_stale_version_raises_conflict_and_changes_nothing(repository):
    event_id = single_source_event(repository)
    review_event(repository, event_id, "accept", reviewer=RITA, version=0)
    with pytest.raises(ConflictError) as raised:
        review_event(repository, event_id, "reject", reviewer=ROB, version=0, why="late")
    assert raised.value.current == 1 and repository.get_review(event_id).status == "reviewed"
    with pytest.raises(PermissionDeniedError):
        review_event(repository, event_id, "finalise", reviewer=ANA, version=1)


def _copy_as_new_report(repository, event_id, tmp_path):
    """Write the event's lead document again as another outlet's report (JSONL), ingest it, resolve."""
    lead = repository.get_document(repository.get_event(event_id).coded.doc_id)
    path = tmp_path / "new_report.jsonl"
    path.write_text(json.dumps({
        "id": "ngo-followup-1", "text": lead.text + "\nThe NGO report adds details.", "title": "NGO follow-up",
        "publisher": "Monitor NGO", "source_kind": "ngo", "published": lead.published.isoformat() if lead.published else None,
    }) + "\n", encoding="utf-8")  # fmt: skip
    summary = Pipeline.from_config(Settings(db_path=repository.db_path)).ingest([path], repository, command_line=["t"])
    assert not summary.failed


def test_new_document_reopens_a_reviewed_event(repository, tmp_path):
    event_id = single_source_event(repository)
    review_event(repository, event_id, "accept", reviewer=RITA, version=0)
    review_event(repository, event_id, "finalise", reviewer=ROB, version=1)
    _copy_as_new_report(repository, event_id, tmp_path)
    sources = {s.doc_id for s in repository.get_event(event_id).sources}
    assert "ngo-followup-1" in sources, "the copy joins the event"
    state = repository.get_review(event_id)
    assert state.status == "suggested" and state.version == 3
    reopen = repository.event_versions(event_id)[-1]
    assert reopen.action == "reopen" and "ngo-followup-1" in reopen.why and reopen.before["status"] == "finalised"


def test_merge_and_split_are_decisions_with_history(repository):
    one, two = sorted(_events(repository), key=lambda e: (len(e.sources), e.event_id))[:2]
    review_event(repository, two.event_id, "accept", reviewer=RITA, version=0)
    with pytest.raises(ConflictError):
        merge_for_review(repository, [one.event_id, two.event_id], {two.event_id: 0}, reviewer=ANA, why="same attack")
    state = merge_for_review(repository, [one.event_id, two.event_id], {two.event_id: 1}, reviewer=ANA, why="same attack")
    merged = repository.get_event(one.event_id)
    members = {s.mention_id for s in merged.sources}
    assert members == {s.mention_id for s in one.sources} | {s.mention_id for s in two.sources}
    assert state.event_id == one.event_id and state.status == "suggested"
    actions = [v.action for v in repository.event_versions(one.event_id)]
    assert actions[0] == "accept" and actions[-1] == "merge", "the merged event's history came along"
    resolve_store(repository, who="tester", why="rebuild", rebuild=True)
    assert {s.mention_id for s in repository.get_event(one.event_id).sources} == members
    moved = sorted(s.mention_id for s in two.sources)
    state, new_id = split_for_review(repository, one.event_id, moved, state.version, reviewer=ANA, why="two raids")
    assert {s.mention_id for s in repository.get_event(new_id).sources} == set(moved)
    assert repository.event_versions(new_id)[-1].action == "split"
    with pytest.raises(InputError):
        split_for_review(repository, one.event_id, ["no-such-mention"], state.version, reviewer=ANA, why="x")


def test_export_corrections_writes_news2021_gold(repository):
    event_id = single_source_event(repository)
    event = repository.get_event(event_id)
    doc_id = event.coded.doc_id
    for view in repository.document_mentions(doc_id):  # review every event of the lead document
        if view.event_id and not view.mention.is_aggregate:
            state = repository.get_review(view.event_id)
            if state.status == "suggested":
                review_event(repository, view.event_id, "accept", reviewer=RITA, version=state.version,
                             corrections={"fatalities_low": 4, "fatalities_best": 4, "fatalities_high": 4}
                             if view.event_id == event_id else None)  # fmt: skip
    records = list(gold_records(repository))
    record = next(r for r in records if r["id"] == doc_id)
    assert set(record) >= {"id", "url", "publisher", "published", "language", "source_kind", "title", "text", "expected"}
    assert record["text"] == repository.get_document(doc_id).text
    gold = record["expected"]["events"]
    corrected = [e for e in gold if e["fatalities"] == 4]
    assert corrected and set(corrected[0]) == {"event_type", "sub_event_type", "date", "admin1_code", "admin2", "actor1",
                                                "actor2", "fatalities", "injured", "detained", "stance", "claimant"}  # fmt: skip
    assert all(e["date"] is None or len(e["date"]) == 2 for e in gold)
    assert list(gold_records(repository, ("finalised",))) == [], "nothing is finalised yet"
    stream = io.StringIO()
    assert write_gold_jsonl(iter(records), stream) == len(records)
    assert json.loads(stream.getvalue().splitlines()[0])["expected"]["aggregates"] == []


def test_reviewed_event_stays_put_until_the_machine_changes_it(repository):
    event_id = single_source_event(repository)
    review_event(repository, event_id, "accept", reviewer=RITA, version=0, corrections={"tags": ["checkpoint"]})
    resolve_store(repository, who="tester", why="nothing new", rebuild=True)
    assert repository.get_review(event_id).status == "reviewed", "a rebuild that changes nothing reopens nothing"
    # Re-extraction changes a machine field the reviewer did not correct: the event is reopened, saying what changed.
    lead = repository.get_event(event_id).coded
    document = repository.get_document(lead.doc_id)
    document.raw_sha256 = "1" * 64
    mentions = repository.list_mentions(document.doc_id)
    for mention in mentions:
        if mention.mention_id == lead.mention_id:
            mention.fatalities = (mention.fatalities or 0) + 5
    repository.store_document(document, mentions, None, "re-extract")
    resolve_store(repository, who="tester", why="after re-extraction")
    state = repository.get_review(event_id)
    reopen = repository.event_versions(event_id)[-1]
    assert state.status == "suggested" and reopen.action == "reopen" and "changed since it was reviewed" in reopen.why
    assert reopen.after["fatalities_best"] == reopen.before["fatalities_best"] + 5
    assert f"fatalities_best {reopen.before['fatalities_best']} -> {reopen.after['fatalities_best']}" in reopen.why
    assert repository.get_event(event_id).coded.tags == ["checkpoint"], "the correction still holds"
