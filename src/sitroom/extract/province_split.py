"""Split a mention that names several provinces into one mention per province (pure functions).

"Dozens died in airstrikes in the provinces of Khost and Kunar" tells one strike
in each province, and a coder records two events. The builder locates such a
mention at country level (it cannot choose a province); here it becomes one
copy per province named, each with that province and its evidence. More
provinces than the data file allows make a summary, which stays whole. A figure
given for the provinces together cannot be divided: no copy keeps it.
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache

from sitroom.datafiles import read_data_json
from sitroom.errors import DataPackError
from sitroom.extract.places import PlaceMention
from sitroom.models import Evidence, EventMention

FIGURES = ("fatalities", "injured", "detained", "released")
PLACE_FIELDS = ("location", "admin1", "admin1_code", "admin2", "latitude", "longitude", "country")


@lru_cache(maxsize=1)
def max_provinces() -> int:
    """The most provinces one split may make (data/taxonomy/province_split.json)."""
    raw = read_data_json("taxonomy", "province_split.json")
    try:
        value = int(raw["max_provinces"])
    except (KeyError, TypeError, ValueError) as error:
        raise DataPackError(f"taxonomy/province_split.json: missing or malformed max_provinces ({error})") from None
    if value < 2:
        raise DataPackError("taxonomy/province_split.json: max_provinces must be at least 2")
    return value


# Between two provinces of one list: a comma or "and"/"or" (Dari "و"), and at most one word such
# as "the southeastern" ("the eastern Kunar and the southeastern Khost provinces").
_LIST_GAP = re.compile(r"\s*(?:provinces?\s*)?(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*|و\s+|او\s+)"
                       r"(?:the\s+)?(?:[\w-]+\s+)?", re.IGNORECASE)


def provinces_named(text: str, places: list[PlaceMention]) -> list[PlaceMention]:
    """The provinces of a list ("the provinces of Khost and Kunar"), when ``places`` are all
    provinces, two or more and at most ``max_provinces()``, named one after another as a list;
    else [] (a finer place locates the event, the provinces are named apart, or it is a summary)."""
    if len(places) < 2 or any(p.place.level != "admin1" or p.place.admin1_code is None for p in places):
        return []
    if not all(_LIST_GAP.fullmatch(text, a.end, b.start) for a, b in zip(places, places[1:])):
        return []
    first: dict[str, PlaceMention] = {}
    for place in places:
        first.setdefault(place.place.admin1_code, place)
    return list(first.values()) if 2 <= len(first) <= max_provinces() else []


def split_by_province(mention: EventMention, provinces: list[PlaceMention], stage: str,
                      version: str) -> list[EventMention]:
    """One copy of ``mention`` per province in ``provinces`` (see the module docstring); ``stage``
    and ``version`` name the producer in each copy's place evidence; [mention] when there is
    nothing to split."""
    if mention.is_aggregate or len(provinces) < 2:
        return [mention]
    copies = []
    for province in provinces:
        piece = copy.deepcopy(mention)
        place = province.place
        piece.admin1, piece.admin1_code, piece.admin2 = place.admin1, place.admin1_code, None
        piece.location, piece.latitude, piece.longitude = place.name, place.latitude, place.longitude
        piece.geo_precision = province.geo_precision  # the country (the provinces' own) is kept
        evidence = Evidence(mention.doc_id, province.start, province.end, stage, version)
        for name in PLACE_FIELDS:
            piece.evidence[name] = evidence
        for name in FIGURES:
            setattr(piece, name, None)
            piece.evidence.pop(name, None)
        copies.append(piece)
    return copies


def split_listed_provinces(mentions: list[EventMention], separate: list[bool], listed: list[list[PlaceMention]],
                           stage: str, version: str) -> tuple[list[EventMention], list[bool]]:
    """A report's mentions with each one whose sentence lists provinces (``listed[i]``, from
    ``provinces_named``) split per province, and ``separate`` (mention i says it is another
    incident) kept aligned. No split when the report tells an incident of one of those provinces
    on its own: in a later mention (the list is the lead of what the report goes on to tell one
    by one) or in an earlier one at district precision or finer (the list sums up what it told)."""
    kept: list[EventMention] = []
    apart: list[bool] = []
    for index, (mention, alone, provinces) in enumerate(zip(mentions, separate, listed)):
        told = {m.admin1_code for number, m in enumerate(mentions) if not m.is_aggregate
                and (number > index or number < index and m.geo_precision < 3)}
        split = provinces and not told & {p.place.admin1_code for p in provinces}
        pieces = split_by_province(mention, provinces, stage, version) if split else [mention]
        kept += pieces
        apart += [alone] * len(pieces)
    return kept, apart
