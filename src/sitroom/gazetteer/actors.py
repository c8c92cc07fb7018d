"""Actor dictionary: load a data pack's actors and look up their roles by date.

The dictionary lives in ``sitroom/data/actors/<pack>.json`` (format documented
in ``data/actors/schema.json``). Each actor has a canonical name, aliases
(matched case-insensitively, any script), acronyms (matched case-sensitively)
and one or more roles, each a period with a category and an affiliation, so
that an actor's role can change: the Taliban are a rebel group until
2021-08-14 and state forces from 2021-08-15.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

from sitroom.errors import DataPackError, NotFoundError
from sitroom.models import Actor

SCHEMA_ID = "sitroom.actors/1"
_ACTOR_KEYS = {"id", "name", "aliases", "acronyms", "roles"}
_ROLE_KEYS = {"category", "affiliation", "valid_from", "valid_until"}


@dataclass(frozen=True, slots=True)
class ActorName:
    """One name an actor goes by, with how to match it and the period it applies to."""

    text: str
    actor_id: str
    case_sensitive: bool
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        """Return whether the name refers to its actor on ``day``."""
        return _within(day, self.valid_from, self.valid_until)


def _within(day: dt.date, start: dt.date | None, end: dt.date | None) -> bool:
    return (start is None or day >= start) and (end is None or day <= end)


def _distance(day: dt.date, actor: Actor) -> int:
    """Days between ``day`` and the role's period (0 when inside it)."""
    if actor.valid_from is not None and day < actor.valid_from:
        return (actor.valid_from - day).days
    if actor.valid_until is not None and day > actor.valid_until:
        return (day - actor.valid_until).days
    return 0


class ActorDictionary:
    """The actors of one data pack, their names and their roles over time.

    Build it with :func:`load_actor_dictionary`; lookups never touch the disk.
    """

    def __init__(self, pack: str, version: str, roles: dict[str, tuple[Actor, ...]], names: list[ActorName]) -> None:
        self.pack = pack
        self.version = version
        self._roles = roles
        self._names = tuple(names)

    def __len__(self) -> int:
        return len(self._roles)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._roles

    def actor_ids(self) -> Iterator[str]:
        """Yield every actor id in file order."""
        return iter(self._roles)

    def names(self) -> tuple[ActorName, ...]:
        """Return every matchable name (canonical names, aliases, acronyms)."""
        return self._names

    def roles(self, actor_id: str) -> tuple[Actor, ...]:
        """Return the actor's role records in date order; NotFoundError if unknown."""
        try:
            return self._roles[actor_id]
        except KeyError:
            raise NotFoundError(f"actor {actor_id!r} is not in the {self.pack!r} actor dictionary") from None

    def role_on(self, actor_id: str, date: dt.date | None, *, nearest: bool = False) -> Actor:
        """Return the actor's record valid on ``date``.

        ``date`` None returns the latest role. With ``nearest`` a date outside
        every role returns the closest role instead of raising NotFoundError
        (a text of 2023 about "former ANA soldiers" still names the ANA).
        """
        roles = self.roles(actor_id)
        if date is None:
            return roles[-1]
        for role in roles:
            if _within(date, role.valid_from, role.valid_until):
                return role
        if nearest:
            return min(roles, key=lambda role: _distance(date, role))
        raise NotFoundError(f"actor {actor_id!r} has no role on {date.isoformat()} in the {self.pack!r} dictionary")

    def is_valid_on(self, actor_id: str, date: dt.date) -> bool:
        """Return whether one of the actor's roles covers ``date``."""
        return any(_within(date, r.valid_from, r.valid_until) for r in self.roles(actor_id))

    def is_open_ended(self, actor_id: str) -> bool:
        """Return whether the actor's roles together have no start and no end date."""
        roles = self.roles(actor_id)
        return roles[0].valid_from is None and roles[-1].valid_until is None

    def lookup(self, name: str, date: dt.date | None = None) -> list[Actor]:
        """Return the records of actors called ``name`` (exact name, any case), valid on ``date`` if given."""
        wanted = name.casefold()
        found: list[Actor] = []
        for entry in self._names:
            same = entry.text == name if entry.case_sensitive else entry.text.casefold() == wanted
            if not same or (date is not None and not entry.covers(date)):
                continue
            role = self.role_on(entry.actor_id, date, nearest=True)
            if role not in found:
                found.append(role)
        return found


@lru_cache(maxsize=8)
def load_actor_dictionary(pack: str = "af") -> ActorDictionary:
    """Load and validate the packaged actor dictionary ``data/actors/<pack>.json``.

    Raises DataPackError naming the file, the actor row and the problem.
    """
    resource = resources.files("sitroom.data").joinpath("actors", f"{pack}.json")
    if not resource.is_file():
        raise DataPackError(f"actor dictionary for pack {pack!r} not found: data/actors/{pack}.json")
    return parse_actor_dictionary(resource.read_text("utf-8"), source=f"data/actors/{pack}.json")


def load_actor_dictionary_file(path: Path) -> ActorDictionary:
    """Load and validate an actor dictionary from any file (user packs, tests)."""
    try:
        raw = Path(path).read_text("utf-8")
    except OSError as exc:
        raise DataPackError(f"{path}: cannot read actor dictionary ({exc.strerror})") from None
    return parse_actor_dictionary(raw, source=str(path))


