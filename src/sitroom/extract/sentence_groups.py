"""Sentence groups: consecutive sentences that report one incident, and when a sentence joins one.

The ``Extractor`` forms the groups; the extraction components (stages.py) carry them in a layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sitroom.datafiles import read_data_json
from sitroom.errors import DataPackError
from sitroom.extract.document_annotations import DocumentAnnotations
from sitroom.extract.event_types import EventTyping
from sitroom.extract.sentences import FOLLOW_UP, SEPARATE_INCIDENT, Sentence


@lru_cache(maxsize=1)
def _grouping() -> tuple[frozenset[str], frozenset[str]]:
    """(violent event types, detail sub-event types) from data/taxonomy/grouping.json."""
    raw = read_data_json("taxonomy", "grouping.json")
    try:
        return frozenset(raw["violent_event_types"]), frozenset(raw["detail_sub_event_types"])
    except (KeyError, TypeError) as error:
        raise DataPackError(f"taxonomy/grouping.json: missing or malformed {error}") from None


@dataclass(slots=True)
class SentenceGroup:
    """Consecutive sentences that report one incident, with its event typing."""

    sentences: list[Sentence]
    typing: EventTyping
    denial: bool = False  # a denial stands alone: it answers a claim, it is not more of it

    def separate_incident(self, text: str) -> bool:
        """Does the group say it reports another incident ("In a separate operation, ...")?"""
        return bool(SEPARATE_INCIDENT.search(text, self.sentences[0].start, self.sentences[-1].end))

    def continues_denial(self, sentence: Sentence, annotations: DocumentAnnotations) -> bool:
        """Does a denial sentence go on denying what this denial group denies (next to it, no new
        place or date)? An official statement often denies one event in several sentences."""
        return (sentence.paragraph - self.sentences[-1].paragraph <= 1
                and not annotations.has_new_place_or_date(sentence, self.sentences))

    def continues_with(self, sentence: Sentence, typing: EventTyping, annotations: DocumentAnnotations) -> bool:
        """Is ``sentence`` more of the same incident (no new place or date, and: the same type, a
        violent one whose subject refers back to the people reported, or a detail such as weapons
        seized, which may sit in the next paragraph)?"""
        last = self.sentences[-1]
        if self.denial or typing.is_aggregate != self.typing.is_aggregate:
            return False
        violent, details = _grouping()
        # "Weapons and ammunition were seized.": a detail of the incident just reported
        detail = typing.sub_event_type in details and self.typing.sub_event_type not in details
        if sentence.paragraph - last.paragraph > (1 if detail else 0):
            return False
        same_type = (typing.event_type, typing.sub_event_type) == (self.typing.event_type, self.typing.sub_event_type)
        if not (same_type or detail or typing.event_type in violent and self.typing.event_type in violent
                and FOLLOW_UP.match(sentence.text)):
            return False
        return not annotations.has_new_place_or_date(sentence, self.sentences)
