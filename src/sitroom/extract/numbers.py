"""Parse quantity phrases ("1,200", "twenty-three", "dozens", "between 4 and 8", "بیست و سه").

Inputs are short phrases that name a count of people; outputs are
``Quantity(low, best, high)`` ranges, where ``best`` is the most conservative
reported figure (ACLED's rule). Number words come from
``data/numbers/number_words.json``; vague words ("several", "dozens") take
their minimum counts from a named convention set in
``data/numbers/conventions.json``, because each dataset codes them its own way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Mapping

from sitroom.datafiles import read_data_json
from sitroom.errors import DataPackError

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_SPACES = re.compile(r"\s+")
_TRIM = re.compile(r"^[\s\"'“”‘’(\[,;:.]+|[\s\"'“”‘’)\],;:.]+$")
_DIGIT_NUMBER = re.compile(r"^\d{1,3}(?:[,٬]\d{3})+$|^\d+$")
_RANGE = re.compile(r"^(?:between|from)\s+(?P<a>.+?)\s+(?:and|to|-)\s+(?P<b>.+)$|^(?P<c>.+?)\s*(?:\bto\b|-|–|\bor\b)\s*(?P<d>.+)$")
_AT_LEAST = re.compile(r"^(?:at least|a minimum of|no fewer than|no less than|not less than|minimum of)\s+")
_MORE_THAN = re.compile(r"^(?:more than|over|upwards of|in excess of|above|greater than)\s+")
_FEWER_THAN = re.compile(r"^(?:less than|fewer than|under|below)\s+")
_UP_TO = re.compile(r"^(?:up to|as many as|as much as)\s+")
_ABOUT = re.compile(
    r"^(?:about|around|approximately|approx\.|roughly|some|nearly|almost|close to|an estimated|estimated|"
    r"a total of|total of|a reported|reportedly|some \d+|just over|just under|at most|a further|another|"
    r"an additional|additional|the)\s+"
)
_TAIL = re.compile(r"\s+(?:of|other|others|more|additional|further)$")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count of people as a range: ``low`` <= ``best`` <= ``high``; ``best`` is conservative."""

    low: int
    best: int
    high: int

    @classmethod
    def exact(cls, value: int) -> "Quantity":
        """Return the range holding only ``value``."""
        return cls(value, value, value)


@dataclass(frozen=True, slots=True)
class QuantityConventions:
    """A dataset's minimum counts for vague words: phrase -> Quantity.

    ``<plural>`` is a bare plural ("insurgents were killed"); ``<other plural>`` a bare plural
    of more people ("and other militants"), the bare plural's count when the set has none.
    """

    name: str
    vague: Mapping[str, Quantity]

    def plural_default(self) -> Quantity:
        """Return the count given to a plural noun with no number ("insurgents were killed")."""
        return self.vague.get("<plural>", Quantity.exact(2))

    def more_than_increment(self) -> int:
        """Return what "more than N" adds to N (0: N itself, as ACLED codes it)."""
        found = self.vague.get("<more than>")
        return found.best if found is not None else 1

    def other_plural_default(self) -> Quantity:
        """Return the count given to "other"/"additional" people with no number ("and other militants")."""
        return self.vague.get("<other plural>") or self.plural_default()


@dataclass(frozen=True, slots=True)
class _NumberWords:
    additive: Mapping[str, int]  # units, tens and single-word fixed values
    scales: Mapping[str, int]
    joiners: frozenset[str]
    fixed: Mapping[str, int]  # multi-word phrases ("a dozen", "half a dozen")


def _read_json(name: str) -> dict[str, Any]:
    """Read data/numbers/<name> strictly (see sitroom.datafiles)."""
    return read_data_json("numbers", name)


def _int_map(table: Any, where: str) -> dict[str, int]:
    if not isinstance(table, dict):
        raise DataPackError(f"{where}: expected an object of word -> integer")
    for key, value in table.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise DataPackError(f"{where}: {key!r} maps to {value!r}, expected a non-negative integer")
    return {normalize_phrase(key): value for key, value in table.items()}


