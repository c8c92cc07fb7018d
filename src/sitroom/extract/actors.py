"""Find actor mentions in text: actor-dictionary names plus unknown armed groups.

Dictionary names (English and Dari/Pashto script) are matched with one
Aho-Corasick automaton over a length-preserving normalised copy of the text,
so offsets are offsets into the original text. Acronyms ("NRF", "IS-K") match
only in their own case. Names not in the dictionary that look like an
organisation ("the X Front", "X Movement", "X Brigade"; in Dari "جبهه X",
"جنبش X", in Pashto "د X جبهه", "د X غورځنګ") are still returned, as
written in the text, with no actor id and the category "unknown armed group".
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import ahocorasick

from sitroom.datafiles import read_data_json
from sitroom.errors import DataPackError
from sitroom.extract.records import fast_init
from sitroom.gazetteer.actors import ActorDictionary, ActorName, load_actor_dictionary

STAGE = "extract.actors"
VERSION = "actors-v1"
UNKNOWN_CATEGORY = "unknown armed group"

# One character in, one character out, so normalised offsets equal original offsets.
_FOLD = str.maketrans(
    {
        "-": " ", "\u2010": " ", "\u2011": " ", "\u2013": " ", "\u2014": " ", "_": " ",
        "\u2019": "'", "\u2018": "'", "`": "'",
        "\n": " ", "\t": " ", "\r": " ", "\u00a0": " ", "\u2028": " ", "\u2029": " ",
        "\u200c": " ", "\u200d": " ",
        "\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9",  # Arabic yeh/kaf -> Persian forms
    }
)


@fast_init
@dataclass(frozen=True, slots=True)
class ActorMention:
    """One actor named in a text: its span, the dictionary actor (if known) and its category."""

    start: int
    end: int
    text: str
    actor_id: str | None
    name: str
    category: str | None


@dataclass(frozen=True, slots=True)
class _UnknownPattern:
    regex: re.Pattern[str]
    stopwords: frozenset[str]
    heads: re.Pattern[str]  # any head noun: few texts hold one, and without one the regex cannot match


@lru_cache(maxsize=1)
def _unknown_pattern() -> _UnknownPattern:
    """Load the unknown-organisation pattern from data/taxonomy/unknown_groups.json."""
    resource = resources.files("sitroom.data").joinpath("taxonomy", "unknown_groups.json")
    source = "data/taxonomy/unknown_groups.json"
    try:
        spec = json.loads(resource.read_text("utf-8"))
        heads = "|".join(re.escape(head) for head in spec["head_nouns"])
        stopwords = frozenset(word.lower() for word in spec["leading_stopwords"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataPackError(f"{source}: cannot read head_nouns / leading_stopwords ({exc})") from None
    if not heads:
        raise DataPackError(f"{source}: head_nouns is empty")
    word = r"[A-Z][\w'\u2019-]*"
    pattern = (
        rf"\b((?:{word}\s+){{1,5}})({heads})\b"
        rf"(?:\s+(?:of|for)\s+(?:the\s+)?{word}(?:\s+{word}){{0,3}})?"
    )
    return _UnknownPattern(re.compile(pattern), stopwords, re.compile(rf"(?:{heads})\b"))


# An Arabic-script word: letters, digits, ZWNJ inside words ("آزادی‌بخش") and vowel signs.
_ARABIC_WORD = r"[\w\u200c\u064b-\u065f\u0670]+"
_WORD = re.compile(_ARABIC_WORD)
_NEXT_WORD = re.compile(rf"[ \t\xa0]+({_ARABIC_WORD})")
_LETTER_FORMS = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"})
_PASHTO_LOOKBACK = 160  # characters searched before a Pashto head noun for its name


@dataclass(frozen=True, slots=True)
class _ArabicScriptPattern:
    """Dari (head noun, then name) and Pashto ("د" name, then head noun) organisation names."""

    dari_heads: re.Pattern[str]  # a Dari head noun, with its ezafe, before a space
    pashto_heads: re.Pattern[str]  # a Pashto head noun ending a word
    gate: re.Pattern[str]  # any head noun: most texts hold none
    max_words: int
    max_pashto_words: int
    dari_connectors: frozenset[str]
    pashto_connectors: frozenset[str]
    stopwords: frozenset[str]
    generic: frozenset[str]
    heads: frozenset[str]  # a head noun inside a name opens the next name ("... و جبهه ...")
    demonstratives: frozenset[str]  # "این گروه": a group named before, no name


def _fold_word(word: str) -> str:
    """A word with Arabic yeh/kaf in their Persian forms and no vowel signs, for list look-ups."""
    return "".join(ch for ch in word.translate(_LETTER_FORMS) if not "\u064b" <= ch <= "\u065f" and ch != "\u0670")


def _alternation(words: list[str]) -> str:
    # Longest first, so that "اتحادیه" is not cut to "اتحاد".
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _arabic_script_pattern() -> _ArabicScriptPattern:
    """Load the Dari/Pashto organisation patterns from data/taxonomy/unknown_groups_fa_ps.json."""
    spec = read_data_json("taxonomy", "unknown_groups_fa_ps.json")
    try:
        dari, pashto = list(spec["dari_heads"]), list(spec["pashto_heads"])
        words = {key: frozenset(_fold_word(str(w)) for w in spec[key])
                 for key in ("dari_connectors", "pashto_connectors", "stopwords", "generic_words", "demonstratives_before")}
        limits = int(spec["max_name_words"]), int(spec["max_pashto_words"])
    except (KeyError, TypeError, ValueError) as exc:
        raise DataPackError(f"data/taxonomy/unknown_groups_fa_ps.json: missing or malformed entry ({exc})") from None
    if not dari or not pashto or min(limits) < 1:
        raise DataPackError("data/taxonomy/unknown_groups_fa_ps.json: empty head noun list or name length below 1")
    return _ArabicScriptPattern(
        dari_heads=re.compile(rf"(?<![\w\u200c])(?:{_alternation(dari)})(?:\u200c[\u06cc\u064a]|\u0654)?(?=[ \t\xa0])"),
        pashto_heads=re.compile(rf"(?<![\w\u200c])(?:{_alternation(pashto)})(?![\w\u200c])"),
        gate=re.compile(_alternation(dari + pashto)),
        max_words=limits[0],
        max_pashto_words=limits[1],
        dari_connectors=words["dari_connectors"],
        pashto_connectors=words["pashto_connectors"],
        stopwords=words["stopwords"],
        generic=words["generic_words"],
        heads=frozenset(_fold_word(word) for word in dari + pashto),
        demonstratives=words["demonstratives_before"],
    )


def _dari_name_end(text: str, position: int, spec: _ArabicScriptPattern) -> int | None:
    """End of the name after a Dari head noun ending at ``position``; None when it names nothing."""
    end, count = None, 0
    while count < spec.max_words:  # connectors ("و") do not count
        found = _NEXT_WORD.match(text, position)
        if found is None:
            break  # punctuation or the end of the text closes a name
        word = _fold_word(found.group(1))
        if word in spec.stopwords or word in spec.heads or any(ch.isdigit() for ch in word):
            break
        if end is None and (word in spec.generic or word in spec.dari_connectors):
            return None  # "گروه مسلح": a common noun phrase
        position = found.end()
        if word not in spec.dari_connectors:
            end, count = position, count + 1  # a name never ends with "و"
    return end


def _pashto_name_start(text: str, head_start: int, spec: _ArabicScriptPattern) -> int | None:
    """Start of the "د ..." name before a Pashto head noun at ``head_start``; None when it names nothing."""
    words = list(_WORD.finditer(text, max(0, head_start - _PASHTO_LOOKBACK), head_start))
    start, position = None, head_start
    for index, found in enumerate(reversed(words)):
        gap = text[found.end() : position]
        if not gap or gap.strip(" \t\xa0") or index >= spec.max_pashto_words:
            break  # only spaces may join the words of a name
        word = _fold_word(found.group())
        if index == 0 and (word in spec.generic or word in spec.pashto_connectors):
            return None  # "د وسله والو ډله": a common noun phrase
        if word in spec.stopwords or word in spec.heads or any(ch.isdigit() for ch in word):
            break
        if word in spec.pashto_connectors:
            start = found.start()  # the name opens with its first "د"
        position = found.start()
    return start


def arabic_script_organisations(text: str, taken: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Spans of Dari and Pashto organisation names in ``text`` (not overlapping, in text order).

    ``taken``: spans already named (dictionary names); a candidate overlapping one is dropped first.
    """
    spec = _arabic_script_pattern()
    if text.isascii() or not spec.gate.search(text):  # isascii() reads a flag of the string: free
        return []
    spans = []
    for head in spec.dari_heads.finditer(text):
        if _after_demonstrative(text, head.start(), spec):
            continue
        end = _dari_name_end(text, head.end(), spec)
        if end is not None:
            spans.append((head.start(), end))
    for head in spec.pashto_heads.finditer(text):
        start = _pashto_name_start(text, head.start(), spec)
        if start is not None:
            spans.append((start, head.end()))
    spans.sort(key=lambda span: (span[0], -span[1]))
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if not _overlaps(start, end, taken) and not _overlaps(start, end, kept):
            kept.append((start, end))
    return kept


