"""A denial that names no event ("these reports are baseless") denies the event just reported
(texts written for sitroom)."""

from __future__ import annotations

import pytest

def _mentions(extract_mentions, text: str, kind: str, publisher: str) -> list[dict]:
    return extract_mentions(text, published="2023-05-15", source_kind=kind, publisher=publisher)


def test_a_denial_of_unattributed_reports_makes_the_report_a_denial(extract_mentions):
    text = ("Some social media pages have spread reports of an attack on a checkpoint in Dara district of "
            "Panjshir province.\n\nThe Islamic Emirate declares that these reports are completely baseless.")
    (mention,) = _mentions(extract_mentions, text, "official", "Islamic Emirate spokesman")
    assert mention["claim"]["stance"] == "denied"
    assert (mention["sub_event_type"], mention["admin2"]) == ("Armed clash", "Dara")


def test_a_denial_of_a_party_s_claim_keeps_the_claim_beside_it(extract_mentions):
    text = ("The National Resistance Front said its fighters killed eight Taliban members at a checkpoint in "
            "Dara district of Panjshir province on Saturday. A Taliban spokesman said these reports were baseless.")
    claim, denial = _mentions(extract_mentions, text, "news", "Example Wire")
    assert (claim["claim"]["stance"], claim["fatalities"]) == ("claimed", 8)
    assert denial["claim"]["stance"] == "denied" and denial["sub_event_type"] == claim["sub_event_type"]
    assert denial["admin2"] == "Dara" and denial["fatalities"] is None


@pytest.mark.parametrize("sentence", [
    "The Taliban authorities in Baghlan said the killing was the result of a personal dispute.",
    "The district police chief said the shots came from a wedding celebration.",
    "The provincial police said a Taliban vehicle had overturned in a traffic accident.",
])
def test_an_official_counter_account_is_a_denial(extract_mentions, sentence):
    text = ("Gunmen killed a former soldier in Khost wa Fereng district of Baghlan province on Monday, "
            f"his family said.\n\n{sentence}")
    stances = [m["claim"]["stance"] for m in _mentions(extract_mentions, text, "news", "Example Wire")]
    assert stances[0] == "reported" and stances[-1] == "denied"


def test_an_official_statement_denying_one_event_in_several_sentences_is_one_denial(extract_mentions):
    text = ("The claim of the so-called Freedom Front about an attack in Tagab district of Kapisa is a lie. "
            "There was no attack on any post of the Islamic Emirate in Tagab on Sunday night.")
    (mention,) = _mentions(extract_mentions, text, "official", "Islamic Emirate spokesman")
    assert mention["claim"]["stance"] == "denied"
    assert mention["claim"]["by"] != "Afghanistan Freedom Front"  # the claim's owner is not the speaker
    assert mention["sub_event_type"] == "Armed clash"


def test_a_denial_from_the_provincial_authorities_keeps_the_district_of_the_event(extract_mentions):
    text = ("A former soldier was found dead in Khost wa Fereng district of Baghlan province on Tuesday, "
            "his relatives said.\n\nThe Taliban authorities in Baghlan said the killing was the result of a "
            "personal dispute.")
    report, denial = _mentions(extract_mentions, text, "news", "Example Wire")
    assert denial["claim"]["stance"] == "denied" and denial["sub_event_type"] == "Attack"
    assert denial["admin2"] == report["admin2"] and report["admin2"] is not None