@lru_cache(maxsize=1)
def number_words() -> _NumberWords:
    """Load every language's number words from data/numbers/number_words.json."""
    raw = _read_json("number_words.json")
    additive: dict[str, int] = {}
    scales: dict[str, int] = {}
    joiners: set[str] = set()
    fixed: dict[str, int] = {}
    for language, table in raw.items():
        if language.startswith("_"):
            continue
        where = f"numbers/number_words.json {language}"
        if not isinstance(table, dict) or not {"units", "tens", "scales"} <= table.keys():
            raise DataPackError(f"{where}: expected units, tens and scales")
        additive.update(_int_map(table["units"], f"{where} units"))
        additive.update(_int_map(table["tens"], f"{where} tens"))
        scales.update(_int_map(table["scales"], f"{where} scales"))
        joiners.update(normalize_phrase(word) for word in table.get("joiners", []))
        for phrase, value in _int_map(table.get("fixed", {}), f"{where} fixed").items():
            (fixed if " " in phrase else additive)[phrase] = value
    return _NumberWords(MappingProxyType(additive), MappingProxyType(scales), frozenset(joiners), MappingProxyType(fixed))


def _quantity_from(value: Any, where: str) -> Quantity:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return Quantity.exact(value)
    if isinstance(value, dict) and set(value) == {"low", "best", "high"}:
        low, best, high = (value[key] for key in ("low", "best", "high"))
        if all(isinstance(v, int) for v in (low, best, high)) and 0 <= low <= best <= high:
            return Quantity(low, best, high)
    raise DataPackError(f"{where}: expected a count or {{low, best, high}} with low <= best <= high, got {value!r}")


def _convention_sets() -> dict[str, dict[str, Any]]:
    raw = _read_json("conventions.json")
    sets = raw.get("sets")
    if not isinstance(sets, dict) or not sets:
        raise DataPackError("numbers/conventions.json: expected a non-empty 'sets' object")
    return sets


def _resolve(name: str, sets: dict[str, dict[str, Any]], seen: tuple[str, ...]) -> dict[str, Quantity]:
    if name not in sets:
        known = ", ".join(sorted(sets))
        raise DataPackError(f"numbers/conventions.json: no convention set {name!r}; known sets: {known}")
    if name in seen:
        raise DataPackError(f"numbers/conventions.json: 'extends' loops through {name!r}")
    table = dict(sets[name])
    parent = table.pop("extends", None)
    vague = _resolve(parent, sets, seen + (name,)) if parent else {}
    for phrase, value in table.items():
        vague[normalize_phrase(phrase)] = _quantity_from(value, f"numbers/conventions.json {name}.{phrase}")
    return vague


@lru_cache(maxsize=16)
def load_conventions(name: str = "default") -> QuantityConventions:
    """Return the named vague-quantity convention set ("default", "acled", "isaf")."""
    vague = _resolve(name, _convention_sets(), ())
    return QuantityConventions(name=name, vague=MappingProxyType(vague))


@lru_cache(maxsize=1)
def all_vague_phrases() -> tuple[str, ...]:
    """Return every vague phrase of every convention set, longest first (for building patterns)."""
    sets = _convention_sets()
    phrases = {normalize_phrase(key) for table in sets.values() for key in table
               if key != "extends" and not key.startswith("<")}
    return tuple(sorted(phrases, key=len, reverse=True))


def normalize_phrase(phrase: str) -> str:
    """Lower-case, map Persian/Arabic-Indic digits to ASCII, collapse spaces and trim punctuation."""
    phrase = phrase.translate(_DIGITS).replace("\u200c", " ").lower()
    return _TRIM.sub("", _SPACES.sub(" ", phrase))


