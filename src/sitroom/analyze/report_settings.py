"""Settings of situation reports, propaganda volume and alert rules (data/analyze/report.toml)."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from sitroom.errors import DataPackError

_NAME = "sitroom/data/analyze/report.toml"


@dataclass(frozen=True, slots=True)
class ReportSettings:
    """What makes a group, a notable event and a former-security event (see report.toml)."""

    version: str
    group_categories: frozenset[str]
    notable_events: int
    notable_statuses: frozenset[str]
    top_actors: int
    former_security_actors: frozenset[str]
    former_security_since: dt.date
    former_security_event_types: frozenset[str]
    former_security_tags: frozenset[str]
    type_colours: dict[str, str]
    other_colour: str
    series_colours: tuple[str, ...]
    shades: tuple[str, ...]

    def type_colour(self, event_type: str) -> str:
        """Return the colour of an event type (the 'other' colour for anything unlisted)."""
        return self.type_colours.get(event_type, self.other_colour)


def _list(data: dict[str, Any], key: str) -> frozenset[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise DataPackError(f"{_NAME}: {key} must be a list of non-empty strings")
    return frozenset(value)


def _count(data: dict[str, Any], key: str) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
        raise DataPackError(f"{_NAME}: {key} must be a whole number from 1 to 100, got {value!r}")
    return value


def parse_report_settings(data: dict[str, Any]) -> ReportSettings:
    """Validate parsed TOML and return ReportSettings; DataPackError naming the bad key."""
    since = data.get("former_security_since")
    if not isinstance(since, dt.date):
        raise DataPackError(f"{_NAME}: former_security_since must be a date (YYYY-MM-DD)")
    if not isinstance(data.get("version"), str):
        raise DataPackError(f"{_NAME}: version must be text")
    return ReportSettings(
        version=data["version"], group_categories=_list(data, "group_categories"),
        notable_events=_count(data, "notable_events"), notable_statuses=_list(data, "notable_statuses"),
        top_actors=_count(data, "top_actors"), former_security_actors=_list(data, "former_security_actors"),
        former_security_since=since, former_security_event_types=_list(data, "former_security_event_types"),
        former_security_tags=_list(data, "former_security_tags"),
        **_colours(data.get("colours")),
    )  # fmt: skip


def _colours(table: Any) -> dict[str, Any]:
    """Validate the [colours] table: '#rrggbb' strings, a series list and a shades list."""
    def colour(value: Any, key: str) -> str:
        if not (isinstance(value, str) and len(value) == 7 and value.startswith("#")):
            raise DataPackError(f"{_NAME}: colours.{key} must be a '#rrggbb' colour, got {value!r}")
        return value

    if not isinstance(table, dict):
        raise DataPackError(f"{_NAME}: the [colours] table is missing")
    lists = {key: table.get(key) for key in ("series", "shades")}
    if not all(isinstance(value, list) and len(value) >= 2 for value in lists.values()):
        raise DataPackError(f"{_NAME}: colours.series and colours.shades must list at least two colours")
    types = {k: colour(v, k) for k, v in table.items() if k not in ("series", "shades", "other")}
    return {"type_colours": types, "other_colour": colour(table.get("other"), "other"),
            "series_colours": tuple(colour(v, "series") for v in lists["series"]),
            "shades": tuple(colour(v, "shades") for v in lists["shades"])}


@lru_cache(maxsize=1)
def load_report_settings() -> ReportSettings:
    """Return the packaged report settings (read once); DataPackError if the file is broken."""
    try:
        data = tomllib.loads(resources.files("sitroom.data").joinpath("analyze/report.toml").read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise DataPackError(f"{_NAME}: cannot be read ({error}); reinstall sitroom") from None
    return parse_report_settings(data)
