"""The store's side of resolution: atomic persist, decisions round trip, document changes re-open placement."""

from __future__ import annotations

import pytest
from store_builders import make_document, make_mention, query_all

from sitroom.errors import InputError
from sitroom.resolve import Merge, resolve_store
from sitroom.resolve.decisions import decision_from_record
from sitroom.store import EventFilter
from sitroom.store.writes import provisional_event_id


def _unresolved(repo) -> int:
    return query_all(repo.db_path, "SELECT COUNT(*) FROM event_sources WHERE resolved_at IS NULL")[0][0]


def test_a_failing_resolution_writes_nothing_not_even_its_decision(repo) -> None:
    repo.store_document(make_document(), [make_mention()], None, "analyst")
    decision = Merge(who="ana", why="test", event_ids=(provisional_event_id("doc-1#m0"), "ev-x"))
    audit_count = len(repo.audit_entries())

    def broken(given):
        assert [m.mention_id for m in given.new] == ["doc-1#m0"] and given.decisions == [decision.to_record()]
        raise InputError("test", "resolution failed on purpose")

    with pytest.raises(InputError):
        repo.resolve_events(broken, "ana", "test", decision=decision)
    assert repo.list_decisions() == [] and len(repo.audit_entries()) == audit_count
    assert _unresolved(repo) == 1


def test_decisions_round_trip_with_their_problem(repo) -> None:
    repo.store_document(make_document(), [make_mention()], None, "analyst")
    decision = Merge(who="ana", why="same raid", event_ids=("ev-gone-1", "ev-gone-2"))
    changes = repo.resolve_events(lambda given: _resolve(given), "ana", "test", decision=decision)
    (entry,) = repo.list_decisions()
    assert decision_from_record(entry.record) == decision
    assert entry.problem == "none of its events exist" and changes.unapplied == [(decision.decision_id, entry.problem)]
    (audited,) = repo.audit_entries("decision")
    assert (audited.who, audited.why, audited.after["kind"]) == ("ana", "same raid", "merge")


def _resolve(given):
    from sitroom.resolve import default_settings
    from sitroom.resolve.workflow import resolution_step

    return resolution_step(default_settings(), rebuild=False)(given)


def test_resolution_keeps_a_one_mention_event_id_and_a_changed_document_is_placed_again(repo) -> None:
    repo.store_document(make_document(), [make_mention()], None, "analyst")
    assert _unresolved(repo) == 1
    changes = resolve_store(repo, who="analyst", why="test")
    assert not changes.changed and changes.new_mentions == 1  # the provisional event was already right
    (event,) = repo.list_events(EventFilter())
    assert event.event_id == provisional_event_id("doc-1#m0") and event.status == "claimed"
    assert _unresolved(repo) == 0
    repo.store_document(make_document(text="Clash in Panjshir, 7 killed."), [make_mention(fatalities=7)], None, "analyst")
    assert _unresolved(repo) == 1
    resolve_store(repo, who="analyst", why="test")
    (event,) = repo.list_events(EventFilter())
    assert event.fatalities_best == 7 and _unresolved(repo) == 0
