"""Resolution from the command line: events JSON, merge/split/move/undo, decisions, why, actors, evaluation."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli.main import app
from sitroom.store import open_repository

runner = CliRunner()
ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"
    "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
    "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
).split(",")
DARA = {"event_date": "2023-05-13", "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "NRF",
        "actor2": "Taliban", "admin1": "Panjshir", "admin2": "Dara", "location": "Dara", "latitude": "35.367",
        "longitude": "69.628"}  # fmt: skip
ANDARAB = {"event_date": "2022-09-18", "event_type": "Strategic developments", "sub_event_type": "Arrests",
           "actor1": "Taliban", "actor2": "Civilians", "admin1": "Baghlan", "admin2": "Andarab", "location": "Banu",
           "latitude": "35.634", "longitude": "69.266"}  # fmt: skip
EVENT_KEYS = {
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "tags", "actor1", "actor2",
    "assoc_actors", "country", "admin1", "admin1_code", "admin2", "location", "latitude", "longitude",
    "geo_precision", "claim", "status", "sources", *(f"{kind}_{bound}" for kind in ("fatalities", "injured", "detained")
                                                      for bound in ("low", "best", "high")),
}  # fmt: skip
SOURCE_KEYS = {"doc_id", "publisher", "source_kind", "stance", "fatalities", "injured", "detained", "mention_id"}


def invoke(*args: str):
    result = runner.invoke(app, list(args))
    return result


def write_acled(path: Path, rows: list[tuple[str, str, dict, str]]) -> Path:
    """Write a small ACLED-format CSV of pre-coded synthetic rows (id, source, place/type, fatalities)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ACLED_HEADER)
        writer.writeheader()
        for event_id, source, fields, killed in rows:
            writer.writerow({"event_id_cnty": event_id, "year": fields["event_date"][:4], "time_precision": "1",
                             "country": "Afghanistan", "geo_precision": "2", "source": source, "fatalities": killed,
                             "notes": f"Synthetic example {event_id}.", **fields})  # fmt: skip
    return path


@pytest.fixture
def db(tmp_path) -> str:
    first = write_acled(tmp_path / "first.csv", [
        ("AFG-T-1", "Kabul Test Wire", DARA, "3"),
        ("AFG-T-2", "Hindu Kush Test Ledger", DARA, "5"),
        ("AFG-T-3", "Rights Test Ledger", ANDARAB, "0"),
    ])  # fmt: skip
    path = str(tmp_path / "cli.db")
    result = invoke("ingest", str(first), "--db", path)
    assert result.exit_code == 0, result.output
    assert "resolution: 3 mentions placed" in result.output
    return path


