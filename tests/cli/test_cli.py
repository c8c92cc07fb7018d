"""The sitroom command line: every command, exit statuses and error messages."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from sitroom.cli.main import app

runner = CliRunner()
CONTRACT_KEYS = {
    "doc_id", "event_date", "time_precision", "event_type", "sub_event_type", "tags", "actor1", "actor2",
    "assoc_actors", "country", "admin1", "admin1_code", "admin2", "location", "latitude", "longitude",
    "geo_precision", "fatalities", "injured", "detained", "claim", "evidence", "text",
}


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_init_creates_the_database(db_path):
    result = invoke("init", "--db", str(db_path))
    assert result.exit_code == 0, result.output
    assert db_path.exists()


def test_db_location_comes_from_the_environment(tmp_path, monkeypatch, reports):
    target = tmp_path / "from-env.db"
    monkeypatch.setenv("SITROOM_DB", str(target))
    result = invoke("ingest", str(reports), "--quiet")
    assert result.exit_code == 0, result.output
    assert target.exists()


def test_ingest_then_events_export_and_stats(reports, db_path, tmp_path):
    assert invoke("ingest", str(reports), "--db", str(db_path)).exit_code == 0
    table = invoke("events", "--db", str(db_path))
    as_json = json.loads(invoke("events", "--db", str(db_path), "--format", "json").output)
    # 12 mentions (two per report); resolution merges reports of one incident a day apart.
    assert table.exit_code == 0 and f"{len(as_json)} events" in table.output and "Baghlan" in table.output
    assert 2 <= len(as_json) < 12
    assert as_json and {"event_id", "status", "fatalities_best", "sources"} <= set(as_json[0])
    assert {"Baghlan", "Panjshir"} <= {e["admin1"] for e in as_json}
    only_panjshir = json.loads(invoke("events", "--db", str(db_path), "--format", "json", "--province", "AF-PAN").output)
    assert only_panjshir and all(e["admin1_code"] == "AF-PAN" for e in only_panjshir)
    rows = list(csv.DictReader(io.StringIO(invoke("export", "--db", str(db_path), "--format", "csv").output)))
    assert rows and {"event_id_cnty", "event_date", "admin1", "fatalities"} <= set(rows[0])
    geojson_path = tmp_path / "events.geojson"
    assert invoke("export", "--db", str(db_path), "--format", "geojson", "-o", str(geojson_path)).exit_code == 0
    assert json.loads(geojson_path.read_text())["type"] == "FeatureCollection"
    stats = invoke("stats", "--db", str(db_path))
    assert stats.exit_code == 0 and "documents" in stats.output


def test_ingest_exits_non_zero_and_names_the_bad_input(reports, db_path):
    (reports / "bad.jsonl").write_text("{broken\n", encoding="utf-8")
    result = invoke("ingest", str(reports), "--db", str(db_path))
    assert result.exit_code == 1
    assert "bad.jsonl" in result.output


def test_extract_prints_contract_json_lines_from_a_file_and_stdin(reports):
    result = invoke("extract", "--published", "2023-05-14", str(reports / "report-00000.txt"))
    assert result.exit_code == 0, result.output
    mentions = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert mentions and all(CONTRACT_KEYS <= set(m) for m in mentions)
    assert {m["admin1_code"] for m in mentions} >= {"AF-BGL"}
    piped = invoke("extract", "-", input='{"id": "x1", "text": "Synthetic example. Taliban forces arrested three men in Rukha district, Panjshir, on Monday.", "published": "2023-05-17"}\n')
    lines = [json.loads(line) for line in piped.stdout.splitlines() if line.strip()]
    assert lines and lines[0]["doc_id"] == "x1" and lines[0]["admin1_code"] == "AF-PAN"
    assert lines[0]["detained"] == 3 and lines[0]["event_date"] == "2023-05-15"


def test_bad_option_values_name_the_option(db_path):
    result = invoke("events", "--db", str(db_path), "--start", "last week")
    assert result.exit_code == 2 and "--start" in result.output
    result = invoke("extract", "--source-kind", "rumour", "-", input="text")
    assert result.exit_code == 2 and "--source-kind" in result.output
