"""Profile statements in Dari and Pashto, the choice of pattern files by a document's language,
and the leader matches that name an operation's target or one of many (never suggested)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from sitroom.analyze.profile_facts import extract_profile_facts, fact_finder, find_profile_facts
from sitroom.analyze.profile_patterns import load_profile_pattern_sets, parse_profile_patterns
from sitroom.errors import DataPackError
from sitroom.models import Document, SourceKind
from sitroom.store import open_repository


def document(text: str, language: str | None = None, doc_id: str = "doc-lang") -> Document:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Document(doc_id=doc_id, text=text, raw_sha256=digest, text_sha256=digest, title="Test note",
                    publisher="Test Wire", published=dt.date(2024, 3, 1), source_kind=SourceKind.NEWS,
                    language=language)  # fmt: skip


def found(text: str, language: str | None = None) -> list[tuple]:
    return [(f.actor_id, f.kind, f.value) for f in find_profile_facts(document(text, language))]


@pytest.mark.parametrize(("text", "expected"), [
    # Dari: "the Afghanistan Freedom Front, led by Yasin Zia, said in a statement ..."
    ("جبهه آزادی افغانستان به رهبری یاسین ضیا در اعلامیه‌ای گفت که سه حمله کرده است.",
     ("aff", "leader", {"name": "یاسین ضیا", "role": "leader"})),
    # "Ahmad Massoud, the leader of the National Resistance Front, said ..."
    ("احمد مسعود، رهبر جبهه مقاومت ملی گفت که جنگ ادامه دارد.",
     ("nrf", "leader", {"name": "احمد مسعود", "role": "leader"})),
    # "the NRF's leaders are based in Tajikistan"
    ("رهبران جبهه مقاومت ملی در تاجیکستان مستقر هستند.",
     ("nrf", "base", {"place": "تاجیکستان", "inside": False, "place_id": "TJ", "place_name": "Tajikistan"})),
    # "the NRF has between 2,500 and 4,000 fighters" (Persian digits)
    ("به گفته‌ی تحلیلگران، جبهه مقاومت ملی بین ۲۵۰۰ تا ۴۰۰۰ جنگجو دارد.",
     ("nrf", "strength", {"low": 2500, "high": 4000, "unit": "جنگجو"})),
    # "the AFF joined the Supreme Council of National Resistance in 2023"
    ("جبهه آزادی افغانستان در سال ۲۰۲۳ به شورای عالی مقاومت ملی پیوست.",
     ("aff", "alliance", {"with_actor_id": "supreme_resistance_council", "with": "Supreme Council of National Resistance",
                          "kind": "member", "from": "2023"})),
    # Pashto: "the leader of the Afghanistan Freedom Front, Yasin Zia, has said ..."
    ("د افغانستان د آزادۍ جبهې مشر یاسین ضیا ویلي چې برید یې کړی دی.",
     ("aff", "leader", {"name": "یاسین ضیا", "role": "leader"})),
    # "the National Resistance Front, under Ahmad Massoud's leadership, ..."
    ("د احمد مسعود په مشرۍ د ملي مقاومت جبهه وايي چې جګړه به دوام ولري.",
     ("nrf", "leader", {"name": "احمد مسعود", "role": "leader"})),
    # "the NRF's leaders live in Tajikistan" (Pashto spelling of the country)
    ("د ملي مقاومت جبهې مشران په تاجکستان کې مېشت دي.",
     ("nrf", "base", {"place": "تاجکستان", "inside": False, "place_id": "TJ", "place_name": "Tajikistan"})),
])  # fmt: skip
def test_dari_and_pashto_statements_are_found_in_the_profiles_words(text: str, expected: tuple) -> None:
    assert found(text) == [expected]
    fact = find_profile_facts(document(text))[0]
    assert text[fact.start:fact.end] == fact.quote
    assert fact.extractor in ("profile-facts-fa-v1", "profile-facts-ps-v1")
    for start, end in fact.evidence.values():
        assert fact.start <= start < end <= fact.end


@pytest.mark.parametrize("text", [
    "Afghan forces arrested the senior Taliban leader Mawlawi Example in Sarobi district.",
    "The operation confirmed the death of Taliban commander Fazel Example.",
    "Security forces detained a Taliban commander, Abdul Example, near the bazaar.",
    "They killed the ISKP commander Karim Example during the raid.",
    "نیروهای جبهه یک فرمانده طالبان به نام اسماعیل را کشتند.",  # "killed a Taliban commander named Ismail"
    "جبهه مقاومت ملی، رهبر جبهه مقاومت ملی گفت.",  # the slot ran into a verb: no name
])  # fmt: skip
def test_targets_of_an_operation_and_one_of_many_are_no_leaders(text: str) -> None:
    assert found(text) == []


def test_the_same_statement_twice_in_one_document_is_one_suggestion() -> None:
    text = ("جبهه آزادی افغانستان به رهبری یاسین ضیا اعلام کرد. "
            "جبهه آزادی افغانستان، به رهبری یاسین ضیا، در اعلامیه‌ای افزود که حمله کرده است.")  # fmt: skip
    facts = find_profile_facts(document(text))
    assert [(f.kind, f.value["name"], f.start) for f in facts] == [("leader", "یاسین ضیا", 0)]


def test_a_documents_language_chooses_its_patterns_and_the_script_decides_when_unknown() -> None:
    finder = fact_finder()
    dari = "جبهه آزادی افغانستان به رهبری یاسین ضیا در اعلامیه‌ای گفت."
    assert [p.language for p in finder.patterns_for(document(dari))] == ["fa", "ps"]
    assert [p.language for p in finder.patterns_for(document(dari, "prs"))] == ["fa"]
    assert [p.language for p in finder.patterns_for(document(dari, "pus"))] == ["ps"]
    assert [p.language for p in finder.patterns_for(document("The NRF, led by Ahmad Massoud, met."))] == ["en"]
    assert finder.patterns_for(document(dari, "uz")) == []  # no pattern file: nothing is matched
    assert found(dari, "en") == []
    assert finder.versions == "profile-facts-v1, profile-facts-fa-v1, profile-facts-ps-v1"


def test_pattern_file_cue_and_table_errors_name_the_file_and_the_key() -> None:
    names = [("National Resistance Front", False)]
    base = {"version": "v", "slots": {}, "patterns": []}
    with pytest.raises(DataPackError, match=r"p.toml: leader_not_after: must be a list"):
        parse_profile_patterns({**base, "leader_not_after": "killed"}, "p.toml", names)
    with pytest.raises(DataPackError, match=r"p.toml: leader_not_after: a cue does not compile"):
        parse_profile_patterns({**base, "leader_not_after": ["(("]}, "p.toml", names)
    with pytest.raises(DataPackError, match=r"p.toml: \[role_names\]: must map words to text"):
        parse_profile_patterns({**base, "role_names": {"رهبر": 1}}, "p.toml", names)
    with pytest.raises(DataPackError, match=r"p.toml: not_person: must be a list of words"):
        parse_profile_patterns({**base, "not_person": "گفت"}, "p.toml", names)
    assert set(load_profile_pattern_sets()) == {"en", "fa", "ps"}


def test_a_store_is_walked_by_key_on_both_backends(db_url: str) -> None:
    texts = ["The NRF, led by Ahmad Massoud, met elders.", "جبهه آزادی افغانستان به رهبری یاسین ضیا اعلام کرد.",
             "Analysts put ISKP at 1,500 to 2,200 fighters.", "Nothing about any group here."]  # fmt: skip
    with open_repository(db_url) as repository:
        for index, text in enumerate(texts):
            repository.store_document(document(text, doc_id=f"doc-walk-{index}"), [], None, "tester")
        first = repository.documents_after(None, limit=3)
        rest = repository.documents_after(first[-1].doc_id, limit=3)
        assert [d.doc_id for d in first + rest] == [f"doc-walk-{index}" for index in range(4)]
        assert repository.documents_after("doc-walk-3", limit=3) == []
        run = extract_profile_facts(repository)
        assert (run.documents, run.facts) == (4, 3)
        assert sorted(s.fact.actor_id for s in repository.list_profile_suggestions()) == ["aff", "iskp", "nrf"]
