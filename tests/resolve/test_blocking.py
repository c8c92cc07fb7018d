"""Blocking and clustering: precision windows, the admin hierarchy, the chaining guard."""

from __future__ import annotations

from resolve_helpers import make

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
    last_week = make("w#m0", "2023-05-08", precision=2, published="2023-05-16")  # "last week": its first day
    assert _pair_ok(base, last_week, settings)
    assert not _pair_ok(base, make("w2#m0", "2023-05-03", precision=2, published="2023-05-16"), settings)
    in_may = make("m#m0", "2023-05-01", precision=3, published="2023-06-20")  # "in May", coded the 1st
    assert _pair_ok(base, in_may, settings)
    assert not _pair_ok(base, make("m2#m0", "2023-03-01", precision=3, published="2023-06-20"), settings)


def test_week_dates_start_their_week_and_nothing_follows_publication(settings):
    base = make("a#m0", "2023-05-14")
    # A week-precise date is the first day of its week: the event is not before it.
    assert not _pair_ok(base, make("w#m0", "2023-05-16", precision=2, published="2023-05-20"), settings)
    # An undated report is coded at its publication date, week precision: the event lies before.
    assert _pair_ok(base, make("u#m0", "2023-05-18", precision=2, published="2023-05-18"), settings)
    # A report published on the 12th cannot describe an event of the 14th.
    assert not _pair_ok(base, make("p#m0", "2023-05-08", precision=2, published="2023-05-12"), settings)


def test_transliterated_endings_name_one_district(settings):
    tagab = make("a#m0", "2023-05-14", None, province="Kapisa")
    tagab.mention.admin2 = tagab.mention.location = "Tagab"
    tagao = make("b#m0", "2023-05-14", None, province="Kapisa")
    tagao.mention.admin2 = tagao.mention.location = "Tagao district"
    assert _pair_ok(tagab, tagao, settings)
    preparer = Preparer(settings)
    assert preparer.place_key("Tagao") == preparer.place_key("Tagab") != preparer.place_key("Tag")


def test_districts_types_actors_and_documents_block(settings):
    base = make("a#m0", "2023-05-14", "Andarab")
    assert not _pair_ok(base, make("b#m0", "2023-05-14", "Khost wa Fereng"), settings)
    assert _pair_ok(base, make("c#m0", "2023-05-14", None, province="Baghlan"), settings)  # province-level fits
    assert _pair_ok(base, make("d#m0", "2023-05-14", "Andrab"), settings)  # spelling variant
    assert not _pair_ok(base, make("e#m0", "2023-05-14", event_type="Protests"), settings)
    assert not _pair_ok(base, make("f#m0", "2023-05-14", actors=("ISKP", "Civilians")), settings)
    assert not _pair_ok(base, make("a#m1", "2023-05-15"), settings)  # same document, another day


def test_a_report_quoting_a_claim_and_its_denial_may_be_one_event(settings):
    claim = make("a#m0", "2023-05-14", stance=Stance.CLAIMED, by="NRF")
    denial = make("a#m1", "2023-05-14", stance=Stance.DENIED, by="Taliban")
    assert _pair_ok(claim, denial, settings)  # one report, two accounts of one incident
    assert not _pair_ok(claim, make("a#m2", "2023-05-13", stance=Stance.CLAIMED, by="NRF"), settings)


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


def test_raids_on_two_villages_of_one_district_do_not_chain(settings):
    """Reports naming two different villages are two raids, even when district-level reports fit both."""
    raid = {"event_type": "Strategic developments", "actors": ("Taliban", "Civilians")}
    mentions = [
        make("a-1#m0", "2023-02-01", location="Banu", **raid),
        make("b-2#m0", "2023-02-01", location="Banu", **raid),
        make("c-3#m0", "2023-02-02", location="Zardalu", **raid),
        make("d-4#m0", "2023-02-02", location="Zardalu", **raid),
        make("e-5#m0", "2023-02-02", **raid),  # "in Andarab": fits either
    ]
    result = resolve_mentions(mentions, settings)
    assert result.assignments["a-1#m0"] == result.assignments["b-2#m0"]
    assert result.assignments["c-3#m0"] == result.assignments["d-4#m0"]
    assert result.assignments["a-1#m0"] != result.assignments["c-3#m0"]


def test_a_denials_coded_type_is_not_compared(settings):
    from sitroom.resolve.features import type_feature

    preparer = Preparer(settings)
    claim = preparer.prepare(make("nrf#m0", "2023-05-14", kind=SourceKind.CLAIM, stance=Stance.CLAIMED, by="NRF",
                                  event_type="Explosions/Remote violence"))
    denial = preparer.prepare(make("moi#m0", "2023-05-14", kind=SourceKind.OFFICIAL, stance=Stance.DENIED))
    assert type_feature(claim, denial, settings)[1] is None
