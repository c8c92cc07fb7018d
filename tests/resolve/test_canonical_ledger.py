"""Canonical events (field rules, low/best/high) and the claims ledger (status, actor statistics)."""

from __future__ import annotations

from resolve_helpers import make

from sitroom.models import SourceKind, Stance
from sitroom.resolve import actor_statistics, build_event, event_to_contract, resolve_mentions

CLAIM = dict(kind=SourceKind.CLAIM, stance=Stance.CLAIMED, by="NRF", publisher="NRF Telegram")
DENIAL = dict(kind=SourceKind.OFFICIAL, stance=Stance.DENIED, publisher="Zabihullah Mujahid", actors=("Taliban", "NRF"))


def _status(settings, *records):
    event, _ = build_event("ev-x", list(records), settings)
    return event.status


def test_statuses_follow_the_ledger(settings):
    claim = make("nrf-1#m0", "2023-05-14", fatalities=12, **CLAIM)
    denial = make("iea-2#m0", "2023-05-14", **DENIAL)
    news = make("amu-3#m0", "2023-05-14", publisher="Amu TV", fatalities=3)
    other_news = make("kn-4#m0", "2023-05-14", publisher="KabulNow", fatalities=2)
    unama = make("un-5#m0", "2023-05-01", precision=3, kind=SourceKind.NGO, publisher="UNAMA", fatalities=2)
    assert _status(settings, claim) == "claimed"
    assert _status(settings, claim, denial) == "contested"
    assert _status(settings, claim, denial, news) == "independently-reported"
    assert _status(settings, claim, news, other_news) == "confirmed"  # two unrelated publishers
    assert _status(settings, claim, denial, unama) == "confirmed"  # a UN report
    assert _status(settings, denial) == "denied"


def test_low_best_high_prefer_confirmed_then_independent_figures(settings):
    records = [
        make("nrf-1#m0", "2023-05-14", fatalities=12, **CLAIM),
        make("amu-2#m0", "2023-05-14", publisher="Amu TV", fatalities=5),
        make("iea-3#m0", "2023-05-14", fatalities=0, **DENIAL),  # a denial's figure is not a count
    ]
    event, _ = build_event("ev-x", records, settings)
    assert (event.fatalities_low, event.fatalities_best, event.fatalities_high) == (5, 5, 12)
    unama = make("un-4#m0", "2023-05-01", precision=3, kind=SourceKind.NGO, stance=Stance.CONFIRMED,
                 publisher="UNAMA", fatalities=7)
    event, _ = build_event("ev-x", [*records, unama], settings)
    assert (event.fatalities_low, event.fatalities_best, event.fatalities_high) == (5, 7, 12)
    claim_only, _ = build_event("ev-y", records[:1], settings)
    assert claim_only.fatalities_best == 12 and claim_only.injured_best is None
    own = {s.mention_id: s.fatalities for s in event.sources}  # every source keeps its own figure
    assert own == {"nrf-1#m0": 12, "amu-2#m0": 5, "iea-3#m0": 0, "un-4#m0": 7}


def test_canonical_place_and_date_come_from_the_most_precise_mentions(settings):
    records = [
        make("amu-1#m0", "2023-05-14", "Andarab", publisher="Amu TV"),
        make("nrf-2#m0", "2023-05-14", "Andarab", location="Banu", **CLAIM),
        make("un-3#m0", "2023-05-01", precision=3, kind=SourceKind.NGO, publisher="UNAMA", published="2023-06-20"),
    ]
    event, provenance = build_event("ev-x", records, settings)
    assert event.coded.location == "Banu" and event.coded.geo_precision == 1
    assert event.coded.event_date.isoformat() == "2023-05-14" and event.coded.time_precision == 1
    assert provenance == {"coded": "un-3#m0", "place": "nrf-2#m0", "date": "amu-1#m0"}


def test_contract_json_has_the_promised_keys(settings):
    result = resolve_mentions([make("nrf-1#m0", "2023-05-14", fatalities=12, **CLAIM),
                               make("iea-2#m0", "2023-05-14", **DENIAL)], settings)
    (event,) = result.events
    record = event_to_contract(event)
    for key in ("event_id", "event_date", "event_type", "actor1", "admin1", "admin2", "status",
                "fatalities_low", "fatalities_best", "fatalities_high", "injured_low", "detained_high"):
        assert key in record
    assert record["status"] == "contested"
    assert {tuple(sorted(s)) for s in record["sources"]} == {tuple(sorted(
        ["doc_id", "publisher", "source_kind", "stance", "fatalities", "injured", "detained", "mention_id"]))}
    assert {s["stance"] for s in record["sources"]} == {"claimed", "denied"}


def test_actor_statistics_count_claims_against_other_sources(settings):
    records = [
        make("nrf-1#m0", "2023-05-14", fatalities=12, **CLAIM),
        make("iea-2#m0", "2023-05-14", **DENIAL),
        make("nrf-3#m0", "2023-05-20", "Dara", fatalities=9, **CLAIM),
        make("amu-4#m0", "2023-05-20", "Dara", publisher="Amu TV", fatalities=2),
        make("nrf-5#m0", "2023-06-02", "Paryan", fatalities=4, **CLAIM),
    ]
    result = resolve_mentions(records, settings)
    stats = actor_statistics(result.events, {r.mention_id: r for r in records}, settings)
    may, june = stats
    assert (may.actor, may.period, may.events_claimed, may.claims_contradicted) == ("NRF", "2023-05", 2, 1)
    assert (may.claims_independently_confirmed, may.claimed_fatalities, may.confirmed_fatalities) == (1, 21, 2)
    assert (june.period, june.events_claimed, june.claims_contradicted) == ("2023-06", 1, 0)