def _after_demonstrative(text: str, head_start: int, spec: _ArabicScriptPattern) -> bool:
    """Is the head noun at ``head_start`` right after a demonstrative ("این گروه")?"""
    words = text[max(0, head_start - 12):head_start].split()
    return bool(words) and _fold_word(words[-1]) in spec.demonstratives


_FOLD_PAIRS = tuple((chr(old), new) for old, new in _FOLD.items())  # no new character is itself folded


def normalise(text: str) -> tuple[str, str]:
    """Return (plain, folded): ``text`` with dashes, spaces and Arabic letter forms unified, and its lower case.

    Both have the same length as ``text``.
    """
    # str.replace per character runs in C; translate() with non-ASCII keys looks up a dict per character.
    plain = text
    for old, new in _FOLD_PAIRS:
        if old in plain:
            plain = plain.replace(old, new)
    folded = plain.lower()
    if len(folded) != len(plain):  # a few characters lower-case to two ("İ")
        folded = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in plain)
    return plain, folded


class ActorFinder:
    """Find actor mentions in text with one actor dictionary.

    Build once (building the automaton takes milliseconds) and reuse: ``find``
    is safe to call from many threads.
    """

    def __init__(self, dictionary: ActorDictionary | None = None) -> None:
        self.dictionary = dictionary if dictionary is not None else load_actor_dictionary("af")
        self._automaton = ahocorasick.Automaton()
        grouped: dict[str, list[ActorName]] = {}
        for entry in self.dictionary.names():
            _plain, key = normalise(entry.text.strip())
            if key:
                grouped.setdefault(key, []).append(entry)
        for key, entries in grouped.items():
            plain_forms = tuple(normalise(e.text.strip())[0] if e.case_sensitive else None for e in entries)
            # None when no entry is case-sensitive (most names): every entry is kept without a test.
            all_caseless = all(form is None for form in plain_forms)
            self._automaton.add_word(key, (len(key), tuple(entries), None if all_caseless else plain_forms))
        self._automaton.make_automaton()

    def find(self, text: str, on_date: dt.date | None = None) -> list[ActorMention]:
        """Return the actor mentions in ``text`` in order of position.

        ``on_date`` (the event or publication date) picks the actor and role a
        name refers to on that date; without it the latest role is used.
        """
        plain, folded = normalise(text)
        spans = [span for span in self._dictionary_spans(plain, folded) if not _inside_a_word(text, span[1])]
        mentions = [self._mention(text, start, end, entries, on_date) for start, end, entries in spans]
        mentions = _without_pashto_heads_of_longer_names(text, mentions)
        taken = [(m.start, m.end) for m in mentions]
        unknown = self._unknown_mentions(text) + self._arabic_script_mentions(text, taken)
        mentions.extend(m for m in unknown if not _overlaps(m.start, m.end, taken))
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _dictionary_spans(self, plain: str, folded: str) -> list[tuple[int, int, tuple[ActorName, ...]]]:
        candidates: list[tuple[int, int, tuple[ActorName, ...]]] = []
        for last, (length, entries, plain_forms) in self._automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if not _at_word_boundaries(folded, start, end):
                continue
            if plain_forms is None:
                kept = entries
            else:
                kept = tuple(e for e, form in zip(entries, plain_forms) if form is None or plain[start:end] == form)
            if kept:
                candidates.append((start, end, kept))
        # Longest names win ("Afghan and coalition forces" over "coalition forces"), then leftmost.
        candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
        chosen: list[tuple[int, int, tuple[ActorName, ...]]] = []
        taken: list[tuple[int, int]] = []
        for start, end, entries in candidates:
            if not _overlaps(start, end, taken):
                chosen.append((start, end, entries))
                taken.append((start, end))
        return chosen

    def _mention(self, text: str, start: int, end: int, entries: tuple[ActorName, ...], on_date: dt.date | None) -> ActorMention:
        actor_id = self._choose(entries, on_date)
        role = self.dictionary.role_on(actor_id, on_date, nearest=True)
        return ActorMention(start, end, text[start:end], actor_id, role.name, role.category)

    def _choose(self, entries: tuple[ActorName, ...], on_date: dt.date | None) -> str:
        """Pick the actor a name refers to: the one valid on the date, else the most general."""
        if len(entries) == 1:
            return entries[0].actor_id
        if on_date is not None:
            for entry in entries:
                if entry.covers(on_date) and self.dictionary.is_valid_on(entry.actor_id, on_date):
                    return entry.actor_id
            for entry in entries:
                if entry.covers(on_date):
                    return entry.actor_id
        for entry in entries:
            if entry.valid_from is None and entry.valid_until is None and self.dictionary.is_open_ended(entry.actor_id):
                return entry.actor_id
        return entries[-1].actor_id

    def _unknown_mentions(self, text: str) -> list[ActorMention]:
        spec = _unknown_pattern()
        found: list[ActorMention] = []
        if not spec.heads.search(text):
            return found  # a plain search for the head nouns is ~10x cheaper than the full pattern
        for match in spec.regex.finditer(text):
            start = match.start(1)
            words = match.group(1).split()
            # Drop sentence-initial words ("During", "The") that are capitalised but not part of the name.
            while words and words[0].lower() in spec.stopwords:
                start = text.index(words[0], start) + len(words[0])
                words.pop(0)
            if not words:
                continue
            while text[start].isspace():
                start += 1
            name = text[start : match.end()]
            found.append(ActorMention(start, match.end(), name, None, name, UNKNOWN_CATEGORY))
        return found

    @staticmethod
    def _arabic_script_mentions(text: str, taken: list[tuple[int, int]]) -> list[ActorMention]:
        return [ActorMention(start, end, text[start:end], None, text[start:end], UNKNOWN_CATEGORY)
                for start, end in arabic_script_organisations(text, taken)]


