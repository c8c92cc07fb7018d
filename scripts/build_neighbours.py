"""Build a pack's neighbouring-country outlines (map context) from Natural Earth via world-atlas.

The source is the TopoJSON ``countries-50m.json`` of the npm package ``world-atlas`` (Natural
Earth 1:50m Admin 0 boundaries, public domain). The script decodes the countries named by ISO
3166-1 numeric code, clips them to the pack's extent plus a margin, simplifies them and writes
``neighbours.json.gz`` (format ``sitroom-neighbours/1``) beside the pack's polygons::

    cd "$(mktemp -d)" && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_neighbours.py --source "$OLDPWD/package/countries-50m.json" \\
        --pack src/sitroom/data/gazetteer/af --countries 364,795,860,762,156,586

(``scripts/update_map_data.sh`` runs exactly this.) The output is deterministic (gzip mtime 0).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

from shapely.geometry import MultiPolygon, Polygon, box, mapping

FORMAT = "sitroom-neighbours/1"
ATTRIBUTION = "Natural Earth 1:50m Admin 0 countries (public domain), via the npm package world-atlas"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Return the topology's arcs as absolute (lon, lat) points (delta-decoded, de-quantised)."""
    (scale_x, scale_y), (move_x, move_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + move_x, y * scale_y + move_y))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Join arcs into one ring; a negative index is arc ~index reversed (TopoJSON's rule)."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def country_shape(geometry: dict, arcs: list) -> MultiPolygon:
    """Return one TopoJSON Polygon or MultiPolygon geometry as a shapely MultiPolygon."""
    polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
    parts = [Polygon(ring(rings[0], arcs), [ring(hole, arcs) for hole in rings[1:]]) for rings in polygons]
    return MultiPolygon(parts)


def pack_extent(pack: Path, margin: float):
    """Return the pack's province polygons' bounding box grown by ``margin`` degrees, as a shapely box."""
    data = json.loads(gzip.decompress((pack / "polygons.json.gz").read_bytes()))
    xs, ys = [], []
    for multipolygon in data["admin1"].values():
        for polygon in multipolygon:
            for point in polygon[0]:
                xs.append(point[0])
                ys.append(point[1])
    return box(min(xs) - margin, min(ys) - margin, max(xs) + margin, max(ys) + margin)


def rounded(geometry: dict, digits: int) -> list:
    """Return a GeoJSON (Multi)Polygon's coordinates as a MultiPolygon list rounded to ``digits``."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [[[[round(x, digits), round(y, digits)] for x, y in part] for part in polygon] for polygon in polygons]


def build(source: Path, pack: Path, codes: list[str], margin: float, tolerance: float) -> dict:
    """Return the neighbours document for ``codes`` (ISO numeric) clipped around ``pack``."""
    topology = json.loads(source.read_text("utf-8"))
    arcs = decode_arcs(topology)
    by_code = {g.get("id"): g for g in topology["objects"]["countries"]["geometries"]}
    missing = [code for code in codes if code not in by_code]
    if missing:
        raise SystemExit(f"{source}: no country with ISO numeric code {', '.join(missing)}")
    extent = pack_extent(pack, margin)
    countries = []
    for code in codes:
        geometry = by_code[code]
        clipped = country_shape(geometry, arcs).buffer(0).intersection(extent).simplify(tolerance)
        if clipped.is_empty or not isinstance(clipped, (Polygon, MultiPolygon)):
            raise SystemExit(f"{source}: {geometry['properties']['name']} does not reach the pack's extent")
        countries.append({"iso_numeric": code, "name": geometry["properties"]["name"],
                          "multipolygon": rounded(mapping(clipped), 3)})
    return {"format": FORMAT, "attribution": ATTRIBUTION, "source_file": source.name,
            "extent": [round(v, 3) for v in extent.bounds], "countries": countries}


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, build, and write <pack>/neighbours.json.gz."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="world-atlas countries-50m.json")
    parser.add_argument("--pack", type=Path, required=True, help="the gazetteer pack folder (holds polygons.json.gz)")
    parser.add_argument("--countries", required=True, help="ISO 3166-1 numeric codes, comma-separated")
    parser.add_argument("--margin", type=float, default=4.0, help="degrees kept around the pack's extent")
    parser.add_argument("--tolerance", type=float, default=0.02, help="simplification tolerance in degrees")
    args = parser.parse_args(argv)
    document = build(args.source, args.pack, [c.strip() for c in args.countries.split(",") if c.strip()],
                     args.margin, args.tolerance)
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    (args.pack / "neighbours.json.gz").write_bytes(gzip.compress(body, mtime=0))
    names = ", ".join(c["name"] for c in document["countries"])
    print(f"wrote {args.pack / 'neighbours.json.gz'}: {names}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
