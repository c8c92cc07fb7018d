"""Territory taken: typed by who takes it, and a place taken is no detainee (texts written for sitroom)."""

from __future__ import annotations

import pytest

from sitroom.extract.territory import territory_sub_type


def _only(extract_mentions, text: str, published: str) -> dict:
    (mention,) = extract_mentions(f"Synthetic example.\n{text}", published=published)
    return mention


@pytest.mark.parametrize("text, published, sub_event_type", [
    # the Taliban are the state from 15 August 2021: they regain territory
    ("Taliban forces captured Bazarak from resistance fighters on Monday.", "2021-09-07", "Government regains territory"),
    ("The Taliban retook Bazarak from the resistance on Monday.", "2022-05-15", "Government regains territory"),
    # before that date the same words are an insurgent taking a district centre
    ("Taliban fighters captured the Dara district of Panjshir on Friday.", "2019-05-15", "Non-state actor overtakes territory"),
    ("NRF fighters captured the Dara district of Panjshir on Friday, the front said.", "2022-05-15",
     "Non-state actor overtakes territory"),
])
def test_who_takes_a_place_decides_the_sub_event_type(extract_mentions, text, published, sub_event_type):
    mention = _only(extract_mentions, text, published)
    assert mention["event_type"] == "Battles"
    assert mention["sub_event_type"] == sub_event_type
    assert mention["detained"] is None and "detention" not in mention["tags"]


def test_capturing_a_person_is_still_an_arrest(extract_mentions):
    mention = _only(extract_mentions, "Taliban forces captured Qari Zabihullah in Kandahar on Monday.", "2022-05-15")
    assert (mention["sub_event_type"], mention["detained"]) == ("Arrests", 1)


def test_unknown_taker_keeps_the_rule_s_sub_type():
    assert territory_sub_type("Government regains territory", None) == "Government regains territory"
    assert territory_sub_type("Government regains territory", "rebel group") == "Non-state actor overtakes territory"
    assert territory_sub_type("Armed clash", "state forces") == "Armed clash"
