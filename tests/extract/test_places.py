"""Golden sentences for the place resolver (written for these tests)."""

from __future__ import annotations

import pytest

from sitroom.extract.places import PlaceMention, PlaceResolver
from sitroom.gazetteer import load_gazetteer


@pytest.fixture(scope="module")
def resolver() -> PlaceResolver:
    return PlaceResolver(load_gazetteer("af"))


def codes(mentions: list[PlaceMention]) -> set[str]:
    return {m.place.admin1_code for m in mentions if not m.is_dateline and m.place.admin1_code}


def by_text(mentions: list[PlaceMention], text: str) -> PlaceMention:
    return next(m for m in mentions if m.text == text)


def test_district_comma_province(resolver: PlaceResolver) -> None:
    text = "Fighters attacked a checkpoint in Andrab district, Baghlan province, on Monday."
    mentions = resolver.find(text)
    andrab = by_text(mentions, "Andrab")
    assert (andrab.place.name, andrab.place.level, andrab.geo_precision) == ("Andarab", "admin2", 2)
    assert text[andrab.start : andrab.end] == "Andrab"
    assert by_text(mentions, "Baghlan").geo_precision == 3
    assert codes(mentions) == {"AF-BGL"}


def test_district_of_province_and_possessive(resolver: PlaceResolver) -> None:
    first = resolver.find("Clashes in the Andarab district of Baghlan province left two dead.")
    assert codes(first) == {"AF-BGL"}
    second = resolver.find("Clashes were reported in Baghlan's Andarab district.")
    assert by_text(second, "Andarab").place.admin1_code == "AF-BGL"
    assert by_text(second, "Baghlan").place.level == "admin1"


def test_province_spellings(resolver: PlaceResolver) -> None:
    mentions = resolver.find("Raids in Panjsher and Paktya, and later in Panjshayr province.")
    assert codes(mentions) == {"AF-PAN", "AF-PIA"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Forces entered Arghandab district of Kandahar province.", "AF-KAN"),
        ("Forces entered Arghandab district in Zabul province.", "AF-ZAB"),
        ("Kandahar officials said fighting in Arghandab continued.", "AF-KAN"),
        ("In Zabul, elders said fighting in Arghandab district continued.", "AF-ZAB"),
    ],
)
def test_ambiguity_resolved_by_context(resolver: PlaceResolver, text: str, expected: str) -> None:
    arghandab = by_text(resolver.find(text), "Arghandab")
    assert arghandab.place.admin1_code == expected
    assert arghandab.candidates >= 2


def test_ambiguity_without_context_is_not_guessed(resolver: PlaceResolver) -> None:
    arghandab = by_text(resolver.find("Fighting was reported in Arghandab district."), "Arghandab")
    assert arghandab.place.level == "country" and arghandab.place.admin1_code is None
    assert arghandab.geo_precision == 3 and arghandab.candidates == 2


def test_dari_script(resolver: PlaceResolver) -> None:
    mentions = resolver.find("درگیری در ولسوالی اندراب ولایت بغلان گزارش شد.")
    assert by_text(mentions, "اندراب").place.name == "Andarab"
    assert by_text(mentions, "بغلان").place.admin1_code == "AF-BGL"


def test_abroad_is_country_level(resolver: PlaceResolver) -> None:
    mentions = resolver.find("The front's leaders met in Tajikistan and later in Turkey.")
    places = [(m.place.name, m.place.country_code, m.place.level, m.geo_precision) for m in mentions]
    assert places == [("Tajikistan", "TJ", "country", 3), ("Turkey", "TR", "country", 3)]


def test_regions(resolver: PlaceResolver) -> None:
    mentions = resolver.find("Attacks rose in northern Afghanistan and in the south and east.")
    regions = [m for m in mentions if m.place.level == "region"]
    assert [m.text for m in regions] == ["northern Afghanistan", "the south and east"]
    assert all(m.geo_precision == 3 and m.place.admin1_code is None for m in regions)


def test_dateline_flag(resolver: PlaceResolver) -> None:
    text = "KABUL, Afghanistan (Jan. 25, 2013)\nForces detained a man in Nad-e Ali district, Helmand province."
    mentions = resolver.find(text)
    assert [m.text for m in mentions if m.is_dateline] == ["KABUL", "Afghanistan"]
    assert codes(mentions) == {"AF-HEL"}
    assert by_text(mentions, "Nad-e Ali").geo_precision == 2


def test_village_needs_context(resolver: PlaceResolver) -> None:
    gazetteer = load_gazetteer("af")
    village = next(e.place for e in gazetteer.entries if e.kind == "village" and e.place.admin2 == "Andarab"
                   and e.place.name.isalpha() and len(gazetteer.lookup(e.place.name)) == 1)
    bare = resolver.find(f"Witnesses spoke to reporters about {village.name} yesterday.")
    assert bare == []
    supported = resolver.find(f"Fighting reached {village.name} village in Baghlan province.")
    found = by_text(supported, village.name)
    assert found.geo_precision == 1 and found.place.admin2 == "Andarab"


def test_common_words_and_names_do_not_match(resolver: PlaceResolver) -> None:
    mentions = resolver.find("In March, Mullah Ali Khan said Now is the time. China trade grew.")
    assert [m.place.level for m in mentions] == ["country"]  # China, the country
    assert resolver.find("Regional Command South reported calm.") == []


def test_unknown_name_keeps_the_others(resolver: PlaceResolver) -> None:
    mentions = resolver.find("Raids hit Xyzzystan district, Kunar province and Marjeh district, Helmand.")
    assert codes(mentions) == {"AF-KNR", "AF-HEL"}


