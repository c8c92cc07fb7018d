"""Joining a report's repeated tellings of one incident (repeats.py), on mentions built here."""

from __future__ import annotations

import datetime as dt

import pytest

from sitroom.errors import DataPackError
from sitroom.extract import repeats
from sitroom.extract.repeats import join_repeats, refers_back, same_incident
from sitroom.models import Claim, EventMention, Evidence, Stance


def mention(**fields) -> EventMention:
    base = dict(doc_id="d", event_type="Battles", sub_event_type="Armed clash", admin1_code="AF-PAN",
                event_date=dt.date(2023, 5, 2), time_precision=1, claim=Claim(Stance.REPORTED, "Wire"))
    return EventMention(**{**base, **fields})


def test_a_later_telling_fills_the_first_and_is_dropped():
    first, later = mention(), mention(fatalities=4, actor1="National Resistance Front", admin2="Dara", geo_precision=2)
    kept = join_repeats([first, later], [False, False])
    assert kept == [first]
    assert (first.fatalities, first.actor1, first.admin2, first.geo_precision) == (4, "National Resistance Front", "Dara", 2)


def test_another_day_district_source_or_figure_keeps_mentions_apart():
    first = mention(fatalities=3, admin2="Dara")
    assert not same_incident(first, mention(event_date=dt.date(2023, 5, 3)))
    assert not same_incident(first, mention(admin2="Khenj"))
    assert not same_incident(first, mention(claim=Claim(Stance.DENIED, "Taliban")))
    assert not same_incident(first, mention(fatalities=3))  # two incidents with three dead each
    assert not same_incident(first, mention(event_type="Violence against civilians"))
    assert same_incident(first, mention(injured=2))


def test_a_separate_cue_keeps_a_mention_apart():
    first, later = mention(), mention(injured=2)
    assert join_repeats([first, later], [False, True]) == [first, later]


def test_a_bombing_told_again_as_an_attack_is_one_incident_and_keeps_the_specific_type():
    bombing = mention(event_type="Explosions/Remote violence", sub_event_type="Suicide bomb")
    retold = mention(event_type="Violence against civilians", sub_event_type="Attack", fatalities=46)
    assert join_repeats([bombing, retold], [False, False]) == [bombing]
    assert (bombing.sub_event_type, bombing.fatalities) == ("Suicide bomb", 46)
    # a clash and a killing of civilians on one day stay two incidents
    assert not same_incident(mention(), mention(event_type="Violence against civilians", sub_event_type="Attack"))


def test_a_vaguely_dated_retelling_within_the_week_joins_the_dated_incident():
    first = mention(event_date=dt.date(2023, 5, 2), time_precision=1)
    assert same_incident(first, mention(event_date=dt.date(2023, 5, 4), time_precision=2, injured=1))
    assert not same_incident(first, mention(event_date=dt.date(2023, 5, 4), time_precision=1))
    assert not same_incident(first, mention(event_date=dt.date(2023, 5, 20), time_precision=2))


def test_two_outlets_reporting_one_incident_join_but_two_parties_versions_do_not():
    first = mention(claim=Claim(Stance.REPORTED, "Wire"))
    assert same_incident(first, mention(claim=Claim(Stance.REPORTED, "Eyewitnesses"), injured=2))
    claim = mention(claim=Claim(Stance.CLAIMED, "National Resistance Front"))
    assert not same_incident(claim, mention(claim=Claim(Stance.CLAIMED, "Taliban"), injured=2))


