"""Actor-profile statements found in the demo corpus, kept as suggestions, accepted by an analyst
into the profile (with the document and span as the source), on the store, the CLI and the API."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sitroom.analyze.profile_facts import extract_profile_facts, find_profile_facts
from sitroom.analyze.profile_merge import profile_with_accepted
from sitroom.analyze.profile_patterns import load_profile_patterns, parse_profile_patterns
from sitroom.api import create_app
from sitroom.cli.main import app as cli
from sitroom.config import Settings
from sitroom.errors import DataPackError
from sitroom.gazetteer.actors import load_actor_dictionary
from sitroom.gazetteer.profiles import load_profiles, parse_profiles
from sitroom.models import Document, SourceKind
from sitroom.store import open_repository

LEADERSHIP = "background_2024-05-02_opposition_leadership.md"
EXPECTED = [  # (actor, kind, value) of the demo's background note, in text order
    ("nrf", "leader", {"name": "Ahmad Massoud", "role": "leader"}),
    ("nrf", "base", {"place": "Tajikistan", "inside": False, "place_id": "TJ", "place_name": "Tajikistan"}),
    ("nrf", "strength", {"low": 2500, "high": 4000, "unit": "fighters"}),
    ("nrf", "alliance", {"with_actor_id": "supreme_resistance_council", "with": "Supreme Council of National Resistance",
                         "kind": "member", "from": None}),
    ("supreme_resistance_council", "base", {"place": "Turkey", "inside": False, "place_id": "TR", "place_name": "Turkey"}),
    ("aff", "alliance", {"with_actor_id": "supreme_resistance_council", "with": "Supreme Council of National Resistance",
                         "kind": "member", "from": "2023"}),
    ("aff", "base", {"place": "Kapisa", "inside": True, "place_id": "AF-KAP", "place_name": "Kapisa"}),
]  # fmt: skip


def document(text: str, doc_id: str = "doc-test", published: dt.date | None = dt.date(2024, 1, 2)) -> Document:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Document(doc_id=doc_id, text=text, raw_sha256=digest, text_sha256=digest, title="Test note", publisher="Test Wire",
                    published=published, source_kind=SourceKind.NEWS)  # fmt: skip


def stored(repository, file_name: str) -> Document:
    return next(d for d in repository.list_documents(limit=1000) if (d.source_path or "").endswith(file_name))


def test_the_background_note_yields_each_statement_with_spans_that_hold_its_values(demo_db: Path) -> None:
    with open_repository(demo_db) as repository:
        note = stored(repository, LEADERSHIP)
    facts = find_profile_facts(note)
    assert [(f.actor_id, f.kind, f.value) for f in facts] == EXPECTED
    for fact in facts:
        assert note.text[fact.start:fact.end] == fact.quote and fact.doc_id == note.doc_id
        assert fact.stated_on == "2024-05-02" and fact.extractor == "profile-facts-v1"
        for name, (start, end) in fact.evidence.items():
            assert start >= fact.start and end <= fact.end
    strength = facts[2]
    assert [note.text[slice(*strength.evidence[k])] for k in ("low", "high", "unit")] == ["2,500", "4,000", "fighters"]
    assert note.text[slice(*facts[0].evidence["person"])] == "Ahmad Massoud"
    assert note.text[slice(*facts[0].evidence["actor"])] == "National Resistance Front"


@pytest.mark.parametrize(("text", "expected"), [
    ("The Afghanistan Freedom Front (AFF), led by Ali Hamid Example, said nothing.", ("aff", "leader", "Ali Hamid Example")),
    ("Commander Zaman Example of the National Resistance Front spoke.", ("nrf", "leader", "Zaman Example")),
    ("ISKP commander Karim Example was named.", ("iskp", "leader", "Karim Example")),
    ("The NRF is still based in Panjshir, its spokesman said.", ("nrf", "base", True)),
    ("The Afghanistan Freedom Front, based in Dushanbe, issued a statement.", ("aff", "base", False)),
    ("Analysts put ISKP at 1,500 to 2,200 fighters.", ("iskp", "strength", (1500, 2200))),
    ("The AFF was allied with the National Resistance Front.", ("aff", "alliance", "National Resistance Front")),
])  # fmt: skip
def test_each_kind_of_statement_is_found(text: str, expected: tuple) -> None:
    facts = find_profile_facts(document(text))
    assert len(facts) == 1, facts
    fact = facts[0]
    actor, kind, value = expected
    assert (fact.actor_id, fact.kind) == (actor, kind)
    shown = {"leader": lambda v: v["name"], "base": lambda v: v["inside"], "strength": lambda v: (v["low"], v["high"]),
             "alliance": lambda v: v["with"]}[kind](fact.value)  # fmt: skip
    assert shown == value


@pytest.mark.parametrize("text", [
    "Taliban fighters burned between 10 and 15 homes in Khenj.",      # a range, but of homes
    "A health official said between 2 and 4 bodies were brought in.",  # no group, no fighters
    "Ahmad Massoud said the National Resistance Front would fight on.",  # no statement of leadership
    "The National Resistance Front, led by Panjshir elders, met.",     # 'Panjshir Elders' is no person: a place leads
    "The NRF is a member of the NRF.",                                  # no alliance with itself
    "He is one of the Taliban leaders in the province, and commands 10-15 fighters.",  # one unit, not the group
])  # fmt: skip
def test_sentences_that_state_no_profile_fact_yield_none(text: str) -> None:
    assert find_profile_facts(document(text)) == []


def test_store_keeps_decisions_across_runs_and_the_profile_shows_accepted_facts(demo_db: Path) -> None:
    with open_repository(demo_db) as repository:
        first = extract_profile_facts(repository)
        again = extract_profile_facts(repository)
        suggestions = repository.list_profile_suggestions()
        assert first.documents == again.documents >= 59 and first.new == first.facts == len(suggestions) == 8
        assert again.new == 0
        by_key = {(s.fact.actor_id, s.fact.kind, s.fact.doc_id): s for s in suggestions}
        note = stored(repository, LEADERSHIP)
        strength = by_key[("nrf", "strength", note.doc_id)]
        base = by_key[("nrf", "base", note.doc_id)]
        repository.decide_profile_suggestion(strength.suggestion_id, "accepted", "rita", "stated plainly")
        repository.decide_profile_suggestion(base.suggestion_id, "rejected", "rita", "only the political leadership")
        extract_profile_facts(repository)
        statuses = {s.suggestion_id: s.status for s in repository.list_profile_suggestions("nrf")}
        assert statuses[strength.suggestion_id] == "accepted" and statuses[base.suggestion_id] == "rejected"
        assert len(statuses) == 5  # two leader statements (explainer and note), base, strength, alliance
        audit = [e for e in repository.audit_entries("profile_suggestion")]
        assert [(e.who, e.why) for e in audit] == [("rita", "stated plainly"), ("rita", "only the political leadership")]
        profile = profile_with_accepted("NRF", "af", repository)
    assert profile is not None and not profile.leaders and not profile.bases
    estimate = profile.strength[0]
    assert (estimate.low, estimate.high, estimate.as_of, estimate.verified) == (2500, 4000, "2024-05-02", False)
    assert estimate.source.document_id == note.doc_id and estimate.source.publisher == "Northern Provinces Monitor"
    assert estimate.source.quote == "National Resistance Front at between 2,500 and 4,000 fighters"
    assert estimate.source.span == (strength.fact.start, strength.fact.end)


def test_api_lists_suggestions_and_only_an_analyst_decides(demo_db: Path) -> None:
    with open_repository(demo_db) as repository:
        extract_profile_facts(repository)
        from sitroom.auth import add_user

        add_user(repository, "ana", "analyst", "a long test password")
    app = create_app(Settings(db_path=demo_db), dashboard=False)
    with TestClient(app) as client:
        assert client.get("/api/v1/profile-suggestions", params={"actor": "AFF"}).status_code == 401  # accounts exist
        first = client.get("/api/v1/session").json()["csrf_token"]
        token = client.post("/api/v1/session", json={"username": "ana", "password": "a long test password"},
                            headers={"X-CSRF-Token": first}).json()["csrf_token"]  # fmt: skip
        page = client.get("/api/v1/profile-suggestions", params={"actor": "Afghanistan Freedom Front"}).json()
        assert page["actor_id"] == "aff" and [i["kind"] for i in page["items"]] == ["alliance", "base"]
        alliance = page["items"][0]
        assert alliance["document"]["publisher"] == "Northern Provinces Monitor" and alliance["evidence"]["year"]
        answer = client.post(f"/api/v1/profile-suggestions/{alliance['suggestion_id']}/decision",
                             json={"status": "accepted", "why": "test"}, headers={"X-CSRF-Token": token})  # fmt: skip
        assert answer.status_code == 200 and answer.json()["decided_by"] == "ana"
        profile = client.get("/api/v1/actor-profiles/AFF").json()
        assert profile["alliances"][0]["fields"]["with"] == "Supreme Council of National Resistance"
        assert profile["alliances"][0]["start"] == "2023" and profile["alliances"][0]["source"]["document_id"]
        assert client.get("/api/v1/profile-suggestions", params={"actor": "nobody at all"}).status_code == 404
        missing = client.post("/api/v1/profile-suggestions/999999/decision", json={"status": "rejected"},
                              headers={"X-CSRF-Token": token})  # fmt: skip
        assert missing.status_code == 404


def test_cli_extracts_lists_and_accepts(demo_db: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["profile-facts", "extract", "--db", str(demo_db)])
    assert result.exit_code == 0 and "8 profile statements found, 8 new suggestions" in result.output
    listed = runner.invoke(cli, ["profile-facts", "list", "--actor", "Supreme Council of National Resistance", "--db", str(demo_db)],
                           env={"COLUMNS": "200"})  # fmt: skip
    assert listed.exit_code == 0 and "based in Turkey (abroad)" in listed.output
    with open_repository(demo_db) as repository:
        council = repository.list_profile_suggestions("supreme_resistance_council")[0]
    accepted = runner.invoke(cli, ["profile-facts", "accept", str(council.suggestion_id), "--db", str(demo_db)])
    assert accepted.exit_code == 0 and "accepted" in accepted.output
    bad = runner.invoke(cli, ["profile-facts", "reject", "424242", "--db", str(demo_db)])
    assert bad.exit_code != 0 and "424242" in bad.output


def test_profile_sources_must_be_documents_and_the_packaged_file_cites_no_placeholder() -> None:
    dictionary = load_actor_dictionary()
    note = ('{"schema": "sitroom.actor-profiles/1", "sources": {"notes": {"title": "project notes", "publisher": "us",'
            ' "date": "2026"}}, "profiles": []}')  # fmt: skip
    with pytest.raises(DataPackError, match="source 'notes' names no document"):
        parse_profiles(note, "p.json", dictionary)
    linked = note.replace('"date": "2026"', '"date": "2026", "url": "https://example.org/report"')
    assert parse_profiles(linked, "p.json", dictionary) == {}
    packaged = load_profiles("af")
    for profile in packaged.values():
        for item in (*profile.leaders, *profile.bases, *profile.alliances, *profile.strength):
            assert item.source.url or item.source.document_id


def test_actor_names_match_as_whole_words_longest_first_in_any_case_unless_case_sensitive() -> None:
    import re

    from sitroom.analyze.profile_patterns import actor_alternation

    names = [("Taliban", False), ("Taliban forces", False), ("Taliban forces (Islamic Emirate)", False), ("IEA", True),
             ("National Resistance Front", False), ("جبههی مقاومت", False)]  # fmt: skip
    rx = re.compile(actor_alternation(names, "actor"))
    text = "TALIBAN FORCES (Islamic Emirate) met Taliban forcesX (the shorter name), the iea, the IEA and جبههی مقاومت; Talibans no."
    assert [m.group("actor") for m in rx.finditer(text)] == ["TALIBAN FORCES (Islamic Emirate)", "Taliban", "IEA", "جبههی مقاومت"]
    assert rx.search("national resistance front").group("actor") == "national resistance front"


def test_pattern_file_errors_name_the_pattern_and_the_problem() -> None:
    names = [("National Resistance Front", False)]
    base = {"version": "v", "slots": {"person": "(?P<person>[A-Z]\\w+)"}}
    with pytest.raises(DataPackError, match=r"p.toml: pattern #0 \(x\): unknown slot \{nobody\}"):
        parse_profile_patterns({**base, "patterns": [{"id": "x", "kind": "leader", "regex": "{nobody}"}]}, "p.toml", names)
    with pytest.raises(DataPackError, match=r"\(y\): a leader pattern needs the groups"):
        parse_profile_patterns({**base, "patterns": [{"id": "y", "kind": "leader", "regex": "{actor} {person}"}]}, "p.toml", names)
    with pytest.raises(DataPackError, match=r"\(z\): kind 'rumour'"):
        parse_profile_patterns({**base, "patterns": [{"id": "z", "kind": "rumour", "regex": "{actor}"}]}, "p.toml", names)
    with pytest.raises(DataPackError, match=r"\(w\): the regex does not compile"):
        parse_profile_patterns({**base, "patterns": [{"id": "w", "kind": "base", "regex": "{actor}(("}]}, "p.toml", names)
    assert len(load_profile_patterns().patterns) == 11


def test_suggestions_store_the_same_on_both_backends(db_url: str) -> None:
    text = ("The Afghanistan Freedom Front joined the Supreme Council of National Resistance in 2023. "
            "Analysts put ISKP at 1,500 to 2,200 fighters.")  # fmt: skip
    note = document(text, doc_id="doc-backends")
    with open_repository(db_url) as repository:
        repository.store_document(note, [], None, "tester")
        run = extract_profile_facts(repository)
        assert (run.documents, run.facts, run.new) == (1, 2, 2)
        alliance, strength = repository.list_profile_suggestions()
        assert (alliance.fact.actor_id, alliance.fact.value["from"], strength.fact.value["high"]) == ("aff", "2023", 2200)
        assert alliance.document["title"] == "Test note" and alliance.fact.evidence["year"] == (text.index("2023"), text.index("2023") + 4)
        repository.decide_profile_suggestion(alliance.suggestion_id, "rejected", "rita", "test")
        assert extract_profile_facts(repository).new == 0
        assert [s.status for s in repository.list_profile_suggestions("aff")] == ["rejected"]
        assert [s.fact.kind for s in repository.list_profile_suggestions(status="suggested")] == ["strength"]
        with pytest.raises(Exception, match="needs 'who'"):
            repository.decide_profile_suggestion(strength.suggestion_id, "accepted", " ")
