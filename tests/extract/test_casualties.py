"""Casualty mentions: active and passive forms, implicit counts, negation, non-events,
aggregates, spans, and counting each person once per document. All sentences are our own."""

from __future__ import annotations

import datetime as dt

import pytest

from sitroom.extract.casualties import (
    Account,
    Passage,
    casualty_accounts,
    counted_casualties,
    document_totals,
    find_casualties,
    group_by_sentence,
)
from sitroom.extract.numbers import load_conventions

ISAF = load_conventions("isaf")


def counts(text: str, conventions=None) -> dict[str, int]:
    return document_totals(find_casualties(text, conventions))


def only(text: str, conventions=None):
    mentions = find_casualties(text, conventions)
    assert len(mentions) == 1, mentions
    return mentions[0]


@pytest.mark.parametrize(
    ("text", "kind", "number", "count"),
    [
        ("The patrol killed two insurgents near the river.", "killed", "two", 2),
        ("Two insurgents were killed in the clash.", "killed", "Two", 2),
        ("Militia fighters shot and killed 14 villagers on Tuesday.", "killed", "14", 14),
        ("The blast resulted in the deaths of three police officers.", "killed", "three", 3),
        ("Five civilians died in the shelling.", "killed", "Five", 5),
        ("An Afghan soldier was killed at the checkpoint.", "killed", "An", 1),
        ("The attack wounded 12 people.", "injured", "12", 12),
        ("Four guards were injured in the explosion.", "injured", "Four", 4),
        ("Three shopkeepers suffered injuries in the blast.", "injured", "Three", 3),
        ("Police arrested twenty-three protesters in the square.", "detained", "twenty-three", 23),
        ("Six men were taken into custody after the raid.", "detained", "Six", 6),
        ("The unit apprehended a dozen suspects overnight.", "detained", "a dozen", 12),
        ("Soldiers captured more than 30 fighters.", "detained", "more than 30", 30),
        ("One Taliban force was killed in the ambush, the source added.", "killed", "One", 1),
        ("On Sept. 23, at least seven people were killed near a mosque.", "killed", "at least seven", 7),
        ("Gunmen shot to death two teachers in Kapisa.", "killed", "two", 2),
        ("Two ministers were killed in the blast.", "killed", "Two", 2),
        ("Authorities released 40 detainees on Sunday.", "released", "40", 40),
        ("Eight hostages were freed by the commandos.", "released", "Eight", 8),
        ("Gunmen killed between 4 and 8 worshippers.", "killed", "between 4 and 8", 4),
        ("At least 7 people were killed.", "killed", "At least 7", 7),
        ("Dozens of civilians were killed in the airstrike.", "killed", "Dozens", 12),
    ],
)
def test_casualty_patterns_and_number_spans(text, kind, number, count):
    mention = only(text)
    assert mention.kind == kind
    assert text[mention.number_start : mention.number_end] == number
    assert mention.quantity.best == count
    assert mention.start <= mention.number_start < mention.number_end <= mention.end
    assert mention.text == text[mention.start : mention.end]


@pytest.mark.parametrize(
    ("text", "kind", "count", "number"),
    [
        ("Forces killed the Taliban leader, Gulbadin, in the raid.", "killed", 1, "leader"),
        ("A suspected insurgent was detained at the gate.", "detained", 1, "A"),
        ("Rahimullah was killed when his car was hit.", "killed", 1, "Rahimullah"),
        ("The patrol returned fire, killing him.", "killed", 1, "him"),
    ],
)
def test_implicit_counts_point_at_the_noun_or_name(text, kind, count, number):
    mention = only(text)
    assert (mention.kind, mention.quantity.best) == (kind, count)
    assert text[mention.number_start : mention.number_end] == number


def test_coordinated_people_add_up():
    text = "The force detained the Taliban leader and two of his associates."
    assert counts(text)["detained"] == 3
    spans = [text[m.number_start : m.number_end] for m in find_casualties(text)]
    assert spans == ["leader", "two"]


