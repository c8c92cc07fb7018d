"""Actor roles of one event sentence (actor_roles), on sentences written for these tests."""

from __future__ import annotations

import pytest

import datetime as dt

from sitroom.extract.actor_roles import (
    civilian_place, counted_civilians, is_no_actor, is_passive_victim, load_role_rules, responsible_actors, split_roles, state_agent_on,
)
from sitroom.extract.actors import ActorFinder


@pytest.fixture(scope="module")
def finder() -> ActorFinder:
    return ActorFinder()


def _roles(finder, sentence: str, trigger: str):
    start = sentence.index(trigger)
    actors = finder.find(sentence)
    agents, targets = split_roles(sentence, actors, start, start + len(trigger), load_role_rules())
    return [a.text for a in agents], [a.text for a in targets]


def test_a_counted_actor_that_was_killed_is_the_target(finder):
    assert _roles(finder, "Twelve Taliban killed when NRF fighters repulsed their attack.", "attack") == (
        ["NRF"], ["Taliban"])


def test_an_actor_with_a_passive_verb_is_the_target(finder):
    sentence = "Taliban fighters were killed in an airstrike by Pakistani jets."
    assert _roles(finder, sentence, "airstrike") == (["Pakistani jets"], ["Taliban fighters"])


def test_an_active_subject_stays_the_agent(finder):
    assert _roles(finder, "Taliban forces killed two civilians in a raid.", "killed") == (
        ["Taliban forces"], ["civilians"])


def test_media_take_no_role(finder):
    agents, targets = _roles(finder, "Sources told Amu TV that gunmen shot a former soldier.", "shot")
    assert agents == ["gunmen"] and "Amu TV" not in targets


def test_between_x_and_y_gives_both_roles(finder):
    assert _roles(finder, "Clashes erupted between the NRF and Taliban forces overnight.", "Clashes") == (
        ["NRF"], ["Taliban forces"])


def test_death_of_an_actor_is_a_victim_cue(finder):
    text = "The blast caused the death of one Taliban commander."
    taliban = next(a for a in finder.find(text) if a.text == "Taliban")
    assert is_passive_victim(text, taliban, load_role_rules())


def test_responsibility_claimants_and_counted_civilians(finder):
    text = "A blast hit a bus. The Islamic State Khorasan Province claimed responsibility. It killed 14 people."
    assert [a.text for a in responsible_actors(text, finder.find(text), load_role_rules())] == [
        "Islamic State Khorasan Province"]
    span = counted_civilians(text, 0, len(text), load_role_rules())
    assert span is not None and text[span[0]:span[1]] == "14 people"
    assert counted_civilians("A blast hit a bus.", 0, 18, load_role_rules()) is None


def test_an_affiliated_actor_after_the_trigger_is_the_agent(finder):
    sentence = "A suicide bomber related to the Islamic State Khorasan Province blew himself up in a mosque."
    agents, _ = _roles(finder, sentence, "suicide bomber")
    assert agents == ["Islamic State Khorasan Province"]


def test_a_dari_actor_in_a_passive_clause_is_the_victim(finder):
    text = "در این انفجار دو تن از نیروهای طالبان کشته شدند."
    taliban = next(a for a in finder.find(text) if a.actor_id and a.actor_id.startswith("taliban"))
    assert is_passive_victim(text, taliban, load_role_rules())
    active = "نیروهای طالبان دو غیرنظامی را کشتند."
    taliban = next(a for a in finder.find(active) if a.actor_id and a.actor_id.startswith("taliban"))
    assert not is_passive_victim(active, taliban, load_role_rules())


def test_between_opens_the_first_side_even_when_the_second_has_no_name(finder):
    agents, _ = _roles(finder, "Fighting between the Taliban and local militias went on for days.", "Fighting")
    assert agents == ["Taliban"]


def test_the_dari_attacker_named_after_the_attack_noun_comes_before_the_speaker(finder):
    text = "جبهه مقاومت ملی از حمله طالبان در اندراب خبر داد."
    start = text.index("حمله")
    agents, _ = split_roles(text, finder.find(text), start, start + 4, load_role_rules())
    assert agents[0].text == "طالبان"


def test_by_the_x_makes_x_the_agent(finder):
    sentence = "More than 40 residents were arrested by the Taliban fighters in Khair Khana."
    assert _roles(finder, sentence, "arrested") == (["Taliban fighters"], ["residents"])


def test_shelling_from_x_makes_x_the_agent(finder):
    agents, _ = _roles(finder, "Heavy shelling from Pakistani forces killed four people in Dangam.", "shelling")
    assert agents == ["Pakistani forces"]


