"""Build one EventMention from the sentences that report it and the document's annotations.

Rules (each value keeps the evidence span it came from):
- place: the most specific non-dateline place inside the mention's sentences,
  else the nearest one before it in the document, else the first one after it
  in the same paragraph; never a dateline (the publisher's location);
- date: the extraction of dates decides (a date in the sentence, else the
  nearest before it, else the publication date at honest precision);
- figures: the casualty counts inside the sentences, each person counted once;
- actors: the first named actor before the trigger is actor1 ("by X" makes X
  actor1), the first after it actor2, the rest associated; without a named
  target, the armed group the document names most is the target (context).
"""

from __future__ import annotations

import bisect

from sitroom.extract.claims import ClaimSignal
from sitroom.extract.mention_actors import ActorRoles
from sitroom.extract.document_annotations import DocumentAnnotations, second_of_between
from sitroom.extract.date_continuation import continuing_date, load_continuation_rules
from sitroom.extract.dates import DateMention, event_date_for_span
from sitroom.extract.dates_data import load_vocabulary
from sitroom.extract.event_types import EventTyping
from sitroom.extract.places import PlaceMention
from sitroom.extract.sentences import Sentence
from sitroom.extract.territory import load_territory, place_taken, territory_sub_type
from sitroom.extract.vague_places import PARAGRAPHS_AFTER, finer_place, is_vague
from sitroom.models import Claim, EventMention, Evidence, Stance

FIGURE_FIELDS = {"killed": "fatalities", "injured": "injured", "detained": "detained", "released": "released"}
STAGE = "extract"


