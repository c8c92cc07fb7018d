"""Parquet (through pyarrow) and UCDP GED-style exports of the demo corpus, read back."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow.parquet as parquet
from typer.testing import CliRunner

from sitroom.cli.main import app
from sitroom.export.ucdp import load_ucdp_export_codes
from sitroom.store import open_repository

runner = CliRunner()


def test_parquet_export_holds_every_event_with_typed_columns(demo_db: Path, acled_only_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "events.parquet"
    result = runner.invoke(app, ["export", "--db", str(demo_db), "--format", "parquet", "-o", str(target)])
    assert result.exit_code == 0, result.output
    table = parquet.read_table(target)
    assert table.num_rows == 24  # one event per demo incident (INC01, INC10 gather their rival versions)
    assert str(table.schema.field("fatalities_best").type) == "int64"
    assert str(table.schema.field("latitude").type) == "double"
    rows = table.to_pylist()
    acled_target = tmp_path / "acled.parquet"
    assert runner.invoke(app, ["export", "--db", str(acled_only_db), "--format", "parquet", "-o", str(acled_target)]).exit_code == 0
    imported = next(row for row in parquet.read_table(acled_target).to_pylist() if row["event_id_cnty"] == "AFG-DEMO-0005")
    assert imported["interaction"] == "12"
    merged = max(rows, key=lambda row: len(row["sources"]))
    assert len(merged["sources"]) >= 4 and {"publisher", "stance", "source_kind"} <= set(merged["sources"][0])
    assert all(row["status"] for row in rows)


def test_parquet_needs_an_output_file(demo_db: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(demo_db), "--format", "parquet"])
    assert result.exit_code == 2 and "--output" in result.output


def test_ucdp_export_gives_low_best_high_and_deaths_by_side(demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "ged.csv"
    assert runner.invoke(app, ["export", "--db", str(demo_db), "--format", "ucdp", "-o", str(target)]).exit_code == 0
    with target.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert tuple(rows[0]) == load_ucdp_export_codes().columns and len(rows) == 24
    for row in rows:
        low, best, high = int(row["low"]), int(row["best"]), int(row["high"])
        assert low <= best <= high
        sides = sum(int(row[name]) for name in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"))
        assert sides == best
        assert row["type_of_violence"] in {"1", "2", "3"}
    ranged = [row for row in rows if int(row["low"]) < int(row["high"])]
    assert ranged, "the demo has events whose sources disagree on the toll"
    assert any(row["type_of_violence"] == "3" and int(row["deaths_civilians"]) > 0 for row in rows)


def test_ucdp_source_columns_cite_each_sources_document(demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "ged.csv"
    assert runner.invoke(app, ["export", "--db", str(demo_db), "--format", "ucdp", "-o", str(target)]).exit_code == 0
    with target.open(encoding="utf-8", newline="") as stream:
        rows = {row["id"]: row for row in csv.DictReader(stream)}
    with open_repository(demo_db) as repo:
        events = repo.list_events()
        assert len(events) == len(rows)
        for event in events:
            briefs = repo.document_briefs([source.doc_id for source in event.sources])
            days = {b.published.isoformat() for b in briefs.values() if b.published}
            articles = {b.url or b.doc_id for b in briefs.values()}
            row = rows[event.event_id]
            assert set(row["source_date"].split("; ")) == days, event.event_id
            assert set(row["source_article"].split("; ")) == articles, event.event_id
    assert any(len(row["source_article"].split("; ")) > 1 for row in rows.values())


def test_ucdp_export_is_read_back_by_the_ucdp_reader(demo_db: Path, tmp_path: Path) -> None:
    target, again = tmp_path / "ged.csv", tmp_path / "again.db"
    runner.invoke(app, ["export", "--db", str(demo_db), "--format", "ucdp", "-o", str(target)])
    result = runner.invoke(app, ["ingest", "--db", str(again), str(target), "-q"])
    assert result.exit_code == 0, result.output
    back = tmp_path / "back.csv"
    runner.invoke(app, ["export", "--db", str(again), "--format", "ucdp", "-o", str(back)])
    with target.open(encoding="utf-8", newline="") as one, back.open(encoding="utf-8", newline="") as two:
        first = {row["id"]: row for row in csv.DictReader(one)}
        second = {row["id"]: row for row in csv.DictReader(two)}
    assert set(first) == set(second)  # the original ids are kept
    for key, row in first.items():
        for column in ("best", "low", "high", "deaths_civilians", "deaths_unknown", "side_a", "date_start"):
            assert second[key][column] == row[column], (key, column)
