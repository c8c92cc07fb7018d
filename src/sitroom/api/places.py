"""Join gazetteer provinces and districts with event counts; the cached province map outline."""

from __future__ import annotations

from typing import Any

from sitroom.store.api_records import AreaCount

COORDINATE_DIGITS = 3  # ~100 m: plenty for a province map, and a third of the bytes


def _key(value: str | None) -> str:
    return (value or "").strip().casefold()


def province_rows(gazetteer: Any, counts: list[AreaCount]) -> list[dict[str, Any]]:
    """Return every province with its events and fatalities; unmatched counts as one "unknown" row."""
    by_code: dict[str, list[int]] = {}
    unknown = [0, 0]
    provinces = gazetteer.provinces()
    codes = {_key(p.admin1_code): p.admin1_code for p in provinces}
    names = {_key(p.name): p.admin1_code for p in provinces}
    for count in counts:
        code = codes.get(_key(count.admin1_code)) or names.get(_key(count.admin1))
        slot = by_code.setdefault(code, [0, 0]) if code else unknown
        slot[0] += count.events
        slot[1] += count.fatalities_best
    rows = [
        {"code": p.admin1_code, "name": p.name, "latitude": p.latitude, "longitude": p.longitude,
         "events": by_code.get(p.admin1_code, [0, 0])[0], "fatalities_best": by_code.get(p.admin1_code, [0, 0])[1]}
        for p in sorted(provinces, key=lambda p: p.name)
    ]  # fmt: skip
    if unknown[0]:
        rows.append({"code": None, "name": "unknown", "latitude": None, "longitude": None,
                     "events": unknown[0], "fatalities_best": unknown[1]})  # fmt: skip
    return rows


def district_rows(gazetteer: Any, province: Any, counts: list[AreaCount]) -> list[dict[str, Any]]:
    """Return the districts of ``province`` with their events; districts not in the pack are appended."""
    tallies: dict[str, list[int]] = {}
    for count in counts:
        slot = tallies.setdefault(_key(count.admin2), [0, 0])
        slot[0] += count.events
        slot[1] += count.fatalities_best
    rows = []
    for district in gazetteer.districts(province.admin1_code):
        events, deaths = tallies.pop(_key(district.name), [0, 0])
        rows.append({"place_id": district.place_id, "name": district.name, "admin1_code": province.admin1_code,
                     "latitude": district.latitude, "longitude": district.longitude,
                     "events": events, "fatalities_best": deaths})  # fmt: skip
    for name, (events, deaths) in sorted(tallies.items()):
        label = next((c.admin2 for c in counts if _key(c.admin2) == name), None) or "unknown"
        rows.append({"place_id": None, "name": label, "admin1_code": province.admin1_code, "latitude": None,
                     "longitude": None, "events": events, "fatalities_best": deaths})  # fmt: skip
    return rows


def round_coordinates(value: Any) -> Any:
    """Round every coordinate of a (nested) GeoJSON coordinate list to COORDINATE_DIGITS."""
    if isinstance(value, float):
        return round(value, COORDINATE_DIGITS)
    if isinstance(value, list):
        return [round_coordinates(item) for item in value]
    return value


def province_outlines(gazetteer: Any) -> list[dict[str, Any]]:
    """Return each province as a GeoJSON Feature without properties (coordinates rounded)."""
    features = []
    polygons = gazetteer.polygons("admin1")
    for province in sorted(gazetteer.provinces(), key=lambda p: p.name):
        multipolygon = polygons.get(province.place_id) or polygons.get(province.admin1_code)
        if not multipolygon:
            continue
        features.append({
            "type": "Feature", "id": province.admin1_code,
            "geometry": {"type": "MultiPolygon", "coordinates": round_coordinates(multipolygon)},
            "properties": {"code": province.admin1_code, "name": province.name},
        })  # fmt: skip
    return features


def province_map(outlines: list[dict[str, Any]], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the FeatureCollection of province outlines with each province's counts as properties."""
    by_code = {row["code"]: row for row in rows if row["code"]}
    features = []
    for outline in outlines:
        row = by_code.get(outline["id"], {"events": 0, "fatalities_best": 0})
        properties = {**outline["properties"], "events": row["events"], "fatalities_best": row["fatalities_best"]}
        features.append({**outline, "properties": properties})
    return {"type": "FeatureCollection", "features": features}
