"""Territory taken: who takes a place decides ACLED's sub-event type.

``place_taken`` finds an arrest trigger whose object is a place ("Taliban forces captured
Bazarak"): the sentence reports territory taken, not a person detained. ``territory_sub_type``
names the sub-event type by the taker's category: a state force "regains territory", any
other armed group "overtakes territory". Vocabulary: data/taxonomy/territory.json.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sitroom.datafiles import read_data_json
from sitroom.errors import DataPackError

# A place this close after the trigger is its object ("captured Bazarak", "seized the Dara district").
_OBJECT_GAP = 6


@dataclass(frozen=True, slots=True)
class TerritoryVocabulary:
    capture_verbs: frozenset[str]
    state: frozenset[str]
    non_state: frozenset[str]
    event_type: str
    government: str
    non_state_sub_type: str

    @property
    def sub_types(self) -> frozenset[str]:
        return frozenset({self.government, self.non_state_sub_type})


@lru_cache(maxsize=1)
def load_territory() -> TerritoryVocabulary:
    """Read data/taxonomy/territory.json; DataPackError names a missing key."""
    raw = read_data_json("taxonomy", "territory.json")
    try:
        return TerritoryVocabulary(
            capture_verbs=frozenset(raw["capture_verbs"]),
            state=frozenset(raw["state_categories"]),
            non_state=frozenset(raw["non_state_categories"]),
            event_type=raw["event_type"],
            government=raw["government_sub_event_type"],
            non_state_sub_type=raw["non_state_sub_event_type"],
        )
    except (KeyError, TypeError) as error:
        raise DataPackError(f"taxonomy/territory.json: missing or malformed {error}") from None


def place_taken(trigger_text: str, trigger_end: int, places, text: str):
    """The place a capture verb takes as its object ("captured Bazarak"), else None.

    ``places``: the document's PlaceMentions in text order; the place must follow the
    trigger at once, or after "the".
    """
    if trigger_text.lower() not in load_territory().capture_verbs:
        return None
    following = next((place for place in places if place.start >= trigger_end), None)
    if following is None or following.is_dateline or following.start - trigger_end > _OBJECT_GAP:
        return None
    return following if text[trigger_end:following.start].strip().lower() in ("", "the") else None


def territory_sub_type(current: str, taker_category: str | None) -> str:
    """The territory sub-event type for a taker of ``taker_category`` (unchanged when unknown)."""
    vocabulary = load_territory()
    if current not in vocabulary.sub_types:
        return current
    if taker_category in vocabulary.state:
        return vocabulary.government
    if taker_category in vocabulary.non_state:
        return vocabulary.non_state_sub_type
    return current