# After a zero-width non-joiner a word goes on ("آزادی‌بخش"), unless a suffix follows ("جبهه‌ی", "طالبان‌ها").
_ZWNJ_SUFFIX = re.compile("\u200c(?:\u06cc|\u0627\u06cc|\u0647\u0627|\u0647\u0627\u06cc)(?![\\w])")


def _inside_a_word(text: str, end: int) -> bool:
    """Does a name ending at ``end`` stop inside a word joined by a ZWNJ ("جبهه آزادی" in "جبهه آزادی‌بخش")?"""
    return end < len(text) and text[end] == "\u200c" and not _ZWNJ_SUFFIX.match(text, end)


def _without_pashto_heads_of_longer_names(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """Drop a Pashto dictionary name "د ... جبهې" that ends a longer genitive chain ("د اندراب د آزادۍ
    جبهې", another front): the unknown-organisation pattern names the whole chain."""
    pashto = [m for m in mentions if m.text.startswith("د ")]
    if not pashto:
        return mentions
    longer = arabic_script_organisations(text)
    return [m for m in mentions
            if not (m in pashto and any(start < m.start and end == m.end for start, end in longer))]


def _at_word_boundaries(folded: str, start: int, end: int) -> bool:
    before = folded[start - 1] if start > 0 else " "
    after = folded[end] if end < len(folded) else " "
    return not before.isalnum() and not after.isalnum()


def _overlaps(start: int, end: int, taken: Sequence[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in taken)


@lru_cache(maxsize=4)
def default_actor_finder(pack: str = "af") -> ActorFinder:
    """Return a shared ActorFinder for a data pack (built on first use)."""
    return ActorFinder(load_actor_dictionary(pack))