def test_an_actor_before_an_operation_noun_is_the_agent(finder):
    sentence = "Two ISKP members were arrested during the Taliban's operation in the city."
    assert _roles(finder, sentence, "arrested") == (["Taliban"], ["ISKP"])


def test_an_actor_after_an_object_verb_is_the_target_even_before_the_trigger(finder):
    sentence = "AFF fighters attacked a checkpoint of the Taliban's police, killing three members."
    assert _roles(finder, sentence, "killing") == (["AFF"], ["Taliban"])


def test_a_dari_actor_marked_by_ra_is_the_object(finder):
    text = "طالبان باشندگان را آزار دادند و خانه‌ها را تلاشی کردند."
    start = text.index("تلاشی")
    agents, targets = split_roles(text, finder.find(text), start, start + 5, load_role_rules())
    assert [a.text for a in agents] == ["طالبان"] and [a.text for a in targets] == ["باشندگان"]


def test_between_x_and_y_after_a_counted_victim_gives_y_the_target(finder):
    sentence = "One civilian was killed during the clash between the Taliban and Pakistani border guards."
    assert _roles(finder, sentence, "killed") == (["Taliban"], ["Pakistani border guards", "civilian"])


def test_a_counted_dari_victim_with_an_appositive_is_the_victim(finder):
    text = "در این حمله ۲ تن از نیروهای طالبان، به شمول یک فرمانده، کشته شدند."
    taliban = next(a for a in finder.find(text) if a.actor_id and a.actor_id.startswith("taliban"))
    assert is_passive_victim(text, taliban, load_role_rules())


def test_adjectives_and_family_names_are_no_actors(finder):
    rules = load_role_rules()
    text = "Women chanted anti-Taliban slogans after Khalil Haqqani met the Haqqani network."
    found = {a.start: a for a in finder.find(text)}
    taliban = next(a for a in found.values() if a.text == "Taliban")
    surname = next(a for a in found.values() if a.text == "Haqqani")
    network = next(a for a in found.values() if a.text == "Haqqani network")
    assert is_no_actor(text, taliban, rules) and is_no_actor(text, surname, rules)
    assert not is_no_actor(text, network, rules)


def test_arrests_take_the_state_forces_of_their_date():
    rules = load_role_rules()
    assert state_agent_on(rules, dt.date(2023, 5, 1)) == "taliban_forces"
    assert state_agent_on(rules, dt.date(2012, 5, 1)) is None


def test_a_colon_label_is_the_statements_source_not_a_party(finder):
    text = "«جبهه آزادی»: دو عضو طالبان در یک حمله در قندوز کشته شدند."
    start = text.index("حمله")
    agents, targets = split_roles(text, finder.find(text), start, start + 4, load_role_rules())
    assert [a.name for a in agents + targets] == ["Taliban"]


def test_dari_counted_members_killed_and_wounded_are_the_victims(finder):
    text = "در حمله‌ی نیروهایش بر پاسگاه طالبان، دو عضو طالبان کشته و سه عضو دیگر زخمی شدند."
    second = [a for a in finder.find(text) if a.text == "طالبان"][1]
    assert is_passive_victim(text, second, load_role_rules())


def test_the_short_dari_and_pashto_names_of_the_freedom_front(finder):
    for text in ("جبهه آزادی مسئولیت این حمله را پذیرفت.", "د ازادۍ جبهې د دې برید مسؤولیت منلی دی."):
        assert [a.actor_id for a in finder.find(text)][:1] == ["aff"], text


def test_a_negated_responsibility_cue_names_no_claimant(finder):
    text = "The Taliban blamed ISIS militants. However, no group has claimed responsibility for the blast."
    assert responsible_actors(text, finder.find(text), load_role_rules()) == []


def test_the_subject_of_a_speech_verb_takes_no_role(finder):
    sentence = ("The Taliban government reported that air strikes conducted by Pakistani jets in Barmal killed "
                "46 civilians.")
    agents, targets = _roles(finder, sentence, "air strikes")
    assert agents == ["Pakistani jets"] and "Taliban" not in targets


def test_a_speaker_that_reports_its_own_act_stays_the_agent(finder):
    sentence = "The Taliban's Ministry of Defense said in a statement that they had recaptured the district."
    agents, _ = _roles(finder, sentence, "recaptured")
    assert agents[:1] == ["Taliban"]


def test_members_of_a_group_who_were_killed_are_victims_and_a_predicate_takes_no_role(finder):
    sentence = "Three members of the Islamic State were killed and two others were arrested."
    agents, targets = _roles(finder, sentence, "killed")
    assert agents == [] and targets == ["Islamic State"]
    agents, targets = _roles(finder, "The Taliban said all three were ISKP members and two were arrested.", "arrested")
    assert "ISKP" not in agents + targets


