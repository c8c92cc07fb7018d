"""Actor finder: dictionary matches, acronyms, Dari script, dates and unknown armed groups."""

from __future__ import annotations

import datetime as dt

import pytest

from sitroom.extract.actors import UNKNOWN_CATEGORY, ActorFinder


@pytest.fixture(scope="module")
def finder():
    return ActorFinder()


def _ids(mentions):
    return [m.actor_id for m in mentions]


def test_finds_named_groups_with_spellings_and_offsets(finder):
    text = "Afghan and coalition forces detained an al-Qaida facilitator and a Hezb-E Islami Gulbuddin leader."
    mentions = finder.find(text, dt.date(2011, 5, 1))
    assert _ids(mentions) == ["afghan_coalition_forces", "al_qaeda", "hig"]
    assert [text[m.start : m.end] for m in mentions] == [m.text for m in mentions]
    assert mentions[1].name == "al-Qaeda" and mentions[2].category == "rebel group"


def test_acronyms_are_case_sensitive(finder):
    assert _ids(finder.find("NRF and AFF fighters clashed with IS-K near Kabul.")) == ["nrf", "aff", "iskp"]
    assert finder.find("the nrf said it is key to aff") == []


def test_insurgents_alone_is_not_a_named_group(finder):
    assert finder.find("Insurgents attacked the patrol and the insurgents fled.") == []


def test_dari_and_pashto_script_names(finder):
    mentions = finder.find("نیروهای جبهه مقاومت ملی در پنجشیر با طالبان درگیر شدند", dt.date(2022, 5, 1))
    assert _ids(mentions) == ["nrf", "taliban"]
    assert mentions[1].category == "state forces"
    assert _ids(finder.find("د داعش جنګیالي")) == ["iskp"]


def test_role_changes_across_15_august_2021(finder):
    before = finder.find("Taliban forces attacked Afghan forces.", dt.date(2021, 8, 14))
    after = finder.find("Taliban forces attacked Afghan forces.", dt.date(2021, 8, 15))
    assert [(m.actor_id, m.category) for m in before] == [("taliban", "rebel group"), ("andsf", "state forces")]
    assert [(m.actor_id, m.category) for m in after] == [("taliban_forces", "state forces"), ("taliban_forces", "state forces")]


def test_longest_name_wins(finder):
    assert _ids(finder.find("The Pakistani Taliban and the Islamic Movement of Uzbekistan.")) == ["ttp", "imu"]


def test_place_names_are_not_groups(finder):
    assert finder.find("He was seen in Lashkar Gah district.") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Fighters of the Andarab Liberation Front attacked a post.", "Andarab Liberation Front"),
        ("The Salang Brigade claimed the attack.", "Salang Brigade"),
        ("A new group, Unity Movement of Badakhshan, was announced.", "Unity Movement of Badakhshan"),
        ("During the night the Khost Battalion withdrew.", "Khost Battalion"),
    ],
)
def test_unknown_organisations_are_extracted(finder, text, name):
    unknown = [m for m in finder.find(text) if m.actor_id is None]
    assert [(m.name, m.category) for m in unknown] == [(name, UNKNOWN_CATEGORY)]
    assert text[unknown[0].start : unknown[0].end] == name


def test_known_front_is_not_reported_as_unknown(finder):
    mentions = finder.find("The National Resistance Front and the Afghanistan Freedom Front.")
    assert _ids(mentions) == ["nrf", "aff"]
