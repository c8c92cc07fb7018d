"""Typed, validated settings of the resolution stage, loaded from a TOML data file.

Input: ``src/sitroom/data/resolve/settings.toml`` (or a file the caller names).
Output: a frozen ``ResolutionSettings``. Every problem raises ``DataPackError``
whose message names the file and the dotted key to fix.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

from sitroom.errors import DataPackError

PERIODS = ("month", "quarter", "year")
SOURCE_KINDS = ("news", "claim", "official", "ngo", "social")
EVIDENCE_KEYS = SOURCE_KINDS + ("reported", "claimed", "denied", "confirmed")
FEATURES = ("place", "date", "type", "actors", "figures", "text", "stance")


@dataclass(frozen=True, slots=True)
class ResolutionSettings:
    """Thresholds, weights and windows of same-event resolution (see settings.toml)."""

    version: str
    window_days: Mapping[int, int]
    imprecise_date_score: float
    weights: Mapping[str, float]
    accept: float
    min_link: float
    place_name_similarity: float
    same_document_can_merge: bool
    same_document_same_incident: bool
    different_places_can_merge: bool
    max_distance_km: float
    place_same_location: float
    place_same_district: float
    place_different_location_same_district: float
    place_same_province_only: float
    place_generic_words: frozenset[str]
    place_word_endings: tuple[tuple[str, str], ...]
    type_same_sub_type: float
    type_same_type: float
    type_compatible: float
    compatible_types: frozenset[frozenset[str]]
    generic_actors: frozenset[str]
    actor_aliases: Mapping[str, str]
    actor_dictionary: str
    authority_categories: frozenset[str]
    generic_actor_categories: frozenset[str]
    independent_kinds: frozenset[str]
    confirming_kinds: frozenset[str]
    unrelated_publishers_to_confirm: int
    period: str
    evidence_order: tuple[str, ...]

    def window(self, precision: int) -> int:
        """Return the date window (days either side) of a time precision; vaguer than 3 counts as 3."""
        return self.window_days[min(max(precision, 1), 3)]


class _Reader:
    """Reads typed values from nested TOML tables, naming file and key in every error."""

    def __init__(self, path: str, data: Mapping[str, Any]) -> None:
        self.path = path
        self.data = data

    def fail(self, key: str, problem: str) -> DataPackError:
        return DataPackError(f"{self.path}: key {key!r}: {problem}")

    def raw(self, key: str) -> Any:
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, Mapping) or part not in node:
                return self._missing(key)
            node = node[part]
        return node

    def _missing(self, key: str) -> Any:
        raise self.fail(key, "missing; add it (see src/sitroom/data/resolve/settings.toml)")

    def number(self, key: str, low: float = 0.0, high: float | None = 1.0) -> float:
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(key, f"expected a number, got {value!r}")
        if value < low or (high is not None and value > high):
            bound = f"between {low} and {high}" if high is not None else f"at least {low}"
            raise self.fail(key, f"expected a number {bound}, got {value!r}")
        return float(value)

    def flag(self, key: str) -> bool:
        value = self.raw(key)
        if not isinstance(value, bool):
            raise self.fail(key, f"expected true or false, got {value!r}")
        return value

    def text(self, key: str, allowed: tuple[str, ...] | None = None) -> str:
        value = self.raw(key)
        if not isinstance(value, str) or not value:
            raise self.fail(key, f"expected a non-empty string, got {value!r}")
        if allowed and value not in allowed:
            raise self.fail(key, f"expected one of {', '.join(allowed)}, got {value!r}")
        return value

    def strings(self, key: str, allowed: tuple[str, ...] | None = None) -> list[str]:
        value = self.raw(key)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.fail(key, f"expected a list of strings, got {value!r}")
        unknown = [item for item in value if allowed and item not in allowed]
        if unknown:
            raise self.fail(key, f"unknown values {unknown}; allowed: {', '.join(allowed or ())}")
        return value

    def table(self, key: str) -> Mapping[str, Any]:
        value = self.raw(key)
        if not isinstance(value, Mapping):
            raise self.fail(key, f"expected a table, got {value!r}")
        return value


def _window_days(reader: _Reader) -> dict[int, int]:
    table = reader.table("dates.window_days")
    windows: dict[int, int] = {}
    for precision in (1, 2, 3):
        key = f"dates.window_days.{precision}"
        value = table.get(str(precision))
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise reader.fail(key, f"expected a whole number of days >= 0, got {value!r}")
        windows[precision] = value
    return windows


def _compatible_types(reader: _Reader) -> frozenset[frozenset[str]]:
    value = reader.raw("types.compatible")
    if not isinstance(value, list) or not all(
        isinstance(pair, list) and len(pair) == 2 and all(isinstance(item, str) for item in pair) for pair in value
    ):
        raise reader.fail("types.compatible", f"expected a list of [type, type] pairs, got {value!r}")
    return frozenset(frozenset(pair) for pair in value)


def _word_endings(reader: _Reader) -> tuple[tuple[str, str], ...]:
    value = reader.raw("place.word_endings")
    if not isinstance(value, list) or not all(
        isinstance(pair, list) and len(pair) == 2 and all(isinstance(item, str) and item for item in pair)
        for pair in value
    ):
        raise reader.fail("place.word_endings", f"expected a list of [variant, canonical] pairs, got {value!r}")
    return tuple((variant.casefold(), canonical.casefold()) for variant, canonical in value)


def _aliases(reader: _Reader) -> dict[str, str]:
    table = reader.table("actors.aliases")
    for variant, canonical in table.items():
        if not isinstance(canonical, str) or not canonical:
            raise reader.fail(f"actors.aliases.{variant}", f"expected an actor name, got {canonical!r}")
    return {variant.casefold(): canonical for variant, canonical in table.items()}


def _actor_dictionary(reader: _Reader) -> str:
    """Return the actor dictionary pack ("" for none), checked to load."""
    pack = reader.raw("actors.dictionary")
    if not isinstance(pack, str):
        raise reader.fail("actors.dictionary", f"expected a data pack name or \"\", got {pack!r}")
    if pack:
        from sitroom.gazetteer.actors import load_actor_dictionary

        try:
            load_actor_dictionary(pack)
        except DataPackError as error:
            raise reader.fail("actors.dictionary", str(error)) from None
    return pack


def settings_from_mapping(data: Mapping[str, Any], path: str = "<settings>") -> ResolutionSettings:
    """Validate a parsed settings mapping and return ResolutionSettings; raise DataPackError."""
    read = _Reader(path, data)
    return ResolutionSettings(
        version=read.text("version"),
        window_days=_window_days(read),
        imprecise_date_score=read.number("dates.imprecise_score"),
        weights={name: read.number(f"weights.{name}", 0.0, None) for name in FEATURES},
        accept=read.number("thresholds.accept"),
        min_link=read.number("thresholds.min_link"),
        place_name_similarity=read.number("thresholds.place_name_similarity"),
        same_document_can_merge=read.flag("thresholds.same_document_can_merge"),
        same_document_same_incident=read.flag("thresholds.same_document_same_incident"),
        different_places_can_merge=read.flag("thresholds.different_places_can_merge"),
        max_distance_km=read.number("thresholds.max_distance_km", 0.0, None),
        place_same_location=read.number("place.same_location"),
        place_same_district=read.number("place.same_district"),
        place_different_location_same_district=read.number("place.different_location_same_district"),
        place_same_province_only=read.number("place.same_province_only"),
        place_generic_words=frozenset(word.casefold() for word in read.strings("place.generic_words")),
        place_word_endings=_word_endings(read),
        type_same_sub_type=read.number("types.same_sub_type"),
        type_same_type=read.number("types.same_type"),
        type_compatible=read.number("types.compatible_type"),
        compatible_types=_compatible_types(read),
        generic_actors=frozenset(name.casefold() for name in read.strings("actors.generic")),
        actor_aliases=_aliases(read),
        actor_dictionary=_actor_dictionary(read),
        authority_categories=frozenset(read.strings("actors.authority_categories")),
        generic_actor_categories=frozenset(read.strings("actors.generic_categories")),
        independent_kinds=frozenset(read.strings("ledger.independent_kinds", SOURCE_KINDS)),
        confirming_kinds=frozenset(read.strings("ledger.confirming_kinds", SOURCE_KINDS)),
        unrelated_publishers_to_confirm=int(read.number("ledger.unrelated_publishers_to_confirm", 1, None)),
        period=read.text("ledger.period", PERIODS),
        evidence_order=tuple(read.strings("canonical.evidence_order", EVIDENCE_KEYS)),
    )


def load_resolution_settings(path: Path | str | None = None) -> ResolutionSettings:
    """Load settings from ``path`` (default: the packaged settings.toml); raise DataPackError."""
    if path is None:
        source = resources.files("sitroom.data").joinpath("resolve/settings.toml")
        name = "sitroom/data/resolve/settings.toml"
    else:
        source, name = Path(path), str(path)
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataPackError(f"{name}: resolution settings file not found") from None
    except tomllib.TOMLDecodeError as error:
        raise DataPackError(f"{name}: not valid TOML ({error})") from None
    return settings_from_mapping(data, name)


_DEFAULT: ResolutionSettings | None = None


def default_settings() -> ResolutionSettings:
    """Return the packaged settings, loaded once."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_resolution_settings()
    return _DEFAULT
