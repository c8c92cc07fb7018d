"""Actor roles of whole mentions (mention_actors): sides, context, implied agents and targets, anaphora;
on reports written for these tests."""

from __future__ import annotations


def _only(mentions: list[dict]) -> dict:
    assert len(mentions) == 1, [m["text"] for m in mentions]
    return mentions[0]


def test_an_actor_of_the_agents_side_is_not_its_target(extract_mentions):
    text = ("Sample report.\n\nThe Taliban clashed with Taliban fighters of a rival commander in Dara district "
            "of Panjshir province on Monday.")
    mention = _only(extract_mentions(text, published="2023-05-16"))
    assert mention["actor1"] == "Taliban" and mention["actor2"] != "Taliban forces (Islamic Emirate)"


def test_a_battle_with_only_its_victim_named_takes_the_reports_other_side_as_agent(extract_mentions):
    text = ("Sample report.\n\nThe National Resistance Front said on Sunday that its forces ambushed a patrol "
            "in Dara district of Panjshir province.\n\nFive Taliban members were killed in the ambush, "
            "the NRF added.")
    mentions = extract_mentions(text, published="2023-05-15")
    last = mentions[-1]
    assert last["actor1"] == "National Resistance Front" and last["actor2"].startswith("Taliban")
    assert last["evidence"]["actor1"][0] < last["evidence"]["actor1"][1]


def test_an_arrest_without_a_named_agent_is_by_the_state_forces_of_its_date(extract_mentions):
    text = ("Sample report.\n\nTwo brothers were taken into custody in Kunduz city, Kunduz province, on Sunday, "
            "local sources said.")
    mention = _only(extract_mentions(text, published="2023-12-05"))
    assert mention["sub_event_type"] == "Arrests"
    assert mention["actor1"] == "Taliban forces (Islamic Emirate)"


def test_violence_against_civilians_without_a_named_target_targets_civilians(extract_mentions):
    text = ("Sample report.\n\nUnknown gunmen shot dead a civic activist in Jalalabad city, Nangarhar province, "
            "on Tuesday.")
    mention = _only(extract_mentions(text, published="2023-10-12"))
    assert mention["event_type"] == "Violence against civilians"
    assert mention["actor1"] == "Unidentified armed group" and mention["actor2"] == "Civilians"


def test_the_group_refers_to_the_armed_actor_named_last(extract_mentions):
    text = ("Sample report.\n\nThe Taliban have sent more fighters to Khedir district of Daykundi province.\n\n"
            "On Sunday the group's fighters burnt at least three houses in the district, residents said.")
    mentions = extract_mentions(text, published="2023-10-24")
    burnt = next(m for m in mentions if "burnt" in m["text"])
    assert burnt["actor1"] == "Taliban"
    start, end = burnt["evidence"]["actor1"]
    assert text[start:end] == "the group's fighters"


def test_a_claim_for_an_attack_in_another_province_names_no_agent(extract_mentions):
    text = ("Sample report.\n\nThe Islamic State Khorasan Province claimed responsibility for the attack on a mosque "
            "in Mazar-i-Sharif, Balkh province, on Thursday.\n\nOn Tuesday, at least six people were killed "
            "in a roadside bomb explosion in Kunduz city, Kunduz province.")
    kunduz = next(m for m in extract_mentions(text, published="2022-04-21") if m["admin1_code"] == "AF-KDZ")
    assert kunduz["actor1"] == "Unidentified armed group" and kunduz["actor2"] == "Civilians"


def test_a_peaceful_protest_has_no_target(extract_mentions):
    text = ("Sample report.\n\nOn Sunday, women took to the streets in Bazarak, Panjshir province, chanting slogans "
            "and demanding that the world not recognise the Taliban.")
    protest = _only(extract_mentions(text, published="2022-08-15"))
    assert protest["sub_event_type"] == "Peaceful protest" and protest["actor2"] is None


def test_counted_people_killed_by_shelling_are_civilian_victims(extract_mentions):
    text = ("Sample report.\n\nShelling from Afghan forces killed six people in Dangam district of Kunar province "
            "on Sunday, officials said.")
    mention = _only(extract_mentions(text, published="2022-12-12"))
    assert mention["actor1"] == "Taliban forces (Islamic Emirate)" and mention["actor2"] == "Civilians"


def test_a_news_site_never_claims_what_it_relays(extract_mentions):
    text = ("Sample report.\n\nKabulNow claimed that two explosions hit a bus in Dasht-e Barchi, Kabul city, "
            "on Sunday, killing four people.")
    mention = _only(extract_mentions(text, published="2024-12-12", publisher="KabulNow"))
    assert mention["claim"]["stance"] == "reported"


def test_a_ministry_spokesman_speaks_for_the_taliban_after_august_2021(extract_mentions):
    text = ("Sample report.\n\nAt least three militia commanders have been killed in Andarab district of Baghlan "
            "province, Interior Ministry spokesman Qari Ahmad said on Friday.")
    mention = _only(extract_mentions(text, published="2021-10-16"))
    assert mention["claim"] == {"stance": "claimed", "by": "Taliban"}


