"""Releases of detainees: typed, tagged and counted (the issue's "released" numbers).
Short sentences written for sitroom."""

from __future__ import annotations

import pytest

from sitroom.config import Settings
from sitroom.extract.extractor import Extractor
from sitroom.ingest.jsondocs import document_from_object


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.from_config(Settings())


def _mentions(extractor, text: str) -> list[dict]:
    fields = {"id": "r1", "text": f"Synthetic example.\n{text}", "published": "2023-05-15", "source_kind": "news"}
    document = document_from_object(fields, raw=b"", source_path="test", ingest_format="jsonl", retrieved_at=None)
    return [m.to_contract() for m in extractor.extract(document)]


def test_a_release_is_its_own_event_and_its_people_are_not_detained_again(extractor):
    (mention,) = _mentions(extractor, "The Taliban released 12 former soldiers detained in Panjshir yesterday, officials said.")
    assert (mention["event_type"], mention["sub_event_type"]) == ("Strategic developments", "Other")
    assert "release" in mention["tags"]
    assert (mention["released"], mention["detained"]) == (12, None)
    start, end = mention["evidence"]["released"]
    assert "Synthetic example.\nThe Taliban released 12 former"[start:end] == "12"


def test_an_arrest_with_a_partial_release_keeps_both_figures(extractor):
    (mention,) = _mentions(extractor, "Forces detained five men in Khost and later released two of them.")
    assert mention["sub_event_type"] == "Arrests"
    assert set(mention["tags"]) >= {"detention", "release"}
    assert (mention["detained"], mention["released"]) == (5, 2)


def test_releasing_a_video_is_not_a_release(extractor):
    mentions = _mentions(extractor, "The group released a video of the ambush on Friday.")
    assert all("release" not in m["tags"] for m in mentions)
    assert all(m["released"] is None for m in mentions)