def events_json(db: str, fmt: str = "json") -> list[dict]:
    result = invoke("events", "--db", db, "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "jsonl":
        return [json.loads(line) for line in result.output.splitlines() if line.strip()]
    return json.loads(result.output)


def by_mentions(events: list[dict]) -> dict[frozenset, dict]:
    return {frozenset(s["mention_id"] for s in e["sources"]): e for e in events}


def test_precoded_rows_of_one_incident_resolve_into_one_event_with_the_contract_keys(db):
    events = events_json(db)
    assert events == events_json(db, "jsonl")
    assert len(events) == 2
    dara = by_mentions(events)[frozenset({"acled:AFG-T-1#precoded", "acled:AFG-T-2#precoded"})]
    assert EVENT_KEYS <= set(dara)
    assert all(set(source) == SOURCE_KEYS for source in dara["sources"])
    assert (dara["fatalities_low"], dara["fatalities_best"], dara["fatalities_high"]) == (3, 3, 5)
    assert dara["status"] == "confirmed"  # two unrelated independent publishers
    assert dara["admin1"] == "Panjshir" and dara["admin2"] == "Dara"


def test_resolve_again_and_rebuild_change_nothing(db):
    before = events_json(db)
    for args in (("resolve",), ("resolve", "--rebuild")):
        result = invoke(*args, "--db", db)
        assert result.exit_code == 0, result.output
        assert "2 stored events became 2: 0 new, 0 updated, 0 merged into others, 0 removed" in result.output
    assert events_json(db) == before


def test_merge_split_move_undo_from_the_cli_survive_a_new_document(db, tmp_path, monkeypatch):
    monkeypatch.setenv("SITROOM_ANALYST", "ana")
    groups = by_mentions(events_json(db))
    dara_id = groups[frozenset({"acled:AFG-T-1#precoded", "acled:AFG-T-2#precoded"})]["event_id"]
    andarab_id = groups[frozenset({"acled:AFG-T-3#precoded"})]["event_id"]
    merged = invoke("merge", dara_id, andarab_id, "--why", "one operation", "--db", db)
    assert merged.exit_code == 0, merged.output
    merge_id = merged.output.split("decision ")[1].split()[0]
    assert len(events_json(db)) == 1
    split = invoke("split", dara_id, "acled:AFG-T-3#precoded", "--why", "another valley", "--db", db)
    assert split.exit_code == 0, split.output and len(events_json(db)) == 2
    moved = invoke("move", "acled:AFG-T-2#precoded", andarab_id, "--why", "misread", "--db", db)
    assert moved.exit_code == 0, moved.output
    move_id = moved.output.split("decision ")[1].split()[0]
    expected = {frozenset({"acled:AFG-T-1#precoded"}), frozenset({"acled:AFG-T-2#precoded", "acled:AFG-T-3#precoded"})}
    assert set(by_mentions(events_json(db))) == expected
    later = write_acled(tmp_path / "later.csv", [("AFG-T-4", "Third Test Wire", DARA, "4")])
    assert invoke("ingest", str(later), "--db", db).exit_code == 0
    expected = {frozenset({"acled:AFG-T-1#precoded", "acled:AFG-T-4#precoded"}),
                frozenset({"acled:AFG-T-2#precoded", "acled:AFG-T-3#precoded"})}  # fmt: skip
    assert set(by_mentions(events_json(db))) == expected
    undone = invoke("undo", move_id, "--why", "it was right", "--db", db)
    assert undone.exit_code == 0, undone.output
    expected = {frozenset({"acled:AFG-T-1#precoded", "acled:AFG-T-2#precoded", "acled:AFG-T-4#precoded"}),
                frozenset({"acled:AFG-T-3#precoded"})}  # fmt: skip
    assert set(by_mentions(events_json(db))) == expected
    listed = json.loads(invoke("decisions", "--db", db, "--json").output)
    assert [(d["kind"], d["who"], d["in_force"]) for d in listed] == [
        ("merge", "ana", True), ("split", "ana", True), ("move", "ana", False), ("undo", "ana", True)]
    assert listed[0]["decision_id"] == merge_id and listed[2]["why"] == "misread"
    table = invoke("decisions", "--db", db)
    assert table.exit_code == 0 and "undone" in table.output and "in force" in table.output
    with open_repository(db) as repository:
        audited = [(e.action, e.who, e.why) for e in repository.audit_entries("decision")]
    assert audited[0] == ("create", "ana", "one operation") and len(audited) == 4


def test_decision_errors_name_the_problem(db):
    event_id = events_json(db)[0]["event_id"]
    missing = invoke("merge", event_id, "ev-missing", "--why", "x", "--db", db)
    assert missing.exit_code == 2 and "ev-missing" in missing.output
    no_reason = invoke("merge", event_id, "ev-missing", "--db", db)
    assert no_reason.exit_code != 0 and "--why" in no_reason.output
    unknown = invoke("undo", "abc", "--why", "x", "--db", db)
    assert unknown.exit_code == 2 and "abc" in unknown.output


def test_why_prints_the_features_and_scores_of_an_event(db):
    event_id = next(e["event_id"] for e in events_json(db) if len(e["sources"]) == 2)
    result = invoke("why", event_id, "--db", db)
    assert result.exit_code == 0, result.output
    assert "merged" in result.output and "score" in result.output and "place" in result.output
    as_json = json.loads(invoke("why", event_id, "--db", db, "--json").output)
    (pair,) = as_json["pairs"]
    assert pair["decision"] == "merged" and pair["score"] >= pair["threshold"]
    assert {f["name"] for f in pair["features"]} >= {"place", "date", "type"}


def test_actors_prints_claim_statistics(tmp_path):
    import datetime as dt

    from sitroom.models import Claim, Document, EventMention, SourceKind, Stance

    db = str(tmp_path / "actors.db")
    with open_repository(db) as repository:
        for doc_id, kind, stance, killed in (("nrf-1", SourceKind.CLAIM, Stance.CLAIMED, 9),
                                             ("wire-1", SourceKind.NEWS, Stance.REPORTED, 4)):  # fmt: skip
            document = Document(doc_id=doc_id, text="Synthetic.", raw_sha256=doc_id, text_sha256=doc_id,
                                publisher=doc_id, published=dt.date(2023, 5, 14), source_kind=kind)  # fmt: skip
            mention = EventMention(doc_id=doc_id, event_date=dt.date(2023, 5, 13), time_precision=1,
                                   event_type="Battles", actor1="NRF", actor2="Taliban", admin1="Panjshir",
                                   admin1_code="AF-PAN", admin2="Dara", geo_precision=2, fatalities=killed,
                                   claim=Claim(stance, "NRF" if stance is Stance.CLAIMED else None))  # fmt: skip
            repository.store_document(document, [mention], None, "tester")
    assert invoke("resolve", "--db", db).exit_code == 0
    result = invoke("actors", "--db", db, "--period", "quarter")
    assert result.exit_code == 0, result.output
    assert "claims per actor and quarter" in result.output and "2023-Q2" in result.output
    (row,) = json.loads(invoke("actors", "--db", db, "--json").output)
    assert row == {"actor": "NRF", "period": "2023-05", "events_claimed": 1, "claims_contradicted": 0,
                   "claims_independently_confirmed": 1, "claimed_fatalities": 9, "confirmed_fatalities": 4}
    assert invoke("actors", "--db", db, "--period", "week").exit_code == 2


def test_evaluate_resolution_prints_pairwise_and_bcubed_figures(tmp_path):
    rows = [
        {"doc_id": "a", "mention_id": "a#m0", "event_key": "X", "publisher": "A", "source_kind": "news", **_coded(DARA)},
        {"doc_id": "b", "mention_id": "b#m0", "event_key": "X", "publisher": "B", "source_kind": "news", **_coded(DARA)},
        {"doc_id": "c", "mention_id": "c#m0", "event_key": "Y", "publisher": "C", "source_kind": "news", **_coded(ANDARAB)},
    ]  # fmt: skip
    benchmark = tmp_path / "benchmark.jsonl"
    benchmark.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    table = invoke("evaluate-resolution", str(benchmark))
    assert table.exit_code == 0, table.output
    assert "pairwise" in table.output and "B-cubed" in table.output and "1.0000" in table.output
    figures = json.loads(invoke("evaluate-resolution", str(benchmark), "--json").output)
    assert figures["pairwise_f1"] == figures["bcubed_f1"] == 1.0
    assert (figures["mentions"], figures["gold_events"], figures["predicted_events"]) == (3, 2, 2)
    assert invoke("evaluate-resolution", str(tmp_path / "missing.jsonl")).exit_code == 2


def _coded(fields: dict) -> dict:
    coded = {key: value for key, value in fields.items() if key not in ("latitude", "longitude")}
    return {**coded, "time_precision": 1, "geo_precision": 2, "country": "Afghanistan",
            "admin1_code": "AF-PAN" if fields["admin1"] == "Panjshir" else "AF-BGL"}  # fmt: skip