def test_a_telling_in_the_reports_own_voice_goes_on_with_the_claim_before_it():
    # "The AFF claimed an assault on a checkpoint on Sunday. This attack killed two Taliban members."
    claim = mention(claim=Claim(Stance.CLAIMED, "Afghanistan Freedom Front"))
    claim.evidence["claim"] = Evidence("d", 0, 10, "extract.claims", "v")
    own_voice = mention(claim=Claim(Stance.REPORTED, "Wire"), fatalities=2, text="This attack killed two.")
    own_voice.evidence["claim"] = Evidence("d", 50, 50 + len(own_voice.text), "extract.claims", "v")  # no cue
    assert join_repeats([claim, own_voice], [False, False]) == [claim]
    assert claim.fatalities == 2
    # a denial is its own record: what the report then says is not more of the denial
    denial = mention(claim=Claim(Stance.DENIED, "Taliban"))
    assert not same_incident(denial, mention(claim=Claim(Stance.REPORTED, "Wire"), injured=1))
    # another party's cued version stays apart
    cued = mention(claim=Claim(Stance.CLAIMED, "Taliban"), injured=1)
    cued.evidence["claim"] = Evidence("d", 20, 30, "extract.claims", "v")
    assert not same_incident(claim, cued)


def test_an_officials_confirmation_of_a_reported_incident_is_the_same_record():
    # "A bombing at a mosque killed ten. The spokesman confirmed there was an explosion."
    reported = mention(claim=Claim(Stance.REPORTED, "Wire"), fatalities=10)
    confirmed = mention(claim=Claim(Stance.CONFIRMED, "Taliban"))
    confirmed.evidence["claim"] = Evidence("d", 40, 50, "extract.claims", "v")
    assert join_repeats([reported, confirmed], [False, False]) == [reported]


def test_a_lead_dated_by_its_reports_week_takes_the_day_the_body_gives():
    # "NRF announced that its fighters attacked the district headquarters." (dated only by the
    # report, 2 May, at week precision) ... "On Thursday [1 May], the NRF added that four were killed."
    lead = mention(event_date=dt.date(2023, 5, 2), time_precision=2)
    body = mention(event_date=dt.date(2023, 5, 1), time_precision=1, fatalities=4)
    body.evidence["event_date"] = Evidence("d", 90, 98, "extract.dates", "v")
    assert join_repeats([lead, body], [False, False]) == [lead]
    assert (lead.event_date, lead.time_precision, lead.fatalities) == (dt.date(2023, 5, 1), 1, 4)
    assert lead.evidence["event_date"].start == 90
    # a bombing two days before the report's day is another incident ("killed in another blast two days earlier")
    assert not same_incident(mention(event_date=dt.date(2023, 5, 3), time_precision=2),
                             mention(event_date=dt.date(2023, 5, 1), time_precision=1))


def test_local_sources_confirming_a_partys_claim_tell_the_same_incident():
    # "The AFF said its fighters hit a Taliban convoy on Thursday night." ... "Local sources told the
    # outlet that a strong explosion was heard at 9:30 pm on Thursday."
    claim = mention(claim=Claim(Stance.CLAIMED, "Afghanistan Freedom Front"), fatalities=4)
    claim.evidence["claim"] = Evidence("d", 0, 4, "extract.claims", "v")
    witnesses = mention(claim=Claim(Stance.REPORTED, "local sources"), text="Local sources told the outlet ...")
    witnesses.evidence["claim"] = Evidence("d", 60, 64, "extract.claims", "v")
    assert join_repeats([claim, witnesses], [False, False]) == [claim]
    assert claim.claim.stance is Stance.CLAIMED  # the party's claim stays the record's stance


def test_a_retelling_never_puts_one_group_on_both_sides():
    first = mention(actor1="Taliban")
    later = mention(actor2="Taliban", fatalities=2)  # "the attackers killed two Taliban"
    assert join_repeats([first, later], [False, False]) == [first]
    assert (first.actor1, first.actor2, first.fatalities) == ("Taliban", None, 2)
    target = mention(actor2="Taliban")
    join_repeats([target, mention(actor1="Taliban", actor2="National Resistance Front", injured=1)], [False, False])
    assert (target.actor1, target.actor2) == (None, "Taliban")
    assert target.assoc_actors == ["National Resistance Front"]


