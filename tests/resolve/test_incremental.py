"""Incremental attach: new mentions join existing events like a full recompute would."""

from __future__ import annotations

import pytest
from resolve_helpers import make

from sitroom.errors import InputError
from sitroom.models import SourceKind, Stance
from sitroom.resolve import Move, attach_mentions, resolve_mentions


def _existing():
    return [
        make("nrf-1#m0", "2023-05-14", "Andarab", kind=SourceKind.CLAIM, stance=Stance.CLAIMED, fatalities=12, by="NRF"),
        make("amu-2#m0", "2023-05-14", "Andarab", fatalities=3),
        make("amu-3#m0", "2023-05-14", "Khost wa Fereng", fatalities=1),
        make("tolo-4#m0", "2023-06-02", "Dara", fatalities=2),
    ]


def _new():
    return [
        make("iea-5#m0", "2023-05-15", None, province="Baghlan", kind=SourceKind.OFFICIAL, stance=Stance.DENIED,
             actors=("Taliban", "NRF"), published="2023-05-15"),
        make("un-6#m0", "2023-05-01", "Andarab", precision=3, kind=SourceKind.NGO, fatalities=3,
             published="2023-06-30"),
        make("kn-7#m0", "2023-06-02", "Dara", fatalities=2),
        make("amu-8#m0", "2023-07-20", "Paryan", fatalities=1),
    ]


def test_attach_equals_full_recompute():
    before = resolve_mentions(_existing())
    attached = attach_mentions(_existing(), before.assignments, _new())
    full = resolve_mentions([*_existing(), *_new()], previous_assignments=before.assignments)
    assert attached.assignments == full.assignments
    assert attached.assignments["un-6#m0"] == before.assignments["amu-2#m0"]
    assert attached.assignments["kn-7#m0"] == before.assignments["tolo-4#m0"]
    assert [e.status for e in attached.events] == [e.status for e in full.events]
    # only pairs with a new mention were scored
    new_ids = {r.mention_id for r in _new()}
    assert attached.explanations and all({e.mention_a, e.mention_b} & new_ids for e in attached.explanations)


def test_attach_replays_decisions_and_checks_inputs():
    before = resolve_mentions(_existing())
    move = Move(who="ana", why="same raid", mention_id="amu-3#m0", to_event_id=before.assignments["amu-2#m0"])
    attached = attach_mentions(_existing(), before.assignments, _new(), decisions=[move])
    assert attached.assignments["amu-3#m0"] == before.assignments["amu-2#m0"]
    with pytest.raises(InputError, match="no event"):
        attach_mentions(_existing(), {}, _new())
    with pytest.raises(InputError, match="occurs twice"):
        attach_mentions(_existing(), before.assignments, _existing()[:1])