def test_a_list_of_counted_phrases_before_dead_adds_up():
    text = "The fighting left three soldiers and two NRF fighters dead."
    assert counts(text)["killed"] == 5
    assert [text[m.number_start : m.number_end] for m in find_casualties(text)] == ["three", "two"]
    assert counts("The fighting left three insurgents dead.")["killed"] == 3


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("The bombing claimed 17 lives.", 17),
        ("The bombing claimed the lives of 17 worshippers.", 17),
        ("The explosion took the lives of two children and a woman.", 3),
    ],
)
def test_claimed_lives_is_a_death_toll(text, count):
    assert counts(text)["killed"] == count


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Gunmen killed a shopkeeper along with three of his companions.", 4),
        ("Gunmen killed a shopkeeper and two of his sons.", 3),
        ("The blast killed 12 Hazaras and two Sikhs.", 14),
    ],
)
def test_companions_relatives_and_communities_are_people(text, count):
    assert counts(text)["killed"] == count


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("A commander and 4 men under his command were killed in the ambush.", 5),
        ("Eight fighters under the command of a local leader were killed.", 8),
        ("Two members of the Islamic State (IS) were killed in the raid.", 2),
    ],
)
def test_subject_postmodifiers_under_and_bracketed_abbreviations(text, count):
    assert counts(text)["killed"] == count


def test_assailants_and_raiders_are_people():
    assert counts("Police said that three assailants were killed.")["killed"] == 3
    assert counts("Guards killed two raiders at the gate.")["killed"] == 2


def test_apposition_is_not_a_second_person():
    text = "Troops detained the man, a weapons facilitator, and three additional suspects."
    assert counts(text)["detained"] == 4


def test_victim_nouns_and_classes():
    mentions = find_casualties("Two Afghan soldiers and three civilians were killed.")
    assert [(m.victim, m.victim_class, m.quantity.best) for m in mentions] == [
        ("soldiers", "security", 2),
        ("civilians", "civilian", 3),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "No civilians were injured during the operation.",
        "No shots were fired and no one was harmed.",
        "The villagers were not harmed.",
        "No women or children were injured or detained.",
        "The strike had not injured any civilians.",
        "The commander was planning to kill police officers.",
        "He is responsible for killing two district officials.",
        "She was behind the bombing that killed nine people last year.",
        "The group threatened to kill the hostages.",
        "He was believed to have killed a judge.",
        "Forces launched an operation to capture a senior commander.",
        "The raid was aimed at capturing Taliban leaders.",
    ],
)
def test_negations_and_non_events_give_nothing(text):
    assert sum(counts(text).values()) == 0


@pytest.mark.parametrize(
    "text",
    [
        "The UN reported 160 extrajudicial killings in the past year.",
        "Since January, more than 300 insurgents have been killed.",
        "So far this year, police have arrested 45 people.",
    ],
)
def test_aggregate_statistics_are_flagged_and_not_counted(text):
    mentions = find_casualties(text)
    assert mentions and all(m.is_aggregate for m in mentions)
    assert sum(document_totals(mentions).values()) == 0


def test_headline_and_detail_count_the_leader_once():
    text = (
        "KABUL (May 3) - Security forces arrested a Taliban leader in Logar province.\n"
        "The leader was arrested after a search of his compound. The arrested leader "
        "is suspected of planning roadside bomb attacks."
    )
    assert counts(text)["detained"] == 1


def test_also_adds_more_people():
    text = (
        "Forces arrested a weapons supplier in Khost yesterday. The supplier smuggled rifles. "
        "The security force also detained two suspected insurgents."
    )
    assert counts(text)["detained"] == 3


def test_summary_then_details_are_not_summed():
    text = (
        "A joint force detained four suspected insurgents, including a local commander, in Paktiya. "
        "After questioning, the commander and three additional suspects were detained."
    )
    assert counts(text)["detained"] == 4


def test_repeated_sentence_counts_once():
    text = "Troops detained two suspected militants in Zabul. Later, two suspected militants were detained at a compound."
    assert counts(text)["detained"] == 2


def test_vague_summary_gives_way_to_the_exact_figure():
    text = "Several insurgents were killed in the clashes. Coalition forces engaged the position, killing one insurgent."
    assert counts(text, ISAF)["killed"] == 1


def test_in_total_sums_earlier_mentions():
    text = (
        "Police detained two men in the market. Later, they detained three more at the bus station. "
        "In total, 5 suspects were detained."
    )
    assert counts(text)["detained"] == 5


def test_title_line_counts_only_without_body_figures():
    with_body = "Forces Kill Several Insurgents in Kunar\nThe patrol came under fire. Initial reports indicate 13 insurgents were killed."
    assert counts(with_body, ISAF)["killed"] == 13
    title_only = "Forces Kill Several Insurgents in Kunar\nThe patrol came under fire and returned it."
    assert counts(title_only, ISAF)["killed"] == 3


def test_convention_sets_change_vague_counts():
    text = "The force detained numerous suspected insurgents."
    assert counts(text, ISAF)["detained"] == 4
    assert counts(text, load_conventions("acled"))["detained"] == 3