def test_a_mention_referring_back_joins_the_one_before_whatever_its_type():
    raid = mention(admin2="Dara", text="Taliban forces raided a village in Dara district.")
    arrests = mention(event_type="Strategic developments", sub_event_type="Arrests", detained=3,
                      text="Taliban forces detained three men during the raid.")
    assert not same_incident(raid, arrests)
    assert refers_back(arrests)
    assert join_repeats([raid, arrests], [False, False]) == [raid]
    assert raid.detained == 3


def test_a_general_search_takes_the_type_of_the_telling_that_refers_back_and_its_earlier_day():
    search = mention(event_type="Strategic developments", sub_event_type="Other", time_precision=2,
                     text="Sources report house searches in two districts.")
    arrests = mention(event_type="Strategic developments", sub_event_type="Arrests", event_date=dt.date(2023, 4, 29),
                      time_precision=2, text="Several residents were detained during this operation.")
    assert join_repeats([search, arrests], [False, False]) == [search]
    assert (search.sub_event_type, search.event_date) == ("Arrests", dt.date(2023, 4, 29))


def test_a_later_act_after_the_incident_stays_its_own_event():
    blast = mention(event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
                    text="A bomb went off at a mosque.")
    arrests = mention(event_type="Strategic developments", sub_event_type="Arrests", detained=2,
                      text="Two suspects were detained after the explosion, near the site of the attack.")
    assert not refers_back(arrests)
    assert join_repeats([blast, arrests], [False, False]) == [blast, arrests]


def test_a_reference_back_does_not_join_another_province_or_a_day_far_off():
    raid = mention(text="A raid in Panjshir.")
    elsewhere = mention(admin1_code="AF-KAP", sub_event_type="Arrests", text="Two were held in the raid.")
    later = mention(event_date=dt.date(2023, 5, 5), sub_event_type="Arrests", text="Two were held in the raid.")
    assert join_repeats([raid, elsewhere], [False, False]) == [raid, elsewhere]
    assert join_repeats([mention(text="A raid."), later], [False, False])[-1] is later


def test_a_malformed_follow_up_list_is_a_clear_data_pack_error(monkeypatch):
    monkeypatch.setattr(repeats, "read_data_json", lambda folder, name: {"follow_ups": []})
    repeats.load_follow_ups.cache_clear()
    try:
        with pytest.raises(DataPackError, match="extract/repeats.json"):
            repeats.load_follow_ups()
    finally:
        monkeypatch.undo()
        repeats.load_follow_ups.cache_clear()
    assert repeats.load_follow_ups().search("arrested after ")


def test_what_repeats_a_telling_joined_by_its_reference_back_repeats_the_incident():
    raid = mention(fatalities=6, event_date=dt.date(2023, 5, 1), text="Six gunmen were killed in an overnight raid.")
    retold = mention(text="The gunmen killed in the raid were behind two bombings.")
    quoted = mention(injured=1, text="One policeman was hurt, the spokesman said.")
    assert not same_incident(raid, quoted)  # the day the report gives, not the night before
    assert join_repeats([raid, retold, quoted], [False, False, False]) == [raid]
    assert (raid.fatalities, raid.injured, raid.event_date) == (6, 1, dt.date(2023, 5, 1))


def test_a_clash_that_refers_back_to_a_killing_stays_a_clash_of_its_own():
    killing = mention(event_type="Violence against civilians", sub_event_type="Attack", text="Shelling wounded 17.")
    clash = mention(text="The spokesman linked the clashes to a dispute over a fence.")
    assert join_repeats([killing, clash], [False, False]) == [killing, clash]


def test_cross_border_tellings_with_no_province_are_one_incident_but_not_a_provinces_telling():
    shelling = mention(event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
                       admin1_code=None)
    assert same_incident(shelling, mention(event_type="Explosions/Remote violence",
                                           sub_event_type="Shelling/artillery/missile attack", admin1_code=None))
    assert not same_incident(shelling, mention(event_type="Explosions/Remote violence",
                                               sub_event_type="Shelling/artillery/missile attack"))
