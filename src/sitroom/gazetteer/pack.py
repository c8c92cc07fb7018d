"""Load and validate a gazetteer data pack (one folder per country under data/gazetteer/).

A pack holds manifest.json, places.json.gz, polygons.json.gz and hand-written
aliases.csv, abroad.csv, regions.csv, cues.json and stopwords.txt. Nothing here is
country-specific: a pack for another country is another folder with the same files.
Every problem raises DataPackError naming the file and what is wrong; the JSON files' shape is
checked by the models in ``pack_models`` (the one validation path), the CSV rows here.
"""

from __future__ import annotations

import csv
import gzip
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sitroom.errors import DataPackError
from sitroom.gazetteer.pack_models import GAZETTEER_FILES as REQUIRED_FILES
from sitroom.gazetteer.pack_models import GazetteerManifest, PlacesFile, validate_pack_file

LEVELS = frozenset({"country", "admin1", "admin2", "populated"})


@dataclass(frozen=True, slots=True)
class AliasRow:
    """A reviewed spelling variant: ``variant`` names the place(s) ``canonical`` names."""

    variant: str
    canonical: str
    level: str
    admin1_code: str | None
    note: str


@dataclass(frozen=True, slots=True)
class DataPack:
    """A validated gazetteer pack's raw contents."""

    code: str
    path: str
    country_code: str
    country_name: str
    version: str
    places: list[dict[str, Any]]
    polygons: dict[str, dict[str, list]]
    aliases: list[AliasRow]
    abroad: list[dict[str, str]]
    regions: list[dict[str, str]]
    cues: dict[str, Any]
    stopwords: frozenset[str]


def pack_directory(pack: str) -> Path:
    """Return the folder of a pack given its code ("af") or a folder path."""
    candidate = Path(pack)
    if candidate.is_dir() and (candidate / "manifest.json").exists():
        return candidate
    folder = Path(str(resources.files("sitroom.data"))) / "gazetteer" / pack.lower()
    if not (folder / "manifest.json").exists():
        raise DataPackError(f"{folder}: no gazetteer pack {pack!r} (manifest.json missing)")
    return folder


def load_pack(pack: str) -> DataPack:
    """Read and validate a pack. Input: a pack code or folder. Output: DataPack."""
    folder = pack_directory(pack)
    manifest_path = folder / "manifest.json"
    manifest = validate_pack_file(GazetteerManifest, _read_json(manifest_path), str(manifest_path))
    paths = {name: folder / manifest.files[name] for name in REQUIRED_FILES}
    validate_pack_file(PlacesFile, _read_json(paths["places"]), str(paths["places"]))
    places = _read_json(paths["places"])["places"]
    polygons = _read_json(paths["polygons"])
    _validate_polygons(paths["polygons"], polygons, {p["id"] for p in places})
    admin1_codes = {p["id"] for p in places if p["level"] == "admin1"}
    return DataPack(
        code=folder.name, path=str(folder), country_code=manifest.country_code,
        country_name=manifest.country_name, version=manifest.version,
        places=places, polygons={k: polygons[k] for k in ("admin1", "admin2")},
        aliases=_read_aliases(paths["aliases"], admin1_codes),
        abroad=_read_rows(paths["abroad"], ("name", "country_code", "canonical")),
        regions=_read_regions(paths["regions"], admin1_codes),
        cues=_read_cues(paths["cues"]),
        stopwords=_read_stopwords(paths["stopwords"]),
    )


def _read_json(path: Path) -> dict[str, Any]:
    """Return a JSON object from a plain or gzip'd file."""
    try:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise DataPackError(f"{path}: file missing") from None
    except (OSError, ValueError) as exc:
        raise DataPackError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise DataPackError(f"{path}: expected a JSON object at top level")
    return data


def _validate_polygons(path: Path, polygons: dict[str, Any], ids: set[str]) -> None:
    """Check polygon sets are keyed by known place ids and hold rings of points."""
    for level in ("admin1", "admin2"):
        layer = polygons.get(level)
        if not isinstance(layer, dict):
            raise DataPackError(f"{path}: missing polygon layer {level!r}")
        for place_id, multipolygon in layer.items():
            if place_id not in ids:
                raise DataPackError(f"{path}: {level} polygon for unknown place {place_id!r}")
            try:
                ok = all(len(ring) >= 4 and len(ring[0]) == 2 for polygon in multipolygon for ring in polygon)
            except TypeError:
                ok = False
            if not ok:
                raise DataPackError(f"{path}: {level} polygon {place_id!r} is not a list of closed rings")


def _read_rows(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    """Return a CSV file's rows, checking the required columns are present and filled."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
            columns = reader.fieldnames or []
    except FileNotFoundError:
        raise DataPackError(f"{path}: file missing") from None
    lacking = [c for c in required if c not in columns]
    if lacking:
        raise DataPackError(f"{path}: missing column(s) {', '.join(lacking)}")
    for line, row in enumerate(rows, start=2):
        empty = [c for c in required if not (row.get(c) or "").strip()]
        if empty:
            raise DataPackError(f"{path}:{line}: empty {', '.join(empty)}")
    return rows


def _read_aliases(path: Path, admin1_codes: set[str]) -> list[AliasRow]:
    """Return the alias table, checking levels and province codes."""
    aliases = []
    for line, row in enumerate(_read_rows(path, ("variant", "canonical", "level")), start=2):
        if row["level"] not in LEVELS:
            raise DataPackError(f"{path}:{line}: level {row['level']!r} is not one of {sorted(LEVELS)}")
        code = (row.get("admin1_code") or "").strip() or None
        if code is not None and code not in admin1_codes:
            raise DataPackError(f"{path}:{line}: unknown admin1_code {code!r}")
        aliases.append(AliasRow(row["variant"].strip(), row["canonical"].strip(), row["level"], code, row.get("note") or ""))
    return aliases


def _read_regions(path: Path, admin1_codes: set[str]) -> list[dict[str, str]]:
    """Return region rows, checking every listed province code exists."""
    rows = _read_rows(path, ("phrase", "admin1_codes"))
    for line, row in enumerate(rows, start=2):
        unknown = [c for c in row["admin1_codes"].split() if c not in admin1_codes]
        if unknown:
            raise DataPackError(f"{path}:{line}: unknown province code(s) {', '.join(unknown)}")
    return rows


def _read_cues(path: Path) -> dict[str, Any]:
    """Return the cue words, checking their shape."""
    cues = _read_json(path)
    for side in ("after", "before"):
        table = cues.get(side)
        if not isinstance(table, dict) or not all(isinstance(v, list) for v in table.values()):
            raise DataPackError(f"{path}: {side!r} must map a level to a list of words")
        if set(table) - LEVELS:
            raise DataPackError(f"{path}: {side!r} has unknown level(s) {sorted(set(table) - LEVELS)}")
    for key in ("not_a_place_after", "person_titles"):
        if not isinstance(cues.get(key), list):
            raise DataPackError(f"{path}: {key!r} must be a list of words")
    return cues


def _read_stopwords(path: Path) -> frozenset[str]:
    """Return the stopword list (comments and blank lines skipped)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise DataPackError(f"{path}: file missing") from None
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))
