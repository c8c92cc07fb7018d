"""Analyze step: find actor-profile statements in stored documents and keep them as suggestions.

Leaders ("led by X", "X, the leader of Y", "commander X of Y"), where a group is based (inside
the country or abroad, through the gazetteer), strength estimates as ranges ("between 4,000 and
8,000 fighters", with the document and its date) and alliances or membership ("a member of",
"joined"). The patterns are data (``data/analyze/profile_patterns.toml``); every value keeps
its character span in the document. ``find_profile_facts`` only matches (pure, testable alone);
``extract_profile_facts`` runs it over a store and saves the suggestions, which an analyst then
accepts into the actor's profile or rejects.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from sitroom.analyze.profile_patterns import ProfilePattern, ProfilePatterns, load_profile_patterns
from sitroom.errors import NotFoundError
from sitroom.models import Document
from sitroom.store.profile_records import ProfileFact

STAGE = "analyze.profile_facts"
DOCUMENT_PAGE = 200
PLACE_LEVELS_INSIDE = ("admin1", "admin2", "populated", "village", "city", "region", "country")


@dataclass(frozen=True, slots=True)
class ProfileFactsRun:
    """What one run over a store did: documents read, facts found, suggestions that are new."""

    documents: int
    facts: int
    new: int
    extractor: str


class FactFinder:
    """Matches the patterns in one text and turns each match into a ProfileFact (or drops it)."""

    def __init__(self, patterns: ProfilePatterns, dictionary: Any, gazetteer: Any) -> None:
        self.patterns = patterns
        self.dictionary = dictionary
        self.gazetteer = gazetteer
        self._values: dict[str, Callable[[re.Match[str], ProfilePattern, str | None], dict[str, Any] | None]] = {
            "leader": self._leader, "base": self._base, "strength": self._strength, "alliance": self._alliance}

    def find(self, document: Document) -> list[ProfileFact]:
        """Return the document's profile facts in text order, one per (actor, kind, span)."""
        stated_on = document.published.isoformat() if document.published else None
        found: dict[tuple[str, str, int, int], ProfileFact] = {}
        for pattern in self.patterns.patterns:
            for match in pattern.regex.finditer(document.text):
                fact = self._fact(document, pattern, match, stated_on)
                if fact is not None:
                    found.setdefault((fact.actor_id, fact.kind, fact.start, fact.end), fact)
        return _without_repeats(sorted(found.values(), key=lambda f: (f.start, f.end, f.pattern_id)))

    def _fact(self, document: Document, pattern: ProfilePattern, match: re.Match[str], stated_on: str | None) -> ProfileFact | None:
        actor_id = self._actor_id(match.group("actor"), document.published)
        if actor_id is None:
            return None
        value = self._values[pattern.kind](match, pattern, actor_id)
        if value is None:
            return None
        evidence = {name: match.span(name) for name in match.re.groupindex if match.group(name) is not None}
        return ProfileFact(actor_id, pattern.kind, value, document.doc_id, match.start(), match.end(), match.group(0),
                           evidence, pattern.pattern_id, self.patterns.version, stated_on)  # fmt: skip

    def _actor_id(self, name: str, day: dt.date | None) -> str | None:
        found = self.dictionary.lookup(name, day) or self.dictionary.lookup(name)
        return found[0].actor_id if found else None

    def _leader(self, match: re.Match[str], pattern: ProfilePattern, actor_id: str) -> dict[str, Any] | None:
        person = match.group("person")
        if self.dictionary.lookup(person) or self._place(person)[0] is not None:
            return None  # a group or a place, not a person
        role = pattern.fixed.get("role") or match.group("role")
        return {"name": person, "role": " ".join(role.lower().split())}

    def _base(self, match: re.Match[str], pattern: ProfilePattern, actor_id: str) -> dict[str, Any] | None:
        place, words = self._place(match.group("place"))
        if place is None:
            return {"place": match.group("place"), "inside": None, "place_id": None}
        return {"place": words, "inside": place.country_code == self.gazetteer.country_code, "place_id": place.place_id,
                "place_name": place.name}  # fmt: skip

    def _strength(self, match: re.Match[str], pattern: ProfilePattern, actor_id: str) -> dict[str, Any] | None:
        low, high = (int(match.group(name).replace(",", "")) for name in ("low", "high"))
        if low > high or high == 0:
            return None
        unit = match.group("unit") if "unit" in match.re.groupindex and match.group("unit") else "fighters"
        return {"low": low, "high": high, "unit": unit}

    def _alliance(self, match: re.Match[str], pattern: ProfilePattern, actor_id: str) -> dict[str, Any] | None:
        other = self._actor_id(match.group("other"), None)
        if other is None or other == actor_id:
            return None
        year = match.group("year") if "year" in match.re.groupindex else None
        return {"with_actor_id": other, "with": self.dictionary.roles(other)[-1].name,
                "kind": pattern.fixed.get("alliance", "member"), "from": year}  # fmt: skip

    def _place(self, text: str) -> tuple[Any, str]:
        """Return the best place for ``text`` or its longest leading words that name one (else None)."""
        words = text.split()
        for size in range(len(words), 0, -1):
            candidate = " ".join(words[:size])
            try:
                places = self.gazetteer.lookup(candidate)
            except NotFoundError:
                places = []
            if places:
                return places[0], candidate
        return None, text


def _without_repeats(facts: list[ProfileFact]) -> list[ProfileFact]:
    """Drop a fact whose span lies inside another's with the same actor, kind and value (two patterns, one statement)."""
    kept: list[ProfileFact] = []
    for fact in facts:
        if not any(k.actor_id == fact.actor_id and k.kind == fact.kind and k.value == fact.value
                   and (k.start <= fact.start and fact.end <= k.end or fact.start <= k.start and k.end <= fact.end)
                   for k in kept):  # fmt: skip
            kept.append(fact)
    return kept


def fact_finder(pack: str = "af") -> FactFinder:
    """Return a FactFinder with the packaged patterns, actor dictionary and gazetteer of ``pack``."""
    from sitroom.gazetteer import load_gazetteer
    from sitroom.gazetteer.actors import load_actor_dictionary

    return FactFinder(load_profile_patterns(pack), load_actor_dictionary(pack), load_gazetteer(pack))


def find_profile_facts(document: Document, pack: str = "af") -> list[ProfileFact]:
    """Return the profile facts one document states (nothing is stored)."""
    return fact_finder(pack).find(document)


def _documents(repository: Any) -> Iterator[Document]:
    offset = 0
    while True:
        page = repository.list_documents(limit=DOCUMENT_PAGE, offset=offset)
        yield from page
        if len(page) < DOCUMENT_PAGE:
            return
        offset += DOCUMENT_PAGE


def extract_profile_facts(repository: Any, pack: str = "af") -> ProfileFactsRun:
    """Find the profile facts of every stored document and save them as suggestions (decisions kept)."""
    finder = fact_finder(pack)
    documents = facts = new = 0
    for document in _documents(repository):
        found = finder.find(document)
        documents += 1
        facts += len(found)
        new += repository.save_profile_facts(document.doc_id, found)
    return ProfileFactsRun(documents, facts, new, finder.patterns.version)
