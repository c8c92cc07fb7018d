"""Actor dictionary: load a data pack's actors and look up their roles by date.

The dictionary lives in ``sitroom/data/actors/<pack>.json`` (format documented
in ``gazetteer/pack_models.py``, published as ``data/actors/schema.json``). Each actor has a canonical name, aliases
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
from typing import Iterator

from sitroom.errors import DataPackError, NotFoundError
from sitroom.gazetteer.pack_models import ActorPack, validate_pack_file
from sitroom.models import Actor


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
        # Names by their case-folded text, in file order: a lookup reads one bucket, not every name.
        self._by_folded: dict[str, list[ActorName]] = {}
        for entry in self._names:
            self._by_folded.setdefault(entry.text.casefold(), []).append(entry)

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
        found: list[Actor] = []
        for entry in self._by_folded.get(name.casefold(), ()):
            if (entry.case_sensitive and entry.text != name) or (date is not None and not entry.covers(date)):
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
    """Validate the JSON text of an actor dictionary (pack_models.ActorPack) and build the dictionary."""
    try:
        document = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise DataPackError(f"{source}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    pack = validate_pack_file(ActorPack, document, source)
    roles: dict[str, tuple[Actor, ...]] = {}
    names: list[ActorName] = []
    for entry in pack.actors:
        actor_names = [ActorName(entry.name, entry.id, case_sensitive=False)]
        actor_names += [ActorName(a.text, entry.id, False, a.valid_from, a.valid_until) for a in entry.aliases]
        actor_names += [ActorName(acronym, entry.id, case_sensitive=True) for acronym in entry.acronyms]
        aliases = tuple(dict.fromkeys(name.text for name in actor_names[1:]))
        ordered = sorted(entry.roles, key=lambda role: role.valid_from or dt.date.min)
        roles[entry.id] = tuple(
            Actor(entry.id, entry.name, role.category, aliases, role.affiliation, role.valid_from, role.valid_until)
            for role in ordered
        )
        names.extend(actor_names)
    return ActorDictionary(pack.pack, pack.version, roles, names)
