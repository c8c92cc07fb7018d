"""Load and validate the ACLED reference data (countries, disorder types) from sitroom/data/export/acled.json."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from sitroom.errors import DataPackError

DATA_FILE = "acled.json"


@dataclass(frozen=True, slots=True)
class Country:
    """A country's ISO codes and the ACLED region it belongs to."""

    name: str
    iso2: str
    iso3: str
    iso_numeric: int
    region: str


@dataclass(frozen=True, slots=True)
class AcledReference:
    """Everything the ACLED CSV writer looks up: countries, disorder types, civilian markers."""

    countries: dict[str, Country]  # keyed by lower-case name, iso2 and iso3
    disorder_types: dict[str, str]
    disorder_type_by_sub_event_type: dict[str, str]
    civilian_event_types: frozenset[str]
    civilian_actor_prefixes: tuple[str, ...]
    inter_by_category: dict[str, int] = field(default_factory=dict)
    source_scale_by_kind: dict[str, str] = field(default_factory=dict)
    international_publishers: tuple[str, ...] = ()
    scale_order: tuple[str, ...] = ()

    def country(self, name_or_code: str | None) -> Country | None:
        """Return the country named (or ISO-coded) ``name_or_code``, or None if unknown."""
        return self.countries.get(name_or_code.strip().lower()) if name_or_code else None

    def disorder_type(self, event_type: str | None, sub_event_type: str | None) -> str:
        """Return ACLED's disorder type for an event and sub-event type ("" if unknown)."""
        if sub_event_type and sub_event_type in self.disorder_type_by_sub_event_type:
            return self.disorder_type_by_sub_event_type[sub_event_type]
        return self.disorder_types.get(event_type or "", "")


def _require(data: dict[str, Any], key: str, kind: type) -> Any:
    value = data.get(key)
    if not isinstance(value, kind):
        raise DataPackError(f"data/export/{DATA_FILE}: {key!r} must be a {kind.__name__}; fix the data file")
    return value


def parse_reference(data: dict[str, Any]) -> AcledReference:
    """Validate the parsed JSON of the data file and return it as an AcledReference."""
    countries: dict[str, Country] = {}
    for entry in _require(data, "countries", list):
        try:
            country = Country(str(entry["name"]), str(entry["iso2"]), str(entry["iso3"]),
                              int(entry["iso_numeric"]), str(entry["region"]))  # fmt: skip
        except (KeyError, TypeError, ValueError) as error:
            raise DataPackError(f"data/export/{DATA_FILE}: bad country entry {entry!r} ({error})") from None
        for key in (country.name, country.iso2, country.iso3):
            countries[key.lower()] = country
    return AcledReference(
        countries=countries,
        disorder_types=dict(_require(data, "disorder_types", dict)),
        disorder_type_by_sub_event_type=dict(_require(data, "disorder_type_by_sub_event_type", dict)),
        civilian_event_types=frozenset(_require(data, "civilian_event_types", list)),
        civilian_actor_prefixes=tuple(_require(data, "civilian_actor_prefixes", list)),
        inter_by_category=_inter_codes(_require(data, "inter_by_category", dict)),
        source_scale_by_kind=dict(_require(data, "source_scale_by_kind", dict)),
        international_publishers=tuple(name.casefold() for name in _require(data, "international_publishers", list)),
        scale_order=tuple(_require(data, "scale_order", list)),
    )


def _inter_codes(table: dict[str, Any]) -> dict[str, int]:
    """Validate the actor-category -> ACLED inter code table (codes 1 to 8)."""
    for category, code in table.items():
        if isinstance(code, bool) or not isinstance(code, int) or not 1 <= code <= 8:
            raise DataPackError(f"data/export/{DATA_FILE}: inter code of {category!r} must be 1-8, got {code!r}")
    return dict(table)


@lru_cache(maxsize=1)
def load_codebook_columns() -> tuple[str, ...]:
    """Return ACLED's published column list (data/export/acled_codebook_columns.json)."""
    try:
        text = resources.files("sitroom.data").joinpath("export", "acled_codebook_columns.json").read_text("utf-8")
        columns = json.loads(text)["columns"]
    except (OSError, json.JSONDecodeError, KeyError, TypeError) as error:
        raise DataPackError(f"data/export/acled_codebook_columns.json: cannot be read ({error})") from None
    if not isinstance(columns, list) or not all(isinstance(c, str) and c for c in columns):
        raise DataPackError("data/export/acled_codebook_columns.json: 'columns' must be a list of names")
    return tuple(columns)


@lru_cache(maxsize=1)
def load_reference() -> AcledReference:
    """Return the packaged ACLED reference data (read once). Raises DataPackError if invalid."""
    try:
        text = resources.files("sitroom.data").joinpath("export", DATA_FILE).read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, json.JSONDecodeError) as error:
        raise DataPackError(f"data/export/{DATA_FILE}: cannot be read ({error}); reinstall sitroom") from None
    return parse_reference(data)