def test_dari_numbers_inside_english_text():
    mention = only("Local sources said ۱۲ villagers were detained.")
    assert mention.quantity.best == 12
    assert mention.victim == "villagers"


def test_counted_casualties_keep_what_each_mention_adds():
    text = "Troops killed three fighters. The three fighters were killed near the bridge. Two more fighters were also killed."
    kept = counted_casualties(find_casualties(text))
    assert [m.quantity.best for m in kept] == [3, 2]
    assert sum(m.quantity.best for m in kept) == counts(text)["killed"] == 5


def test_group_by_sentence_attributes_mentions():
    text = "Troops killed two fighters. Police arrested a smuggler. Nothing else happened."
    groups = group_by_sentence(text, find_casualties(text))
    assert [(sentence.text, [m.kind for m in mentions]) for sentence, mentions in groups] == [
        ("Troops killed two fighters.", ["killed"]),
        ("Police arrested a smuggler.", ["detained"]),
    ]


def test_text_without_casualties_is_cheap_and_empty():
    assert find_casualties("The governor opened a new school in Herat.") == []
    assert counts("") == {"killed": 0, "injured": 0, "detained": 0, "released": 0}


def test_line_separators_split_sentences_without_moving_offsets():
    text = "Forces detained two insurgents.\u2028\u2028The insurgents were detained without incident."
    mentions = find_casualties(text)
    assert counts(text)["detained"] == 2
    assert all(text[m.number_start : m.number_end] for m in mentions)


@pytest.mark.parametrize(
    "text",
    [
        "Two soldiers were killed and a skill-building centre was hit; KILLED-in-action lists grew.",
        "The death\nof a leader, deaths of two; re-arrested men were released\u00a0yesterday.",
        "Police ſhot one man; \u212aILLED in a \u0130stanbul-style ambush, killedkilled.",  # look-alikes: full search
        "",
    ],
)
def test_trigger_finder_matches_the_trigger_pattern(text):
    from sitroom.extract.casualties_lexicon import load_lexicon

    lexicon = load_lexicon()
    expected = [(m.span(), m.group(0)) for m in lexicon.trigger_pattern.finditer(text)]
    assert [(m.span(), m.group(0)) for m in lexicon.triggers.finditer(text)] == expected


@pytest.mark.parametrize(
    ("text", "kind", "count"),
    [
        # a bare count is the subject right before its verb
        ("During the raid, three suspects were detained and two were killed.", "killed", 2),
        ("The two wounded were detained by the patrol.", "detained", 2),
        # an opening phrase or a preposition's object is no subject
        ("In Zabul, two fighters were killed.", "killed", 2),
        ("After the search in Arghandab and Zhari, four men were detained.", "detained", 4),
        ("The rifles were seized by border police and one man was detained.", "detained", 1),
        # a name and what the person was: one person
        ("Qari Nasim, a bomb maker was killed near the river.", "killed", 1),
        ("The army announced the death of Mullah Karim, a cell leader based in Zurmat.", "killed", 1),
        # participles and acronyms before the noun
        ("Soldiers killed two heavily armed fighters at the pass.", "killed", 2),
        ("The unit arrested two suspected IED facilitators.", "detained", 2),
        ("The force detained the targeted individual along with four of his associates.", "detained", 5),
        # post-modifiers: a participle clause, and people coordinated after one
        ("Two men carrying rifles were detained.", "detained", 2),
        ("Six people including two boys were killed.", "killed", 6),
        ("A commander from Zurmat and two of his guards were arrested.", "detained", 3),
        ("Four people were killed and two others were arrested.", "detained", 2),
        # inverted and reduced passives
        ("Also killed in the strike were more than a dozen armed fighters.", "killed", 13),
        ("The search resulted in two men taken into custody by the police.", "detained", 2),
        ("The clash resulted in six villagers being killed.", "killed", 6),
        # negation and "to" read narrowly
        ("The patrol without incident detained three suspects.", "detained", 3),
        ("Rifles were seized in addition to detaining two suspects.", "detained", 2),
    ],
)
def test_phrase_structures_give_their_people(text, kind, count):
    assert counts(text, ISAF)[kind] == count


def test_a_participle_after_a_determiner_is_no_verb():
    assert find_casualties("The detained smuggler is known to the police.") == []


def test_scaled_dozens_are_multiplied():
    mention = only("Police detained three dozen protesters.")
    assert mention.quantity.best == 36


