"""Analyst decisions: merge, split, move, undo; replayed after re-clustering; stable ids."""

from __future__ import annotations

import dataclasses
import datetime as dt

from resolve_helpers import make

from sitroom.resolve import Merge, Move, Undo, decision_from_record, event_id_for, resolve_mentions, split_event

T0 = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)


def _at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def _base():
    return [
        make("amu-1#m0", "2023-05-14", "Andarab", fatalities=3),
        make("tolo-2#m0", "2023-05-14", "Andarab", fatalities=3),
        make("kn-3#m0", "2023-05-14", "Andarab", fatalities=4),
        make("amu-4#m0", "2023-05-14", "Dara", fatalities=1),
    ]


def test_event_ids_are_stable_and_traceable(settings):
    first = resolve_mentions(_base(), settings)
    again = resolve_mentions(list(reversed(_base())), settings)
    assert first.assignments == again.assignments
    assert first.assignments["amu-4#m0"] == event_id_for("amu-4#m0")  # a one-mention event keeps its provisional id
    # a backfilled, earlier-published mention joins without renaming the event
    backfill = make("old-0#m0", "2023-05-14", "Andarab", fatalities=3, published="2023-05-13")
    later = resolve_mentions([*_base(), backfill], settings, previous_assignments=first.assignments)
    assert later.assignments["old-0#m0"] == later.assignments["amu-1#m0"] == first.assignments["amu-1#m0"]


def test_split_merge_move_survive_a_rerun_with_a_new_document(settings):
    first = resolve_mentions(_base(), settings)
    andarab, dara = first.assignments["amu-1#m0"], first.assignments["amu-4#m0"]
    clusters = first.clusters()
    split = split_event(clusters, andarab, ["kn-3#m0"], who="ana", why="different checkpoint")
    assert split.apart_from == ("amu-1#m0", "tolo-2#m0")
    split = dataclasses.replace(split, when=_at(1), decision_id="d1")
    move = Move(who="ana", why="misplaced", mention_id="tolo-2#m0", to_event_id=dara, when=_at(2), decision_id="d2")
    decisions = [split, move]
    result = resolve_mentions(_base(), settings, decisions)
    assert result.assignments["kn-3#m0"] not in (result.assignments["amu-1#m0"], result.assignments["amu-4#m0"])
    assert result.assignments["tolo-2#m0"] == dara
    assert result.assignments["amu-1#m0"] == andarab and not result.unapplied
    # a new document arrives; clustering alone would re-join the split mention, the decisions hold
    new = make("reuters-9#m0", "2023-05-15", "Andarab", fatalities=3)
    rerun = resolve_mentions([*_base(), new], settings, decisions, previous_assignments=result.assignments)
    assert rerun.assignments["reuters-9#m0"] == rerun.assignments["amu-1#m0"] == andarab
    assert rerun.assignments["kn-3#m0"] == result.assignments["kn-3#m0"] != andarab
    assert rerun.assignments["tolo-2#m0"] == dara
    # merge two events: the first id survives
    merge = Merge(who="bob", why="same incident", event_ids=(dara, andarab), when=_at(3), decision_id="d3")
    merged = resolve_mentions([*_base(), new], settings, [*decisions, merge], rerun.assignments)
    assert merged.assignments["amu-1#m0"] == merged.assignments["amu-4#m0"] == dara
    # undo the merge: back to the state before it
    undo = Undo(who="bob", why="wrong", target_id="d3", when=_at(4), decision_id="d4")
    undone = resolve_mentions([*_base(), new], settings, [*decisions, merge, undo], merged.assignments)
    assert undone.assignments["amu-1#m0"] != undone.assignments["amu-4#m0"]
    assert undone.assignments["amu-4#m0"] == dara


def test_decisions_round_trip_through_records_and_report_what_cannot_apply(settings):
    move = Move(who="ana", why="x", mention_id="ghost#m0", to_event_id="ev-none", when=_at(1), decision_id="d9")
    assert decision_from_record(move.to_record()) == move
    merge = Merge(who="ana", why="y", event_ids=("ev-a", "ev-b"), when=_at(2), decision_id="d8")
    assert decision_from_record(merge.to_record()) == merge
    result = resolve_mentions(_base(), settings, [move])
    assert result.unapplied == [("d9", "mention ghost#m0 does not exist")]
