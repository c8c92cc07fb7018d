"""Fold sitroom's actor names onto an event-level codebook's actor classes.

The map is data (``data/actors/<pack>_classes.json``): each actor-dictionary id
has one class ("Taliban", "former ANDSF", "media" ...), and a name the
dictionary does not know (an unknown front found by its head noun) gets the
file's ``unknown_name_class``. The loader checks that every dictionary id has a
class and that every class is one the file declares, so a new actor cannot be
added without deciding how it is scored.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sitroom.datafiles import read_data_json
from sitroom.errors import DataPackError
from sitroom.gazetteer.actors import ActorDictionary, load_actor_dictionary

SCHEMA_ID = "sitroom.actor_classes/1"


@dataclass(frozen=True, slots=True)
class ActorClassMap:
    """Actor id -> codebook class, and the class of names the dictionary does not know."""

    classes: frozenset[str]
    by_actor: dict[str, str]
    unknown_name_class: str | None
    dictionary: ActorDictionary

    def class_of(self, name: str | None) -> str | None:
        """Return the class of an actor as a mention names it (its dictionary name or the text)."""
        if not name:
            return None
        found = self.dictionary.lookup(name)
        if not found:
            return self.unknown_name_class
        return self.by_actor.get(found[0].actor_id)


def parse_class_map(raw: dict, dictionary: ActorDictionary, source: str) -> ActorClassMap:
    """Validate a parsed class-map file against ``dictionary``; DataPackError names ``source``."""
    if raw.get("schema") != SCHEMA_ID:
        raise DataPackError(f"{source}: schema must be {SCHEMA_ID!r}, got {raw.get('schema')!r}")
    try:
        classes = frozenset(str(name) for name in raw["classes"])
        by_actor = {str(key): str(value) for key, value in raw["by_actor"].items()}
        unknown = raw.get("unknown_name_class")
    except (KeyError, TypeError, AttributeError) as error:
        raise DataPackError(f"{source}: missing or malformed 'classes' / 'by_actor' ({error})") from None
    undeclared = sorted({value for value in by_actor.values() if value not in classes})
    if unknown is not None and unknown not in classes:
        undeclared.append(str(unknown))
    if undeclared:
        raise DataPackError(f"{source}: classes not declared in 'classes': {undeclared}")
    strangers = sorted(set(by_actor) - set(dictionary.actor_ids()))
    if strangers:
        raise DataPackError(f"{source}: ids not in the actor dictionary: {strangers}")
    unmapped = sorted(set(dictionary.actor_ids()) - set(by_actor))
    if unmapped:
        raise DataPackError(f"{source}: dictionary actors without a class: {unmapped}")
    return ActorClassMap(classes, by_actor, unknown, dictionary)


@lru_cache(maxsize=4)
def load_class_map(pack: str = "af") -> ActorClassMap:
    """Load and validate ``data/actors/<pack>_classes.json`` against the pack's actor dictionary."""
    name = f"{pack}_classes.json"
    return parse_class_map(read_data_json("actors", name), load_actor_dictionary(pack), f"actors/{name}")