def parse_actor_dictionary(raw: str, source: str) -> ActorDictionary:
    """Validate the JSON text of an actor dictionary and build the dictionary."""
    try:
        document = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise DataPackError(f"{source}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(document, dict) or document.get("schema") != SCHEMA_ID:
        raise DataPackError(f"{source}: expected a JSON object with \"schema\": \"{SCHEMA_ID}\"")
    categories = document.get("categories")
    actors = document.get("actors")
    if not isinstance(categories, list) or not categories or not isinstance(actors, list) or not actors:
        raise DataPackError(f"{source}: \"categories\" and \"actors\" must be non-empty lists")
    roles: dict[str, tuple[Actor, ...]] = {}
    names: list[ActorName] = []
    for row, entry in enumerate(actors):
        where = f"{source}: actor #{row} ({entry.get('id', '?') if isinstance(entry, dict) else '?'})"
        actor_id, actor_roles, actor_names = _parse_actor(entry, set(categories), where)
        if actor_id in roles:
            raise DataPackError(f"{where}: duplicate actor id {actor_id!r}")
        roles[actor_id] = actor_roles
        names.extend(actor_names)
    return ActorDictionary(str(document.get("pack", "")), str(document.get("version", "")), roles, names)


def _parse_actor(entry: Any, categories: set[str], where: str) -> tuple[str, tuple[Actor, ...], list[ActorName]]:
    if not isinstance(entry, dict):
        raise DataPackError(f"{where}: expected an object")
    missing = _ACTOR_KEYS - entry.keys()
    if missing:
        raise DataPackError(f"{where}: missing field(s) {', '.join(sorted(missing))}")
    actor_id, name = entry["id"], entry["name"]
    if not isinstance(actor_id, str) or not actor_id or not actor_id.replace("_", "").isalnum():
        raise DataPackError(f"{where}: \"id\" must be a non-empty identifier of letters, digits and _")
    if not isinstance(name, str) or not name.strip():
        raise DataPackError(f"{where}: \"name\" must be a non-empty string")
    names = [ActorName(name, actor_id, case_sensitive=False)]
    names += [_parse_alias(alias, actor_id, where) for alias in _as_list(entry["aliases"], "aliases", where)]
    for acronym in _as_list(entry["acronyms"], "acronyms", where):
        if not isinstance(acronym, str) or not acronym.strip():
            raise DataPackError(f"{where}: acronyms must be non-empty strings, got {acronym!r}")
        names.append(ActorName(acronym, actor_id, case_sensitive=True))
    aliases = tuple(dict.fromkeys(n.text for n in names[1:]))
    role_rows = _as_list(entry["roles"], "roles", where)
    if not role_rows:
        raise DataPackError(f"{where}: \"roles\" must list at least one role")
    parsed = [_parse_role(role, actor_id, name, aliases, categories, f"{where} role #{i}") for i, role in enumerate(role_rows)]
    parsed.sort(key=lambda actor: actor.valid_from or dt.date.min)
    for earlier, later in zip(parsed, parsed[1:]):
        if earlier.valid_until is None or (later.valid_from is not None and later.valid_from <= earlier.valid_until):
            raise DataPackError(f"{where}: roles overlap ({earlier.category} and {later.category}); give each an end date")
    return actor_id, tuple(parsed), names


def _as_list(value: Any, field: str, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise DataPackError(f"{where}: \"{field}\" must be a list")
    return value


def _parse_alias(alias: Any, actor_id: str, where: str) -> ActorName:
    if isinstance(alias, str) and alias.strip():
        return ActorName(alias, actor_id, case_sensitive=False)
    if isinstance(alias, dict) and isinstance(alias.get("text"), str) and alias["text"].strip():
        start = _parse_date(alias.get("valid_from"), where, "alias valid_from")
        end = _parse_date(alias.get("valid_until"), where, "alias valid_until")
        if start and end and end < start:
            raise DataPackError(f"{where}: alias {alias['text']!r} ends before it starts")
        return ActorName(alias["text"], actor_id, False, start, end)
    raise DataPackError(f"{where}: alias must be a non-empty string or {{\"text\": ...}}, got {alias!r}")


def _parse_role(role: Any, actor_id: str, name: str, aliases: tuple[str, ...], categories: set[str], where: str) -> Actor:
    if not isinstance(role, dict) or _ROLE_KEYS - role.keys():
        raise DataPackError(f"{where}: a role needs {', '.join(sorted(_ROLE_KEYS))}")
    if role["category"] not in categories:
        allowed = ", ".join(sorted(categories))
        raise DataPackError(f"{where}: unknown category {role['category']!r}; expected one of: {allowed}")
    affiliation = role["affiliation"]
    if affiliation is not None and not isinstance(affiliation, str):
        raise DataPackError(f"{where}: \"affiliation\" must be a string or null")
    start = _parse_date(role["valid_from"], where, "valid_from")
    end = _parse_date(role["valid_until"], where, "valid_until")
    if start and end and end < start:
        raise DataPackError(f"{where}: valid_until {end} is before valid_from {start}")
    return Actor(actor_id, name, role["category"], aliases, affiliation, start, end)


def _parse_date(value: Any, where: str, field: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise DataPackError(f"{where}: {field} must be a YYYY-MM-DD date or null, got {value!r}") from None
