"""Give a mention located only by a region or the country a province the report names (pure functions).

"A suicide bomber killed five people outside a bank in northern Afghanistan,
police said. ... in the city of Kunduz": the lead locates the incident only by
a region, and the report names the province around it. A mention whose place
is a region of the home country, or the country itself, takes the province
(or finer place) of its context: the nearest earlier place of the report,
else the first place in the sentences after it (its paragraph and the next).
For a region the province must lie in it ("northern Afghanistan": Kunduz, not
Kandahar).
"""

from __future__ import annotations

from sitroom.extract.places import PlaceMention

VAGUE_LEVELS = frozenset({"region", "country"})
PARAGRAPHS_AFTER = 1  # how many paragraphs after the mention's own may name its province


def is_vague(place: PlaceMention | None, home: str) -> bool:
    """Is ``place`` a region of the home country (country code ``home``) or that country itself?"""
    return place is not None and place.place.level in VAGUE_LEVELS and place.place.country_code.upper() == home.upper()


def fits(vague: PlaceMention, candidate: PlaceMention, region_provinces: dict[str, frozenset[str]]) -> bool:
    """Can ``candidate`` (a province or finer place) locate what ``vague`` locates?"""
    code = candidate.place.admin1_code
    if code is None or candidate.place.level in VAGUE_LEVELS or candidate.is_dateline:
        return False
    members = region_provinces.get(vague.place.place_id)
    return members is None or code in members


def finer_place(vague: PlaceMention, earlier: PlaceMention | None, later: list[PlaceMention],
                region_provinces: dict[str, frozenset[str]]) -> PlaceMention | None:
    """The first of ``earlier`` (the report's context place before the mention) and ``later`` (the
    places after it, in text order) that fits ``vague``; None when none does."""
    for candidate in ([earlier] if earlier is not None else []) + later:
        if fits(vague, candidate, region_provinces):
            return candidate
    return None
