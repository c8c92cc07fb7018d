"""Find and resolve place names in a document's text (extract.places, places-v1).

Matching is a dictionary lookup of folded word n-grams (see gazetteer.normalize), so
spelling variants, izafa connectors and Dari script match. Resolution then uses the
words around a name ("X district", "district of X", "X village"), provinces linked to it
("X district, Y province", "Y's X district") and the provinces named elsewhere in the
document. A name that stays ambiguous across provinces is coded at country level with
its candidate count, never guessed; a name that cannot be resolved is dropped alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from bisect import bisect_left
from itertools import accumulate, compress
from operator import gt, itemgetter

from sitroom.extract.records import fast_init
from sitroom.extract.regex_needles import GatedPattern, trie_pattern
from sitroom.gazetteer.normalize import CONNECTORS, TOKEN_RE, fold_word, is_arabic, name_key
from sitroom.gazetteer.service import Gazetteer
from sitroom.models import Place

VERSION = "places-v1"
PRECISION = {"populated": 1, "admin2": 2}  # everything else (province, region, country) is 3
_GAP = re.compile(r"[ \t\-‐]{1,3}")
_WORD_SPLIT = re.compile(f"({TOKEN_RE.pattern})")  # one group: split() keeps the words
# "KABUL, Afghanistan (Jan. 25, 2013)" anywhere (compilations repeat it per release);
# "KABUL (Reuters) -" / "KABUL —" only at the start of a line.
# The first pattern starts with a capital, not with \b ("(?<!\w.)" after it is the same test):
# a pattern opening with a character set lets the regex engine skip other characters in C.
_DATELINES = (
    re.compile(r"([A-Z](?<!\w.)[A-Z]+(?:[ \-][A-Z]{2,})*),[ \t]+([A-Z][A-Za-z]+(?:[ \t]+[A-Z][A-Za-z]+)?)[ \t]*(?:\(|[-–—])"),
    # "KABUL (Reuters) -", "KABUL (UrduPoint News / Sputnik - 18th April, 2022) The ...": an agency
    # (and date) in brackets after the capital run needs no dash after it
    re.compile(r"(?m)^[ \t]*([A-Z]{2,}(?:[ \-][A-Z]{2,})*)()[ \t]*(?:\([A-Za-z .]+\)[ \t]*[-–—:][ \t]"
               r"|\([A-Za-z][^()\n]{0,60}\)[ \t]+(?=[A-Z])|[-–—:][ \t])"),
    # "Kabul: A wedding ...", "Kabul – Today ...", and a line of places alone ("Kabul / Islamabad")
    re.compile(r"(?m)^[ \t]*([A-Z][a-z]+(?:[ \-][A-Z][a-z]+)?)()(?::|[ \t]*[–—])[ \t]+(?=[A-Z])"),
    re.compile(r"(?m)^[ \t]*([A-Z][a-z]+(?:[ \t]*[/,][ \t]*[A-Z][a-z]+)+)()[ \t]*$"),
)
_LINK_WINDOW = 6
MIN_CITY_POPULATION = 1000  # words between a name and the province that qualifies it
_SENTENCE_START = re.compile(r"(?:^|[.!?\n]\s*|[\"“(]\s*)$")
_CLAUSE_BREAK = re.compile(r"[.:;!?\n]")  # between a name and a province: no qualifier link


@fast_init
@dataclass(frozen=True, slots=True)
class PlaceMention:
    """One resolved place name in a document: its span, the place and how precise it is."""

    start: int
    end: int
    text: str
    place: Place
    geo_precision: int  # 1 named place, 2 district, 3 province or vaguer
    is_dateline: bool  # the publisher's location at the head of a release, not an event place
    candidates: int  # how many gazetteer places the name could denote


@dataclass(slots=True)
class _Words:
    """A text's words as parallel lists indexed by word number: span, folded key and flags.

    Lists rather than one named tuple per word: documents have hundreds of words, and building
    a tuple subclass per word cost more than finding the words.
    """

    start: list[int]
    end: list[int]  # a possessive "'s" is left out of the span
    key: list[str]
    capital: list[bool]
    connector: list[bool]
    possessive: list[bool]

    def __len__(self) -> int:
        return len(self.key)


@dataclass(slots=True)
class _Match:
    first: int  # token indexes, inclusive
    last: int
    start: int
    end: int
    candidates: list[int]
    cue: str | None = None


class PlaceResolver:
    """Finds places in text using one Gazetteer.

    Input: a Gazetteer. ``find(text)`` returns every resolved PlaceMention in text order.
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        cues = gazetteer.pack.cues
        self._after = {fold_word(w): level for level, ws in cues["after"].items() for w in ws}
        self._before = {_fold_phrase(p): level for level, ps in cues["before"].items() for p in ps}
        self._blockers = {_fold_phrase(p) for p in cues["not_a_place_after"]}
        self._blocker_lengths = sorted({len(b) for b in self._blockers})  # one set test per length
        self._blocker_ends = {b[-1] for b in self._blockers if b}  # most names follow none of these words
        self._titles = {fold_word(w) for w in cues["person_titles"]}
        # "Khalid Zadran", "Mohammad Kabuli": a name right after a given name is a person's (optional list)
        self._given_names = {fold_word(w) for w in cues.get("given_names", ())}
        # "Kabul Bank", "Kabul University": a name that opens an organisation's name (optional cue list)
        self._organisation_heads = {fold_word(w) for w in cues.get("not_a_place_before", ())}
        self._stopwords = {name_key(w) for w in gazetteer.pack.stopwords}
        self._regions = _region_pattern([row["phrase"] for row in gazetteer.pack.regions])
        self._kind = [e.kind for e in gazetteer.entries]
        self._code = [e.place.admin1_code for e in gazetteer.entries]
        self._level = [e.place.level for e in gazetteer.entries]
        # villages and hamlets: only matched when a cue or their province supports them
        self._minor = [e.kind == "village" or (e.kind == "city" and e.population < MIN_CITY_POPULATION)
                       for e in gazetteer.entries]
        self._word_cache = _WordCache()
        self._country = gazetteer.entry(gazetteer.country_code).place

    # ---- public ---------------------------------------------------------------------------
    def find(self, text: str) -> list[PlaceMention]:
        """Return the resolved places of ``text`` in text order (dateline ones flagged)."""
        words = self._tokenize(text)
        regions = self._region_matches(text, words)
        names = self._name_matches(text, words)
        if regions:
            names = [m for m in names if not any(r.start <= m.start < r.end for r in regions)]
        matches = regions + names
        matches.sort(key=lambda m: m.start)
        previous_last = -10
        for match in matches:
            self._apply_cues(match, words, previous_last)
            previous_last = match.last
        matches = [m for m in matches if m.candidates]
        dateline = _dateline_spans(text)
        anchors = self._anchors(matches, dateline)
        mentions = []
        for number, match in enumerate(matches):
            mention = self._resolve(text, matches, number, anchors, dateline)
            if mention is not None:
                mentions.append(mention)
        return mentions

    # ---- tokens and matching --------------------------------------------------------------
    def _tokenize(self, text: str) -> _Words:
        """Return the words of ``text`` (a possessive "'s" is left out of the span).

        Built with split(), slices and map() over C-level callables, not a Python loop: documents
        have hundreds of words and this runs for every document. Each distinct word is read once
        (``_word_cache``).
        """
        cache = self._word_cache
        if len(cache) > 200_000:
            cache.clear()
        # split() returns gaps and words alternately as strings, cheaper than a Match object per
        # word; the running sum of their lengths gives the words' offsets: a word k starts at
        # offsets[2k] and ends at offsets[2k + 1] (the unpaired last offset is the text's end).
        parts = _WORD_SPLIT.split(text)
        read = list(map(cache.__getitem__, parts[1::2]))  # (key, capital, connector, possessive)
        offsets = list(accumulate(map(len, parts)))
        words = _Words(offsets[0::2][: len(read)], offsets[1::2], *(list(map(itemgetter(n), read)) for n in range(4)))
        for index in compress(range(len(read)), words.possessive):  # possessives: rare
            words.end[index] -= 2
        return words

    def _region_matches(self, text: str, words: _Words) -> list[_Match]:
        matches = []
        if self._regions is None:
            return matches
        for found in self._regions.finditer(text):
            ids = self.gazetteer.index.get(name_key(found.group(0)), ())
            # the first word starting at or after the region, the first ending at or after its end
            # (words are in text order, so both are found by bisection)
            first = bisect_left(words.start, found.start())
            last = bisect_left(words.end, found.end())
            last = max(first, last if last < len(words) else first)
            matches.append(_Match(first, last, found.start(), found.end(), list(ids), cue="region"))
        return matches

    def _name_matches(self, text: str, words: _Words) -> list[_Match]:
        """Return the longest dictionary matches, left to right, over capitalised word n-grams."""
        index, limit = self.gazetteer.index, self.gazetteer.max_words
        starts, ends, keys, capital, connector = words.start, words.end, words.key, words.capital, words.connector
        matches: list[_Match] = []
        count = len(keys)
        # Names start at capitalised words that are not connectors (capital > connector, as
        # booleans); picked in C, since most words are neither.
        following = 0  # the first word after the last match
        for i in compress(range(count), map(gt, capital, connector)):
            if i < following:
                continue
            best, key = None, ""
            for j in range(i, min(count, i + limit)):
                if j > i:
                    if words.possessive[j - 1] or not (capital[j] or connector[j]):
                        break
                    gap = text[ends[j - 1] : starts[j]]
                    if gap != " " and not _GAP.fullmatch(gap):
                        break
                    if connector[j]:
                        continue
                key += keys[j]
                found = index.get(key)
                if found:
                    best = (j, found)
            if best is not None:
                last, found = best
                matches.append(_Match(i, last, starts[i], ends[last], list(found)))
                following = last + 1
        firsts = {m.first for m in matches}
        return [m for m in matches if not self._blocked(words, m) and not _opens_compound(text, words, m, firsts)]

    def _blocked(self, words: _Words, match: _Match) -> bool:
        """True for names in organisation titles ("Regional Command South", "Kabul Bank") or after
        person titles."""
        before = words.key[max(0, match.first - 4) : match.first]
        # A blocker ends with the word just before the name: most names follow no such word.
        may_block = not before or before[-1] in self._blocker_ends or () in self._blockers
        if may_block and any(tuple(before[-n:]) in self._blockers for n in self._blocker_lengths if n <= len(before)):
            return True
        if match.cue is None and match.last + 1 < len(words.key) and words.key[match.last + 1] in self._organisation_heads:
            return True
        return match.cue is None and self._in_person_name(words, match.first)

    def _in_person_name(self, words: _Words, first: int) -> bool:
        """Does the name at word ``first`` end a person's name: right after a title or a given name
        ("Mullah Naqib Kandahari", "Khalid Zadran"), or after capitalised names a title opens
        ("Qari Naima Chaparhar")?"""
        for back, index in enumerate(range(first - 1, max(-1, first - 4), -1)):
            key = words.key[index]
            if key in self._titles or back == 0 and key in self._given_names and words.capital[index]:
                return True
            if not words.capital[index] or words.connector[index] or words.start[index + 1] - words.end[index] != 1:
                return False
        return False

    def _apply_cues(self, match: _Match, words: _Words, previous_last: int = -10) -> None:
        """Read the level word after or before a name and keep the candidates of that level.

        "district of X" names a district, but in "Y district of X" the district is Y and X is
        the province that contains it (likewise "Y village of X": X is the district).
        """
        if match.cue == "region":
            return
        after = words.key[match.last + 1] if match.last + 1 < len(words) else None
        cue = self._after.get(after) if after and not words.possessive[match.last] else None
        if cue is None:
            before = tuple(words.key[max(0, match.first - 2) : match.first])
            cue = self._before.get(before) or self._before.get(before[-1:])
            if cue is not None and len(before) == 2 and previous_last == match.first - 3:
                cue = _CONTAINER_LEVEL.get(cue)
        match.cue = cue
        if cue is not None:
            kept = [i for i in match.candidates if self._level[i] == cue]
            if cue == "admin2" and not kept:
                kept = [i for i in match.candidates if self._level[i] == "populated"]
            match.candidates = kept or [i for i in match.candidates if self._kind[i] != "abroad"]
        elif all(words.key[k] in self._stopwords or words.connector[k] for k in range(match.first, match.last + 1)):
            # common words, one or several ("آن در", "that in", glued reads as Andar)
            match.candidates = [i for i in match.candidates if self._kind[i] in ("admin1", "abroad")]

    # ---- resolution -----------------------------------------------------------------------
    def _anchors(self, matches: list[_Match], dateline: list[tuple[int, int]]) -> dict[str, int]:
        """Return how often each province is named unambiguously outside the dateline."""
        anchors: dict[str, int] = {}
        for match in matches:
            if _inside(dateline, match.start, match.end):
                continue
            codes = {self._code[i] for i in match.candidates if not self._minor[i]}
            if len(codes) == 1 and None not in codes:
                code = codes.pop()
                anchors[code] = anchors.get(code, 0) + 1
        return anchors

    def _resolve(self, text: str, matches: list[_Match], number: int, anchors: dict[str, int],
                 dateline: list[tuple[int, int]]) -> PlaceMention | None:
        match = matches[number]
        candidates = self._plausible(text, match, anchors)
        if not candidates:
            return None
        linked = self._linked_code(matches, number, text)
        if linked is not None:
            candidates = [i for i in candidates if self._code[i] == linked]
            if not candidates:
                return None  # the text places it in another province: trust the text's province
        if len({self._code[i] for i in candidates}) > 1:
            candidates = _narrow(candidates, lambda i: self._code[i] in anchors)
        candidates = self._prefer_level(candidates, match.cue)
        count = len(match.candidates)
        if len({self._code[i] for i in candidates}) > 1:
            place = self._country  # still ambiguous across provinces: say only what is known
        else:
            place = self.gazetteer.entries[candidates[0]].place
        precision = PRECISION.get(place.level, 3)
        is_dateline = _inside(dateline, match.start, match.end)
        return PlaceMention(match.start, match.end, text[match.start : match.end], place, precision, is_dateline, count)

    def _plausible(self, text: str, match: _Match, anchors: dict[str, int]) -> list[int]:
        """Drop villages that nothing in the document supports (a cue or their province named)."""
        kinds = self._kind
        if any(kinds[i] == "abroad" for i in match.candidates) and match.cue is None:
            return [i for i in match.candidates if kinds[i] == "abroad"]
        minor = self._minor
        kept = [i for i in match.candidates if not minor[i] or match.cue == "populated" or self._code[i] in anchors]
        if kept and all(minor[i] for i in kept) and match.cue is None:
            if _SENTENCE_START.search(text[max(0, match.start - 3) : match.start]):
                return []  # a capitalised first word is no evidence of a name
        return kept

    def _linked_code(self, matches: list[_Match], number: int, text: str = "") -> str | None:
        """Return the province that qualifies a name: "X district, Y province", "Y's X district".

        Only names below province level are qualified; a district qualifies a village. A clause
        break between them ("Kabul: A wedding in Nangarhar") links nothing.
        """
        match = matches[number]
        levels = {self._level[i] for i in match.candidates}
        if not levels & {"admin2", "populated"} or "country" in levels:
            return None
        if "admin1" in levels and match.cue is None:
            return None  # a province's name means the province: "in Farah, Kandahar and Paktiya provinces"
        targets = ("admin1",) if "admin2" in levels else ("admin1", "admin2")
        for other in matches[number + 1 : number + 3]:
            if other.first - match.last > _LINK_WINDOW or other.cue == "region" \
                    or _CLAUSE_BREAK.search(text, match.end, other.start):
                break
            codes = {self._code[i] for i in other.candidates if self._level[i] in targets}
            if len(codes) == 1 and len(other.candidates) == len(
                [i for i in other.candidates if self._level[i] in targets or self._minor[i]]
            ):
                return codes.pop()
        if number > 0 and matches[number - 1].last == match.first - 1 \
                and not _CLAUSE_BREAK.search(text, matches[number - 1].end, match.start):
            codes = {self._code[i] for i in matches[number - 1].candidates if self._level[i] == "admin1"}
            if len(codes) == 1:
                return codes.pop()
        return None

    def _prefer_level(self, candidates: list[int], cue: str | None) -> list[int]:
        """Without a cue, a province name means the province; else district, city, village."""
        if len(candidates) == 1:
            return candidates  # kept whether or not its kind is listed: skip the seven passes
        order = ("abroad", "region", "admin1", "admin2", "city", "village", "country")
        if cue is not None:
            order = ("abroad", "region", cue, "admin1", "admin2", "city", "village", "country")
        for kind in order:
            kept = [i for i in candidates if self._kind[i] == kind or (kind == cue and self._level[i] == cue)]
            if kept:
                return kept
        return candidates


