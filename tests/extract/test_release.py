"""Releases of detainees: typed, tagged and counted (the issue's "released" numbers).
Short sentences written for sitroom."""

from __future__ import annotations


def _mentions(extract_mentions, text: str) -> list[dict]:
    return extract_mentions(f"Synthetic example.\n{text}", published="2023-05-15")


def test_a_release_is_its_own_event_and_its_people_are_not_detained_again(extract_mentions):
    (mention,) = _mentions(extract_mentions, "The Taliban released 12 former soldiers detained in Panjshir yesterday, officials said.")
    assert (mention["event_type"], mention["sub_event_type"]) == ("Strategic developments", "Other")
    assert "release" in mention["tags"]
    assert (mention["released"], mention["detained"]) == (12, None)
    start, end = mention["evidence"]["released"]
    assert "Synthetic example.\nThe Taliban released 12 former"[start:end] == "12"


def test_an_arrest_with_a_partial_release_keeps_both_figures(extract_mentions):
    (mention,) = _mentions(extract_mentions, "Forces detained five men in Khost and later released two of them.")
    assert mention["sub_event_type"] == "Arrests"
    assert set(mention["tags"]) >= {"detention", "release"}
    assert (mention["detained"], mention["released"]) == (5, 2)


def test_releasing_a_video_is_not_a_release(extract_mentions):
    mentions = _mentions(extract_mentions, "The group released a video of the ambush on Friday.")
    assert all("release" not in m["tags"] for m in mentions)
    assert all(m["released"] is None for m in mentions)
