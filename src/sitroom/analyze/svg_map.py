"""The situation report's map as SVG: provinces shaded by events, precise events as dots,
district-level events as translucent halos, and province labels that do not collide.

Province-level events only shade their province (no pin at a centroid), as on the dashboard.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from typing import Any, Sequence

from sitroom.analyze.svg_charts import FONT
from sitroom.gazetteer.geometry import bbox_of_all

MAP_WIDTH = 640
PADDING = 8
HALO_KM = 20


@dataclass(frozen=True, slots=True)
class MapPoint:
    """One located event: coordinates, geo precision (1 place, 2 district) and its label."""

    latitude: float
    longitude: float
    precision: int
    label: str


class Projection:
    """Equirectangular projection of a bounding box onto the map's width (y grows downwards)."""

    def __init__(self, bounds: tuple[float, float, float, float]) -> None:
        west, south, east, north = bounds
        self.west, self.north = west, north
        self.kx = math.cos(math.radians((south + north) / 2))
        self.scale = (MAP_WIDTH - 2 * PADDING) / ((east - west) * self.kx)
        self.height = int((north - south) * self.scale + 2 * PADDING)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (PADDING + (lon - self.west) * self.kx * self.scale, PADDING + (self.north - lat) * self.scale)


def _path(multipolygon: Any, projection: Projection) -> str:
    rings = []
    for polygon in multipolygon:
        for ring in polygon:
            points = [projection.xy(lon, lat) for lon, lat in ring[:: max(1, len(ring) // 400)]]
            rings.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(rings)


def _shade(count: int, peak: int, shades: Sequence[str]) -> str:
    if count <= 0:
        return shades[0]
    return shades[min(len(shades) - 1, 1 + int((len(shades) - 2) * count / max(peak, 1)))]


def _labels(candidates: list[tuple[float, float, str, int]]) -> list[str]:
    """Place labels busiest first, skipping any that would overlap one already placed."""
    placed: list[tuple[float, float, float, float]] = []
    parts = []
    for x, y, text, _ in sorted(candidates, key=lambda c: -c[3]):
        width, height = 6.0 * len(text) + 4, 12.0
        box = (x - width / 2, y - height, x + width / 2, y)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
            continue
        placed.append(box)
        # A white copy under the text keeps it readable on any shade (paint-order is not everywhere).
        label = f'x="{x:.1f}" y="{y - 2:.1f}" text-anchor="middle"'
        parts.append(f'<text {label} fill="#fff" stroke="#fff" stroke-width="3">{escape(text)}</text>'
                     f'<text {label} fill="#111">{escape(text)}</text>')  # fmt: skip
    return parts


def _points(points: Sequence[MapPoint], projection: Projection) -> list[str]:
    halo = HALO_KM / 111.0 * projection.scale
    parts = []
    for point in points:
        x, y = projection.xy(point.longitude, point.latitude)
        radius, opacity = (3.0, 0.9) if point.precision == 1 else (halo, 0.15)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="#1a1a1a" fill-opacity="{opacity}">'
                     f'<title>{escape(point.label)}</title></circle>')  # fmt: skip
    return parts


def _areas(areas: Sequence[tuple[Any, Any]], counts: dict[str, int], key, projection: Projection,
           shades: Sequence[str]) -> tuple[list[str], list[tuple[float, float, str, int]]]:
    """Return the shaded outlines of ``areas`` (place, multipolygon) and label candidates of busy ones."""
    peak = max(counts.values(), default=0)
    parts, labels = [], []
    for place, multipolygon in sorted(areas, key=lambda item: item[0].name):
        count = counts.get(key(place), 0)
        parts.append(f'<path d="{_path(multipolygon, projection)}" fill="{_shade(count, peak, shades)}" '
                     f'stroke="#8a8a8a" stroke-width="0.6"><title>{escape(place.name)}: {count} events</title></path>')
        if count and place.latitude is not None:
            x, y = projection.xy(place.longitude, place.latitude)
            labels.append((x, y, f"{place.name} {count}", count))
    return parts, labels


def _document(projection: Projection, title: str, parts: list[str]) -> str:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {MAP_WIDTH} {projection.height}" '
            f'width="{MAP_WIDTH}" height="{projection.height}" overflow="hidden" role="img" '
            f'aria-label="{escape(title)}" {FONT} font-size="10">')  # fmt: skip
    return head + f"<title>{escape(title)}</title>" + "".join(parts) + "</svg>"


def _provinces(gazetteer: Any) -> list[tuple[Any, Any]]:
    polygons = gazetteer.polygons("admin1")
    found = [(p, polygons.get(p.place_id) or polygons.get(p.admin1_code)) for p in gazetteer.provinces()]
    return [(p, mp) for p, mp in found if mp]


def province_map(gazetteer: Any, counts: dict[str, int], points: Sequence[MapPoint], shades: Sequence[str],
                 title: str) -> str:
    """Return the country map: each province shaded by ``counts`` (province code -> events), points on top."""
    provinces = _provinces(gazetteer)
    projection = Projection(bbox_of_all([mp for _, mp in provinces]))
    parts, labels = _areas(provinces, counts, lambda p: p.admin1_code, projection, shades)
    return _document(projection, title, parts + _points(points, projection) + _labels(labels))


def district_map(gazetteer: Any, admin1_code: str, counts: dict[str, int], points: Sequence[MapPoint],
                 shades: Sequence[str], title: str) -> str:
    """Return one province's map: its districts shaded by ``counts`` (folded district name -> events),
    the neighbouring provinces in grey for context, points on top."""
    polygons = gazetteer.polygons("admin2")
    districts = [(d, polygons.get(d.place_id)) for d in gazetteer.districts(admin1_code)]
    districts = [(d, mp) for d, mp in districts if mp]
    west, south, east, north = bbox_of_all([mp for _, mp in districts])
    margin_x, margin_y = (east - west) * 0.12, (north - south) * 0.12
    projection = Projection((west - margin_x, south - margin_y, east + margin_x, north + margin_y))
    context = [f'<path d="{_path(mp, projection)}" fill="#ececec" stroke="#b5b5b5" stroke-width="0.8">'
               f'<title>{escape(p.name)}</title></path>' for p, mp in _provinces(gazetteer)]  # fmt: skip
    parts, labels = _areas(districts, counts, lambda d: d.name.casefold(), projection, shades)
    precise = [point for point in points if point.precision == 1]  # district-level events shade their district
    return _document(projection, title, context + parts + _points(precise, projection) + _labels(labels))