def _opens_compound(text: str, words: _Words, match: _Match, firsts: set[int]) -> bool:
    """Is the name the first part of a hyphenated name that is no place ("the Kabul-Hada quarter"
    of Jalalabad)? "Kabul-Kandahar highway" names two places and keeps both."""
    following = match.last + 1
    if following >= len(words) or match.cue is not None or following in firsts:
        return False
    gap = text[words.end[match.last] : words.start[following]]
    return gap in ("-", "‐") and words.capital[following] and not words.connector[following]


# The level that contains a place of the given level ("Y district of X": X is a province).
_CONTAINER_LEVEL = {"admin2": "admin1", "populated": "admin2"}


def _narrow(candidates: list[int], keep) -> list[int]:
    """Return the candidates that satisfy ``keep``, or all of them when none does."""
    kept = [i for i in candidates if keep(i)]
    return kept or candidates


class _WordCache(dict):
    """A word -> _read_word(word), filled on first use."""

    def __missing__(self, raw: str) -> tuple[str, bool, bool, bool]:
        value = self[raw] = _read_word(raw)
        return value


def _read_word(raw: str) -> tuple[str, bool, bool, bool]:
    """Return a word's (folded key, capitalised?, izafa connector?, possessive "'s"?)."""
    possessive = len(raw) > 2 and raw[-2] in "'’" and raw[-1] in "sS"
    word = raw[:-2] if possessive else raw
    return fold_word(word), word[0].isupper() or is_arabic(word), word.lower() in CONNECTORS, possessive


def _fold_phrase(phrase: str) -> tuple[str, ...]:
    """Return a cue phrase as a tuple of folded words."""
    return tuple(fold_word(m.group(0)) for m in TOKEN_RE.finditer(phrase))


def _region_pattern(phrases: list[str]) -> GatedPattern | None:
    """Return one case-insensitive pattern matching any region phrase as whole words."""
    if not phrases:
        return None
    # A trie of the lower-cased phrases (the match ignores case) prefers the longest phrase, as a
    # longest-first alternation does, and rejects most positions after one character. Most
    # documents name no region: a needle scan ("southern afghanistan", "the south") skips the
    # regex pass over them at half its cost.
    return GatedPattern(
        re.compile(r"(?<!\w)(?:" + trie_pattern({p.lower() for p in phrases}) + r")(?!\w)", re.IGNORECASE)
    )


def _dateline_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of datelines ("KABUL, Afghanistan" before "(date)"), city and country."""
    spans = []
    for pattern in _DATELINES:
        for found in pattern.finditer(text):
            spans.append((found.start(1), max(found.end(1), found.end(2))))
    return sorted(spans)


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Return True when [start, end) lies inside one of the spans."""
    return any(s <= start and end <= e for s, e in spans)
