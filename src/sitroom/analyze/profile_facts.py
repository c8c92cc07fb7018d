"""Analyze step: find actor-profile statements in stored documents and keep them as suggestions.

Leaders ("led by X", "X, the leader of Y", "commander X of Y"), where a group is based (inside
the country or abroad, through the gazetteer), strength estimates as ranges ("between 4,000 and
8,000 fighters", with the document and its date) and alliances or membership ("a member of",
"joined"). The patterns are data, one file per language (``data/analyze/profile_patterns.toml``
for English, ``profile_patterns_fa.toml`` for Dari, ``profile_patterns_ps.toml`` for Pashto),
chosen by the document's language (guessed from its script when unknown: an Arabic-script text
gets the Dari and the Pashto patterns). Every value keeps its character span in the document.
A leader match is dropped when the words before it show that the person is an operation's target
or one of many ("arrested the Taliban leader X", "a Taliban commander X"): these name people in
an incident, not who leads the group, and a profile must not collect the names of detainees.
``find_profile_facts`` only matches (pure, testable alone); ``extract_profile_facts`` runs it
over a store and saves the suggestions, which an analyst then accepts into the actor's profile
or rejects.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from sitroom.analyze.profile_patterns import ProfilePattern, ProfilePatterns, load_profile_pattern_sets
from sitroom.errors import NotFoundError
from sitroom.ingest.provenance import guess_language
from sitroom.models import Document
from sitroom.store.profile_records import ProfileFact

STAGE = "analyze.profile_facts"
DOCUMENT_PAGE = 200
PLACE_LEVELS_INSIDE = ("admin1", "admin2", "populated", "village", "city", "region", "country")
LANGUAGE_CODES = {"prs": "fa", "per": "fa", "fas": "fa", "pus": "ps", "pbt": "ps", "eng": "en"}  # ISO 639-2/3 to 639-1
ARABIC_SCRIPT_LANGUAGES = ("fa", "ps")  # the patterns an Arabic-script text of unknown language gets
LEADER_CONTEXT = 80  # characters before a leader match read for leader_not_after cues


@dataclass(frozen=True, slots=True)
class ProfileFactsRun:
    """What one run over a store did: documents read, facts found, suggestions that are new."""

    documents: int
    facts: int
    new: int
    extractor: str


class FactFinder:
    """Matches the patterns in one text and turns each match into a ProfileFact (or drops it)."""

    def __init__(self, pattern_sets: dict[str, ProfilePatterns], dictionary: Any, gazetteer: Any) -> None:
        self.pattern_sets = pattern_sets
        self.dictionary = dictionary
        self.gazetteer = gazetteer
        self._values: dict[str, Callable[[re.Match[str], ProfilePattern, str | None], dict[str, Any] | None]] = {
            "leader": self._leader, "base": self._base, "strength": self._strength, "alliance": self._alliance}

    @property
    def versions(self) -> str:
        """The versions of the pattern files, as stored with a run ("profile-facts-v1, profile-facts-fa-v1")."""
        return ", ".join(patterns.version for patterns in self.pattern_sets.values())

    def patterns_for(self, document: Document) -> list[ProfilePatterns]:
        """Return the pattern sets for the document's language (guessed from its script when unknown)."""
        if document.language:
            code = document.language.lower().split("-")[0]
            languages: tuple[str, ...] = (LANGUAGE_CODES.get(code, code),)
        else:
            languages = ARABIC_SCRIPT_LANGUAGES if guess_language(document.text) == "fa" else ("en",)
        return [self.pattern_sets[language] for language in languages if language in self.pattern_sets]

    def find(self, document: Document) -> list[ProfileFact]:
        """Return the document's profile facts in text order, one per (actor, kind, span)."""
        stated_on = document.published.isoformat() if document.published else None
        found: dict[tuple[str, str, int, int], ProfileFact] = {}
        for patterns in self.patterns_for(document):
            for pattern in patterns.patterns:
                for match in pattern.regex.finditer(document.text):
                    fact = self._fact(document, patterns, pattern, match, stated_on)
                    if fact is not None:
                        found.setdefault((fact.actor_id, fact.kind, fact.start, fact.end), fact)
        return _without_repeats(sorted(found.values(), key=lambda f: (f.start, f.end, f.pattern_id)))

    def _fact(self, document: Document, patterns: ProfilePatterns, pattern: ProfilePattern, match: re.Match[str],
              stated_on: str | None) -> ProfileFact | None:  # fmt: skip
        if pattern.kind == "leader" and _names_no_leader(patterns, document.text, match.start()):
            return None
        actor_id = self._actor_id(match.group("actor"), document.published)
        if actor_id is None:
            return None
        value = self._values[pattern.kind](match, pattern, actor_id)
        if value is not None and pattern.kind == "leader":
            value = _leader_in_words_of(patterns, value)
        if value is None:
            return None
        evidence = {name: match.span(name) for name in match.re.groupindex if match.group(name) is not None}
        return ProfileFact(actor_id, pattern.kind, value, document.doc_id, match.start(), match.end(), match.group(0),
                           evidence, pattern.pattern_id, patterns.version, stated_on)  # fmt: skip

    def _actor_id(self, name: str, day: dt.date | None) -> str | None:
        found = self.dictionary.lookup(name, day) or self.dictionary.lookup(name)
        return found[0].actor_id if found else None

    def _leader(self, match: re.Match[str], pattern: ProfilePattern, actor_id: str) -> dict[str, Any] | None:
        person = match.group("person")
        if self.dictionary.lookup(person) or self.place_for(person)[0] is not None:
            return None  # a group or a place, not a person
        role = pattern.fixed.get("role") or match.group("role")
        return {"name": person, "role": " ".join(role.lower().split())}

    def _base(self, match: re.Match[str], pattern: ProfilePattern, actor_id: str) -> dict[str, Any] | None:
        return self.base_value(match.group("place"))

    def base_value(self, text: str) -> dict[str, Any]:
        """Return a base's values: the place as written, the gazetteer's place and whether it is inside the country."""
        place, words = self.place_for(text)
        if place is None:
            return {"place": text, "inside": None, "place_id": None}
        return {"place": words, "inside": place.country_code == self.gazetteer.country_code, "place_id": place.place_id,
                "place_name": place.name}  # fmt: skip

    def _strength(self, match: re.Match[str], pattern: ProfilePattern, actor_id: str) -> dict[str, Any] | None:
        low, high = (_number(match.group(name)) for name in ("low", "high"))
        if low > high or high == 0:
            return None
        unit = match.group("unit") if "unit" in match.re.groupindex and match.group("unit") else "fighters"
        return {"low": low, "high": high, "unit": unit}

    def _alliance(self, match: re.Match[str], pattern: ProfilePattern, actor_id: str) -> dict[str, Any] | None:
        other = self._actor_id(match.group("other"), None)
        if other is None or other == actor_id:
            return None
        year = match.group("year") if "year" in match.re.groupindex else None
        year = str(int(year)) if year else None  # "۲۰۲۳" -> "2023"
        return {"with_actor_id": other, "with": self.dictionary.roles(other)[-1].name,
                "kind": pattern.fixed.get("alliance", "member"), "from": year}  # fmt: skip

    def place_for(self, text: str) -> tuple[Any, str]:
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


