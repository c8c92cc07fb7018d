"""Alert rules: stored and audited, evaluated on the demo corpus with the events and documents
that fired each alert, in `sitroom alerts`, the JSON API and the Atom feed."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sitroom.analyze.alert_rules import evaluate_rules, validate_rule
from sitroom.api import create_app
from sitroom.cli.main import app
from sitroom.config import Settings
from sitroom.errors import InputError, NotFoundError
from sitroom.store import EventFilter, open_repository

runner = CliRunner()
ATOM = "{http://www.w3.org/2005/Atom}"
END_2023 = dt.date(2023, 12, 31)


def test_rules_are_stored_and_every_change_is_audited(demo_db: Path) -> None:
    with open_repository(demo_db) as repository:
        repository.save_alert_rule("pj", "unconfirmed-claim", {"province": "Panjshir"}, "amina", "watch the valley")
        repository.save_alert_rule("pj", "unconfirmed-claim", {"province": "Panjshir"}, "amina")  # no change
        repository.save_alert_rule("pj", "unconfirmed-claim", {"province": "Panjshir", "days": 30}, "bashir", "a month")
        rule = repository.list_alert_rules()[0]
        assert (rule.created_by, rule.updated_by, rule.params) == ("amina", "bashir", {"province": "Panjshir", "days": 30})
        repository.delete_alert_rule("pj", "amina", "done")
        history = repository.audit_entries("alert_rule", str(rule.rule_id))
        assert [(e.action, e.who, e.why) for e in history] == [
            ("create", "amina", "watch the valley"), ("update", "bashir", "a month"), ("delete", "amina", "done")]
        assert history[1].before["params"] == '{"province":"Panjshir"}'
        assert repository.list_alert_rules() == []
        with pytest.raises(NotFoundError):
            repository.delete_alert_rule("pj", "amina")


def test_rule_parameters_are_checked() -> None:
    assert validate_rule("surge", {"province": " Panjshir ", "days": None}) == {"province": "Panjshir"}
    with pytest.raises(InputError, match="unknown alert rule kind"):
        validate_rule("rumour", {})
    with pytest.raises(InputError, match="out of range"):
        validate_rule("surge", {"days": 0})


def _rules(demo_db: Path) -> None:
    with open_repository(demo_db) as repository:
        repository.save_alert_rule("panjshir-claims", "unconfirmed-claim", {"province": "Panjshir", "days": 365}, "t")
        repository.save_alert_rule("denied-claims", "contradicted-claim", {"days": 365}, "t")
        repository.save_alert_rule("former-security", "former-security-killings", {"days": 365}, "t")
        repository.save_alert_rule("former-security-week", "former-security-killings", {}, "t")
        repository.save_alert_rule("surges", "surge", {"days": 365}, "t")


def test_alerts_name_the_events_and_documents_that_fired_them(demo_db: Path) -> None:
    _rules(demo_db)
    with open_repository(demo_db) as repository:
        alerts = evaluate_rules(repository, END_2023)
        events = {e.event_id: e for e in repository.list_events(EventFilter(limit=None))}
    by_rule: dict[str, list] = {}
    for alert in alerts:
        by_rule.setdefault(alert.rule_name, []).append(alert)
        assert alert.event_ids and alert.doc_ids
        for event_id in alert.event_ids:
            assert set(alert.doc_ids) & {s.doc_id for s in events[event_id].sources}
    assert "former-security-week" not in by_rule  # nothing in the last week of 2023
    for alert in by_rule["panjshir-claims"]:
        event = events[alert.event_ids[0]]
        assert event.coded.admin1 == "Panjshir" and event.status != "confirmed"
        stances = {s.stance.value for s in event.sources}
        assert "claimed" in stances and "confirmed" not in stances
    for alert in by_rule["denied-claims"]:
        stances = {s.stance.value for s in events[alert.event_ids[0]].sources}
        assert {"claimed", "denied"} <= stances
    former = [events[a.event_ids[0]] for a in by_rule["former-security"]]
    assert len(former) == 2 and all(e.coded.event_type == "Violence against civilians" for e in former)
    assert all(e.coded.event_date.year == 2023 and (e.fatalities_best or 0) >= 1 for e in former)
    surge = by_rule["surges"][0]
    assert surge.key.endswith(":2023-06-19") and len(surge.event_ids) == 6
    assert alerts == sorted(alerts, key=lambda a: (a.updated, a.rule_name, a.key), reverse=True)


def test_cli_alerts_keep_surges_and_add_rule_alerts(demo_db: Path) -> None:
    added = runner.invoke(app, ["alert-rule", "add", "pj", "--kind", "unconfirmed-claim", "--province", "Panjshir",
                                "--days", "3650", "--db", str(demo_db)], env={"SITROOM_ANALYST": "amina"})  # fmt: skip
    assert added.exit_code == 0, added.output
    with open_repository(demo_db) as repository:
        assert repository.list_alert_rules()[0].created_by == "amina"
    refused = runner.invoke(app, ["alert-rule", "add", "x", "--kind", "rumour", "--db", str(demo_db)])
    assert refused.exit_code == 2 and "unknown alert rule kind" in refused.output
    result = runner.invoke(app, ["alerts", "--db", str(demo_db), "--json", "--as-of", "2023-12-31"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["test"] == "poisson-upper-tail-bonferroni" and report["surges"]  # the surge report as before
    assert report["rule_alerts"] and {a["rule"] for a in report["rule_alerts"]} == {"pj"}
    listed = runner.invoke(app, ["alert-rule", "list", "--db", str(demo_db)])
    assert listed.exit_code == 0 and "pj" in listed.output
    assert runner.invoke(app, ["alert-rule", "disable", "pj", "--db", str(demo_db)]).exit_code == 0
    silent = json.loads(runner.invoke(app, ["alerts", "--db", str(demo_db), "--json", "--as-of", "2023-12-31"]).output)
    assert silent["rule_alerts"] == []


def test_api_alerts_and_atom_feed(demo_db: Path) -> None:
    _rules(demo_db)
    with TestClient(create_app(Settings(db_path=demo_db))) as client:
        listed = client.get("/api/v1/alerts", params={"as_of": "2023-12-31"}).json()["items"]
        feed = client.get("/api/v1/alerts/feed.atom", params={"as_of": "2023-12-31"})
        rules = client.get("/api/v1/alert-rules").json()["items"]
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.content)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(listed) > 0
    ids = [entry.find(f"{ATOM}id").text for entry in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("tag:sitroom,2026:alert/") for i in ids)
    first = entries[0]
    assert first.find(f"{ATOM}title").text == listed[0]["title"]
    links = [link.get("href") for link in first.findall(f"{ATOM}link")]
    assert any(href.endswith(f"/events/{listed[0]['event_ids'][0]}") for href in links)
    assert {rule["name"] for rule in rules} == {"panjshir-claims", "denied-claims", "former-security",
                                               "former-security-week", "surges"}  # fmt: skip
    assert all(rule["history"][0]["action"] == "create" and rule["history"][0]["who"] == "t" for rule in rules)
