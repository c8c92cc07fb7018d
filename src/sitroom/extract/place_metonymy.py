"""Drop place names that stand for a government ("Kabul said", "the ambassador to Kabul") (pure function).

Such a name is the speaker or actor of its clause, not where an event
happened: "Over the weekend, Kabul said it attacked Pakistani posts" does not
place the attack in Kabul. The verbs are data (``data/taxonomy/place_metonymy.json``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from sitroom.datafiles import read_data_json
from sitroom.errors import DataPackError
from sitroom.extract.places import PlaceMention


@lru_cache(maxsize=1)
def _metonym_after() -> re.Pattern[str]:
    """The pattern that follows a place standing for its government."""
    raw = read_data_json("taxonomy", "place_metonymy.json")
    try:
        verbs = sorted({str(v) for v in raw["verbs"]}, key=len, reverse=True)
        auxiliaries = sorted({str(a) for a in raw["auxiliaries"]}, key=len, reverse=True)
    except (KeyError, TypeError) as error:
        raise DataPackError(f"taxonomy/place_metonymy.json: missing or malformed entry ({error})") from None
    if not verbs:
        raise DataPackError("taxonomy/place_metonymy.json: 'verbs' is empty")
    aux = "|".join(re.escape(a) for a in auxiliaries)
    alternation = "|".join(re.escape(v) for v in verbs)
    return re.compile(rf"[ \t]+(?:(?:{aux})[ \t]+){{0,2}}(?:{alternation})\b")


@lru_cache(maxsize=1)
def _metonym_before() -> re.Pattern[str] | None:
    """The pattern ending right before a place that names a diplomatic post ("ambassador to Kabul")."""
    raw = read_data_json("taxonomy", "place_metonymy.json")
    before = raw.get("before", [])
    if not isinstance(before, list) or not all(isinstance(b, str) for b in before):
        raise DataPackError("taxonomy/place_metonymy.json: 'before' must be a list of phrases")
    if not before:
        return None
    alternation = "|".join(re.escape(b) for b in sorted(set(before), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternation})[ \t]+(?:the[ \t]+)?$", re.IGNORECASE)


def without_metonyms(text: str, places: list[PlaceMention]) -> list[PlaceMention]:
    """``places`` without the names that stand for a government: a speech or action verb follows
    ("Kabul said"), or a diplomatic post comes before ("the ambassador to Kabul")."""
    after, before = _metonym_after(), _metonym_before()
    return [p for p in places if not (after.match(text, p.end) and not _IN_PHRASE.search(text, max(0, p.start - 12), p.start))
            and not (before is not None and before.search(text, max(0, p.start - 40), p.start))]


# "Officials in Badakhshan say": a place inside its speaker's noun phrase is no speaker itself
_IN_PHRASE = re.compile(r"\b(?:in|of|from|at|near)[ \t]+(?:the[ \t]+)?$", re.IGNORECASE)
