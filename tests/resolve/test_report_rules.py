"""Rules that keep one incident's reports together: actor names, one-sided reports, paragraphs
of one report, rival claims, the accused party's denial and place names at two levels of detail."""

from __future__ import annotations

import datetime as dt

from resolve_helpers import make

from sitroom.models import SourceKind, Stance
from sitroom.resolve import resolve_mentions
from sitroom.resolve.blocking import incompatibility
from sitroom.resolve.features import stance_feature
from sitroom.resolve.prepare import Preparer


def _pair(a, b, settings):
    preparer = Preparer(settings)
    return preparer.prepare(a), preparer.prepare(b)


def _blocked(a, b, settings) -> str | None:
    return incompatibility(*_pair(a, b, settings), settings)


def test_dictionary_names_compare_as_the_authority_or_as_nobody(settings):
    preparer = Preparer(settings)
    after = dt.date(2023, 5, 14)
    # Units of the de facto authorities are the authorities; ACLED's and the dictionary's names agree.
    assert preparer.actor_key("Taliban forces (Islamic Emirate)", after) == "Taliban"
    assert preparer.actor_key("General Directorate of Intelligence (Taliban)", after) == "Taliban"
    assert preparer.actor_key("Military Forces of Afghanistan (2021-)", after) == "Taliban"
    # Before August 2021 the Taliban were an insurgency, not the state's forces.
    assert preparer.actor_key("Afghan National Army", dt.date(2019, 1, 1)) != "Taliban"
    # Civilians of any kind say nothing about which incident it was.
    assert preparer.actor_key("Civilians (women)", after) is None
    assert preparer.actor_key("Civilians (former security personnel)", after) is None
    # A qualifier the dictionary does not know is dropped before the aliases are tried.
    assert preparer.actor_key("National Resistance Front of Afghanistan (synthetic demo)", after) == "NRF"
    assert preparer.actor_key("NRF", after) == preparer.actor_key("National Resistance Front", after) == "NRF"


def test_a_report_naming_one_side_may_meet_one_naming_the_other(settings):
    attack = make("tg#m0", "2023-05-14", stance=Stance.CLAIMED, by="NRF", actors=("NRF", None))
    checkpoint = make("moi#m0", "2023-05-14", actors=(None, "Taliban"))
    assert _blocked(attack, checkpoint, settings) is None
    # A report naming both sides excludes a third party; two one-sided reports may not share.
    clash = make("news#m0", "2023-05-14", actors=("NRF", "Taliban"))
    assert _blocked(clash, make("iskp#m0", "2023-05-14", actors=("ISKP", None)), settings) == "no actor in common"


def test_paragraphs_of_one_report_on_one_incident_merge(settings):
    ambush = make("claim#m0", "2024-04-09", "Dara", stance=Stance.CLAIMED, by="NRF")
    toll = make("claim#m1", "2024-04-09", "Dara", stance=Stance.CLAIMED, by="NRF", fatalities=3)
    assert _blocked(ambush, toll, settings) is None
    result = resolve_mentions([ambush, toll], settings)
    assert result.assignments["claim#m0"] == result.assignments["claim#m1"]
    # A roundup's incidents differ in district, day or type: they stay apart.
    assert _blocked(ambush, make("claim#m2", "2024-04-09", "Paryan", stance=Stance.CLAIMED, by="NRF"), settings)
    assert _blocked(ambush, make("claim#m3", "2024-04-08", "Dara", stance=Stance.CLAIMED, by="NRF"), settings)
    other_type = make("claim#m4", "2024-04-09", "Dara", stance=Stance.CLAIMED, by="NRF",
                      event_type="Explosions/Remote violence")
    assert _blocked(ambush, other_type, settings) == "same document"
    province_only = make("claim#m5", "2024-04-09", None, province="Panjshir", stance=Stance.CLAIMED, by="NRF")
    assert _blocked(ambush, province_only, settings) == "same document"


def test_rival_claims_quoted_in_one_report_may_be_one_event(settings):
    rules = {"event_type": "Strategic developments", "actors": ("Taliban", "Civilians")}
    resistance = make("fa#m2", "2022-09-18", "Andarab", stance=Stance.CLAIMED, by="NRF", **rules)
    police = make("fa#m3", "2022-09-18", None, province="Baghlan", stance=Stance.CLAIMED, by="Taliban", **rules)
    assert _blocked(resistance, police, settings) is None
    again = make("fa#m4", "2022-09-18", None, province="Baghlan", stance=Stance.CLAIMED, by="NRF", **rules)
    assert _blocked(resistance, again, settings) == "same document"  # one voice, two items of a roundup


def test_the_accused_partys_denial_answers_the_claim(settings):
    claim = make("tg-101#m0", "2022-06-12", "Paryan", kind=SourceKind.CLAIM, stance=Stance.CLAIMED,
                 by="National Resistance Front", actors=("Taliban", "Civilians"),
                 event_type="Strategic developments")
    denial = make("iea-1#m0", "2022-06-13", "Paryan", kind=SourceKind.OFFICIAL, stance=Stance.DENIED,
                  by="Islamic Emirate", actors=("Taliban", None), event_type="Strategic developments")
    name, value, detail = stance_feature(*_pair(claim, denial, settings))
    assert (name, value) == ("stance", 1.0) and "Taliban" in detail
    bystander = make("aff-1#m0", "2022-06-13", "Paryan", stance=Stance.DENIED, by="AFF", actors=("AFF", None))
    assert stance_feature(*_pair(claim, bystander, settings))[1] == 0.0


def test_a_place_named_inside_a_longer_name_is_the_same_place(settings):
    bombing = {"event_type": "Explosions/Remote violence", "actors": ("ISKP", "Civilians")}
    news = make("news#m0", "2024-02-06", "Kabul", province="Kabul", location="Barchi", **bombing)
    acled = make("acled#m0", "2024-02-06", "Kabul", province="Kabul", location="Kabul - Dasht-e Barchi", **bombing)
    assert _blocked(news, acled, settings) is None
    result = resolve_mentions([news, acled], settings)
    assert result.assignments["news#m0"] == result.assignments["acled#m0"]
    other = make("tolo#m0", "2024-02-06", "Kabul", province="Kabul", location="Shahr-e Naw", **bombing)
    assert _blocked(news, other, settings) == "different named places"
    # Part of a word is not a place: "Sang" is not in "Sangcharak".
    longer = make("b#m0", "2024-02-06", "Kabul", province="Kabul", location="Sangcharak", **bombing)
    shorter = make("c#m0", "2024-02-06", "Kabul", province="Kabul", location="Sang", **bombing)
    assert _blocked(longer, shorter, settings) == "different named places"