def _number(text: str) -> int:
    """Read a figure in any script's digits, with Latin or Arabic thousands separators ("4,000", "۴٬۰۰۰")."""
    return int(re.sub(r"[,\u066c\u060c]", "", text))


def _leader_in_words_of(patterns: ProfilePatterns, value: dict[str, Any]) -> dict[str, Any] | None:
    """Store the role in the profile's words (English); drop a 'person' that holds a word no name holds."""
    if patterns.not_person.intersection(value["name"].split()):
        return None
    return {**value, "role": patterns.role_names.get(value["role"], value["role"])}


def _names_no_leader(patterns: ProfilePatterns, text: str, start: int) -> bool:
    """Do the words just before a leader match (within its sentence) make it a target or one of many?"""
    if patterns.leader_not_after is None:
        return False
    before = text[max(0, start - LEADER_CONTEXT):start]
    before = re.split(r"[.!?؟\n]", before)[-1]
    return patterns.leader_not_after.search(before) is not None


def _without_repeats(facts: list[ProfileFact]) -> list[ProfileFact]:
    """Keep the first statement of each (actor, kind, value): a headline and its body, or two patterns on one sentence."""
    kept: dict[tuple[str, str, str], ProfileFact] = {}
    for fact in facts:
        kept.setdefault((fact.actor_id, fact.kind, repr(sorted(fact.value.items()))), fact)
    return list(kept.values())


def fact_finder(pack: str = "af") -> FactFinder:
    """Return a FactFinder with the packaged patterns, actor dictionary and gazetteer of ``pack``."""
    from sitroom.gazetteer import load_gazetteer
    from sitroom.gazetteer.actors import load_actor_dictionary

    return FactFinder(load_profile_pattern_sets(pack), load_actor_dictionary(pack), load_gazetteer(pack))


def find_profile_facts(document: Document, pack: str = "af") -> list[ProfileFact]:
    """Return the profile facts one document states (nothing is stored)."""
    return fact_finder(pack).find(document)


def _documents(repository: Any) -> Iterator[Document]:
    """Walk the stored documents by key, a page at a time (no OFFSET: linear on a large store)."""
    after: str | None = None
    while True:
        page = repository.documents_after(after, limit=DOCUMENT_PAGE)
        yield from page
        if len(page) < DOCUMENT_PAGE:
            return
        after = page[-1].doc_id


def extract_profile_facts(repository: Any, pack: str = "af") -> ProfileFactsRun:
    """Find the profile facts of every stored document and save them as suggestions (decisions kept)."""
    finder = fact_finder(pack)
    documents = facts = new = 0
    for document in _documents(repository):
        found = finder.find(document)
        documents += 1
        facts += len(found)
        new += repository.save_profile_facts(document.doc_id, found)
    return ProfileFactsRun(documents, facts, new, finder.versions)
