"""Exports: ACLED-compatible CSV, JSON Lines and GeoJSON, each parsed back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from sitroom.errors import DataPackError
from sitroom.export import ACLED_COLUMNS, event_to_dict, write_acled_csv, write_geojson, write_jsonl
from sitroom.export.reference import load_reference, parse_reference
from sitroom.models import Claim, Event, EventMention, SourceKind, SourceReport, Stance

ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,"
    "country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,"
    "notes,fatalities,tags,timestamp"
)


def _event(event_id: str = "ev-1", latitude: float | None = 35.31, longitude: float | None = 69.52, **coded) -> Event:
    fields = dict(
        event_date=dt.date(2024, 5, 1), time_precision=1, event_type="Battles", sub_event_type="Armed clash",
        tags=["checkpoint", "night"], actor1="NRF", actor2="Taliban", assoc_actors=["AFF"],
        country="Afghanistan", admin1="Panjshir", admin1_code="AF-PAN", admin2="Rokha", location="Rokha",
        latitude=latitude, longitude=longitude, geo_precision=2, fatalities=5,
        claim=Claim(Stance.CLAIMED, "NRF"), text="A long source sentence.", notes="Attack on a checkpoint.",
    )  # fmt: skip
    fields.update(coded)
    sources = [
        SourceReport("m1", "doc-1", "NRF Telegram", SourceKind.CLAIM, Stance.CLAIMED, fatalities=5),
        SourceReport("m2", "doc-2", "Kabul Wire", SourceKind.NEWS, Stance.REPORTED, fatalities=2),
        SourceReport("m3", "doc-3", "NRF Telegram", SourceKind.CLAIM, Stance.CLAIMED, fatalities=5),
    ]
    return Event(
        event_id=event_id, coded=EventMention(doc_id="doc-1", mention_id="m1", **fields), status="contested",
        fatalities_low=2, fatalities_best=2, fatalities_high=5, injured_best=1, sources=sources,
    )  # fmt: skip


def _csv_rows(events: list[Event]) -> tuple[str, list[dict[str, str]]]:
    stream = io.StringIO(newline="")
    assert write_acled_csv(events, stream) == len(events)
    text = stream.getvalue()
    return text, list(csv.DictReader(io.StringIO(text, newline="")))


def test_acled_csv_has_acled_columns_in_order() -> None:
    text, rows = _csv_rows([_event()])
    assert text.splitlines()[0] == ACLED_HEADER
    assert tuple(rows[0]) == ACLED_COLUMNS


def test_acled_csv_values() -> None:
    row = _csv_rows([_event()])[1][0]
    assert row["event_id_cnty"] == "ev-1"
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2024-05-01", "2024", "1")
    assert row["disorder_type"] == "Political violence"
    assert (row["iso"], row["country"], row["region"]) == ("4", "Afghanistan", "Caucasus and Central Asia")
    assert row["source"] == "NRF Telegram; Kabul Wire"  # distinct publishers, in source order
    assert row["fatalities"] == "2"  # fatalities_best
    assert row["tags"] == "checkpoint; night"
    assert row["assoc_actor_1"] == "AFF"
    assert (float(row["latitude"]), float(row["longitude"]), row["geo_precision"]) == (35.31, 69.52, "2")
    assert row["civilian_targeting"] == ""
    assert row["admin3"] == "" and row["timestamp"] == ""


def test_acled_csv_defaults_and_lookups() -> None:
    unknown = _event(fatalities=None, country="AFG", actor2="Civilians (Afghanistan)", event_date=None,
                     event_type="Violence against civilians", sub_event_type="Attack")  # fmt: skip
    unknown.fatalities_best = None
    row = _csv_rows([unknown])[1][0]
    assert row["fatalities"] == "0"
    assert (row["iso"], row["country"]) == ("4", "Afghanistan")  # ISO code resolved to the name
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["event_date"] == "" and row["year"] == ""
    elsewhere = _csv_rows([_event(country="Atlantis")])[1][0]
    assert (elsewhere["iso"], elsewhere["region"], elsewhere["country"]) == ("", "", "Atlantis")


@pytest.mark.parametrize("dangerous", ["=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)"])
def test_acled_csv_escapes_formula_cells(dangerous: str) -> None:
    row = _csv_rows([_event(notes=dangerous, actor1=dangerous, longitude=-69.5)])[1][0]
    assert row["notes"] == "'" + dangerous
    assert row["actor1"] == "'" + dangerous
    assert row["longitude"] == "-69.5"  # numbers are ours and stay numbers


def test_jsonl_round_trip() -> None:
    stream = io.StringIO()
    assert write_jsonl([_event("ev-1"), _event("ev-2", notes="پنجشیر")], stream) == 2
    lines = stream.getvalue().splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["event_id"] for r in records] == ["ev-1", "ev-2"]
    first = records[0]
    contract_keys = set(_event().coded.to_contract())
    assert contract_keys <= set(first)
    assert first["status"] == "contested"
    assert (first["fatalities_low"], first["fatalities_best"], first["fatalities_high"]) == (2, 2, 5)
    assert first["injured_best"] == 1 and first["detained_low"] is None
    assert first["claim"] == {"stance": "claimed", "by": "NRF"}
    assert first["sources"][1] == {
        "doc_id": "doc-2", "publisher": "Kabul Wire", "source_kind": "news", "stance": "reported",
        "fatalities": 2, "injured": None, "detained": None, "mention_id": "m2",
    }  # fmt: skip
    assert "پنجشیر" in lines[1]  # non-ASCII kept readable
    assert records[0] == json.loads(json.dumps(event_to_dict(_event("ev-1"))))


def test_geojson_points_only_for_located_events() -> None:
    stream = io.StringIO()
    events = [_event("ev-1"), _event("ev-2", latitude=None), _event("ev-3", longitude=-1.25, latitude=-2.5)]
    assert write_geojson(events, stream) == 2
    collection = json.loads(stream.getvalue())
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert [f["id"] for f in features] == ["ev-1", "ev-3"]
    assert features[0]["type"] == "Feature"
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [69.52, 35.31]}
    assert features[1]["geometry"]["coordinates"] == [-1.25, -2.5]
    properties = features[0]["properties"]
    assert "text" not in properties
    assert properties["geo_precision"] == 2
    assert properties["event_id"] == "ev-1" and len(properties["sources"]) == 3


def test_geojson_empty_collection_is_valid() -> None:
    stream = io.StringIO()
    assert write_geojson([], stream) == 0
    assert json.loads(stream.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_reference_data_loads_and_validates() -> None:
    reference = load_reference()
    assert reference.country("af").iso_numeric == 4
    assert reference.disorder_type("Protests", "Excessive force against protesters") == "Political violence; Demonstrations"
    with pytest.raises(DataPackError, match="countries"):
        parse_reference({"countries": "Afghanistan"})
    with pytest.raises(DataPackError, match="bad country"):
        parse_reference({"countries": [{"name": "X"}]})


def test_json_array_round_trip() -> None:
    from sitroom.export import write_json_array

    stream = io.StringIO()
    assert write_json_array([_event("ev-1"), _event("ev-2")], stream) == 2
    assert [record["event_id"] for record in json.loads(stream.getvalue())] == ["ev-1", "ev-2"]
    empty = io.StringIO()
    write_json_array([], empty)
    assert json.loads(empty.getvalue()) == []
