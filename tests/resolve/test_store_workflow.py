"""Resolution over the store: incremental attach, rebuild, analyst decisions, audit, statistics."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from sitroom.errors import InputError, NotFoundError
from sitroom.models import Claim, Document, EventMention, SourceKind, Stance
from sitroom.resolve import (
    actor_stats,
    explain_event,
    list_decisions,
    merge_events,
    move_mention,
    resolve_store,
    split_mentions,
    undo_decision,
)
from sitroom.store import EventFilter, connect_database, open_repository
from tests.conftest import BACKENDS, new_database

DARA = {"admin1": "Panjshir", "admin1_code": "AF-PAN", "admin2": "Dara", "location": "Dara", "geo_precision": 2}
ANDARAB = {"admin1": "Baghlan", "admin1_code": "AF-BGL", "admin2": "Andarab", "location": "Andarab", "geo_precision": 2}


def _document(doc_id: str, kind: SourceKind, publisher: str, published: str) -> Document:
    digest = hashlib.sha256(doc_id.encode()).hexdigest()
    return Document(
        doc_id=doc_id, text=f"Synthetic report {doc_id}.", raw_sha256=digest, text_sha256=digest,
        publisher=publisher, published=dt.date.fromisoformat(published), source_kind=kind,
    )  # fmt: skip


def _mention(day: str, place: dict, *, stance=Stance.REPORTED, by=None, killed=None, event_type="Battles", **extra):
    return EventMention(
        doc_id="", event_date=dt.date.fromisoformat(day), time_precision=1, event_type=event_type,
        sub_event_type="Armed clash" if event_type == "Battles" else None, actor1="NRF", actor2="Taliban",
        country="Afghanistan", fatalities=killed, claim=Claim(stance, by), text="attack on a checkpoint",
        **{**place, **extra},
    )  # fmt: skip


def store(repo, doc_id, kind, publisher, published, *mentions, run=None):
    repo.store_document(_document(doc_id, kind, publisher, published), list(mentions), run, "tester")


def resolve(repo, rebuild=False):
    return resolve_store(repo, who="tester", why="test", rebuild=rebuild)


def events(repo):
    return repo.list_events(EventFilter(limit=None))


def clusters(repo) -> set[frozenset[str]]:
    return {frozenset(s.mention_id for s in event.sources) for event in events(repo)}


@pytest.fixture
def repo(db_url):
    """A store on SQLite, then on PostgreSQL: every resolution test runs against both."""
    with open_repository(db_url) as repository:
        yield repository


@pytest.fixture
def dara(repo):
    """A claim, a news report and a denial of one attack in Dara, plus an unrelated clash in Andarab."""
    store(repo, "nrf-1", SourceKind.CLAIM, "NRF channel", "2023-05-14",
          _mention("2023-05-13", DARA, stance=Stance.CLAIMED, by="NRF", killed=9))
    store(repo, "wire-1", SourceKind.NEWS, "Kabul Test Wire", "2023-05-15", _mention("2023-05-13", DARA, killed=4))
    store(repo, "wire-2", SourceKind.NEWS, "Kabul Test Wire", "2023-06-02", _mention("2023-06-01", ANDARAB, killed=2))
    resolve(repo)
    return repo


def test_two_reports_of_one_incident_become_one_event_with_two_sources(dara):
    found = {frozenset(s.doc_id for s in e.sources): e for e in events(dara)}
    assert set(found) == {frozenset({"nrf-1", "wire-1"}), frozenset({"wire-2"})}
    event = found[frozenset({"nrf-1", "wire-1"})]
    assert event.status == "independently-reported"
    assert (event.fatalities_low, event.fatalities_best, event.fatalities_high) == (4, 4, 9)
    assert {s.mention_id: s.fatalities for s in event.sources} == {"nrf-1#m0": 9, "wire-1#m0": 4}
    connection = connect_database(dara.db_path)
    claims = dict(tuple(row) for row in connection.execute("SELECT mention_id, event_id FROM claims").fetchall())
    unresolved = connection.execute("SELECT COUNT(*) FROM event_sources WHERE resolved_at IS NULL").fetchone()[0]
    connection.close()
    assert claims["nrf-1#m0"] == claims["wire-1#m0"] == event.event_id
    assert unresolved == 0


def test_a_denial_of_a_claim_makes_the_event_contested(repo):
    store(repo, "nrf-1", SourceKind.CLAIM, "NRF channel", "2023-05-14",
          _mention("2023-05-13", DARA, stance=Stance.CLAIMED, by="NRF", killed=9))
    resolve(repo)
    assert [e.status for e in events(repo)] == ["claimed"]
    store(repo, "iea-1", SourceKind.OFFICIAL, "IEA spokesman", "2023-05-15",
          _mention("2023-05-13", DARA, stance=Stance.DENIED, by="Taliban", killed=0))
    changes = resolve(repo)
    (event,) = events(repo)
    assert event.status == "contested" and len(event.sources) == 2
    assert event.fatalities_best == 9  # a denial's zero is not a count
    assert (changes.new_mentions, changes.events_updated, changes.events_deleted) == (1, 1, 1)
    # the denial's provisional event was merged into the claim's, not lost
    assert (changes.events_before, changes.events_merged, changes.events) == (2, 1, 1)


def test_every_event_change_is_audited_and_a_rerun_changes_nothing(dara):
    merged = next(e for e in events(dara) if len(e.sources) == 2)
    history = dara.audit_entries("event", merged.event_id)
    assert history[-1].action == "update" and history[-1].who == "tester" and history[-1].why == "test"
    assert sorted(history[-1].after["mentions"]) == ["nrf-1#m0", "wire-1#m0"]
    assert history[-1].before["mentions"] in (["nrf-1#m0"], ["wire-1#m0"])
    deleted = [e for e in dara.audit_entries("event") if e.action == "delete"]
    assert len(deleted) == 1 and deleted[0].before["mentions"]
    count = len(dara.audit_entries())
    again = resolve(dara)
    rebuilt = resolve(dara, rebuild=True)
    assert not again.changed and not rebuilt.changed and again.new_mentions == 0
    assert len(dara.audit_entries()) == count


def test_merge_split_move_undo_are_audited_and_survive_a_new_document(dara):
    by_docs = {frozenset(s.doc_id for s in e.sources): e.event_id for e in events(dara)}
    dara_id, andarab_id = by_docs[frozenset({"nrf-1", "wire-1"})], by_docs[frozenset({"wire-2"})]
    merge, _ = merge_events(dara, [dara_id, andarab_id], who="ana", why="one operation")
    assert clusters(dara) == {frozenset({"nrf-1#m0", "wire-1#m0", "wire-2#m0"})}
    split, _ = split_mentions(dara, dara_id, ["wire-2#m0"], who="ana", why="different valley")
    assert len(events(dara)) == 2
    andarab_now = next(e.event_id for e in events(dara) if "wire-2#m0" in {s.mention_id for s in e.sources})
    move, _ = move_mention(dara, "nrf-1#m0", andarab_now, who="ana", why="the claim is about Andarab")
    assert clusters(dara) == {frozenset({"wire-1#m0"}), frozenset({"wire-2#m0", "nrf-1#m0"})}
    audited = {(e.entity_id, e.who, e.why) for e in dara.audit_entries("decision")}
    assert audited == {(merge.decision_id, "ana", "one operation"), (split.decision_id, "ana", "different valley"),
                       (move.decision_id, "ana", "the claim is about Andarab")}
    assert any((e.why or "").startswith(f"move {move.decision_id}") for e in dara.audit_entries("event"))
    # A new report of the Dara attack arrives: it joins by clustering, and the decisions still hold.
    store(dara, "wire-3", SourceKind.NEWS, "Another Wire", "2023-05-16", _mention("2023-05-13", DARA, killed=5))
    resolve(dara)
    assert clusters(dara) == {frozenset({"wire-1#m0", "wire-3#m0"}), frozenset({"wire-2#m0", "nrf-1#m0"})}
    undo, _ = undo_decision(dara, move.decision_id, who="ana", why="wrong call")
    assert clusters(dara) == {frozenset({"wire-1#m0", "wire-3#m0", "nrf-1#m0"}), frozenset({"wire-2#m0"})}
    views = {view.decision.decision_id: view.in_force for view in list_decisions(dara)}
    assert views == {merge.decision_id: True, split.decision_id: True, move.decision_id: False, undo.decision_id: True}
    undo_decision(dara, undo.decision_id, who="ana", why="it was right after all")
    assert clusters(dara) == {frozenset({"wire-1#m0", "wire-3#m0"}), frozenset({"wire-2#m0", "nrf-1#m0"})}


def test_undoing_a_merge_restores_both_event_ids(dara):
    before = {e.event_id: frozenset(s.mention_id for s in e.sources) for e in events(dara)}
    merge, _ = merge_events(dara, sorted(before), who="ana", why="test")
    assert len(events(dara)) == 1
    undo_decision(dara, merge.decision_id, who="ana", why="test")
    assert {e.event_id: frozenset(s.mention_id for s in e.sources) for e in events(dara)} == before


def test_decisions_refuse_bad_targets(dara):
    event_id = events(dara)[0].event_id
    with pytest.raises(NotFoundError):
        merge_events(dara, [event_id, "ev-nope"], who="ana", why="x")
    with pytest.raises(InputError):
        merge_events(dara, [event_id, event_id], who="ana", why="x")
    with pytest.raises(InputError):
        merge_events(dara, [e.event_id for e in events(dara)], who="ana", why=" ")
    with pytest.raises(InputError):
        split_mentions(dara, event_id, ["ghost#m0"], who="ana", why="x")
    with pytest.raises(NotFoundError):
        move_mention(dara, "ghost#m0", event_id, who="ana", why="x")
    with pytest.raises(NotFoundError):
        undo_decision(dara, "0000", who="ana", why="x")
    assert list_decisions(dara) == [] and dara.audit_entries("decision") == []


@pytest.mark.parametrize("backend", BACKENDS)
def test_incremental_equals_rebuild_on_a_small_corpus(request, tmp_path, backend):
    reports = [
        ("nrf-1", SourceKind.CLAIM, "NRF", "2023-05-14", _mention("2023-05-13", DARA, stance=Stance.CLAIMED, by="NRF", killed=9)),
        ("wire-1", SourceKind.NEWS, "Wire", "2023-05-15", _mention("2023-05-13", DARA, killed=4)),
        ("iea-1", SourceKind.OFFICIAL, "IEA", "2023-05-15", _mention("2023-05-13", DARA, stance=Stance.DENIED, by="Taliban")),
        ("wire-2", SourceKind.NEWS, "Wire", "2023-06-02", _mention("2023-06-01", ANDARAB, killed=2)),
        ("ngo-1", SourceKind.NGO, "UNAMA", "2023-08-10", _mention("2023-06-01", ANDARAB, killed=3)),
        ("wire-3", SourceKind.NEWS, "Wire", "2023-09-20", _mention("2023-09-19", ANDARAB, event_type="Strategic developments", detained=30)),
    ]  # fmt: skip
    first, second = (new_database(request, backend, tmp_path / name) for name in ("incremental", "batch"))
    with open_repository(first) as one_by_one, open_repository(second) as batch:
        for doc_id, kind, publisher, published, mention in reports:
            store(one_by_one, doc_id, kind, publisher, published, mention)
            resolve(one_by_one)
            store(batch, doc_id, kind, publisher, published, mention)
        resolve(batch, rebuild=True)
        assert clusters(one_by_one) == clusters(batch)
        assert len(clusters(batch)) == 3
        incremental = {e.event_id: (e.status, e.fatalities_best) for e in events(one_by_one)}
        assert incremental == {e.event_id: (e.status, e.fatalities_best) for e in events(batch)}
        assert not resolve(one_by_one, rebuild=True).changed


def test_changed_document_is_placed_again_and_aggregates_get_no_event(dara):
    changed = _document("wire-1", SourceKind.NEWS, "Kabul Test Wire", "2023-05-15")
    changed.raw_sha256 = changed.text_sha256 = "f" * 64  # a corrected version of the report
    mentions = [_mention("2023-06-01", ANDARAB, killed=2), _mention("2023-05-13", DARA, is_aggregate=True)]
    assert dara.store_document(changed, mentions, None, "tester") == "stored"
    changes = resolve(dara)
    assert changes.new_mentions == 1 and changes.mentions_moved == 0
    assert clusters(dara) == {frozenset({"nrf-1#m0"}), frozenset({"wire-1#m0", "wire-2#m0"})}
    assert [e.status for e in events(dara) if len(e.sources) == 1] == ["claimed"]
    assert not resolve(dara).changed


def test_explanations_and_actor_statistics(dara):
    merged = next(e for e in events(dara) if len(e.sources) == 2)
    explanation = explain_event(dara, merged.event_id)
    pair = next(p for p in explanation.pairs if p.decision == "merged")
    assert {pair.mention_a, pair.mention_b} == {"nrf-1#m0", "wire-1#m0"}
    assert pair.score >= pair.threshold and {f.name for f in pair.features} >= {"place", "date", "type"}
    (row,) = actor_stats(dara, "month")
    assert (row.actor, row.period, row.events_claimed) == ("NRF", "2023-05", 1)
    assert (row.claims_independently_confirmed, row.claimed_fatalities, row.confirmed_fatalities) == (1, 9, 4)
    assert actor_stats(dara, "year")[0].period == "2023"
    with pytest.raises(InputError):
        actor_stats(dara, "week")
