"""Event typing: golden sentences per ACLED sub-event type and tag, background sentences, aggregates."""

from __future__ import annotations

import pytest

from sitroom.errors import DataPackError
from sitroom.extract.event_types import build_taxonomy, classify_sentence, load_taxonomy

GOLDEN = [
    ("NRF fighters clashed with Taliban forces in Andarab on Monday.", "Battles", "Armed clash"),
    ("The patrol came under fire and returned fire, killing two gunmen.", "Battles", "Armed clash"),
    ("Resistance fighters ambushed a Taliban convoy on the Salang highway.", "Battles", "Armed clash"),
    ("After gaining positive identification, the air weapons team engaged the enemy position.", "Battles", "Armed clash"),
    ("Taliban forces retook the district centre after two days of fighting.", "Battles", "Government regains territory"),
    ("Resistance fighters captured the district centre of Khost wa Fereng.", "Battles", "Non-state actor overtakes territory"),
    ("A drone strike hit a house in Kabul's Sherpur area.", "Explosions/Remote violence", "Air/drone strike"),
    ("The security force engaged the insurgents with a precision airstrike.", "Explosions/Remote violence", "Air/drone strike"),
    ("Coalition forces conducted an air strike in Logar province yesterday.", "Explosions/Remote violence", "Air/drone strike"),
    ("A roadside bomb exploded near a police vehicle in Jalalabad.", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("A suicide bomber blew himself up outside a mosque in Kunduz.", "Explosions/Remote violence", "Suicide bomb"),
    ("Pakistani forces shelled villages in Kunar.", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Unknown men threw a grenade at a checkpoint in Kandahar city.", "Explosions/Remote violence", "Grenade"),
    ("Gunmen shot dead a former soldier in his home in Kapisa.", "Violence against civilians", "Attack"),
    ("Taliban fighters abducted two teachers in Badakhshan.", "Violence against civilians", "Abduction/forced disappearance"),
    ("A girl was raped by a Taliban commander in Balkh.", "Violence against civilians", "Sexual violence"),
    ("The Taliban detained 40 villagers in Andarab.", "Strategic developments", "Arrests"),
    ("The security force seized a weapons cache containing mortars and rifles.", "Strategic developments", "Disrupted weapons use"),
    ("An IED was found and destroyed by the patrol.", "Strategic developments", "Disrupted weapons use"),
    ("Taliban fighters burned the houses of resistance supporters in Panjshir.", "Strategic developments", "Looting/property destruction"),
    ("Dozens of women protested in Kabul against the closure of schools.", "Protests", "Peaceful protest"),
    ("Taliban fighters fired into the air to disperse protesters in Herat.", "Protests", "Protest with intervention"),
    ("Rioters set fire to a government building in Mazar.", "Riots", "Violent demonstration"),
    ("The blast at a school in Kabul on Sept. 30 killed 20 students.", "Explosions/Remote violence",
     "Remote explosive/landmine/IED"),
    ("A series of bomb attacks in Jalalabad last month left more than 30 fighters killed.", "Explosions/Remote violence",
     "Remote explosive/landmine/IED"),
    ("A suicide bomber was shot dead before he was able to blow himself up outside a bank in Faizabad.",
     "Strategic developments", "Disrupted weapons use"),
    ("Women took to the streets in Kabul on Saturday, but Taliban fighters disrupted the protest with armed intervention.",
     "Protests", "Protest with intervention"),
    ("A U.S. drone killed the group's leader in a Kabul villa.", "Explosions/Remote violence", "Air/drone strike"),
    ("One civilian was killed during the conflict between Taliban militants and Pakistani border guards.", "Battles",
     "Armed clash"),
]


@pytest.mark.parametrize(("sentence", "event_type", "sub_event_type"), GOLDEN)
def test_golden_sentences(sentence, event_type, sub_event_type):
    typing = classify_sentence(sentence)
    assert typing is not None, sentence
    assert (typing.event_type, typing.sub_event_type) == (event_type, sub_event_type)
    assert not typing.is_aggregate


@pytest.mark.parametrize(
    ("sentence", "tag"),
    [
        ("The Taliban detained 40 villagers in Andarab.", "detention"),
        ("Detainees were tortured in a Taliban prison in Panjshir.", "torture"),
        ("The bodies of three men were found after they were executed by Taliban fighters.", "extrajudicial killing"),
        ("Gunmen shot dead a former soldier in his home in Kapisa.", "extrajudicial killing"),
        ("Taliban fighters burned the houses of resistance supporters in Panjshir.", "collective punishment"),
        ("Families were forcibly evicted from their homes in Daykundi.", "forced displacement"),
        ("The NRF claimed that its fighters killed five Taliban in Andarab.", "propaganda claim"),
        ("Taliban forces detained four men during a night raid in Parwan.", "raid"),
        ("NRF fighters attacked a Taliban checkpoint in Andarab, killing five.", "checkpoint attack"),
    ],
)
def test_tags(sentence, tag):
    typing = classify_sentence(sentence)
    assert typing is not None and tag in typing.tags, (sentence, typing)


@pytest.mark.parametrize(
    "sentence",
    [
        "Alaudin was responsible for attacks against Afghan and coalition forces.",
        "Prior to his death, he was planning attacks against police in Ghazni province.",
        "The leader facilitated the movement of weapons and suicide bombers into the district.",
        "The commander is believed to have coordinated roadside bomb attacks in the area.",
        "The Taliban will continue to fight until the end.",
        "The group is planning attacks on checkpoints in Panjshir.",
        "Analysts think the resistance should unite.",
        "The facilitator was captured during non-kinetic operations, meaning no precision air strikes were used.",
        "The target of the operation was a senior leader of the network.",
        "Kabul is the capital of Afghanistan.",
    ],
)
def test_background_plans_and_opinions_are_not_events(sentence):
    typing = classify_sentence(sentence)
    if "captured" in sentence:  # the capture is an event; the negated air strike is not
        assert typing is not None and typing.sub_event_type == "Arrests"
    else:
        assert typing is None, (sentence, typing)


def test_event_clause_survives_relative_background_clause():
    typing = classify_sentence("The leader, who was responsible for attacks in Gardez, was captured yesterday.")
    assert typing is not None and typing.sub_event_type == "Arrests"


def test_leading_planning_clause_does_not_hide_the_strike():
    typing = classify_sentence("After careful planning to avoid civilian casualties, coalition forces conducted an air strike.")
    assert typing is not None and typing.sub_event_type == "Air/drone strike"


@pytest.mark.parametrize(
    ("sentence", "sub_event_type"),
    [
        ("The UN reported 160 extrajudicial killings in the past year.", "Attack"),
        ("Since January, more than 300 former soldiers have been detained by the Taliban.", "Arrests"),
        ("UNAMA documented 25 cases of torture of detainees between March and June.", "Attack"),
    ],
)
def test_aggregates_are_flagged(sentence, sub_event_type):
    typing = classify_sentence(sentence)
    assert typing is not None and typing.is_aggregate and typing.sub_event_type == sub_event_type


def test_trigger_offsets_are_document_offsets():
    sentence = "A drone strike hit a house."
    typing = classify_sentence(sentence, offset=100)
    assert typing is not None
    assert (typing.trigger_start, typing.trigger_end) == (102, 114)


def test_dari_triggers():
    typing = classify_sentence("نیروهای طالبان ۲۰ تن را در اندراب بازداشت کردند")
    assert typing is not None and typing.sub_event_type == "Arrests"


def test_taxonomy_validation_names_rule_and_problem():
    tax = load_taxonomy()
    assert tax.version == "event-types-v1"
    acled = {"event_types": {"Battles": ["Armed clash"]}, "tags": {"raid": ""}}
    cues = {"background": ["x"], "introductory": "x", "relative": "x", "negation": "x", "aggregate": ["x"]}
    bad_type = {"cues": cues, "rule": [{"id": "r1", "event_type": "Battles", "sub_event_type": "Skirmish", "priority": 1, "patterns": ["a"]}]}
    with pytest.raises(DataPackError, match="rule #0 \\(r1\\).*'Skirmish' is not an ACLED type"):
        build_taxonomy(bad_type, acled)
    bad_regex = {"cues": cues, "rule": [{"id": "r2", "event_type": "Battles", "sub_event_type": "Armed clash", "priority": 1, "patterns": ["(a"]}]}
    with pytest.raises(DataPackError, match="r2.*bad pattern"):
        build_taxonomy(bad_regex, acled)
    bad_tag = {"cues": cues, "rule": [{"id": "r3", "event_type": "Battles", "sub_event_type": "Armed clash", "priority": 1, "patterns": ["a"], "tags": ["looting"]}]}
    with pytest.raises(DataPackError, match="r3.*unknown tag"):
        build_taxonomy(bad_tag, acled)


@pytest.mark.parametrize(
    "sentence",
    [  # synthetic: the same cue in Persian and in Arabic letter forms (ی/ي, ک/ك), as cp1256 texts give
        "طالبان قصد دارند مخالفان را بازداشت کنند.",
        "طالبان قصد دارند مخالفان را بازداشت کنند.".replace("ی", "ي").replace("ک", "ك"),
    ],
)
def test_dari_cue_in_either_letter_form(sentence):
    assert classify_sentence(sentence) is None


def test_dari_aggregate_and_single_event_side_by_side():
    single = classify_sentence("طالبان دیروز ۲۰ تن را در اندراب بازداشت کردند.")
    aggregate = classify_sentence("طالبان در سال گذشته ۲۰۰ تن را در اندراب بازداشت کردند.")
    assert single is not None and not single.is_aggregate
    assert aggregate is not None and aggregate.is_aggregate and aggregate.sub_event_type == single.sub_event_type


@pytest.mark.parametrize("sentence", [
    "A video released by the fighters captured the sound of the gunfire.",
    "They displayed military equipment which was captured by their fighters.",
])
def test_a_capture_of_things_is_no_arrest(sentence):
    typing = classify_sentence(sentence)
    assert typing is None or typing.sub_event_type != "Arrests"


def test_a_capture_of_people_stays_an_arrest():
    assert classify_sentence("Police captured two suspects in Kabul on Monday.").sub_event_type == "Arrests"
