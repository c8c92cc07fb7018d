"""Neighbouring countries of a pack, for the map's context: outlines clipped around the pack.

The file is ``<pack>/neighbours.json.gz`` (format ``sitroom-neighbours/1``), derived from
Natural Earth (public domain) by ``scripts/build_neighbours.py``; a pack without one has no
neighbours to draw.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sitroom.errors import DataPackError
from sitroom.gazetteer.pack import pack_directory

FORMAT = "sitroom-neighbours/1"
FILE_NAME = "neighbours.json.gz"


@dataclass(frozen=True, slots=True)
class NeighbourCountry:
    """One neighbouring country's outline (a GeoJSON MultiPolygon's coordinates, lon/lat)."""

    iso_numeric: str
    name: str
    multipolygon: list


@dataclass(frozen=True, slots=True)
class Neighbours:
    """A pack's neighbours with the source's attribution."""

    attribution: str
    countries: tuple[NeighbourCountry, ...]


def _closed_rings(multipolygon: object) -> bool:
    try:
        return all(len(ring) >= 4 and ring[0] == ring[-1] and len(ring[0]) == 2
                   for polygon in multipolygon for ring in polygon)  # type: ignore[union-attr]
    except TypeError:
        return False


def parse_neighbours(data: object, source: str) -> Neighbours:
    """Validate a decoded neighbours file; DataPackError naming ``source`` and the problem."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DataPackError(f"{source}: expected a JSON object with \"format\": \"{FORMAT}\"")
    countries = []
    for index, row in enumerate(data.get("countries") or []):
        where = f"{source}: country #{index}"
        if not isinstance(row, dict) or not isinstance(row.get("name"), str) or not row.get("iso_numeric"):
            raise DataPackError(f"{where}: needs a name and an iso_numeric code")
        if not row.get("multipolygon") or not _closed_rings(row["multipolygon"]):
            raise DataPackError(f"{where} ({row['name']}): multipolygon is not a list of closed rings of [lon, lat]")
        countries.append(NeighbourCountry(str(row["iso_numeric"]), row["name"], row["multipolygon"]))
    if not str(data.get("attribution") or "").strip():
        raise DataPackError(f"{source}: the attribution of the source is missing")
    return Neighbours(str(data["attribution"]), tuple(countries))


@lru_cache(maxsize=4)
def load_neighbours(pack: str = "af") -> Neighbours:
    """Return the neighbours of ``pack`` (a code or folder); none when the pack has no file."""
    path = Path(pack_directory(pack)) / FILE_NAME
    if not path.exists():
        return Neighbours("", ())
    try:
        data = json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, ValueError) as error:
        raise DataPackError(f"{path}: not a gzip'd JSON file ({error})") from None
    return parse_neighbours(data, str(path))
