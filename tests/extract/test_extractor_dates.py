"""Extractor-level date and negation rules: which earlier dates a sentence inherits, and
negated reports that are no events (short texts written for sitroom)."""

from __future__ import annotations

import datetime as dt

import pytest

from sitroom.config import Settings
from sitroom.extract.extractor import Extractor
from sitroom.ingest.jsondocs import document_from_object
from sitroom.models import Document


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.from_config(Settings())


def _document(text: str, published: dt.date | None = dt.date(2010, 11, 25)) -> Document:
    fields = {"id": "t1", "text": text, "published": published and published.isoformat(),
              "source_kind": "claim", "publisher": "ISAF"}
    return document_from_object(fields, raw=b"", source_path="test", ingest_format="jsonl", retrieved_at=None)


def test_a_statistics_period_is_not_inherited_by_the_next_sentence(extractor):
    text = ("KABUL, Afghanistan (Nov. 25) - Afghan and coalition forces captured a Haqqani facilitator "
            "in Khost province yesterday.\n"
            "The facilitator is the 17th Haqqani leader captured in the province this month. "
            "After questioning, the security force detained two of his associates.")
    mentions = [m.to_contract() for m in extractor.extract(_document(text))]
    aggregate = [m for m in mentions if m["is_aggregate"]]
    singles = [m for m in mentions if not m["is_aggregate"]]
    assert [m["event_date"] for m in aggregate] == ["2010-11-01"]
    assert {m["event_date"] for m in singles} == {"2010-11-24"}
    assert len(singles) == 2


def test_a_month_named_in_a_background_sentence_does_not_date_the_operation(extractor):
    text = ("KABUL, Afghanistan (Dec. 30) - Forces detained a Taliban facilitator in Kandahar province yesterday.\n"
            "Evidence at the site tied the man to a threatening night letter found in March in Zharay district. "
            "The security force detained two additional suspects at the scene.")
    mentions = [m.to_contract() for m in extractor.extract(_document(text, dt.date(2010, 12, 30)))]
    assert mentions and {m["event_date"] for m in mentions} == {"2010-12-29"}


@pytest.mark.parametrize("sentence", [
    "No women or children were injured or detained during the operation.",
    "Nobody was killed, the villagers said.",
    "Initial reports indicate no civilians were harmed in the airstrike.",
])
def test_a_negated_report_is_no_event(extractor, sentence):
    text = f"Forces detained two suspected insurgents in Khost province yesterday.\n{sentence}"
    mentions = extractor.extract(_document(text))
    assert [m.text for m in mentions] == ["Forces detained two suspected insurgents in Khost province yesterday."]


def test_weapons_seized_are_a_detail_of_the_incident_just_reported(extractor):
    text = ("Last night resistance forces attacked a Taliban checkpoint in Dara district of Panjshir and killed "
            "eight Taliban fighters.\nWeapons and ammunition were seized.")
    (mention,) = [m.to_contract() for m in extractor.extract(_document(text))]
    assert (mention["sub_event_type"], mention["fatalities"]) == ("Armed clash", 8)
    assert mention["text"].endswith("were seized.")


def test_an_ambush_between_two_places_is_coded_at_the_first_named(extractor):
    text = ("Fighters ambushed a Taliban vehicle on the road between Zurmat district and Gardez city in Paktia "
            "province yesterday.\nThree Taliban intelligence officers were killed.")
    mentions = [m.to_contract() for m in extractor.extract(_document(text))]
    assert [m["admin2"] for m in mentions] == ["Zurmat"] * len(mentions) and mentions
    assert all(m["geo_precision"] == 2 for m in mentions)