def test_part_of_a_group_does_not_replace_its_count():
    text = (
        "Troops detained multiple suspected insurgents in Kunduz on Monday. "
        "Officials later confirmed that one of the insurgents detained is a district commander."
    )
    assert counts(text, ISAF)["detained"] == 3


def test_a_single_named_person_does_not_replace_a_vague_count():
    text = (
        "The force detained numerous suspected insurgents in Maiwand. "
        "Officials confirmed a Taliban leader was detained during the operation."
    )
    assert counts(text, ISAF)["detained"] == 4


def test_a_reference_back_uses_up_the_summary():
    text = (
        "Forces captured a bomb maker in Khost. The bomb maker built roadside bombs. "
        "The force detained the bomb maker and one of his associates."
    )
    assert counts(text, ISAF)["detained"] == 2


def test_a_group_including_someone_named_before_counts_him_once():
    text = (
        "Forces captured a weapons facilitator in Paktiya. "
        "Several individuals were detained during the operation, including the facilitator."
    )
    assert counts(text, ISAF)["detained"] == 3


def test_other_people_without_a_number_use_their_own_convention():
    text = "The patrol detained a Taliban facilitator and other militants."
    assert counts(text, ISAF)["detained"] == 3  # isaf: "<other plural>" 2
    assert counts(text, load_conventions("acled"))["detained"] == 3  # acled: the bare plural's 2


def test_a_bare_count_repeating_the_lead_counts_once():
    text = "At least five killed as bomb hits bus\nKABUL - At least five people were killed when a bomb hit a bus."
    assert counts(text)["killed"] == 5


@pytest.mark.parametrize(
    "text",
    [
        "A bomb on the bus killed and wounded about 20 of them.",
        "Fighters detonated a device, killing and wounding about 20 passengers.",
        "Twenty insurgents were killed or captured in the operation.",
        "The blast left 30 people dead and wounded.",
    ],
)
def test_a_combined_killed_and_injured_figure_counts_as_neither(text):
    assert counts(text) == {"killed": 0, "injured": 0, "detained": 0, "released": 0}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The strike killed two and wounded three.", {"killed": 2, "injured": 3}),
        ("Twelve people were killed and 20 wounded.", {"killed": 12, "injured": 20}),
        ("Two men were wounded and detained.", {"injured": 2, "detained": 2}),  # both true of each man
    ],
)
def test_separate_figures_next_to_each_other_still_count(text, expected):
    assert {kind: count for kind, count in counts(text).items() if count} == expected


@pytest.mark.parametrize(
    ("text", "detained"),
    [
        ("The Taliban said all three were ISKP members and that two others were arrested.", 2),
        ("Officials said that two insurgents were arrested.", 2),
        ("Relatives said the 14 men, most of them former soldiers, were detained.", 14),
    ],
)
def test_that_and_said_before_a_count_open_a_clause(text, detained):
    mentions = find_casualties(text)
    assert [m.quantity.best for m in mentions] == [detained]


# ---------------------------------------------------------------- accounts: incidents and sources

CLAIM_AND_CONFIRMATION = (
    "The front claimed that its fighters killed seven Taliban fighters in an attack on Monday. "
    "Two Taliban fighters were killed in the attack, a toll later confirmed by the UN."
)


def _second_sentence(text: str) -> int:
    return text.index(". ") + 2


def test_without_accounts_the_document_is_one_account():
    # the document's budget takes the second figure for part of the first
    assert counts(CLAIM_AND_CONFIRMATION)["killed"] == 7


def test_each_source_keeps_its_own_figure():
    text = CLAIM_AND_CONFIRMATION
    accounts = [Account(0, 0, "nrf"), Account(_second_sentence(text), 0, "un")]
    kept = counted_casualties(find_casualties(text), accounts)
    assert [(m.quantity.best, text[m.number_start : m.number_end]) for m in kept] == [(7, "seven"), (2, "Two")]


def test_a_reference_back_in_another_sources_account_adds_nobody():
    text = ("Taliban forces detained 14 men in Andarab on Monday, residents said. "
            "Relatives said the 14 men were detained at a checkpoint.")
    accounts = [Account(0, 0, "civilians"), Account(_second_sentence(text), 0, "relatives")]
    assert document_totals(find_casualties(text), accounts)["detained"] == 14


def test_separate_incidents_are_counted_apart():
    text = ("Fighters ambushed a convoy in Parwan on Thursday, killing four Taliban fighters. "
            "In Badakhshan, a roadside bomb killed a local commander yesterday.")
    mentions = find_casualties(text)
    assert document_totals(mentions)["killed"] == 4  # one account: the commander taken for one of the four
    accounts = [Account(0, 0, "wire"), Account(_second_sentence(text), 1, "wire")]
    assert document_totals(mentions, accounts)["killed"] == 5


