"""Profile statements an analyst writes down from a stored document: kept as accepted with their
spans, audited, shown in the profile, left alone by re-runs; refused with a clear message when the
actor, the words, the document or the values cannot be used."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sitroom.analyze.profile_facts import extract_profile_facts, fact_finder
from sitroom.analyze.profile_merge import profile_with_accepted
from sitroom.analyze.profile_statements import analyst_statement
from sitroom.api import create_app
from sitroom.cli.main import app as cli
from sitroom.config import Settings
from sitroom.errors import ConflictError, InputError
from sitroom.models import Document, SourceKind
from sitroom.store import open_repository

TEXT = ("Elders in Khost said the front's men answer to Commander Habib Example, whom they call their chief. "
        "The group has perhaps 300 men in the hills.")  # fmt: skip


def document(text: str = TEXT, doc_id: str = "doc-analyst") -> Document:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Document(doc_id=doc_id, text=text, raw_sha256=digest, text_sha256=digest, title="Elders' account",
                    publisher="Test Wire", published=dt.date(2024, 6, 1), source_kind=SourceKind.NEWS)  # fmt: skip


def test_a_statement_keeps_its_spans_and_survives_reruns_on_both_backends(db_url: str) -> None:
    note = document()
    quote = "the front's men answer to Commander Habib Example"
    fact = analyst_statement(fact_finder(), note, "AFF", "leader", {"name": "Habib Example", "role": "Commander"}, quote)
    assert (fact.actor_id, fact.value, fact.stated_on, fact.pattern_id) == ("aff", {"name": "Habib Example", "role": "commander"},
                                                                          "2024-06-01", "analyst")  # fmt: skip
    assert note.text[fact.start:fact.end] == quote
    assert note.text[slice(*fact.evidence["name"])] == "Habib Example"
    assert note.text[slice(*fact.evidence["role"])] == "Commander"
    with open_repository(db_url) as repository:
        repository.store_document(note, [], None, "tester")
        added = repository.add_profile_statement(fact, "rita", "read it in the elders' account")
        assert (added.status, added.decided_by, added.fact.quote) == ("accepted", "rita", quote)
        assert extract_profile_facts(repository).documents == 1
        kept = repository.list_profile_suggestions("aff")
        assert [(s.suggestion_id, s.status, s.fact.pattern_id) for s in kept] == [(added.suggestion_id, "accepted", "analyst")]
        audit = repository.audit_entries("profile_suggestion")
        assert [(e.action, e.who, e.why) for e in audit] == [("create", "rita", "read it in the elders' account")]
        with pytest.raises(ConflictError, match="already hold leader statement"):
            repository.add_profile_statement(fact, "rita")
        profile = profile_with_accepted("AFF", "af", repository)
    assert profile is not None
    leader = next(item for item in profile.leaders if item.source.document_id == note.doc_id)
    assert leader.source.quote == quote and leader.source.span == (fact.start, fact.end)


@pytest.mark.parametrize(("actor", "kind", "values", "quote", "message"), [
    ("Nobody Front", "leader", {"name": "X"}, "Commander Habib Example", "actor: no actor called 'Nobody Front'"),
    ("AFF", "rumour", {"name": "X"}, "Commander Habib Example", "kind: 'rumour' is not one of"),
    ("AFF", "leader", {"name": "X"}, "Commander Habib Exampel", "quote: these words are not in document 'doc-analyst'"),
    ("AFF", "leader", {"name": "X"}, " men ", "quote: these words occur 2 times"),
    ("AFF", "leader", {"role": "chief"}, "Commander Habib Example", r"values \(leader\): a leader statement needs name"),
    ("AFF", "leader", {"person": "X"}, "Commander Habib Example", "unknown value person"),
    ("AFF", "strength", {"low": "300", "high": "a few"}, "perhaps 300 men", "high: 'a few' is not a whole number"),
    ("AFF", "strength", {"low": "500", "high": "300"}, "perhaps 300 men", "low 500 is above high 300"),
    ("AFF", "alliance", {"with": "AFF"}, "The group has", "not allied with itself"),
    ("AFF", "alliance", {"with": "NRF", "from": "1403"}, "The group has", "'1403' is not a year"),
])  # fmt: skip
def test_what_cannot_be_a_statement_is_refused_naming_the_field(actor, kind, values, quote, message) -> None:
    with pytest.raises(InputError, match=message):
        analyst_statement(fact_finder(), document(), actor, kind, values, quote)


def test_a_base_and_a_strength_take_the_gazetteer_and_the_figures() -> None:
    base = analyst_statement(fact_finder(), document(), "AFF", "base", {"place": "Khost"}, "Elders in Khost")
    assert base.value == {"place": "Khost", "inside": True, "place_id": base.value["place_id"], "place_name": "Khost"}
    strength = analyst_statement(fact_finder(), document(), "AFF", "strength", {"low": "300", "high": "300", "unit": "men"},
                                 "perhaps 300 men")  # fmt: skip
    assert strength.value == {"low": 300, "high": 300, "unit": "men"}
    assert document().text[slice(*strength.evidence["low"])] == "300"


def test_cli_and_api_add_statements_and_only_an_analyst_may(demo_db: Path, tmp_path: Path) -> None:
    with open_repository(demo_db) as repository:
        note = next(d for d in repository.documents_after(None, 1000) if "led by Ahmad Massoud" in d.text)
        estimate = next(d for d in repository.documents_after(None, 1000) if "2,500 and 4,000 fighters" in d.text)
        from sitroom.auth import add_user

        add_user(repository, "ana", "analyst", "a long test password")
        add_user(repository, "vic", "viewer", "a long test password")
    runner = CliRunner()
    result = runner.invoke(cli, ["profile-facts", "add", "--actor", "NRF", "--kind", "leader", "--doc", note.doc_id,
                                 "--quote", "led by Ahmad Massoud", "--value", "name=Ahmad Massoud", "--db", str(demo_db)])  # fmt: skip
    assert result.exit_code == 0 and "(nrf: leader: Ahmad Massoud) added and accepted" in result.output
    bad = runner.invoke(cli, ["profile-facts", "add", "--actor", "NRF", "--kind", "leader", "--doc", note.doc_id,
                              "--quote", "led by", "--value", "Ahmad Massoud", "--db", str(demo_db)])  # fmt: skip
    assert bad.exit_code != 0 and "--value 'Ahmad Massoud': write NAME=TEXT" in bad.output
    app = create_app(Settings(db_path=demo_db), dashboard=False)
    body = {"actor": "National Resistance Front", "kind": "strength", "values": {"low": "2,500", "high": "4,000"},
            "doc_id": estimate.doc_id, "quote": "2,500 and 4,000 fighters", "why": "API test"}  # fmt: skip
    with TestClient(app) as client:
        first = client.get("/api/v1/session").json()["csrf_token"]
        token = client.post("/api/v1/session", json={"username": "vic", "password": "a long test password"},
                            headers={"X-CSRF-Token": first}).json()["csrf_token"]  # fmt: skip
        assert client.post("/api/v1/profile-suggestions", json=body, headers={"X-CSRF-Token": token}).status_code == 403
        client.cookies.clear()
        first = client.get("/api/v1/session").json()["csrf_token"]
        token = client.post("/api/v1/session", json={"username": "ana", "password": "a long test password"},
                            headers={"X-CSRF-Token": first}).json()["csrf_token"]  # fmt: skip
        assert client.post("/api/v1/profile-suggestions", json=body).status_code == 403  # no CSRF token
        created = client.post("/api/v1/profile-suggestions", json=body, headers={"X-CSRF-Token": token})
        assert created.status_code == 201, created.text
        assert (created.json()["status"], created.json()["decided_by"], created.json()["value"]["high"]) == ("accepted", "ana", 4000)
        wrong = client.post("/api/v1/profile-suggestions", json={**body, "quote": "no such words"}, headers={"X-CSRF-Token": token})
        assert wrong.status_code == 422 and "quote: these words are not in document" in wrong.json()["detail"]
        again = client.post("/api/v1/profile-suggestions", json=body, headers={"X-CSRF-Token": token})
        assert again.status_code == 409
        missing = client.post("/api/v1/profile-suggestions", json={**body, "doc_id": "doc:none"}, headers={"X-CSRF-Token": token})
        assert missing.status_code == 404
        profile = client.get("/api/v1/actor-profiles/NRF").json()
    assert any(item["source"]["document_id"] == estimate.doc_id and item["low"] == 2500 for item in profile["strength"])
