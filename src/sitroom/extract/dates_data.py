"""Load and validate the date vocabulary data files in sitroom/data/dates/."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitroom.datafiles import read_data_json
from sitroom.errors import DataPackError

_UNITS = {"day", "week", "month", "year", "year_ago"}


@dataclass(frozen=True, slots=True)
class DateVocabulary:
    """Month, weekday and relative-word tables used by the date extractor."""

    gregorian_months: dict[str, int]
    solar_hijri_months: dict[str, int]
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    relative_periods: dict[str, tuple[str, int, bool]]
    numbers: dict[str, int]
    ago_units: dict[str, str]
    part_of_period: dict[str, tuple[int, int, int, int]]
    version: str
    month_prepositions: tuple[str, ...]  # before a month name or a year ("in May")
    year_prepositions: tuple[str, ...]  # before a year: the month ones, then "by", "of" ...


def _read(name: str) -> dict[str, Any]:
    """Read data/dates/<name> strictly (see sitroom.datafiles)."""
    return read_data_json("dates", name)


def _int_table(table: Any, where: str, low: int, high: int) -> dict[str, int]:
    """Check a {name: int} table with values in [low, high]; return it with lower-case keys."""
    if not isinstance(table, dict) or not table:
        raise DataPackError(f"{where}: expected a non-empty object")
    for key, value in table.items():
        if not isinstance(value, int) or not low <= value <= high:
            raise DataPackError(f"{where}: {key!r} maps to {value!r}, expected an integer {low}-{high}")
    return {key.lower(): value for key, value in table.items()}


def _periods(table: Any) -> dict[str, tuple[str, int, bool]]:
    if not isinstance(table, dict):
        raise DataPackError("dates/relative.json periods: expected an object")
    checked = {}
    for key, value in table.items():
        ok = (isinstance(value, list) and len(value) == 3 and value[0] in _UNITS
              and isinstance(value[1], int) and isinstance(value[2], bool))
        if not ok:
            raise DataPackError(f"dates/relative.json periods: {key!r} must be [unit, offset, bool]")
        checked[key.lower()] = (value[0], value[1], value[2])
    return checked


def _parts(table: Any) -> dict[str, tuple[int, int, int, int]]:
    if not isinstance(table, dict):
        raise DataPackError("dates/relative.json part_of_period: expected an object")
    checked = {}
    for key, value in table.items():
        if not (isinstance(value, list) and len(value) == 4 and all(isinstance(v, int) for v in value)):
            raise DataPackError(f"dates/relative.json part_of_period: {key!r} must be 4 integers")
        checked[key.lower()] = (value[0], value[1], value[2], value[3])
    return checked


def _words(table: Any, key: str) -> tuple[str, ...]:
    """A non-empty list of single words from dates/prepositions.json, lower-cased, in file order."""
    value = table.get(key) if isinstance(table, dict) else None
    if not isinstance(value, list) or not value or not all(isinstance(w, str) and w and not w.split(" ")[1:]
                                                             and w.strip() == w for w in value):
        raise DataPackError(f"dates/prepositions.json {key}: expected a non-empty list of single words")
    return tuple(word.lower() for word in value)


@lru_cache(maxsize=1)
def load_vocabulary() -> DateVocabulary:
    """Return the validated date vocabulary; DataPackError names the bad file and entry."""
    months = _read("months.json")
    weekdays = _read("weekdays.json")
    relative = _read("relative.json")
    prepositions = _read("prepositions.json")
    month_prepositions = _words(prepositions, "month")
    units = relative.get("ago_units", {})
    if not isinstance(units, dict) or set(units.values()) - _UNITS:
        raise DataPackError("dates/relative.json ago_units: values must be day/week/month/year")
    return DateVocabulary(
        gregorian_months=_int_table(months.get("gregorian"), "dates/months.json gregorian", 1, 12),
        solar_hijri_months=_int_table(months.get("solar_hijri"), "dates/months.json solar_hijri", 1, 12),
        weekdays=_int_table(weekdays.get("weekdays"), "dates/weekdays.json weekdays", 0, 6),
        relative_days=_int_table(relative.get("days"), "dates/relative.json days", -7, 0),
        relative_periods=_periods(relative.get("periods")),
        numbers=_int_table(relative.get("numbers"), "dates/relative.json numbers", 1, 100),
        ago_units={key.lower(): value for key, value in units.items()},
        part_of_period=_parts(relative.get("part_of_period")),
        version=str(months.get("version", "")),
        month_prepositions=month_prepositions,
        year_prepositions=month_prepositions + _words(prepositions, "year_only"),
    )
