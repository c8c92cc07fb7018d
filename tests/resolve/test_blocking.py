"""Blocking and clustering: precision windows, the admin hierarchy, the chaining guard."""

from __future__ import annotations

from conftest import make

from sitroom.models import SourceKind, Stance
from sitroom.resolve import resolve_mentions
from sitroom.resolve.blocking import candidate_pairs, incompatibility
from sitroom.resolve.prepare import Preparer


def _pair_ok(a, b, settings) -> bool:
    preparer = Preparer(settings)
    return incompatibility(preparer.prepare(a), preparer.prepare(b), settings) is None


def test_day_precise_dates_allow_one_day_of_slack_only(settings):
    base = make("a#m0", "2023-05-14")
    assert _pair_ok(base, make("b#m0", "2023-05-15"), settings)
    assert not _pair_ok(base, make("c#m0", "2023-05-16"), settings)


def test_window_follows_the_vaguer_precision(settings):
    base = make("a#m0", "2023-05-14")
    assert _pair_ok(base, make("w#m0", "2023-05-08", precision=2), settings)  # "last week"
    assert not _pair_ok(base, make("w2#m0", "2023-05-03", precision=2), settings)
    assert _pair_ok(base, make("m#m0", "2023-05-01", precision=3), settings)  # "in May", coded the 1st
    assert not _pair_ok(base, make("m2#m0", "2023-03-01", precision=3), settings)


def test_districts_types_actors_and_documents_block(settings):
    base = make("a#m0", "2023-05-14", "Andarab")
    assert not _pair_ok(base, make("b#m0", "2023-05-14", "Khost wa Fereng"), settings)
    assert _pair_ok(base, make("c#m0", "2023-05-14", None, province="Baghlan"), settings)  # province-level fits
    assert _pair_ok(base, make("d#m0", "2023-05-14", "Andrab"), settings)  # spelling variant
    assert not _pair_ok(base, make("e#m0", "2023-05-14", event_type="Protests"), settings)
    assert not _pair_ok(base, make("f#m0", "2023-05-14", actors=("ISKP", "Civilians")), settings)
    assert not _pair_ok(base, make("a#m1", "2023-05-14"), settings)  # same document


def test_candidate_pairs_match_the_pairwise_rule(settings):
    records = [make(f"d{i}#m0", f"2023-05-{10 + i % 6:02d}", ["Andarab", "Dara", None][i % 3],
                    province="Panjshir" if i % 3 == 2 else None, precision=1 + i % 3) for i in range(18)]
    prepared = Preparer(settings).prepare_all(records)
    found = {frozenset((a.mention_id, b.mention_id)) for a, b in candidate_pairs(prepared, settings)}
    expected = {frozenset((a.mention_id, b.mention_id)) for i, a in enumerate(prepared) for b in prepared[i + 1:]
                if incompatibility(a, b, settings) is None}
    assert found == expected and found


def test_same_day_clashes_in_neighbouring_districts_stay_two_events(settings):
    mentions = [
        make("nrf-1#m0", "2023-06-19", "Dara", kind=SourceKind.CLAIM, stance=Stance.CLAIMED, fatalities=12, by="NRF"),
        make("amu-2#m0", "2023-06-19", "Dara", fatalities=3),
        make("nrf-3#m0", "2023-06-19", "Paryan", kind=SourceKind.CLAIM, stance=Stance.CLAIMED, fatalities=8, by="NRF"),
        make("tolo-4#m0", "2023-06-20", "Paryan", fatalities=2),
        # a province-level report fits both, and must not chain them together
        make("kabulnow-5#m0", "2023-06-19", None, province="Panjshir", fatalities=3),
    ]
    result = resolve_mentions(mentions, settings)
    assert result.assignments["nrf-1#m0"] == result.assignments["amu-2#m0"]
    assert result.assignments["nrf-3#m0"] == result.assignments["tolo-4#m0"]
    assert result.assignments["nrf-1#m0"] != result.assignments["nrf-3#m0"]
    assert len(result.events) == 2
    assert result.assignments["kabulnow-5#m0"] == result.assignments["amu-2#m0"]  # same figure: 3


def test_every_merge_is_explained(settings):
    result = resolve_mentions([make("a#m0", "2023-05-14", fatalities=4), make("b#m0", "2023-05-14", fatalities=4)],
                              settings)
    (explanation,) = result.explanations
    assert explanation.decision == "merged" and explanation.score >= settings.accept
    names = {feature.name for feature in explanation.features}
    assert {"place", "date", "type", "actors", "figures"} <= names
    assert explanation.event_id == result.assignments["a#m0"]
    assert explanation.to_dict()["features"][0]["detail"]


def test_aggregate_and_undated_mentions_stay_alone(settings):
    aggregate = make("u#m0", "2023-05-01", precision=3)
    aggregate.mention.is_aggregate = True
    undated = make("v#m0", "2023-05-14")
    undated.mention.event_date = None
    result = resolve_mentions([make("a#m0", "2023-05-14"), aggregate, undated], settings)
    assert len(set(result.assignments.values())) == 3
