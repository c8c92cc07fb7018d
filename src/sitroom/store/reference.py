"""The reference tables (places, actors): filled from the data packs so the database explains itself.

They are copies of the gazetteer pack and the actor dictionary (for Datasette, SQL users and
exports); the pipeline reads the packs themselves. A copy is replaced whole when it differs in
size from the pack, inside the caller's transaction.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Iterable

from sitroom.models import Actor, Place

_PLACE_COLUMNS = ("place_id", "name", "level", "country_code", "admin1", "admin1_code", "admin2", "latitude", "longitude")
_ACTOR_COLUMNS = ("actor_id", "name", "category", "aliases", "affiliation", "valid_from", "valid_until")


def reference_counts(connection: sqlite3.Connection) -> tuple[int, int]:
    """Return the number of rows in (places, actors)."""
    places = connection.execute("SELECT COUNT(*) FROM places").fetchone()[0]
    actors = connection.execute("SELECT COUNT(*) FROM actors").fetchone()[0]
    return places, actors


def replace_places(connection: sqlite3.Connection, places: Iterable[Place]) -> int:
    """Replace every row of ``places``; return the number written."""
    rows = [tuple(getattr(place, column) for column in _PLACE_COLUMNS) for place in places]
    connection.execute("DELETE FROM places")
    connection.executemany(
        f"INSERT INTO places ({', '.join(_PLACE_COLUMNS)}) VALUES ({', '.join('?' * len(_PLACE_COLUMNS))})", rows
    )
    return len(rows)


def replace_actors(connection: sqlite3.Connection, actors: Iterable[Actor]) -> int:
    """Replace every row of ``actors`` (one row per actor: the role given for it); return the count."""
    rows = [
        (actor.actor_id, actor.name, actor.category, json.dumps(list(actor.aliases), ensure_ascii=False),
         actor.affiliation, _iso(actor.valid_from), _iso(actor.valid_until))
        for actor in actors
    ]  # fmt: skip
    connection.execute("DELETE FROM actors")
    connection.executemany(
        f"INSERT INTO actors ({', '.join(_ACTOR_COLUMNS)}) VALUES ({', '.join('?' * len(_ACTOR_COLUMNS))})", rows
    )
    return len(rows)


def _iso(day) -> str | None:
    return day.isoformat() if day else None
