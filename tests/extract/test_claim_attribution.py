"""Who a mention's claim is by, at document level (texts written for sitroom)."""

from __future__ import annotations

import pytest

from sitroom.extract.claims import detect_claim


def test_according_to_our_information_is_the_publisher_of_its_own_statement():
    sentence = "According to our information, six Taliban fighters were killed."
    signal = detect_claim(sentence, 0, "Afghanistan Freedom Front", "claim")
    assert (signal.stance.value, signal.by) == ("claimed", "Afghanistan Freedom Front")
    news = detect_claim("According to our reporter, six Taliban fighters were killed.", 0, "Example Wire", "news")
    assert (news.stance.value, news.by) == ("reported", "Example Wire")  # the Taliban are in the report, not its source


def test_a_party_publisher_is_named_by_its_dictionary_name_and_punctuation_is_trimmed(extract_mentions):
    (mention,) = extract_mentions(
        "Our fighters attacked a Taliban outpost in Tagab district of Kapisa on Sunday and killed six.",
        published="2023-10-23", source_kind="claim", publisher="Afghanistan Freedom Front (AFF), military commission",
    )
    assert mention["claim"] == {"stance": "claimed", "by": "Afghanistan Freedom Front"}
    (mention,) = extract_mentions(
        "Five Taliban fighters were killed in Dara district of Panjshir on Saturday, a local source "
        "told the Hindu Kush Ledger.", published="2023-05-15", publisher="Example Wire",
    )
    assert not mention["claim"]["by"].endswith(".")


def test_what_they_said_is_not_who_said_it(extract_mentions):
    mentions = extract_mentions(
        "A former soldier was found dead in Khost wa Fereng district of Baghlan province on Tuesday, "
        "his relatives said. They said the men who took him were Taliban and that the body showed "
        "signs of torture.", published="2023-02-21", publisher="Example Wire",
    )
    assert mentions and mentions[0]["sub_event_type"] == "Attack" and mentions[0]["fatalities"] == 1
    assert all(m["claim"]["by"] != "Taliban" for m in mentions)


@pytest.mark.parametrize("sentence", [
    "According to residents on scene, the leader fired first and was killed.",
    "Afghan and coalition forces confirmed the leader was killed.",
    "One of the two men was confirmed to be a Taliban facilitator and was detained.",
])
def test_a_party_s_own_release_claims_what_it_reports_whomever_it_cites(sentence):
    signal = detect_claim(sentence, 0, "ISAF", "claim")
    assert (signal.stance.value, signal.by) == ("claimed", "ISAF")


def test_an_independent_monitor_confirms_even_in_a_party_s_release(extract_mentions):
    (mention,) = extract_mentions(
        "UNAMA confirmed that three Taliban fighters were killed in Dara district of Panjshir on 13 May.",
        published="2023-05-20", source_kind="claim", publisher="National Resistance Front",
    )
    assert mention["claim"]["stance"] == "confirmed"
