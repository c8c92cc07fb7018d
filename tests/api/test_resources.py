"""Documents, actors, places, statistics and exports."""

from __future__ import annotations

import csv
import io
import json

from tests.api.conftest import EVENT_COUNT, XSS, all_pages

API = "/api/v1"


def test_documents_list_pages_and_filters(client):
    docs = all_pages(client, f"{API}/documents", limit=5)
    assert len(docs) == len({d["doc_id"] for d in docs}) == EVENT_COUNT + 1
    ngo = client.get(f"{API}/documents", params={"source_kind": "NGO"}).json()
    assert ngo["total"] and all(d["source_kind"] == "ngo" for d in ngo["items"])
    found = client.get(f"{API}/documents", params={"q": "raided"}).json()["items"]
    assert [d["doc_id"] for d in found] == ["doc-900"] and found[0]["title"] == XSS


def test_document_detail_quotes_evidence(client):
    body = client.get(f"{API}/documents/doc-002").json()
    assert body["text"].startswith("Report 2.") and body["mention_count"] == 1
    assert body["mentions"][0]["evidence"]["admin2"]["quote"] == "Kabul"
    assert len(body["event_ids"]) == 1 and body["mentions"][0]["event_id"] == body["event_ids"][0]
    assert client.get(f"{API}/documents/nope").status_code == 404


def test_actors_list_and_profile(client):
    actors = client.get(f"{API}/actors").json()["items"]
    names = [a["name"] for a in actors]
    assert "National Resistance Front" in names and "Local militia" in names
    assert [a["events"] for a in actors] == sorted((a["events"] for a in actors), reverse=True)
    nrf = next(a for a in actors if a["name"] == "National Resistance Front")
    profile = client.get(f"{API}/actors/national resistance front").json()
    assert profile["name"] == "National Resistance Front" and profile["events"] == nrf["events"]
    assert sum(p["events"] for p in profile["activity"]) == nrf["events"]
    ledger = profile["claimed_vs_confirmed"]
    assert set(ledger) == {"claimed", "confirmed", "denied", "reported"}
    assert sum(s["sources"] for s in ledger.values()) == nrf["events"]  # one source per event here
    assert ledger["claimed"]["events"] > 0 and ledger["confirmed"]["events"] > 0
    weekly = client.get(f"{API}/actors/National Resistance Front", params={"interval": "week"}).json()
    assert all(len(p["period"]) == 10 for p in weekly["activity"])
    assert client.get(f"{API}/actors/Nobody at all").status_code == 404


def test_places_provinces_districts_and_map(client):
    provinces = client.get(f"{API}/places/provinces").json()["items"]
    by_code = {p["code"]: p for p in provinces}
    assert len([p for p in provinces if p["code"]]) == 34
    assert by_code["AF-PAN"]["events"] == 9  # 8 of the 23 (index % 3 == 0) plus the undated probe
    assert by_code["AF-KAB"]["events"] == 7
    districts = client.get(f"{API}/places/provinces/AF-BGL/districts").json()["items"]
    andarab = [d for d in districts if d["name"] == "Andarab"]
    assert andarab and andarab[0]["events"] == 8
    assert client.get(f"{API}/places/provinces/panjshir/districts").status_code == 200
    assert client.get(f"{API}/places/provinces/AF-XXX/districts").status_code == 404
    response = client.get(f"{API}/places/provinces.geojson", params={"start_date": "2023-01-01"})
    assert response.headers["content-type"].startswith("application/geo+json")
    collection = response.json()
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 34
    panjshir = next(f for f in collection["features"] if f["id"] == "AF-PAN")
    assert panjshir["geometry"]["type"] == "MultiPolygon" and panjshir["properties"]["events"] == 8


def test_stats(client):
    months = client.get(f"{API}/stats/timeseries").json()["items"]
    assert sum(m["events"] for m in months) == EVENT_COUNT  # the undated probe is left out
    assert [m["period"] for m in months] == sorted(m["period"] for m in months)
    weeks = client.get(f"{API}/stats/timeseries", params={"interval": "week", "admin1": "AF-PAN"}).json()["items"]
    assert sum(w["events"] for w in weeks) == 8
    assert weeks[0]["period"] == "2022-12-26"  # the Monday of 2023-01-01's week
    battles = client.get(f"{API}/stats/timeseries", params={"event_type": "Battles"}).json()["items"]
    assert sum(m["events"] for m in battles) == EVENT_COUNT // 2
    by_province = client.get(f"{API}/stats/by-province").json()["items"]
    assert {p["code"]: p["events"] for p in by_province} == {"AF-PAN": 9, "AF-BGL": 8, "AF-KAB": 7}
    tagged = client.get(f"{API}/stats/by-province", params={"tag": "checkpoint"}).json()["items"]
    assert [(p["code"], p["events"]) for p in tagged] == [("AF-PAN", 8)]
    districts = client.get(f"{API}/stats/by-district", params={"admin1": "AF-BGL"}).json()["items"]
    assert [(d["name"], d["events"]) for d in districts] == [("Andarab", 8)]
    summary = client.get(f"{API}/stats/summary").json()
    assert summary["events"] == EVENT_COUNT + 1 and summary["documents"] == EVENT_COUNT + 1


def test_exports_parse_back_with_the_same_filters(client):
    params = {"admin1": "AF-PAN", "sort": "date_asc"}
    expected = [i["event_id"] for i in client.get(f"{API}/events", params={**params, "limit": 500}).json()["items"]]
    response = client.get(f"{API}/exports/events.csv", params=params)
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [row["event_id_cnty"] for row in rows] == expected
    assert rows[0]["admin1"] == "Panjshir" and "actor1" in rows[0]
    lines = client.get(f"{API}/exports/events.jsonl", params=params).text.splitlines()
    assert [json.loads(line)["event_id"] for line in lines] == expected
    collection = client.get(f"{API}/exports/events.geojson", params=params).json()
    located = [f["id"] for f in collection["features"]]
    assert located == [e for e in expected if e in located] and len(located) == len(expected) - 1  # probe has no point


def test_csv_keeps_source_text_as_plain_data(client):
    text = client.get(f"{API}/exports/events.csv", params={"q": "raided"}).text
    assert XSS in text  # CSV is data; it is not HTML, so no HTML escaping applies
