"""The data packs as flat reference rows (models.Place, models.Actor) for the store's copy of them."""

from __future__ import annotations

from sitroom.gazetteer.actors import load_actor_dictionary
from sitroom.gazetteer.pack import load_pack
from sitroom.models import Actor, Place


def reference_places(pack: str) -> list[Place]:
    """Every place of gazetteer pack ``pack`` (country, provinces, districts, populated places)."""
    loaded = load_pack(pack)
    return [
        Place(record["id"], record["name"], record["level"], loaded.country_code, record.get("admin1"),
              record.get("admin1_code") or (record["id"] if record["level"] == "admin1" else None),
              record.get("admin2"), record.get("lat"), record.get("lon"))
        for record in loaded.places
    ]  # fmt: skip


def reference_actors(pack: str) -> list[Actor]:
    """One row per actor of the pack's dictionary: its latest role, with that role's period."""
    dictionary = load_actor_dictionary(pack)
    return [dictionary.roles(actor_id)[-1] for actor_id in dictionary.actor_ids()]
