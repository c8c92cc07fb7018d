"""The complete ACLED export: codebook columns, actor types on the event's date, sides of the
associated actors, source scale, kept ids of imported rows, and a lossless round trip through
`sitroom ingest` of its own CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from typer.testing import CliRunner

from sitroom.cli.main import app
from sitroom.export import ACLED_COLUMNS, write_acled_csv
from sitroom.export.acled import acled_row, default_context
from sitroom.export.acled_codes import interaction_code
from sitroom.export.reference import load_codebook_columns
from sitroom.models import Event, EventMention, SourceKind, SourceReport, Stance

runner = CliRunner()


def _event(day: dt.date, actor1: str, actor2: str | None, assoc: list[str], sources: list[SourceReport]) -> Event:
    coded = EventMention(doc_id="d1", mention_id="m1", event_date=day, time_precision=1, event_type="Battles",
                         sub_event_type="Armed clash", actor1=actor1, actor2=actor2, assoc_actors=assoc,
                         country="Afghanistan", admin1="Panjshir")  # fmt: skip
    return Event("ev-test", coded, sources=sources, fatalities_best=2)


def _read(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return {row["event_id_cnty"]: row for row in csv.DictReader(stream)}


def test_columns_are_acleds_published_codebook_columns() -> None:
    stream = io.StringIO(newline="")
    write_acled_csv([], stream)
    header = stream.getvalue().splitlines()[0].split(",")
    assert tuple(header) == load_codebook_columns() == ACLED_COLUMNS
    assert len(header) == 31 and "civilian_targeting" in header and "timestamp" in header


def test_actor_types_follow_the_role_on_the_event_date() -> None:
    news = [SourceReport("m1", "d1", "Kabul Evening Wire", SourceKind.NEWS, Stance.REPORTED)]
    context = default_context()
    before = acled_row(_event(dt.date(2021, 6, 1), "Taliban", "Afghan National Army", [], news), context=context)
    after = acled_row(_event(dt.date(2023, 6, 1), "National Resistance Front", "Taliban", [], news), context=context)
    assert (before["inter1"], before["inter2"], before["interaction"]) == (2, 1, 12)  # Taliban insurgents then
    assert (after["inter1"], after["inter2"], after["interaction"]) == (2, 1, 12)  # Taliban the state now
    alone = acled_row(_event(dt.date(2023, 6, 1), "Taliban", None, [], news), context=context)
    assert (alone["inter1"], alone["inter2"], alone["interaction"]) == (1, "", 10)
    assert interaction_code(7, 2) == 27 and interaction_code("", "") == ""


def test_associated_actors_on_both_sides_and_source_scale() -> None:
    sources = [
        SourceReport("m1", "d1", "Kabul Evening Wire", SourceKind.NEWS, Stance.REPORTED),
        SourceReport("m2", "d2", "NRF channel", SourceKind.CLAIM, Stance.CLAIMED),
        SourceReport("m3", "d3", "UNAMA", SourceKind.NGO, Stance.CONFIRMED),
    ]
    event = _event(dt.date(2023, 6, 1), "Taliban forces (Islamic Emirate)", "Civilians",
                   ["Taliban", "Civilians (former security personnel)"], sources)
    row = acled_row(event, context=default_context())
    assert row["assoc_actor_1"] == "Taliban"
    assert row["assoc_actor_2"] == "Civilians (former security personnel)"
    assert (row["inter1"], row["inter2"], row["interaction"]) == (1, 7, 17)
    assert row["source_scale"] == "National-International-New media"
    assert row["civilian_targeting"] == "Civilian targeting"


def test_export_round_trips_through_ingest_with_nothing_lost(demo_db: Path, acled_only_db: Path, tmp_path: Path) -> None:
    first, second, again = tmp_path / "first.csv", tmp_path / "second.csv", tmp_path / "again.db"
    assert runner.invoke(app, ["export", "--db", str(demo_db), "-o", str(first)]).exit_code == 0
    result = runner.invoke(app, ["ingest", "--db", str(again), str(first), "-q"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["export", "--db", str(again), "-o", str(second)]).exit_code == 0
    exported, round_tripped = _read(first), _read(second)
    assert len(exported) == 24  # one event per demo incident: INC01 and INC10 each gather their rival versions
    assert exported == round_tripped  # every column of every row, ids included
    only_acled = tmp_path / "acled.csv"
    assert runner.invoke(app, ["export", "--db", str(acled_only_db), "-o", str(only_acled)]).exit_code == 0
    imported = _read(only_acled)["AFG-DEMO-0005"]  # an imported ACLED row keeps its id and codes
    assert (imported["inter1"], imported["inter2"], imported["interaction"]) == ("2", "1", "12")
    assert imported["source_scale"] == "National" and imported["timestamp"] == "1722470400"
    coded = [row for key, row in exported.items() if key.startswith("ev-")]
    assert all(row["timestamp"].isdigit() for row in coded)
    assert any(row["inter1"] and row["inter2"] and row["interaction"] for row in coded)