def test_most_specific_level_with_cue(resolver: PlaceResolver) -> None:
    mentions = resolver.find("A bomb exploded in Kandahar City; Kandahar province was calm.")
    assert mentions[0].place.level in {"populated", "admin2"}
    assert mentions[0].geo_precision < 3
    assert by_text(mentions, "Kandahar").place.level == "admin1"


def test_mentions_in_text_order(resolver: PlaceResolver) -> None:
    mentions = resolver.find("From Herat to Kabul and then Mazar-i-Sharif.")
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    assert by_text(mentions, "Mazar-i-Sharif").place.admin1_code == "AF-BAL"


def test_province_after_district_of_without_the_word_province(resolver: PlaceResolver) -> None:
    mentions = resolver.find("Taliban forces detained men in Andrab district of Baghlan.")
    baghlan = by_text(mentions, "Baghlan")
    assert baghlan.place.level == "admin1" and baghlan.place.admin1_code == "AF-BGL"
    # ... while "the district of X" still names a district
    nad_ali = by_text(resolver.find("Fighting in the district of Nad Ali, Helmand."), "Nad Ali")
    assert nad_ali.place.level == "admin2" and nad_ali.place.admin1_code == "AF-HEL"


def test_word_spans_leave_out_possessives(resolver: PlaceResolver) -> None:
    text = "In Ghazni's Andar district - and Mazar-e Sharif, 12 people."
    words = resolver._tokenize(text)
    spans = [text[s:e] for s, e in zip(words.start, words.end)]
    assert spans == ["In", "Ghazni", "Andar", "district", "and", "Mazar", "e", "Sharif", "people"]
    assert words.possessive == [False, True] + [False] * 7
    assert words.capital[:3] == [True, True, True] and words.connector[6]


def test_dateline_needs_a_capital_run_at_a_word_start(resolver: PlaceResolver) -> None:
    dated = resolver.find("KABUL, Afghanistan (Jan. 25, 2013) - Forces detained a man in Ghazni.")
    assert [m.is_dateline for m in dated][:1] == [True]
    inside = resolver.find("xKABUL, Afghanistan (Jan. 25, 2013) - Forces detained a man in Ghazni.")
    assert not any(m.is_dateline for m in inside)


def test_a_place_name_ending_a_persons_name_is_no_place():
    resolver = PlaceResolver(load_gazetteer("af"))
    for text in ("Khalid Zadran, a police spokesman, confirmed the attack.",
                 "The cleric Mullah Amir Mohammad Kabuli was among the dead.",
                 "Reports spoke of the detention of Qari Naima Chaparhar, the group's governor."):
        assert resolver.find(text) == [], text
    assert [p.place.name for p in resolver.find("The attack took place in Zadran district.")] == ["Zadran"]


def test_the_first_part_of_a_hyphenated_name_that_is_no_place_is_dropped():
    resolver = PlaceResolver(load_gazetteer("af"))
    found = resolver.find("The bomb went off in the Kabul-Hada quarter of Jalalabad city.")
    assert [p.place.name for p in found] == ["Jalalabad"]


def test_an_arabic_article_inside_a_district_name_is_a_connector():
    resolver = PlaceResolver(load_gazetteer("af"))
    for text in ("Two fighters were injured in the Jabal al-Saraj district of Parwan.", "A blast hit Jabal-us-Saraj."):
        assert resolver.find(text)[0].place.admin2 == "Jabal Saraj", text


def test_more_dateline_forms_flag_the_publishers_place(resolver: PlaceResolver) -> None:
    lines = {
        "Border clash\n\nKabul / Islamabad\n\nTwenty soldiers were killed in Khost.": ["Kabul", "Islamabad"],
        "Kabul: A wedding in Nangarhar was attacked by gunmen.": ["Kabul"],
        "Blasts hit a mosque\n\nKabul \u2013 Today two explosions hit a mosque in Nangarhar.": ["Kabul"],
        "KABUL (Example Wire / Agency - 18th April, 2022) The toll in Khost rose to 44.": ["KABUL"],
    }
    for text, datelines in lines.items():
        mentions = resolver.find(text)
        assert [m.text for m in mentions if m.is_dateline] == datelines, text
        assert [m.text for m in mentions if not m.is_dateline] in (["Khost"], ["Nangarhar"]), text
    assert not any(m.is_dateline for m in resolver.find("The attack in Kabul: a timeline of the day."))


def test_a_province_past_a_clause_break_does_not_qualify_a_name(resolver: PlaceResolver) -> None:
    mentions = resolver.find("Kabul: A wedding in Nangarhar was attacked.")
    assert [(m.text, m.place.admin1_code) for m in mentions] == [("Kabul", "AF-KAB"), ("Nangarhar", "AF-NAN")]


def test_a_list_of_province_names_is_not_a_district_qualified_by_the_next_province(resolver: PlaceResolver) -> None:
    mentions = resolver.find("Forces targeted leaders in Farah, Kandahar, Nangarhar and Paktiya provinces.")
    assert [m.place.admin1_code for m in mentions] == ["AF-FRA", "AF-KAN", "AF-NAN", "AF-PIA"]


def test_common_dari_words_glued_into_a_district_name_are_no_place(resolver: PlaceResolver) -> None:
    assert resolver.find("جبهه تأیید کرد که سه تن از اعضای آن در درگیری با طالبان کشته شدند.") == []
    assert [m.place.name for m in resolver.find("در ولسوالی اندر ولایت غزنی")] == ["Andar", "Ghazni"]
