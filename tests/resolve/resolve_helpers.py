"""Small hand-written mentions for the resolution tests (a module of its own, not conftest:
tests/store has a conftest too, and ``from conftest import`` would find whichever loaded first)."""

from __future__ import annotations

import datetime as dt

from sitroom.models import Claim, EventMention, SourceKind, Stance
from sitroom.resolve import ResolvableMention

PLACES = {  # district -> (province, code)
    "Andarab": ("Baghlan", "AF-BGL"),
    "Khost wa Fereng": ("Baghlan", "AF-BGL"),
    "Dara": ("Panjshir", "AF-PAN"),
    "Paryan": ("Panjshir", "AF-PAN"),
}


def make(
    mention_id: str,
    day: str,
    district: str | None = "Andarab",
    *,
    province: str | None = None,
    precision: int = 1,
    kind: SourceKind = SourceKind.NEWS,
    stance: Stance = Stance.REPORTED,
    publisher: str | None = None,
    event_type: str = "Battles",
    actors: tuple[str | None, str | None] = ("NRF", "Taliban"),
    fatalities: int | None = None,
    location: str | None = None,
    published: str | None = None,
    by: str | None = None,
) -> ResolvableMention:
    """Return one resolvable mention; ``district`` None means province-level."""
    province_name, code = PLACES.get(district or "", (province, "AF-PAN" if province == "Panjshir" else "AF-BGL"))
    mention = EventMention(
        doc_id=mention_id.split("#")[0],
        mention_id=mention_id,
        event_date=dt.date.fromisoformat(day),
        time_precision=precision,
        event_type=event_type,
        actor1=actors[0],
        actor2=actors[1],
        country="Afghanistan",
        admin1=province or province_name,
        admin1_code=code,
        admin2=district,
        location=location or district,
        geo_precision=1 if location else (2 if district else 3),
        fatalities=fatalities,
        claim=Claim(stance=stance, by=by),
        text=f"fighting in {location or district or province}",
    )
    return ResolvableMention(mention, publisher or mention_id.split("-")[0], kind,
                             dt.date.fromisoformat(published or day))