def test_speaking_residents_and_a_group_with_no_links_take_no_role(finder):
    sentence = ("Residents of Behsud district in Nangarhar say one of the three men killed in a Taliban intelligence "
                "raid was a shopkeeper with no links to Islamic State Khorasan Province.")
    agents, targets = _roles(finder, sentence, "killed")
    assert agents == ["Taliban intelligence"] and targets == []


def test_a_group_opposed_to_the_taliban_does_not_make_them_claimants(finder):
    text = "شش جبهه‌ی مخالف طالبان مسئولیت ۴۱ رویداد امنیتی را بر دوش گرفتند."
    assert responsible_actors(text, finder.find(text), load_role_rules()) == []
    claim = "جبههی آزادی در خبرنامه‌ای ادعا کرده که بر نیروهای طالبان حمله کرده است."
    assert [a.actor_id for a in responsible_actors(claim, finder.find(claim), load_role_rules())] == ["aff"]


def test_a_number_in_the_line_before_is_no_count_of_the_actor(finder):
    text = "Published: October 22, 2022 09:17\n\nTaliban security forces killed six ISKP members in Kabul."
    forces = next(a for a in finder.find(text) if a.text == "Taliban security forces")
    assert not is_passive_victim(text, forces, load_role_rules())


def test_the_group_whose_member_was_killed_is_the_victim_side(finder):
    text = "Khalil Haqqani, the Taliban's acting minister of refugees, was killed in a suicide bombing."
    taliban = next(a for a in finder.find(text) if a.text == "Taliban")
    assert is_passive_victim(text, taliban, load_role_rules())


def test_a_pashto_speech_verb_is_a_whole_word(finder):
    # "هوايي" (air) ends in "وايي" (says): the civilians before an air strike are not its speaker
    from sitroom.extract.actor_roles import is_speaker
    sentence = "پاکستاني الوتکو په ملکي وګړو پرون هوايي بریدونه وکړل."
    civilians = next(a for a in finder.find(sentence) if a.actor_id == "civilians")
    assert not is_speaker(sentence, civilians, load_role_rules())


def test_civilians_never_act_in_violent_events(finder):
    from sitroom.extract.actor_roles import victims_to_targets
    sentence = "On civilians in the village, Pakistani jets carried out an airstrike."
    actors = finder.find(sentence)
    start = sentence.index("airstrike")
    agents, targets = split_roles(sentence, actors, start, start + 9, load_role_rules())
    agents, targets = victims_to_targets(agents, targets, "Explosions/Remote violence", load_role_rules())
    assert [a.text for a in agents] == ["Pakistani jets"] and [a.text for a in targets] == ["civilians"]
    kept, _ = victims_to_targets([a for a in actors if a.text == "civilians"], [], "Protests", load_role_rules())
    assert [a.text for a in kept] == ["civilians"]  # protesters act


def test_a_negated_quantifier_names_no_party(finder):
    sentence = "The force ensured no civilians were in the area and called in an airstrike on Taliban fighters."
    start = sentence.index("airstrike")
    agents, targets = split_roles(sentence, finder.find(sentence), start, start + 9, load_role_rules())
    assert "civilians" not in [a.text for a in agents + targets]


def test_forces_led_by_a_commander_are_not_his_agent_cue(finder):
    sentence = "Fighting between the Taliban and local militias led by Mawlawi Mahdi went on in Balkhab."
    start = sentence.index("Fighting")
    agents, targets = split_roles(sentence, finder.find(sentence), start, start + 8, load_role_rules())
    assert [a.text for a in agents] == ["Taliban"]
    assert "Mawlawi Mahdi" in [a.text for a in targets]


def test_a_bracketed_abbreviation_does_not_hide_a_passive_victim(finder):
    sentence = "Two members of the Islamic State (IS) were killed during a raid on their hideout."
    islamic_state = next(a for a in finder.find(sentence) if a.text == "Islamic State")
    assert is_passive_victim(sentence, islamic_state, load_role_rules())


def test_a_civilian_place_hit_names_civilians_unless_it_is_one_persons():
    rules = load_role_rules()
    text = "A blast hit a crowded market and two schools."
    span = civilian_place(text, 0, len(text), rules)
    assert span is not None and text[span[0]:span[1]] == "market"
    assert civilian_place("A blast hit a checkpoint.", 0, 25, rules) is None
    assert civilian_place("Jets bombed his house, then the village.", 0, 40, rules) is None  # the first place decides
    assert civilian_place("The commander's home was raided.", 0, 32, rules) is None
    assert civilian_place("Rockets hit the schoolyard wall.", 0, 32, rules) is None  # whole words only