class MentionBuilder(ActorRoles):
    """Assembles EventMention records; one instance per extractor."""

    def __init__(self, actors, version: str, country_names: dict[str, str] | None = None,
                 region_provinces: dict[str, frozenset[str]] | None = None,
                 component_versions: dict[str, str] | None = None) -> None:
        self.actor_finder = actors
        self.version = version
        # evidence component ("places", "event_types", ...) -> the version of the component that found it
        self.component_versions = component_versions or {}
        self.country_names = country_names or {}  # country code -> name (the pack's and those abroad)
        self.region_provinces = region_provinces or {}  # region place id -> its provinces' codes
        self.home_country = next(iter(self.country_names), "")  # the pack's country comes first
        self._publisher_actors: dict[tuple, list] = {}  # (publisher, date) -> the actors its name holds

    def _evidence(self, doc_id: str, start: int, end: int, component: str) -> Evidence:
        return Evidence(doc_id, start, end, f"{STAGE}.{component}", self.component_versions.get(component, self.version))

    def build(
        self, annotations: DocumentAnnotations, sentences: list[Sentence], typing: EventTyping,
        previous: EventMention | None = None, answers: bool = False,
    ) -> EventMention:
        """Return the mention reported by ``sentences`` (consecutive, same incident).

        ``previous`` is the document's preceding mention, whose place a mention without
        a place of its own inherits (later sentences go on about the same operation);
        ``answers``: the mention answers ``previous`` (a denial of it) and takes its finer place.
        """
        document = annotations.document
        start, end = sentences[0].start, sentences[-1].end
        taken = self._place_taken(typing, annotations)
        if taken is not None:  # "Taliban forces captured Bazarak": territory, not a detainee
            territory = load_territory()
            typing = EventTyping(territory.event_type, territory.non_state_sub_type,
                                 tuple(t for t in typing.tags if t != "detention"),
                                 typing.trigger_start, typing.trigger_end, typing.is_aggregate)
        mention = EventMention(
            doc_id=document.doc_id,
            event_type=typing.event_type,
            sub_event_type=typing.sub_event_type,
            tags=list(typing.tags),
            is_aggregate=typing.is_aggregate,
            text=document.text[start:end],
            extractor=f"{STAGE}.{self.version}",
        )
        trigger = self._evidence(document.doc_id, typing.trigger_start, typing.trigger_end, "event_types")
        mention.evidence["event_type"] = trigger
        mention.evidence["sub_event_type"] = trigger
        self._set_place(mention, annotations, sentences, previous, answers)
        self._set_date(mention, annotations, start, end)
        self._set_figures(mention, annotations, start, end, taken)
        agent = self._set_actors(mention, annotations, start, end, typing)
        mention.sub_event_type = territory_sub_type(mention.sub_event_type, agent.category if agent else None)
        if mention.sub_event_type in load_territory().sub_types and mention.detained is None:
            mention.tags = [t for t in mention.tags if t != "detention"]  # "captured the district"
        return mention

    @staticmethod
    def _place_taken(typing: EventTyping, annotations: DocumentAnnotations) -> PlaceMention | None:
        if typing.sub_event_type != "Arrests":
            return None
        text = annotations.document.text
        return place_taken(text[typing.trigger_start:typing.trigger_end], typing.trigger_end, annotations.places, text)

    def _set_place(self, mention: EventMention, annotations: DocumentAnnotations, sentences: list[Sentence],
                   previous: EventMention | None, answers: bool = False) -> None:
        """Locate the mention (see the module docstring); ``answers``: it answers ``previous`` (a denial)."""
        foreground, background = annotations.event_places_in(sentences)
        abroad = any(p.place.country_code.upper() != self.home_country.upper() for p in foreground + background)
        foreground = _first_of_between_pairs(foreground, annotations.document.text)
        chosen = (
            _most_specific(foreground)
            or annotations.context_place(sentences[0].start)
            or _most_specific(background)
        )
        if _lists_several_provinces(foreground):
            # "in Helmand, Kandahar and Nangarhar provinces": a summary of several incidents,
            # located honestly at country level rather than in one of the provinces.
            mention.country, mention.geo_precision = self._country_name(foreground[0].place), 3
            span = self._evidence(mention.doc_id, foreground[0].start, foreground[-1].end, "places")
            mention.evidence["country"] = span
            return
        chosen = self._finer(chosen, annotations, sentences, abroad)
        if chosen is None and previous is not None and previous.evidence.get("location"):
            self._copy_place(mention, previous)
            return
        if answers and _inside(previous, chosen):
            # "The Taliban authorities in Baghlan denied ...": the denial is about the event just
            # reported, in Khost wa Fereng, not about the province its speaker sits in.
            self._copy_place(mention, previous)
            return
        if chosen is None:
            chosen = self._finer(self._context_place(annotations, sentences[0].start, sentences[0].paragraph),
                                 annotations, sentences, abroad)
        if chosen is None:
            return
        place = chosen.place
        mention.country = self._country_name(place)
        mention.admin1, mention.admin1_code, mention.admin2 = place.admin1, place.admin1_code, place.admin2
        mention.location = place.name
        mention.latitude, mention.longitude = place.latitude, place.longitude
        mention.geo_precision = chosen.geo_precision
        evidence = self._evidence(mention.doc_id, chosen.start, chosen.end, "places")
        for name in ("location", "admin1", "admin1_code", "admin2", "latitude", "longitude", "country"):
            mention.evidence[name] = evidence

    def _finer(self, chosen: PlaceMention | None, annotations: DocumentAnnotations, sentences: list[Sentence],
               abroad: bool) -> PlaceMention | None:
        """``chosen``, or for a region or the home country ("in northern Afghanistan") the province
        around it that the report names (vague_places); a mention naming a country abroad is
        cross-border ("clashes between Afghanistan and Pakistan") and keeps the country. The
        mention's own background places ("officials in Badakhshan say") come before later ones."""
        if abroad or not is_vague(chosen, self.home_country):
            return chosen
        later = annotations.event_places_in(sentences)[1] + _places_after(annotations, sentences)
        return finer_place(chosen, annotations.context_place(sentences[0].start), later,
                           self.region_provinces) or chosen

    def _country_name(self, place) -> str | None:
        """The name of the country ``place`` lies in (a country abroad names itself)."""
        return place.name if place.level == "country" else self.country_names.get(place.country_code.upper())

    @staticmethod
    def _copy_place(mention: EventMention, previous: EventMention) -> None:
        """Take the place of the previous mention of the same report (the incident's context)."""
        for name in ("country", "admin1", "admin1_code", "admin2", "location", "latitude", "longitude", "geo_precision"):
            setattr(mention, name, getattr(previous, name))
        for name in ("location", "admin1", "admin1_code", "admin2", "latitude", "longitude", "country"):
            if name in previous.evidence:
                mention.evidence[name] = previous.evidence[name]

    @staticmethod
    def _context_place(annotations: DocumentAnnotations, start: int, paragraph: int) -> PlaceMention | None:
        before = [p for p in annotations.places if p.end <= start and not p.is_dateline and not annotations.inside_actor_name(p)]
        if before:
            return before[-1]
        paragraph_end = max((s.end for s in annotations.sentences if s.paragraph == paragraph), default=start)
        after = [
            p for p in annotations.places
            if start <= p.start < paragraph_end and not p.is_dateline and not annotations.inside_actor_name(p)
        ]
        return after[0] if after else None

    def _set_date(self, mention: EventMention, annotations: DocumentAnnotations, start: int, end: int) -> None:
        """Date the mention from relative dates and absolute dates outside background clauses; a
        background date inside the mention's own sentences is used only when nothing better than
        the publication date is found."""
        text = annotations.document.text
        # "yesterday" or "on Monday" date the report's incident even inside a long clause;
        # an absolute date in a background clause ("the June 16 attack he planned") does not.
        foreground = annotations.foreground_dates()
        events = annotations.event_dates()
        if any(start <= d.start < end for d in events):  # "said on Friday that ... on Thursday": Thursday
            foreground = events
        used, date, precision = event_date_for_span(start, end, foreground, annotations.published, text=text,
                                                    carries=annotations.carries_forward)
        if used is None or used.is_dateline:
            inside = [d for d in annotations.dates if start <= d.start < end and not d.is_dateline]
            if inside:
                used, date, precision = event_date_for_span(start, end, annotations.dates, annotations.published,
                                                            text=text, carries=annotations.carries_forward)
        if not any(start <= d.start < end for d in foreground if not d.is_dateline):
            later = self._continuing_date(annotations, end, foreground)
            if later is not None and (used is None or used.is_dateline or not _same_paragraph_at(annotations, used, start)):
                used, date, precision = later, later.date, later.precision  # "The attack took place on Friday"
        if date is None and annotations.publication_month is not None:
            date, precision = annotations.publication_month, 3
        mention.event_date, mention.time_precision = date, precision
        if used is not None:
            mention.evidence["event_date"] = self._evidence(mention.doc_id, used.start, used.end, "dates")

    @staticmethod
    def _continuing_date(annotations: DocumentAnnotations, end: int, dates: list[DateMention]) -> DateMention | None:
        """The date a sentence right after the mention gives the incident it refers back to."""
        if annotations._starts is None:
            annotations._starts = [sentence.start for sentence in annotations.sentences]
        index = bisect.bisect_left(annotations._starts, end)  # the first sentence after the mention
        if index == 0 or index >= len(annotations.sentences):
            return None
        rules = load_continuation_rules()
        following = annotations.sentences[index:index + rules.max_sentences]
        stop = min((span[0] for span in annotations.event_spans if span[0] >= end), default=len(annotations.document.text))
        return continuing_date(annotations.sentences[index - 1], following, dates, stop, rules)

    def _set_figures(self, mention: EventMention, annotations: DocumentAnnotations, start: int, end: int,
                     taken: PlaceMention | None = None) -> None:
        """Sum the casualty counts inside [start, end); a place taken ("captured Bazarak") is no person."""
        inside = [c for c in annotations.casualties if start <= c.start < end and c.is_aggregate == mention.is_aggregate
                  and not (taken is not None and taken.start <= c.number_start < taken.end)]
        # "released 12 men detained in May": the 12 are released now, not detained again.
        freed = {c.number_start for c in inside if c.kind == "released"}
        for casualty in inside:
            field_name = FIGURE_FIELDS.get(casualty.kind)
            if field_name is None or casualty.kind == "detained" and casualty.number_start in freed:
                continue
            current = getattr(mention, field_name) or 0
            setattr(mention, field_name, current + casualty.quantity.best)
            mention.evidence.setdefault(
                field_name, self._evidence(mention.doc_id, casualty.number_start, casualty.number_end, "casualties")
            )

    def set_claim(self, mention: EventMention, signal: ClaimSignal, annotations: DocumentAnnotations) -> None:
        """Record the source's stance on the mention, with its evidence span when the text gives one."""
        by = signal.by.rstrip(" .,;:") if signal.by else signal.by  # "told the Hindu Kush Ledger."
        stance = signal.stance
        if by and _names_no_party(by, annotations):  # "Sources in Nimroz claim", "Tuesday said"
            by, stance = annotations.document.publisher, Stance.REPORTED if stance is Stance.CLAIMED else stance
        if by and by == annotations.document.publisher:
            by = self._canonical_publisher(annotations) or by
        by, stance = self.party_claim(annotations, by, stance)  # sources never claim (mention_actors)
        mention.claim = Claim(stance=stance, by=by)
        if signal.end > signal.start:
            mention.evidence["claim"] = self._evidence(mention.doc_id, signal.start, signal.end, "claims")


