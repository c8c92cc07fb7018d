"""One mention per province for a sentence listing several provinces (province_split.py)."""

from __future__ import annotations

from sitroom.extract.places import PlaceResolver
from sitroom.extract.province_split import provinces_named, split_by_province, split_listed_provinces
from sitroom.gazetteer import load_gazetteer
from sitroom.models import EventMention


def _places(text: str):
    return [p for p in PlaceResolver(load_gazetteer("af")).find(text)]


def test_a_list_of_provinces_is_named_but_provinces_named_apart_are_not():
    text = "Dozens died in airstrikes in the provinces of Khost and Kunar."
    assert [p.text for p in provinces_named(text, _places(text))] == ["Khost", "Kunar"]
    text = "Jets struck the eastern Kunar and the southeastern Khost provinces."
    assert [p.text for p in provinces_named(text, _places(text))] == ["Kunar", "Khost"]
    text = "Panjshir held out after the fall of Kabul, despite clashes in Baghlan."
    assert provinces_named(text, _places(text)) == []
    text = "Clashes went on in Andarab district of Baghlan and in Takhar."
    assert provinces_named(text, _places(text)) == []  # a district locates the event


def test_a_long_list_of_provinces_is_a_summary():
    text = "Attacks were reported in Kabul, Kandahar, Balkh and Nangarhar."
    assert provinces_named(text, _places(text)) == []


def test_each_copy_takes_its_province_and_no_shared_figure():
    text = "Dozens died in airstrikes in the provinces of Khost and Kunar."
    mention = EventMention(doc_id="d", event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                           fatalities=30, country="Afghanistan", text=text)
    copies = split_by_province(mention, provinces_named(text, _places(text)), "extract.places", "v1")
    assert [(m.admin1_code, m.fatalities, m.country) for m in copies] == [
        ("AF-KHO", None, "Afghanistan"), ("AF-KNR", None, "Afghanistan")]
    assert text[copies[1].evidence["admin1"].start:copies[1].evidence["admin1"].end] == "Kunar"
    assert mention.admin1_code is None  # the original is left alone


def test_an_extracted_strike_in_two_provinces_is_two_mentions(extract_mentions):
    text = ("Example Wire\n\nA news agency reported on Saturday that dozens of people died in "
            "airstrikes in the provinces of Khost and Kunar.")
    mentions = extract_mentions(text, published="2022-04-18")
    assert [(m["admin1_code"], m["event_date"]) for m in mentions] == [("AF-KHO", "2022-04-16"), ("AF-KNR", "2022-04-16")]


def _mention(code: str | None, precision: int = 3) -> EventMention:
    return EventMention(doc_id="d", event_type="Battles", sub_event_type="Armed clash", admin1_code=code,
                        geo_precision=precision, country="Afghanistan")


def test_a_list_that_leads_or_sums_up_incidents_told_one_by_one_stays_whole():
    text = "Forces detained suspects in operations in Zabul and Khost provinces."
    provinces = provinces_named(text, _places(text))
    # the lead of a report that goes on to tell the Khost operation
    kept, apart = split_listed_provinces([_mention(None), _mention("AF-KHO")], [False, True], [provinces, []], "s", "v")
    assert [m.admin1_code for m in kept] == [None, "AF-KHO"] and apart == [False, True]
    # a summary after a district-level account of one of them
    kept, _ = split_listed_provinces([_mention("AF-KHO", 2), _mention(None)], [False, False], [[], provinces], "s", "v")
    assert [m.admin1_code for m in kept] == ["AF-KHO", None]
    # a province-level toll update before the list does not tell an incident on its own
    kept, apart = split_listed_provinces([_mention("AF-KHO"), _mention(None)], [False, False], [[], provinces], "s", "v")
    assert [m.admin1_code for m in kept] == ["AF-KHO", "AF-ZAB", "AF-KHO"] and apart == [False, False, False]