def test_the_same_incident_and_source_again_is_one_account():
    text = "Troops killed three fighters. Police detained a man. The three fighters were killed near the bridge."
    second, third = text.index("Police"), text.index("The three")
    accounts = [Account(0, 0, "isaf"), Account(second, 1, "isaf"), Account(third, 0, "isaf")]
    assert document_totals(find_casualties(text), accounts)["killed"] == 3


def _passage(start, provinces=(), dates=(), separate=False, source=None, districts=()):
    return Passage(start, frozenset(provinces), frozenset(dates), separate, source, frozenset(districts))


MONDAY, THURSDAY = dt.date(2022, 9, 12), dt.date(2022, 9, 15)


def test_accounts_open_an_incident_for_another_province_and_day_or_when_told():
    passages = [
        _passage(0, {"AF-PAR"}, {MONDAY}),
        _passage(10, {"AF-PAR"}, {THURSDAY}),  # the same province: more of the incident
        _passage(20, {"AF-BDS"}, {THURSDAY}),  # another province, the same day: still one incident
        _passage(30, {"AF-KAP"}, {MONDAY}),  # the Monday was this incident's day
        _passage(40, {"AF-HEL"}, {dt.date(2022, 9, 18)}),  # another province and another day
        _passage(50, separate=True),  # "in a separate attack"
    ]
    assert [account.incident for account in casualty_accounts(passages, "wire")] == [0, 0, 0, 0, 1, 2]


def test_accounts_open_an_incident_for_another_district_and_day_of_one_province():
    passages = [
        _passage(0, {"AF-TAK"}, {MONDAY}, districts={"Warsaj"}),
        _passage(10, {"AF-TAK"}, {MONDAY}, districts={"Taloqan"}),  # the same day: still one incident
        _passage(20, {"AF-TAK"}, {THURSDAY}, districts={"Warsaj"}),  # the same district: more of it
        _passage(30, {"AF-TAK"}, {dt.date(2022, 9, 18)}, districts={"Rustaq"}),  # another district and day
        _passage(40, {"AF-TAK"}, {dt.date(2022, 9, 20)}),  # names no district: the province goes on
    ]
    assert [account.incident for account in casualty_accounts(passages, "wire")] == [0, 0, 0, 1, 1]


def test_a_summary_naming_no_place_keeps_its_details():
    passages = [_passage(0), _passage(10, {"AF-KDZ"}, {MONDAY}), _passage(20, {"AF-KHO"}, {THURSDAY})]
    assert [account.incident for account in casualty_accounts(passages, "isaf")] == [0, 0, 0]


def test_accounts_follow_the_named_source_until_another_is_named():
    passages = [_passage(0, source="nrf"), _passage(10), _passage(20, source="un"), _passage(30)]
    accounts = casualty_accounts(passages, "wire")
    assert [account.source for account in accounts] == ["nrf", "nrf", "un", "un"]
    assert [account.source for account in casualty_accounts([_passage(0), _passage(5, source="un")], "wire")] == [
        "wire", "un"]
    # a party's own release gives every figure, whoever it quotes
    assert {account.source for account in casualty_accounts(passages, "isaf", own_release=True)} == {"isaf"}


def test_figures_are_read_only_within_the_given_spans():
    from sitroom.extract.casualties import find_casualties
    text = "He was responsible for an attack that killed five people. Forces detained three men in Khost."
    second = text.index("Forces")
    everywhere = {m.kind for m in find_casualties(text)}
    assert "detained" in everywhere
    within = find_casualties(text, within=[(second, len(text))])
    assert [(m.kind, m.quantity.best) for m in within] == [("detained", 3)]


def test_a_count_right_before_a_counted_noun_is_read():
    from sitroom.extract.casualties import find_casualties
    found = find_casualties("Officials reported 13 deaths and at least two fatalities among the guards.")
    assert [(mention.kind, mention.quantity.best) for mention in found] == [("killed", 13), ("killed", 2)]


def test_a_vague_count_beside_a_larger_figure_sums_it_up_but_a_larger_vague_count_adds():
    text = "The blast killed at least 35 people and killed dozens of worshippers."
    assert document_totals(find_casualties(text))["killed"] == 35
    # "several" (3) is more than the one named: other people
    assert document_totals(find_casualties("Troops detained one insurgent and several suspects."))["detained"] == 4
