"""What the components found in one document, in text order, with the look-ups the builders share.

It sits apart from ``mention_builder`` so that ``mention_actors`` (a base of ``MentionBuilder``) depends on
it without importing ``mention_builder`` back.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from sitroom.extract.actors import ActorMention
from sitroom.extract.casualties import CasualtyMention
from sitroom.extract.dates import WEEK, DateMention
from sitroom.extract.event_types import mask_background
from sitroom.extract.places import PlaceMention
from sitroom.extract.sentences import Sentence
from sitroom.extract.statement_dates import is_statement_date, load_statement_cues
from sitroom.models import Document

# The text before the second place of "between X and Y".
_BETWEEN_SECOND = re.compile(r"\bbetween\s+(?:the\s+)?[^,.;]{1,60}?\s+and\s+(?:the\s+)?$", re.IGNORECASE)
# At most this many characters between a place and the province that qualifies it ("X district of Y").
_QUALIFIER_GAP = 40


@dataclass(slots=True)
class DocumentAnnotations:
    """Everything the components found in one document, in text order."""

    document: Document
    published: dt.date | None
    sentences: list[Sentence]
    places: list[PlaceMention]
    dates: list[DateMention]
    casualties: list[CasualtyMention]
    actors: list[ActorMention]
    publication_month: dt.date | None = None  # first of the month when only the month is known
    _masked: dict[int, str] = field(default_factory=dict)  # sentence index -> background clauses blanked
    # sentence index -> its needles, from a scan holding the taxonomy scanner's (event typing's)
    needles: dict[int, set[str] | None] = field(default_factory=dict)
    _starts: list[int] | None = None  # sentence start offsets, for bisect
    _place_starts: list[int] | None = None
    _date_starts: list[int] | None = None
    _background_places: dict[int, bool] = field(default_factory=dict)  # place start -> in background?
    _foreground_dates: list[DateMention] | None = None
    _event_dates: list[DateMention] | None = None  # foreground dates that are no statement's date
    publisher_actor: tuple[ActorMention | None] | None = None  # (actor,) once MentionBuilder looked it up
    responsible: list[ActorMention] | None = None  # actors claiming responsibility, once looked up
    # (sub-event type, agent, target) of each event told so far, each role None where the text
    # did not give it (taken from the report's context): a later telling takes its missing roles
    told_roles: list[tuple[str | None, ActorMention | None, ActorMention | None]] = field(default_factory=list)
    # (start, end, is_aggregate) of the sentence groups that report events, in text order
    event_spans: list[tuple[int, int, bool]] = field(default_factory=list)
    _carried: dict[int, bool] = field(default_factory=dict)  # date start -> carries_forward()
    _event_places: dict[tuple, tuple] = field(default_factory=dict)  # sentences' span -> event_places_in()

    def places_in(self, start: int, end: int) -> list[PlaceMention]:
        """The non-dateline places starting in [start, end) (places are in text order: bisection)."""
        if self._place_starts is None:
            self._place_starts = [p.start for p in self.places]
        first, last = bisect.bisect_left(self._place_starts, start), bisect.bisect_left(self._place_starts, end)
        return [p for p in self.places[first:last] if not p.is_dateline]

    def event_places_in(self, sentences: list[Sentence]) -> tuple[list[PlaceMention], list[PlaceMention]]:
        """The sentences' places, as (foreground, background): never inside an actor's name
        ("Islamic Movement of Uzbekistan") or a dateline; background ones sit in clauses about
        something else ("who operates in Khost"). Asked by the builder and the casualty
        accounts for the same sentences: computed once per span."""
        key = (sentences[0].start, sentences[-1].end, len(sentences))
        known = self._event_places.get(key)
        if known is None:
            inside = [p for s in sentences for p in self.places_in(s.start, s.end) if not self.inside_actor_name(p)]
            background = [self._background_place(p) for p in inside]
            known = self._event_places[key] = (
                [p for p, b in zip(inside, background) if not b], [p for p, b in zip(inside, background) if b]
            )
        return list(known[0]), list(known[1])

    def context_place(self, before: int) -> PlaceMention | None:
        """The nearest earlier place of the same report that is not background, in the country."""
        datelines = [p.end for p in self.places if p.is_dateline and p.end <= before]
        release_start = datelines[-1] if datelines else 0
        # The last place that qualifies: looking from the end tests few places. The background
        # test comes last: it may need a sentence's mask, the others are cheap.
        for index in range(len(self.places) - 1, -1, -1):
            p = self.places[index]
            if (release_start <= p.start and p.end <= before and not p.is_dateline
                    and p.place.admin1_code is not None and not self.inside_actor_name(p)
                    and not second_of_between(self.document.text, p)
                    and not self._background_place(p)):
                return self._qualified_place(index)
        return None

    def _qualified_place(self, index: int) -> PlaceMention:
        """Place ``index``, or the finer place it qualifies ("Andarab district of Baghlan": Andarab)."""
        place = self.places[index]
        for earlier in reversed(self.places[:index]):
            if place.start - earlier.end > _QUALIFIER_GAP:
                break
            if (earlier.place.admin1_code == place.place.admin1_code and earlier.geo_precision < place.geo_precision
                    and not earlier.is_dateline
                    and not second_of_between(self.document.text, earlier)):
                return earlier
        return place

    def dates_in(self, start: int, end: int) -> list[DateMention]:
        """The non-dateline dates starting in [start, end) (dates are in text order: bisection)."""
        if self._date_starts is None:
            self._date_starts = [d.start for d in self.dates]
        first, last = bisect.bisect_left(self._date_starts, start), bisect.bisect_left(self._date_starts, end)
        return [d for d in self.dates[first:last] if not d.is_dateline]

    def foreground_dates(self) -> list[DateMention]:
        """Relative dates, and absolute dates outside background clauses (computed once)."""
        if self._foreground_dates is None:
            self._foreground_dates = [d for d in self.dates if d.relative or not self.in_background(d.start)]
        return self._foreground_dates

    def event_dates(self) -> list[DateMention]:
        """The foreground dates that date events, not statements ("the group said on Friday"): within
        one sentence an event's date beats its statement's."""
        if self._event_dates is None:
            cues, text = load_statement_cues(), self.document.text
            self._event_dates = [d for d in self.foreground_dates() if not is_statement_date(text, d, cues)]
        return self._event_dates

    def carries_forward(self, date: DateMention) -> bool:
        """May a later sentence without a date of its own take ``date``?

        A date in an event sentence does, unless the sentence is a statistic ("the 17th leader
        captured this month"). Outside the event sentences, a day or week does ("On May 3 the
        convoy left ..."), a month does not ("linked to a murder found in March").
        """
        known = self._carried.get(date.start)
        if known is None:
            index = bisect.bisect_right(self.event_spans, (date.start, float("inf"), True)) - 1
            span = self.event_spans[index] if index >= 0 and date.start < self.event_spans[index][1] else None
            if span is not None:
                known = not span[2]
            else:  # outside the event sentences only a day or week dates what follows
                known = date.precision <= WEEK
            self._carried[date.start] = known
        return known

    def has_new_place_or_date(self, sentence: Sentence, previous: list[Sentence]) -> bool:
        """Does ``sentence`` name a place or date that the previous sentences did not?"""
        earlier_places = {p.place.place_id for s in previous for p in self.places_in(s.start, s.end)}
        earlier_dates = {d.date for s in previous for d in self.dates_in(s.start, s.end)}
        places = {p.place.place_id for p in self.places_in(sentence.start, sentence.end)}
        dates = {d.date for d in self.dates_in(sentence.start, sentence.end)}
        return bool(places - earlier_places and earlier_places) or bool(dates - earlier_dates and earlier_dates)

    def inside_actor_name(self, place: PlaceMention) -> bool:
        return any(actor.start <= place.start and place.end <= actor.end for actor in self.actors)

    def _background_place(self, place: PlaceMention) -> bool:
        """Does ``place`` sit in a background clause? (Asked only when needed: it may cost a mask.)"""
        known = self._background_places.get(place.start)
        if known is None:
            known = self._background_places[place.start] = self.in_background(place.start)
        return known

    def masked(self, index: int, present: set[str] | None | bool = False) -> str:
        """Sentence ``index``'s text with background clauses blanked (same length; computed once).

        ``present``: the sentence's needles, when the caller has scanned it (see mask_background).
        """
        masked = self._masked.get(index)
        if masked is None:
            if present is False:
                present = self.needles.get(index, False)  # scanned already for event typing?
            masked = self._masked[index] = mask_background(self.sentences[index].text, None, present)
        return masked

    def paragraph_at(self, offset: int) -> int:
        """The paragraph index of the sentence holding ``offset`` (0 before the first sentence)."""
        if self._starts is None:
            self._starts = [sentence.start for sentence in self.sentences]
        index = bisect.bisect_right(self._starts, offset) - 1
        return self.sentences[index].paragraph if index >= 0 else 0

    def in_background(self, offset: int) -> bool:
        """Does ``offset`` fall in a background clause ("who planned the June 16 attack")?"""
        if self._starts is None:
            self._starts = [sentence.start for sentence in self.sentences]
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0 or offset >= self.sentences[index].end:
            return False
        sentence = self.sentences[index]
        position = offset - sentence.start
        return self.masked(index)[position].isspace() and not sentence.text[position].isspace()


def second_of_between(text: str, place: PlaceMention) -> bool:
    """Is ``place`` the Y of "between X and Y"?"""
    return _BETWEEN_SECOND.search(text, max(0, place.start - 80), place.start) is not None
