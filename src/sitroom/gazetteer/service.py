"""The gazetteer service: one object answering every place question for one pack."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from sitroom.errors import DataPackError, NotFoundError
from sitroom.gazetteer import geometry
from sitroom.gazetteer.normalize import name_key, name_keys
from sitroom.gazetteer.pack import DataPack
from sitroom.models import Place

try:  # optional extra 'geo'
    import shapely
    from shapely.geometry import MultiPolygon as _ShapelyMultiPolygon
except ImportError:  # pragma: no cover - exercised by forcing use_shapely=False in tests
    shapely = None


@dataclass(frozen=True, slots=True)
class Entry:
    """One indexable place with what the resolver needs beyond the Place record."""

    place: Place
    kind: str  # country, admin1, admin2, village, city, region, abroad
    population: int = 0
    members: tuple[str, ...] = ()  # a region's province codes


@dataclass(frozen=True, slots=True)
class AdminMatch:
    """The province and district containing a point (None where outside every polygon)."""

    admin1: Place | None
    admin2: Place | None


class Gazetteer:
    """Lookup service over one validated data pack.

    Input: a DataPack (see ``load_gazetteer``). Offers lookup by name, province by code,
    districts of a province, admin areas for a point, centroids and region members.
    """

    def __init__(self, pack: DataPack, *, use_shapely: bool = True) -> None:
        self.pack = pack
        self.country_code = pack.country_code
        self._use_shapely = use_shapely and shapely is not None
        self.entries: list[Entry] = []
        self._by_id: dict[str, int] = {}
        keys: dict[str, set[int]] = defaultdict(set)
        for record in pack.places:
            index = self._add(_entry_from_record(record, pack.country_code))
            for name in [record["name"], *record.get("names", [])]:
                for key in name_keys(name):
                    keys[key].add(index)
        self._add_aliases(keys)
        self._add_abroad(keys)
        self._add_regions(keys)
        self.index: dict[str, tuple[int, ...]] = {k: tuple(sorted(v)) for k, v in keys.items()}
        self.max_words = 6

    # ---- building -------------------------------------------------------------------------
    def _add(self, entry: Entry) -> int:
        self.entries.append(entry)
        self._by_id[entry.place.place_id] = len(self.entries) - 1
        return len(self.entries) - 1

    def _add_aliases(self, keys: dict[str, set[int]]) -> None:
        """Index each reviewed variant under the places its canonical name names."""
        where = str(Path(self.pack.path) / "aliases.csv")
        for alias in self.pack.aliases:
            wanted = name_keys(alias.canonical)
            targets = {
                i for key in wanted for i in keys.get(key, ())
                if self.entries[i].place.level == alias.level
                and alias.admin1_code in (None, self.entries[i].place.admin1_code)
            }
            if not targets:
                raise DataPackError(
                    f"{where}: canonical {alias.canonical!r} ({alias.level}, {alias.admin1_code}) "
                    f"for variant {alias.variant!r} matches no place; fix the row"
                )
            for key in name_keys(alias.variant):
                keys[key] |= targets

    def _add_abroad(self, keys: dict[str, set[int]]) -> None:
        """Index countries abroad (and their cities) as country-level places."""
        seen: dict[str, int] = {}
        for row in self.pack.abroad:
            code = row["country_code"].strip().upper()
            if code not in seen:
                place = Place(f"{code}", row["canonical"], "country", code)
                seen[code] = self._add(Entry(place, "abroad"))
            for key in name_keys(row["name"]):
                keys[key].add(seen[code])

    def _add_regions(self, keys: dict[str, set[int]]) -> None:
        """Index region phrases as region entries whose members are provinces."""
        for number, row in enumerate(self.pack.regions):
            members = tuple(row["admin1_codes"].split())
            centres = [self.place(code) for code in members]
            lat = sum(p.latitude or 0 for p in centres) / len(centres)
            lon = sum(p.longitude or 0 for p in centres) / len(centres)
            place = Place(f"{self.country_code}-R{number:02d}", row["phrase"], "region", self.country_code,
                          latitude=round(lat, 4), longitude=round(lon, 4))
            index = self._add(Entry(place, "region", members=members))
            for key in name_keys(row["phrase"]):
                keys[key].add(index)

    # ---- queries --------------------------------------------------------------------------
    def lookup(self, name: str, *, level: str | None = None, admin1_code: str | None = None) -> list[Place]:
        """Return the places a name may denote (any spelling, alias or script), best known first."""
        found = self.index.get(name_key(name), ())
        places = [self.entries[i].place for i in found]
        return [
            p for p in places
            if (level is None or p.level == level) and (admin1_code is None or p.admin1_code == admin1_code)
        ]

    def place(self, place_id: str) -> Place:
        """Return the place with this id; raise NotFoundError if there is none."""
        return self.entry(place_id).place

    def entry(self, place_id: str) -> Entry:
        """Return the index entry with this id; raise NotFoundError if there is none."""
        try:
            return self.entries[self._by_id[place_id]]
        except KeyError:
            raise NotFoundError(f"no place {place_id!r} in gazetteer pack {self.pack.code!r}") from None

    def province(self, code: str) -> Place:
        """Return a province by ISO 3166-2 code ("AF-KAB") or P-code ("AF01")."""
        code = code.strip().upper()
        for entry in self.entries:
            if entry.kind == "admin1" and code in (entry.place.place_id, entry.place.admin1_code):
                return entry.place
        pcodes = self._pcodes
        if code in pcodes:
            return self.place(pcodes[code])
        raise NotFoundError(f"no province with code {code!r} in gazetteer pack {self.pack.code!r}")

    def provinces(self) -> list[Place]:
        """Return every province."""
        return [e.place for e in self.entries if e.kind == "admin1"]

    def districts(self, admin1_code: str) -> list[Place]:
        """Return the districts of a province (ISO code or P-code), sorted by name."""
        code = self.province(admin1_code).admin1_code
        found = [e.place for e in self.entries if e.kind == "admin2" and e.place.admin1_code == code]
        return sorted(found, key=lambda p: p.name)

    def centroid(self, place_id: str) -> tuple[float, float]:
        """Return (lat, lon) of a place: the polygon centroid for provinces and districts."""
        place = self.place(place_id)
        if place.latitude is None or place.longitude is None:
            raise NotFoundError(f"place {place_id!r} has no coordinates")
        return place.latitude, place.longitude

    def region_members(self, place_id: str) -> tuple[str, ...]:
        """Return the province codes of a region entry (empty for other places)."""
        return self.entry(place_id).members

    def polygons(self, level: str) -> dict[str, list]:
        """Return the simplified multipolygons of one level ("admin1" or "admin2") by place id."""
        return self.pack.polygons[level]

    def admin_for_point(self, lat: float, lon: float) -> AdminMatch:
        """Return the province and district whose polygons contain (lat, lon)."""
        return AdminMatch(self._locate("admin1", lat, lon), self._locate("admin2", lat, lon))

    def _locate(self, level: str, lat: float, lon: float) -> Place | None:
        if self._use_shapely:
            ids, tree = self._shapely_layers[level]
            hits = tree.query(shapely.Point(lon, lat), predicate="intersects")
            return self.place(ids[int(min(hits))]) if len(hits) else None
        for place_id, box, multipolygon in self._plain_layers[level]:
            if geometry.in_bbox(box, lon, lat) and geometry.point_in_multipolygon(multipolygon, lon, lat):
                return self.place(place_id)
        return None

    @cached_property
    def _plain_layers(self) -> dict[str, list]:
        return {
            level: [(pid, geometry.bbox(mp), mp) for pid, mp in self.pack.polygons[level].items()]
            for level in ("admin1", "admin2")
        }

    @cached_property
    def _shapely_layers(self) -> dict[str, tuple[list[str], object]]:
        layers = {}
        for level in ("admin1", "admin2"):
            ids = list(self.pack.polygons[level])
            shapes = [
                _ShapelyMultiPolygon([(poly[0], poly[1:]) for poly in self.pack.polygons[level][pid]])
                for pid in ids
            ]
            layers[level] = (ids, shapely.STRtree(shapes))
        return layers

    @cached_property
    def _pcodes(self) -> dict[str, str]:
        return {r["pcode"]: r["id"] for r in self.pack.places if r.get("pcode") and r["level"] == "admin1"}


def _entry_from_record(record: dict, country_code: str) -> Entry:
    """Return the Entry for one pack place record."""
    level = record["level"]
    place = Place(
        place_id=record["id"], name=record["name"], level=level, country_code=country_code,
        admin1=record.get("admin1") if level != "country" else None,
        admin1_code=record.get("admin1_code") if level != "country" else None,
        admin2=record.get("admin2") or (record["name"] if level == "admin2" else None),
        latitude=record.get("lat"), longitude=record.get("lon"),
    )
    kind = record.get("kind") or level
    return Entry(place, kind, int(record.get("population") or 0))
