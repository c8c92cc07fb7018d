"""Drop place names that say where people come from ("residents of Panjshir") (pure function).

"The arrest of 25 residents of Panjshir province in Kabul" happened in Kabul: a
place after an origin cue, and the places chained to it by level words only
("a native of Tawakh village, Anaba district, Panjshir province"), describe the
people, not the event. The cues are data (``data/taxonomy/place_origins.json``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitroom.datafiles import read_data_json
from sitroom.errors import DataPackError
from sitroom.extract.places import PlaceMention

_FILE = "taxonomy/place_origins.json"
_SENTENCE_END = re.compile(r"[.!?؟\n]")


@dataclass(frozen=True, slots=True)
class OriginRules:
    """The text before a place that makes it an origin, and the gap that chains a next place to it."""

    before: re.Pattern[str]  # matched against the text that ends right before a place
    chain: re.Pattern[str]  # the whole gap between two places of one origin


@lru_cache(maxsize=1)
def load_origin_rules() -> OriginRules:
    """Read data/taxonomy/place_origins.json; DataPackError naming the entry when malformed."""
    raw = read_data_json("taxonomy", "place_origins.json")
    try:
        cues = sorted({str(c) for c in raw["cues"]}, key=len, reverse=True)
        chain_words = sorted({str(w) for w in raw["chain_words"]}, key=len, reverse=True)
        between = int(raw["max_words_between"])
    except (KeyError, TypeError, ValueError) as error:
        raise DataPackError(f"{_FILE}: missing or malformed entry ({error})") from None
    if not cues or between < 0:
        raise DataPackError(f"{_FILE}: 'cues' must not be empty and 'max_words_between' must be >= 0")
    cue = "|".join(re.escape(c) for c in cues)
    word = "|".join(re.escape(w) for w in chain_words)
    # the cue as a whole word, then up to ``between`` words (no punctuation), right before the place
    before = re.compile(rf"(?<!\w)(?:{cue})(?:[ \t\u200c]+[^\s.,;:!?،؛()\"]+){{0,{between}}}[ \t\u200c]+$", re.IGNORECASE)
    chain = re.compile(rf"[ \t\u200c]*,?(?:[ \t\u200c]*(?:{word})(?!\w))*[ \t\u200c,]*", re.IGNORECASE)
    return OriginRules(before, chain)


def without_origins(text: str, places: list[PlaceMention], window: int = 80) -> list[PlaceMention]:
    """``places`` without those naming where people come from, when their sentence names another
    place (the event's); "Taliban detained 12 residents of Andarab district" stays in Andarab."""
    origins = origin_places(text, places, window)
    if not origins:
        return places
    others = [p for p in places if id(p) not in origins]
    return [p for p in places if id(p) not in origins or not any(_same_sentence(text, p, o) for o in others)]


def origin_places(text: str, places: list[PlaceMention], window: int = 80) -> set[int]:
    """The ids of the places in ``places`` that follow an origin cue or are chained to one."""
    rules = load_origin_rules()
    origins: set[int] = set()
    previous_origin: PlaceMention | None = None
    for place in places:
        chained = previous_origin is not None and rules.chain.fullmatch(text, previous_origin.end, place.start)
        if chained or rules.before.search(text, max(0, place.start - window), place.start):
            origins.add(id(place))
            previous_origin = place
        else:
            previous_origin = None
    return origins


def _same_sentence(text: str, first: PlaceMention, second: PlaceMention) -> bool:
    """Do the two places lie in one sentence (no sentence end between them)?"""
    start, end = sorted((first.start, second.start))
    return _SENTENCE_END.search(text, start, end) is None
