"""The map's base layers: district outlines, province label points, neighbouring countries."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from shapely.geometry import Point, shape
from shapely.ops import unary_union

from sitroom.api import create_app
from sitroom.config import Settings
from sitroom.errors import DataPackError
from sitroom.gazetteer import load_gazetteer
from sitroom.gazetteer.neighbours import load_neighbours, parse_neighbours

API = "/api/v1/map"
NEIGHBOURS = {"Iran", "Turkmenistan", "Uzbekistan", "Tajikistan", "China", "Pakistan"}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    app = create_app(Settings(db_path=tmp_path_factory.mktemp("map") / "empty.db"), dashboard=False)
    with TestClient(app) as test_client:
        yield test_client


def test_district_layer_has_every_district_with_a_label_inside_it(client):
    response = client.get(f"{API}/districts.geojson")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/geo+json")
    features = response.json()["features"]
    assert len(features) == len(load_gazetteer("af").polygons("admin2")) == 399
    provinces = {p.admin1_code for p in load_gazetteer("af").provinces()}
    assert {f["properties"]["admin1_code"] for f in features} == provinces
    dara = [f for f in features if f["properties"]["name"] == "Dara"]
    assert dara and dara[0]["properties"]["admin1"] == "Panjshir"
    outside = [f["properties"]["name"] for f in features
               if not shape(f["geometry"]).buffer(0.01).contains(Point(f["properties"]["label"]))]
    assert not outside, f"labels outside their district: {outside}"


def test_province_labels_sit_inside_their_province(client):
    labels = client.get(f"{API}/province-labels.geojson").json()["features"]
    outlines = {f["id"]: shape(f["geometry"]) for f in client.get("/api/v1/places/provinces.geojson").json()["features"]}
    assert len(labels) == 34
    for label in labels:
        assert outlines[label["id"]].contains(Point(label["geometry"]["coordinates"])), label["properties"]["name"]


def test_neighbours_are_the_six_countries_around_afghanistan_and_do_not_cover_it(client):
    collection = client.get(f"{API}/neighbours.geojson").json()
    assert {f["properties"]["name"] for f in collection["features"]} == NEIGHBOURS
    assert "Natural Earth" in collection["attribution"]
    afghanistan = unary_union([shape(f["geometry"]) for f in client.get("/api/v1/places/provinces.geojson").json()["features"]])
    for feature in collection["features"]:
        country = shape(feature["geometry"]).buffer(0)
        assert country.distance(afghanistan) < 0.1, f"{feature['properties']['name']} does not border Afghanistan"
        # Natural Earth's 1:50m border and OCHA's polygons differ a little, never by a province's width.
        assert country.intersection(afghanistan).area < 0.01 * afghanistan.area, feature["properties"]["name"]


def test_a_bad_neighbours_file_is_refused_with_its_name():
    with pytest.raises(DataPackError, match="bad.json.gz: country #0 \\(Iran\\): multipolygon"):
        parse_neighbours({"format": "sitroom-neighbours/1", "attribution": "x",
                          "countries": [{"name": "Iran", "iso_numeric": "364", "multipolygon": [[[[0, 0], [1, 1]]]]}]},
                         "bad.json.gz")  # fmt: skip
    with pytest.raises(DataPackError, match="other.json.gz: expected"):
        parse_neighbours({"format": "other"}, "other.json.gz")
    assert len(load_neighbours("af").countries) == 6
