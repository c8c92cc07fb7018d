"""The dashboard map's base layers as GeoJSON: district outlines, neighbouring countries and
label points (a point well inside each shape, so a label sits on its area, not on a border)."""

from __future__ import annotations

from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Polygon, box, mapping, shape
from shapely.ops import polylabel

from sitroom.api.places import round_coordinates
from sitroom.gazetteer.geometry import bbox_of_all

LABEL_TOLERANCE_DEGREES = 0.005  # ~500 m: precise enough for placing a label
NEIGHBOUR_LABEL_REACH_DEGREES = 1.5  # a neighbour's name goes on its part near the country, where the map shows it


def label_point(multipolygon: list) -> list[float] | None:
    """Return [lon, lat] of the pole of inaccessibility of the multipolygon's largest part."""
    parts = [Polygon(polygon[0], polygon[1:]) for polygon in multipolygon if polygon and len(polygon[0]) >= 4]
    parts = [part if part.is_valid else part.buffer(0) for part in parts]
    parts = [piece for part in parts for piece in (part.geoms if isinstance(part, MultiPolygon) else [part])
             if isinstance(piece, Polygon) and not piece.is_empty]  # fmt: skip
    if not parts:
        return None
    largest = max(parts, key=lambda part: part.area)
    point = polylabel(largest, tolerance=LABEL_TOLERANCE_DEGREES)
    if not shapely.contains(largest, point):
        point = largest.representative_point()
    return [round(point.x, 3), round(point.y, 3)]


def _feature(feature_id: str, multipolygon: list, properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "id": feature_id,
            "geometry": {"type": "MultiPolygon", "coordinates": round_coordinates(multipolygon)},
            "properties": {**properties, "label": label_point(multipolygon)}}  # fmt: skip


def district_layer(gazetteer: Any) -> dict[str, Any]:
    """Return every district outline with its name, province and label point."""
    polygons = gazetteer.polygons("admin2")
    provinces = {p.admin1_code: p.name for p in gazetteer.provinces()}
    features = []
    for province_code in sorted(provinces):
        for district in gazetteer.districts(province_code):
            multipolygon = polygons.get(district.place_id)
            if multipolygon:
                features.append(_feature(district.place_id, multipolygon, {
                    "name": district.name, "admin1_code": province_code, "admin1": provinces[province_code]}))
    return {"type": "FeatureCollection", "features": features}


def province_label_layer(gazetteer: Any) -> dict[str, Any]:
    """Return each province's label point and name as a GeoJSON Point feature."""
    polygons = gazetteer.polygons("admin1")
    features = []
    for province in sorted(gazetteer.provinces(), key=lambda p: p.name):
        multipolygon = polygons.get(province.place_id) or polygons.get(province.admin1_code)
        point = label_point(multipolygon) if multipolygon else None
        if point:
            features.append({"type": "Feature", "id": province.admin1_code, "geometry": {"type": "Point", "coordinates": point},
                             "properties": {"code": province.admin1_code, "name": province.name}})  # fmt: skip
    return {"type": "FeatureCollection", "features": features}


def neighbour_layer(neighbours: Any, gazetteer: Any) -> dict[str, Any]:
    """Return the neighbouring countries' outlines with their names, label points and attribution.

    Each label point lies in the part of the country within NEIGHBOUR_LABEL_REACH_DEGREES of the
    pack's own extent, so the name is seen beside the border rather than far outside the view.
    """
    reach = box(*_extent(gazetteer)).buffer(NEIGHBOUR_LABEL_REACH_DEGREES, join_style="mitre")
    features = []
    for country in neighbours.countries:
        feature = _feature(country.iso_numeric, country.multipolygon, {"name": country.name, "iso_numeric": country.iso_numeric})
        near = shape(feature["geometry"]).buffer(0).intersection(reach)
        if not near.is_empty and near.geom_type in ("Polygon", "MultiPolygon"):
            feature["properties"]["label"] = label_point(mapping(near)["coordinates"] if near.geom_type == "MultiPolygon"
                                                         else [mapping(near)["coordinates"]])  # fmt: skip
        features.append(feature)
    return {"type": "FeatureCollection", "features": features, "attribution": neighbours.attribution}


def _extent(gazetteer: Any) -> tuple[float, float, float, float]:
    """Return (min lon, min lat, max lon, max lat) of the pack's province polygons."""
    return bbox_of_all(list(gazetteer.polygons("admin1").values()))
