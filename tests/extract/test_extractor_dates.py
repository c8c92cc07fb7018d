"""Extractor-level date and negation rules: which earlier dates a sentence inherits, and
negated reports that are no events (short texts written for sitroom)."""

from __future__ import annotations

import pytest


ISAF = {"source_kind": "claim", "publisher": "ISAF"}


def test_a_statistics_period_is_not_inherited_by_the_next_sentence(extract_mentions):
    text = ("KABUL, Afghanistan (Nov. 25) - Afghan and coalition forces captured a Haqqani facilitator "
            "in Khost province yesterday.\n"
            "The facilitator is the 17th Haqqani leader captured in the province this month. "
            "After questioning, the security force detained two of his associates.")
    mentions = extract_mentions(text, published="2010-11-25", **ISAF)
    aggregate = [m for m in mentions if m["is_aggregate"]]
    singles = [m for m in mentions if not m["is_aggregate"]]
    assert [m["event_date"] for m in aggregate] == ["2010-11-01"]
    assert {m["event_date"] for m in singles} == {"2010-11-24"}
    assert len(singles) == 2


def test_a_month_named_in_a_background_sentence_does_not_date_the_operation(extract_mentions):
    text = ("KABUL, Afghanistan (Dec. 30) - Forces detained a Taliban facilitator in Kandahar province yesterday.\n"
            "Evidence at the site tied the man to a threatening night letter found in March in Zharay district. "
            "The security force detained two additional suspects at the scene.")
    mentions = extract_mentions(text, published="2010-12-30", **ISAF)
    assert mentions and {m["event_date"] for m in mentions} == {"2010-12-29"}


@pytest.mark.parametrize("sentence", [
    "No women or children were injured or detained during the operation.",
    "Nobody was killed, the villagers said.",
    "Initial reports indicate no civilians were harmed in the airstrike.",
])
def test_a_negated_report_is_no_event(extract_mentions, sentence):
    text = f"Forces detained two suspected insurgents in Khost province yesterday.\n{sentence}"
    mentions = extract_mentions(text, published="2010-11-25", **ISAF)
    assert [m["text"] for m in mentions] == ["Forces detained two suspected insurgents in Khost province yesterday."]


def test_weapons_seized_are_a_detail_of_the_incident_just_reported(extract_mentions):
    text = ("Last night resistance forces attacked a Taliban checkpoint in Dara district of Panjshir and killed "
            "eight Taliban fighters.\nWeapons and ammunition were seized.")
    (mention,) = extract_mentions(text, published="2010-11-25", **ISAF)
    assert (mention["sub_event_type"], mention["fatalities"]) == ("Armed clash", 8)
    assert mention["text"].endswith("were seized.")


def test_an_ambush_between_two_places_is_coded_at_the_first_named(extract_mentions):
    text = ("Fighters ambushed a Taliban vehicle on the road between Zurmat district and Gardez city in Paktia "
            "province yesterday.\nThree Taliban intelligence officers were killed.")
    mentions = extract_mentions(text, published="2010-11-25", **ISAF)
    assert [m["admin2"] for m in mentions] == ["Zurmat"] * len(mentions) and mentions
    assert all(m["geo_precision"] == 2 for m in mentions)
