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


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [  # synthetic phrases; dates 2023
        ("مجاهدین امارت اسلامی به ولسوالی رسیدند.", "taliban_forces"),
        ("هشت جنگجوی طالب کشته شدند.", "taliban_forces"),
        ("طالبانو کلی محاصره کړ.", "taliban"),
        ("حکومت سرپرست اعلام کرد.", "taliban"),
        ("جبهه مقاومت اعلام کرد.", "nrf"),
        ("د ملي مقاومت جبهې ویاند وویل.", "nrf"),
        ("د افغانستان د ازادۍ جبهه وایي.", "aff"),
        ("داعشیان به مسجد حمله کردند.", "iskp"),
        ("اسلامي دولت مسؤلیت ومانه.", "iskp"),
        ("شبکه\u200cی حقانی", "haqqani_network"),
        ("حزب اسلامی افغانستان", "hig"),
        ("القاعده", "al_qaeda"),
        ("نیروهای حکومت پیشین", "andsf"),
        ("يک سرباز پيشين اردوي ملي کشته شد.", "civilians_former_security"),
        ("پخواني سرتېري", "civilians_former_security"),
        ("نیروهای ایالات متحده", "us_forces"),
        ("پنج غیرنظامی زخمی شدند.", "civilians"),
        ("ملکي کسان", "civilians"),
        ("ملګرو ملتونو وویل.", "un"),
        ("شورای امنیت سازمان ملل", "un"),
        ("د ملګرو ملتونو د مرستې ماموریت", "unama"),
        ("هیومن رایتس واچ", "hrw"),
        ("د بښنې نړیوال سازمان", "amnesty"),
    ],
)
def test_dari_and_pashto_aliases_of_the_main_actors(finder, text, actor_id):
    assert _ids(finder.find(text, dt.date(2023, 5, 1))) == [actor_id]


def test_dari_and_pashto_names_follow_role_changes(finder):
    def ids(text, day):
        return _ids(finder.find(text, day))

    assert ids("نیروهای طالبان", dt.date(2019, 1, 1)) == ["taliban"]
    assert ids("نیروهای طالبان", dt.date(2023, 1, 1)) == ["taliban_forces"]
    assert ids("امنیتي ځواکونه", dt.date(2019, 1, 1)) == ["andsf"]
    assert ids("امنیتي ځواکونه", dt.date(2023, 1, 1)) == ["taliban_forces"]
    assert ids("نیروهای ائتلاف", dt.date(2012, 1, 1)) == ["isaf"]
    assert ids("نیروهای ائتلاف", dt.date(2019, 1, 1)) == ["resolute_support"]


def test_council_of_exiled_leaders_is_not_the_nrf(finder):
    # "مقاومت ملی" (an NRF alias) inside the council's name must not make it the NRF.
    assert _ids(finder.find("شورای عالی مقاومت ملی نشست کرد.")) == ["supreme_resistance_council"]


def test_dari_unknown_group_beside_known_front(finder):
    text = "جبهه مقاومت ملی و جبهه آزادی\u200cبخش اندراب در پنجشیر با طالبان درگیر شدند."  # synthetic
    mentions = finder.find(text, dt.date(2023, 5, 1))
    assert [(m.actor_id, m.text) for m in mentions] == [
        ("nrf", "جبهه مقاومت ملی"), (None, "جبهه آزادی\u200cبخش اندراب"), ("taliban", "طالبان"),
    ]
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_a_dari_head_noun_after_a_demonstrative_names_no_group():
    from sitroom.extract.actors import arabic_script_organisations

    text = "رزمندگان تلفات سنگینی به این گروه وارد کرده‌اند."
    assert arabic_script_organisations(text) == []


def test_the_national_resistance_force_is_the_nrf():
    from sitroom.extract.actors import ActorFinder

    found = ActorFinder().find("A clash between the Taliban and the National Resistance Force (NRF) left four dead.")
    assert [a.actor_id for a in found if a.actor_id == "nrf"][:1] == ["nrf"]
    assert all(a.actor_id is not None for a in found)
