"""ACLED's derived codes for one event: actor types (inter1/inter2), interaction, sides of the
associated actors, source scale and the upload timestamp.

Actor types come from the actor dictionary's role of each actor *on the event's date* (the
Taliban are a rebel group (2) until 2021-08-14 and state forces (1) from 2021-08-15);
the category -> code table and the source-scale rules are data (data/export/acled.json).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sitroom.errors import DataPackError, NotFoundError
from sitroom.export.reference import AcledReference
from sitroom.models import Event

if TYPE_CHECKING:
    from sitroom.gazetteer.actors import ActorDictionary


def actor_category(name: str | None, day: dt.date | None, actors: "ActorDictionary | None") -> str | None:
    """Return the dictionary category of the actor called ``name`` on ``day``, or None if unknown."""
    if not name or actors is None:
        return None
    try:
        found = actors.lookup(name, day) or actors.lookup(name)
    except (DataPackError, NotFoundError):
        return None
    if not found:
        return None
    try:
        return actors.role_on(found[0].actor_id, day, nearest=True).category
    except NotFoundError:
        return found[0].category


def inter_code(name: str | None, day: dt.date | None, actors: "ActorDictionary | None",
               reference: AcledReference) -> int | str:
    """Return ACLED's actor type code for ``name`` on ``day`` ("" when the actor or its category is unknown)."""
    category = actor_category(name, day, actors)
    return reference.inter_by_category.get(category, "") if category else ""


def interaction_code(inter1: int | str, inter2: int | str) -> int | str:
    """Return ACLED's interaction: both codes, lower first (17, 27); one actor alone is its code times ten."""
    if inter1 == "" and inter2 == "":
        return ""
    if inter1 == "" or inter2 == "":
        return int(inter1 or inter2) * 10
    low, high = sorted((int(inter1), int(inter2)))
    return low * 10 + high


def split_associated(event: Event, actors: "ActorDictionary | None") -> tuple[list[str], list[str]]:
    """Split the event's associated actors between actor1's side and actor2's side.

    An associated actor goes with actor2 when its category on the event's date is actor2's and not
    actor1's ("Civilians (former security personnel)" beside actor2 "Civilians"); else with actor1.
    """
    coded = event.coded
    day = coded.event_date
    first = actor_category(coded.actor1, day, actors)
    second = actor_category(coded.actor2, day, actors)
    side1: list[str] = []
    side2: list[str] = []
    for name in coded.assoc_actors:
        category = actor_category(name, day, actors)
        goes_second = second is not None and category == second and category != first
        (side2 if goes_second else side1).append(name)
    return side1, side2


def source_scale(event: Event, reference: AcledReference) -> str:
    """Return the scales of the event's sources joined by '-' in ACLED's order ("National-International")."""
    scales: set[str] = set()
    for source in event.sources:
        publisher = (source.publisher or "").casefold()
        if publisher and any(name in publisher for name in reference.international_publishers):
            scales.add("International")
            continue
        scale = reference.source_scale_by_kind.get(source.source_kind.value)
        if scale:
            scales.add(scale)
    order = {name: index for index, name in enumerate(reference.scale_order)}
    return "-".join(sorted(scales, key=lambda name: (order.get(name, len(order)), name)))


def upload_timestamp(updated_at: dt.datetime | None) -> int | str:
    """Return ACLED's timestamp (Unix seconds of the record's last change), "" if unknown."""
    if updated_at is None:
        return ""
    if updated_at.tzinfo is None:
        updated_at = updated_at.replace(tzinfo=dt.timezone.utc)
    return int(updated_at.timestamp())
