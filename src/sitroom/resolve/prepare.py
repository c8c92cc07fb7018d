"""Normalise mentions once into the comparable form blocking and scoring read.

Input: ``ResolvableMention`` records and ``ResolutionSettings``. Output:
``PreparedMention`` records with folded place keys, a date window in day
ordinals, canonical actor sets and folded text, so that comparing two mentions
never re-parses names.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sitroom.gazetteer.actors import load_actor_dictionary
from sitroom.gazetteer.normalize import name_key
from sitroom.models import Stance
from sitroom.resolve.records import ResolvableMention
from sitroom.resolve.settings import ResolutionSettings

_WORD = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+")
_QUALIFIER = re.compile(r"\s*\([^()]*\)$")  # "Civilians (women)" -> "Civilians"


@dataclass(slots=True, eq=False)
class PreparedMention:
    """A mention in comparable form; ``source`` is the original record."""

    source: ResolvableMention
    mention_id: str
    doc_id: str
    day: int | None  # date as a proleptic ordinal
    lo: int | None  # first day the event may have happened (see ``Preparer.date_span``)
    hi: int | None  # last day
    time_precision: int
    window: int  # days either side the date may be off, from its precision
    month: int | None  # year * 12 + month of the date
    whole_month: bool  # month precision: the date means "some day that month"
    country: str
    admin1: str | None
    admin2: str | None
    location: str | None
    location_words: tuple[str, ...]  # the location's folded words, for "Barchi" in "Dasht-e Barchi"
    latitude: float | None
    longitude: float | None
    geo_precision: int
    event_type: str | None
    sub_event_type: str | None
    actors: frozenset[str]
    stance: Stance
    claimant: str | None  # canonical actor of claim.by
    figures: tuple[int | None, int | None, int | None]
    text: str
    is_aggregate: bool
    order: tuple  # sort key of "earliest": publication day, then mention id

    @property
    def resolvable(self) -> bool:
        """True when the mention can be matched at all (it has a date and is one event)."""
        return self.lo is not None and not self.is_aggregate


class Preparer:
    """Turns ResolvableMention into PreparedMention, caching name folding."""

    def __init__(self, settings: ResolutionSettings) -> None:
        self.settings = settings
        self._place_keys: dict[str, str | None] = {}
        self._actor_keys: dict[tuple[str, dt.date | None], str | None] = {}
        pack = settings.actor_dictionary
        self._dictionary = load_actor_dictionary(pack) if pack else None

    def place_key(self, name: str | None) -> str | None:
        """Return a place name's folded key without generic words ("Andrab district" -> "andrab")."""
        if not name:
            return None
        key = self._place_keys.get(name)
        if key is None and name not in self._place_keys:
            words = [w.casefold() for w in _WORD.findall(name)]
            kept = [self._word_ending(w) for w in words if w not in self.settings.place_generic_words]
            # name_key drops digits, but "PD 13" and "PD 15" are different police districts.
            key = (name_key(" ".join(kept)) + "".join(_DIGITS.findall(name))) or None
            self._place_keys[name] = key
        return key

    def place_words(self, name: str | None) -> tuple[str, ...]:
        """Return a place name's folded, non-generic words ("Kabul - Dasht-e Barchi" -> kabul, dasht, barchi)."""
        words = [w.casefold() for w in _WORD.findall(name or "")]
        kept = [self._word_ending(w) for w in words if w not in self.settings.place_generic_words]
        return tuple(key for key in map(name_key, kept) if key)

    def _word_ending(self, word: str) -> str:
        """Return ``word`` with a transliterated ending spelled one way (settings ``place.word_endings``)."""
        for variant, canonical in self.settings.place_word_endings:
            if word.endswith(variant) and len(word) > len(variant) + 1:
                return word[: -len(variant)] + canonical
        return word

    def actor_key(self, name: str | None, day: dt.date | None = None) -> str | None:
        """Return an actor's canonical name on ``day``, or None for a missing or generic actor."""
        if not name:
            return None
        cache_key = (name, day)
        if cache_key not in self._actor_keys:
            canonical = self._canonical_actor(" ".join(name.split()), day, use_dictionary=True)
            generic = canonical is None or canonical.casefold() in self.settings.generic_actors
            self._actor_keys[cache_key] = None if generic else canonical
        return self._actor_keys[cache_key]

    def _canonical_actor(self, name: str, day: dt.date | None, use_dictionary: bool) -> str | None:
        """Return the name actors are compared by (None: a generic actor); see settings ``[actors]``.

        Order: the settings' aliases; the actor dictionary (a unit of an authority, such as its
        army, police or intelligence, compares as that authority; a generic category such as
        civilians says nothing about the incident); then the name without a trailing
        qualifier ("Civilians (women)", "... (synthetic demo)"), since sources qualify freely.
        """
        alias = self.settings.actor_aliases.get(name.casefold())
        if alias:
            return alias
        if use_dictionary and self._dictionary is not None:
            roles = {(r.name, r.category, r.affiliation) for r in self._dictionary.lookup(name, day)}
            if len(roles) == 1:  # an ambiguous name ("coalition forces") stays as written
                actor, category, affiliation = roles.pop()
                if category in self.settings.generic_actor_categories:
                    return None
                if category in self.settings.authority_categories and affiliation:
                    return self._canonical_actor(affiliation, day, use_dictionary=False)
                return self._canonical_actor(actor, day, use_dictionary=False)
        stripped = _QUALIFIER.sub("", name)
        if stripped and stripped != name:
            return self._canonical_actor(stripped, day, use_dictionary)
        return name

    def date_span(self, date: dt.date, precision: int, published: dt.date | None) -> tuple[int, int]:
        """Return the first and last day (ordinals) on which the event may have happened.

        The extractor codes a period by its first day. A day-precise date may be one day
        late ("last night" read as the publication day), never early; a week-precise date
        starts its week ("last week", "early May"), unless it is the publication date
        itself (the extractor's fallback for an undated report: the event lies in the
        days before); a month-precise date names its month. Nothing happens after the
        report about it was published.
        """
        day, slack = date.toordinal(), self.settings.window(1)
        if precision <= 1:
            lo, hi = day - slack, day
        elif precision == 2 and published is not None and date >= published:
            lo, hi = day - self.settings.window(2), day
        elif precision == 2:
            lo, hi = day - slack, day + self.settings.window(2)
        else:
            first = date.replace(day=1).toordinal()
            lo, hi = first - slack, first + self.settings.window(3)
        if published is not None:
            hi = min(hi, max(day, published.toordinal()))
        return lo, hi

    def prepare(self, record: ResolvableMention) -> PreparedMention:
        """Return the comparable form of one mention."""
        mention = record.mention
        day = mention.event_date.toordinal() if mention.event_date else None
        window = self.settings.window(mention.time_precision)
        names = (mention.actor1, mention.actor2, *mention.assoc_actors)
        actors = frozenset(key for key in (self.actor_key(name, mention.event_date) for name in names) if key)
        published = record.published.toordinal() if record.published else 10**7
        span = self.date_span(mention.event_date, mention.time_precision, record.published) if day else (None, None)
        return PreparedMention(
            source=record,
            mention_id=mention.mention_id,
            doc_id=mention.doc_id,
            day=day,
            lo=span[0],
            hi=span[1],
            time_precision=mention.time_precision,
            window=window,
            month=None if day is None else mention.event_date.year * 12 + mention.event_date.month,
            whole_month=mention.time_precision >= 3 and day is not None,
            country=(mention.country or "").casefold(),
            admin1=mention.admin1_code or self.place_key(mention.admin1),  # the code is spelling-proof
            admin2=self.place_key(mention.admin2),
            location=self.place_key(mention.location) if mention.geo_precision == 1 else None,
            location_words=self.place_words(mention.location) if mention.geo_precision == 1 else (),
            latitude=mention.latitude,
            longitude=mention.longitude,
            geo_precision=mention.geo_precision,
            event_type=mention.event_type,
            sub_event_type=mention.sub_event_type,
            actors=actors,
            stance=Stance(mention.claim.stance),
            claimant=self.actor_key(mention.claim.by, mention.event_date),
            figures=(mention.fatalities, mention.injured, mention.detained),
            text=" ".join(_WORD.findall(mention.text.casefold())),
            is_aggregate=mention.is_aggregate,
            order=(published, mention.mention_id),
        )

    def prepare_all(self, records: list[ResolvableMention]) -> list[PreparedMention]:
        """Return the prepared form of every record, in input order."""
        return [self.prepare(record) for record in records]
