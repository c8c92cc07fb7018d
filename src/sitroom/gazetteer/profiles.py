"""Actor profiles: leaders, bases inside the country or abroad, strength ranges, alliances over
time, each with its source; aliases in every script from the actor dictionary.

The data is ``sitroom/data/actors/profiles/<pack>.json`` (schema ``sitroom.actor-profiles/1``,
described in its "about"); an analyst edits it, or passes another file. Dates are partial ISO
text (YYYY, YYYY-MM or YYYY-MM-DD) because sources often give only a year or a month.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from sitroom.errors import DataPackError, NotFoundError

SCHEMA_ID = "sitroom.actor-profiles/1"
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class Source:
    """Where a profile statement comes from: a stored document (``document_id``) or a published one (``url``).

    Statements accepted from a stored document also carry the words as written (``quote``) and
    their character span in the document (``span``).
    """

    key: str
    title: str
    publisher: str
    date: str
    url: str | None = None
    document_id: str | None = None
    quote: str | None = None
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Dated:
    """One sourced statement over a period: a leader, a base or an alliance (``fields`` holds its values)."""

    fields: dict[str, Any]
    start: str | None
    end: str | None
    source: Source


@dataclass(frozen=True, slots=True)
class StrengthEstimate:
    """A strength estimate as a range, with its date, source and whether sitroom checked it."""

    low: int
    high: int
    as_of: str
    source: Source
    verified: bool
    note: str


@dataclass(frozen=True, slots=True)
class ActorProfile:
    """Everything known about one actor besides its activity."""

    actor_id: str
    name: str
    leaders: tuple[Dated, ...]
    bases: tuple[Dated, ...]
    strength: tuple[StrengthEstimate, ...]
    alliances: tuple[Dated, ...]
    aliases_by_script: dict[str, tuple[str, ...]]
    roles: tuple[dict[str, Any], ...]


def script_of(text: str) -> str:
    """Return the writing system of a name: 'Arabic' for Dari/Pashto letters, 'Latin' otherwise."""
    for char in text:
        if char.isalpha():
            return "Arabic" if unicodedata.name(char, "").startswith("ARABIC") else "Latin"
    return "Latin"


def _file_source(key: str, value: Any, where: str) -> Source:
    """Return one source of a profiles file: a real document, found again by its URL or stored document id."""
    if not isinstance(value, dict) or not all(str(value.get(k) or "").strip() for k in ("title", "publisher", "date")):
        raise DataPackError(f"{where}: source {key!r} needs a title, a publisher and a date")
    url, document_id = value.get("url"), value.get("document_id")
    if not (isinstance(url, str) and url.startswith(("http://", "https://"))) and not (isinstance(document_id, str) and document_id):
        raise DataPackError(f"{where}: source {key!r} names no document: give its url (http/https) or the "
                            "document_id of a stored document; a note or an issue is not a source")
    return Source(key, str(value["title"]), str(value["publisher"]), str(value["date"]), url or None, document_id or None)


def _date(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not PARTIAL_DATE.match(value):
        raise DataPackError(f"{where}: date {value!r} must be YYYY, YYYY-MM or YYYY-MM-DD, or null")
    return value


def _source(key: Any, sources: dict[str, Source], where: str) -> Source:
    if key not in sources:
        raise DataPackError(f"{where}: source {key!r} is not in the file's \"sources\"; add it there")
    return sources[key]


def _dated(rows: Any, keys: tuple[str, ...], sources: dict[str, Source], where: str) -> tuple[Dated, ...]:
    if not isinstance(rows, list):
        raise DataPackError(f"{where}: must be a list")
    found = []
    for index, row in enumerate(rows):
        here = f"{where} #{index}"
        if not isinstance(row, dict) or any(key not in row for key in keys):
            raise DataPackError(f"{here}: needs {', '.join(keys)}, from, until and source")
        found.append(Dated({key: row[key] for key in keys}, _date(row.get("from"), here), _date(row.get("until"), here),
                           _source(row.get("source"), sources, here)))  # fmt: skip
    return tuple(found)


def _strength(rows: Any, sources: dict[str, Source], where: str) -> tuple[StrengthEstimate, ...]:
    found = []
    for index, row in enumerate(rows if isinstance(rows, list) else [None]):
        here = f"{where} #{index}"
        if not isinstance(row, dict) or not all(isinstance(row.get(k), int) for k in ("low", "high")):
            raise DataPackError(f"{here}: a strength estimate needs whole numbers low and high")
        if row["low"] > row["high"] or row["low"] < 0:
            raise DataPackError(f"{here}: low {row['low']} must be between 0 and high {row['high']}")
        found.append(StrengthEstimate(row["low"], row["high"], _date(row.get("as_of"), here) or "",
                                      _source(row.get("source"), sources, here), bool(row.get("verified", False)),
                                      str(row.get("note", ""))))  # fmt: skip
    return tuple(found)


def parse_profiles(raw: str, source: str, dictionary) -> dict[str, ActorProfile]:
    """Validate a profiles file against the actor dictionary; return the profiles by actor id."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise DataPackError(f"{source}: not valid JSON (line {error.lineno}: {error.msg})") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_ID:
        raise DataPackError(f"{source}: expected a JSON object with \"schema\": \"{SCHEMA_ID}\"")
    sources = {key: _file_source(key, value, source) for key, value in dict(data.get("sources") or {}).items()}
    profiles: dict[str, ActorProfile] = {}
    for index, entry in enumerate(data.get("profiles") or []):
        where = f"{source}: profile #{index}"
        actor_id = entry.get("actor_id") if isinstance(entry, dict) else None
        if actor_id not in dictionary:
            raise DataPackError(f"{where}: actor_id {actor_id!r} is not in the actor dictionary")
        profiles[actor_id] = _profile(entry, actor_id, dictionary, sources, where)
    return profiles