def _parse_words(phrase: str, words: _NumberWords) -> int | None:
    """Return the value of a cardinal like "twenty-three", "two hundred and five", "بیست و سه"."""
    if phrase in words.fixed:
        return words.fixed[phrase]
    tokens = [token for token in re.split(r"[\s\-]+", phrase) if token]
    total = current = 0
    seen_number = False
    for token in tokens:
        if token in words.joiners and seen_number:
            continue
        if _DIGIT_NUMBER.match(token):
            if seen_number:  # "2-3" is a range, not a sum
                return None
            current += int(token.replace(",", "").replace("٬", ""))
        elif token in words.additive:
            current += words.additive[token]
        elif token in words.scales:
            scale = words.scales[token]
            if scale == 100:
                current = max(current, 1) * scale
            else:
                total += max(current, 1) * scale
                current = 0
        else:
            return None
        seen_number = True
    return total + current if seen_number else None


def _parse_core(phrase: str, conventions: QuantityConventions) -> Quantity | None:
    """Parse a number with no range or comparison words around it."""
    if phrase in conventions.vague:
        return conventions.vague[phrase]
    phrase = _TAIL.sub("", phrase)
    if phrase in conventions.vague:
        return conventions.vague[phrase]
    if phrase.endswith(" of") and phrase[:-3] in conventions.vague:
        return conventions.vague[phrase[:-3]]
    if _DIGIT_NUMBER.match(phrase):
        return Quantity.exact(int(phrase.replace(",", "").replace("٬", "")))
    value = _parse_words(phrase, number_words())
    return Quantity.exact(value) if value is not None else None


def _parse_range(phrase: str, conventions: QuantityConventions) -> Quantity | None:
    match = _RANGE.match(phrase)
    if not match:
        return None
    first, second = (match.group("a"), match.group("b")) if match.group("a") else (match.group("c"), match.group("d"))
    low, high = _parse_core(first, conventions), _parse_core(second, conventions)
    if low is None or high is None:
        return None
    low_value, high_value = sorted((low.best, high.best))
    return Quantity(low_value, low_value, high_value)


_CACHE: dict[tuple[str, int], tuple[QuantityConventions, Quantity | None]] = {}


def parse_quantity(phrase: str, conventions: QuantityConventions | None = None) -> Quantity | None:
    """Return the count named by ``phrase`` as a conservative range, or None if it names none.

    ``conventions`` gives vague words their minimum counts (default set when None).
    """
    conventions = conventions or load_conventions()
    key = (phrase, id(conventions))
    cached = _CACHE.get(key)
    if cached is not None and cached[0] is conventions:
        return cached[1]
    if len(_CACHE) > 20000:  # bounded: reports repeat the same few phrases
        _CACHE.clear()
    result = _parse_quantity(phrase, conventions)
    _CACHE[key] = (conventions, result)  # holding the conventions keeps their id from being reused
    return result


def _parse_quantity(phrase: str, conventions: QuantityConventions) -> Quantity | None:
    text = normalize_phrase(phrase)
    if not text:
        return None
    core = _parse_core(text, conventions)
    if core is not None:
        return core
    for pattern, adjust in ((_AT_LEAST, 0), (_MORE_THAN, conventions.more_than_increment()), (_FEWER_THAN, -1)):
        prefix = pattern.match(text)
        if prefix:
            value = _parse_quantity(text[prefix.end() :], conventions)
            if value is None:
                return None
            best = max(value.best + adjust, 0)
            if adjust < 0:  # "fewer than 10": anything from one up to nine
                return Quantity(min(1, best), best, best)
            return Quantity(best, best, max(best, value.high + adjust))
    prefix = _UP_TO.match(text)
    if prefix:
        value = _parse_quantity(text[prefix.end() :], conventions)
        return Quantity(min(1, value.best), value.best, value.high) if value else None
    prefix = _ABOUT.match(text)
    if prefix:
        return _parse_quantity(text[prefix.end() :], conventions)
    return _parse_range(text, conventions)