def _names_no_party(name: str, annotations: DocumentAnnotations) -> bool:
    """Is a claimant's name a place of the report or a weekday (a speaker the claim cue misread)?"""
    folded = name.casefold().removeprefix("the ").strip()
    if folded in load_vocabulary().weekdays:
        return True
    text = annotations.document.text
    return any(text[p.start:p.end].casefold() == folded for p in annotations.places)


def _same_paragraph_at(annotations: DocumentAnnotations, used: DateMention, start: int) -> bool:
    """Is the date ``used`` in the paragraph of the sentence starting at ``start``?"""
    return annotations.paragraph_at(used.start) == annotations.paragraph_at(start)


def _inside(previous: EventMention | None, chosen: PlaceMention | None) -> bool:
    """Is ``chosen`` the province (or country) holding ``previous``'s finer place?"""
    if previous is None or chosen is None or previous.geo_precision >= chosen.geo_precision:
        return False
    code = chosen.place.admin1_code
    return code is None and chosen.place.level == "country" or code == previous.admin1_code


def _lists_several_provinces(places: list[PlaceMention]) -> bool:
    """Do the places name two or more provinces and nothing finer (a multi-province summary)?"""
    codes = {p.place.admin1_code for p in places}
    return len(codes) > 1 and all(p.place.level == "admin1" for p in places)


def _first_of_between_pairs(places: list[PlaceMention], text: str) -> list[PlaceMention]:
    """Drop the second place of "between X and Y" ("an ambush on the road between Zurmat district
    and Gardez city"): the event lies between them, and the first named is where it is coded
    (the most specific place would otherwise be the city at one end of the road)."""
    return [p for p in places if not second_of_between(text, p)]


def _most_specific(places: list[PlaceMention]) -> PlaceMention | None:
    """The finest place, a province before a region and a region before its country at the same
    precision ("in Afghanistan's northeastern Badakhshan province", "in eastern Afghanistan, ...
    in Kandahar"), then the first named."""
    if not places:
        return None
    return min(places, key=lambda p: (p.geo_precision, _VAGUENESS.get(p.place.level, 0), p.start))


_VAGUENESS = {"region": 1, "country": 2}


def _places_after(annotations: DocumentAnnotations, sentences: list[Sentence]) -> list[PlaceMention]:
    """The event places of the sentences after ``sentences``, in their paragraph and the next."""
    last = sentences[-1]
    after = [s for s in annotations.sentences
             if s.start >= last.end and s.paragraph <= last.paragraph + PARAGRAPHS_AFTER]
    return [p for s in after for p in annotations.event_places_in([s])[0]]