def _profile(entry: dict, actor_id: str, dictionary, sources: dict[str, Source], where: str) -> ActorProfile:
    roles = dictionary.roles(actor_id)
    scripts: dict[str, list[str]] = {}
    for name in [roles[-1].name, *roles[-1].aliases]:
        scripts.setdefault(script_of(name), []).append(name)
    return ActorProfile(
        actor_id=actor_id, name=roles[-1].name,
        leaders=_dated(entry.get("leaders", []), ("name", "role"), sources, f"{where} leaders"),
        bases=_dated(entry.get("bases", []), ("place", "inside"), sources, f"{where} bases"),
        strength=_strength(entry.get("strength", []), sources, f"{where} strength") if entry.get("strength") else (),
        alliances=tuple(_named_ally(a, dictionary) for a in _dated(entry.get("alliances", []), ("with", "kind"), sources,
                                                                  f"{where} alliances")),
        aliases_by_script={script: tuple(dict.fromkeys(names)) for script, names in scripts.items()},
        roles=tuple({"category": r.category, "affiliation": r.affiliation,
                     "from": r.valid_from.isoformat() if r.valid_from else None,
                     "until": r.valid_until.isoformat() if r.valid_until else None} for r in roles),
    )  # fmt: skip


def _named_ally(alliance: Dated, dictionary) -> Dated:
    """Return the alliance with its partner's canonical name when ``with`` is an actor id."""
    ally = alliance.fields["with"]
    if ally in dictionary:
        return Dated({**alliance.fields, "with": dictionary.roles(ally)[-1].name, "actor_id": ally},
                     alliance.start, alliance.end, alliance.source)
    return alliance


@lru_cache(maxsize=4)
def load_profiles(pack: str = "af", path: str | None = None) -> dict[str, ActorProfile]:
    """Load the packaged profiles of ``pack`` (or the file at ``path``); DataPackError if invalid."""
    from sitroom.gazetteer.actors import load_actor_dictionary

    dictionary = load_actor_dictionary(pack)
    if path is not None:
        try:
            return parse_profiles(Path(path).read_text("utf-8"), path, dictionary)
        except OSError as error:
            raise DataPackError(f"{path}: cannot read actor profiles ({error.strerror})") from None
    resource = resources.files("sitroom.data").joinpath("actors", "profiles", f"{pack}.json")
    if not resource.is_file():
        return {}
    return parse_profiles(resource.read_text("utf-8"), f"data/actors/profiles/{pack}.json", dictionary)


def profile_for(name: str, pack: str = "af") -> ActorProfile | None:
    """Return the profile of the actor called ``name`` (any alias, any script), or None."""
    from sitroom.gazetteer.actors import load_actor_dictionary

    try:
        found = load_actor_dictionary(pack).lookup(name)
    except (DataPackError, NotFoundError):
        return None
    profiles = load_profiles(pack)
    return next((profiles[actor.actor_id] for actor in found if actor.actor_id in profiles), None)


def empty_profile(actor_id: str, pack: str = "af") -> ActorProfile:
    """Return the profile of an actor the profiles file does not list: no statements, its names and roles."""
    from sitroom.gazetteer.actors import load_actor_dictionary

    return _profile({}, actor_id, load_actor_dictionary(pack), {}, f"actor {actor_id}")