def test_the_nrf_added_that_is_the_nrfs_claim(extract_mentions):
    text = ("Sample report.\n\nOn Thursday, the NRF added that four Taliban members were killed in an attack in "
            "Paryan district of Panjshir province.")
    mention = _only(extract_mentions(text, published="2023-06-02"))
    assert mention["claim"] == {"stance": "claimed", "by": "National Resistance Front"}


def test_every_associated_actor_and_tag_has_evidence(extract_mentions):
    text = ("Sample report.\n\nTaliban forces detained 14 villagers in Andarab district of Baghlan province on "
            "Sunday on charges of supporting the National Resistance Front, residents said.")
    mention = _only(extract_mentions(text, published="2023-05-15"))
    assert mention["assoc_actors"] and mention["tags"]
    for name in mention["assoc_actors"]:
        start, end = mention["evidence"]["assoc_actors:" + name.replace(" ", "_")]
        assert text[start:end] in ("National Resistance Front", "villagers"), name
    for tag in mention["tags"]:
        start, end = mention["evidence"]["tags:" + tag.replace(" ", "_")]
        assert 0 <= start < end <= len(text)


def test_unnamed_resistance_fighters_are_the_one_front_the_report_names(extract_mentions):
    text = ("Sample report.\n\nThe National Resistance Front is the main armed opposition in the valley.\n\n"
            "On Monday, Taliban forces killed four resistance fighters in Dara district of Panjshir province.")
    killed = next(m for m in extract_mentions(text, published="2022-09-13") if "Monday" in m["text"])
    assert killed["actor2"] == "National Resistance Front"
    start, end = killed["evidence"]["actor2"]
    assert text[start:end] == "resistance fighters"



def test_a_country_named_as_the_agent_is_its_forces(extract_mentions):
    text = ("Sample report.\n\nThe Taliban government reported that air strikes conducted by Pakistan in Barmal "
            "district of Paktika province on Tuesday night killed 46 civilians.")
    mention = _only(extract_mentions(text, published="2024-12-25"))
    assert mention["actor1"] == "Pakistani forces" and mention["actor2"] == "Civilians"
    start, end = mention["evidence"]["actor1"]
    assert text[start:end] == "Pakistan"


def test_a_blast_claimed_by_a_front_targets_the_side_it_fights(extract_mentions):
    text = ("Sample report.\n\nThe Afghanistan Freedom Front claimed responsibility for the attack on Taliban forces "
            "in Kunduz.\n\nA powerful explosion occurred in the centre of Kunduz province on Thursday night, "
            "local sources said.")
    blast = next(m for m in extract_mentions(text, published="2025-02-28") if "explosion" in m["text"])
    assert blast["actor1"] == "Afghanistan Freedom Front" and blast["actor2"] == "Taliban forces (Islamic Emirate)"


def test_a_strike_on_a_civilian_place_targets_civilians_not_the_reports_main_group(extract_mentions):
    text = ("Sample report.\n\nIslamabad blames the Tehrik-i-Taliban Pakistan for attacks. The Tehrik-i-Taliban "
            "Pakistan denies it.\n\nPakistani aircraft struck a wedding in Dangam district of Kunar province "
            "on Sunday, residents said.")
    mention = extract_mentions(text, published="2023-03-14")[-1]
    assert mention["event_type"] == "Explosions/Remote violence"
    assert mention["actor1"] == "Pakistani forces" and mention["actor2"] == "Civilians"
    start, end = mention["evidence"]["actor2"][:2]
    assert text[start:end] == "wedding"


def test_a_second_telling_takes_the_missing_target_of_the_first_telling_of_its_kind(extract_mentions):
    text = ("Sample report.\n\nIslamabad accuses the Tehrik-i-Taliban Pakistan of attacks. The Tehrik-i-Taliban "
            "Pakistan denies this.\n\nPakistani air strikes killed six people in Sperah district of Khost province "
            "on Sunday night, officials said.\n\nPakistani forces also carried out air strikes in Shigal district "
            "of Kunar province on Sunday night, residents said.")
    first, second = extract_mentions(text, published="2023-03-14")[-2:]
    assert first["actor2"] == second["actor2"] == "Civilians"
    start, end = second["evidence"]["actor2"][:2]
    assert text[start:end] == "six people"  # the evidence is the first telling's victims


def test_an_earlier_agent_of_the_targets_own_side_is_not_taken(extract_mentions):
    text = ("Sample report.\n\nThe Taliban said they were fighting the National Resistance Front.\n\n"
            "NRF fighters clashed with the Taliban in Dara district of Panjshir province on Monday.\n\n"
            "Three NRF fighters were killed in a clash in Paryan district of Panjshir province on Tuesday.")
    last = extract_mentions(text, published="2023-05-17")[-1]
    assert last["actor2"] == "National Resistance Front"
    assert last["actor1"].startswith("Taliban")
