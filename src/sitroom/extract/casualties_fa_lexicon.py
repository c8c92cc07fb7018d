"""Load and validate the Dari/Pashto casualty lexicon (data/numbers/casualty_lexicon_fa_ps.json).

Every word is folded as the text is before matching (``ScriptLexicon.fold``: Arabic letter
forms to Persian ones, the zero-width non-joiner to a space, diacritics dropped), so "شده‌اند"
and "شده اند", "يک" and "یک" are one entry. Output: one immutable ``ScriptLexicon``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Mapping

from sitroom.errors import DataPackError
from sitroom.extract.casualties_lexicon import KINDS, PhraseTable, phrase_table
from sitroom.extract.numbers import _read_json, number_words

_WHERE = "numbers/casualty_lexicon_fa_ps.json"
MARKS = dict.fromkeys([*range(0x064B, 0x0660), 0x0670, 0x0640])  # diacritics and tatweel: dropped from words


@dataclass(frozen=True, slots=True)
class ScriptLexicon:
    """Dari and Pashto word tables, folded like the text (see ``fold``)."""

    fold: Mapping[int, str]  # str.translate table: same length, letter forms unified, ZWNJ a space
    participles: Mapping[str, str]  # participle -> kind
    bare_active: frozenset[str]
    whole_verbs: PhraseTable  # active and intransitive verb phrases
    whole_roles: Mapping[tuple[str, ...], tuple[str, str]]  # phrase words -> (kind, role)
    passive_auxiliaries: PhraseTable
    active_auxiliaries: PhraseTable
    combined: frozenset[tuple[str, str]]
    counters: frozenset[str]
    people: Mapping[str, str]  # noun -> victim class
    people_phrases: PhraseTable  # multi-word nouns ("افراد مسلح")
    suffixes: tuple[str, ...]  # longest first
    pronouns: Mapping[str, int]
    demonstratives: frozenset[str]
    object_marker: str
    joiners: frozenset[str]
    numbers: Mapping[str, int]  # folded number words (units, tens, one-word fixed values)
    scales: Mapping[str, int]
    prefixes: PhraseTable
    prefix_english: Mapping[tuple[str, ...], str]
    vague: PhraseTable
    vague_english: Mapping[tuple[str, ...], str]
    additive: frozenset[str]
    agent_markers: PhraseTable
    boundaries: frozenset[str]
    time_openers: frozenset[str]  # "صبح روز دوشنبه": time words before a clause's subject
    aggregate: re.Pattern[str]
    total_cues: re.Pattern[str]
    subset_cues: PhraseTable
    verb_firsts: frozenset[str]  # first words of every verb entry (a cheap test per token)
    verb_needles: re.Pattern[str]  # finds any of ``verb_firsts`` as a substring (a cheap test per sentence)
    needle_letters: tuple[str, ...]  # every verb's first word holds one (in any letter form)


def _fold_table(raw: Any) -> dict[int, str]:
    if not isinstance(raw, dict) or not all(isinstance(k, str) and isinstance(v, str) and len(k) == len(v) == 1
                                            for k, v in raw.items()):
        raise DataPackError(f"{_WHERE}: 'letter_forms' must map single letters to single letters")
    table = {ord(key): value for key, value in raw.items()}
    table[0x200C] = " "  # the zero-width non-joiner: "شده‌اند" is "شده اند"
    return table


def _words(raw: dict[str, Any], key: str, fold: Mapping[int, str], where: str = "") -> list[str]:
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise DataPackError(f"{_WHERE}: {where or key!r} must be a list of non-empty strings")
    return [_folded(item, fold) for item in value]


def _folded(phrase: str, fold: Mapping[int, str]) -> str:
    return " ".join(phrase.translate(fold).translate(MARKS).split())


def _english_map(raw: Any, key: str, fold: Mapping[int, str]) -> dict[tuple[str, ...], str]:
    if not isinstance(raw, dict) or not all(isinstance(v, str) and v for v in raw.values()):
        raise DataPackError(f"{_WHERE}: {key!r} must map phrases to English phrases")
    return {tuple(_folded(phrase, fold).split()): english for phrase, english in raw.items()}


_VERB_KEYS = frozenset({"participles", "active_verbs", "intransitive_verbs", "bare_active"})


def _verbs(
    raw: Any, fold: Mapping[int, str]
) -> tuple[dict[str, str], set[str], dict[tuple[str, ...], tuple[str, str]]]:
    """(participle -> kind, bare Pashto actives, whole verb phrase -> (kind, role)) from 'kinds'."""
    if not isinstance(raw, dict) or set(raw) != set(KINDS):
        raise DataPackError(f"{_WHERE}: 'kinds' must have exactly {', '.join(KINDS)}")
    participles: dict[str, str] = {}
    bare: set[str] = set()
    whole: dict[tuple[str, ...], tuple[str, str]] = {}
    for kind in KINDS:
        table = raw[kind]
        if not isinstance(table, dict) or set(table) != _VERB_KEYS:
            raise DataPackError(f"{_WHERE}: kinds.{kind} must have exactly {', '.join(sorted(_VERB_KEYS))}")
        for word in _words(table, "participles", fold, f"kinds.{kind}.participles"):
            participles[word] = kind
        bare.update(_words(table, "bare_active", fold, f"kinds.{kind}.bare_active"))
        for role, key in (("object", "active_verbs"), ("subject", "intransitive_verbs")):
            for phrase in _words(table, key, fold, f"kinds.{kind}.{key}"):
                whole[tuple(phrase.split())] = (kind, role)
    if not bare <= participles.keys():
        raise DataPackError(f"{_WHERE}: every 'bare_active' word must be a participle of its kind")
    return participles, bare, whole


def _people(raw: Any, fold: Mapping[int, str]) -> dict[str, str]:
    if not isinstance(raw, dict) or not raw:
        raise DataPackError(f"{_WHERE}: 'people' must map victim classes to noun lists")
    nouns: dict[str, str] = {}
    for victim_class in raw:
        for noun in _words(raw, victim_class, fold, f"people.{victim_class}"):
            nouns.setdefault(noun, victim_class)
    return nouns


def _numbers(fold: Mapping[int, str]) -> tuple[dict[str, int], dict[str, int]]:
    """Every language's one-word numbers and scales, folded like the text."""
    words = number_words()
    additive = {_folded(word, fold): value for word, value in words.additive.items() if " " not in word}
    return additive, {_folded(word, fold): value for word, value in words.scales.items()}


def _regex(raw: dict[str, Any], key: str, fold: Mapping[int, str], escape: bool) -> re.Pattern[str]:
    items = _words(raw, key, fold)
    try:
        return re.compile("|".join(f"(?:{re.escape(item) if escape else item})" for item in items))
    except re.error as exc:
        raise DataPackError(f"{_WHERE}: {key} does not compile: {exc}") from exc


@lru_cache(maxsize=1)
def load_script_lexicon() -> ScriptLexicon:
    """Load, validate and fold the Dari/Pashto casualty lexicon (cached)."""
    raw = _read_json("casualty_lexicon_fa_ps.json")
    fold = _fold_table(raw.get("letter_forms"))
    participles, bare, whole = _verbs(raw.get("kinds"), fold)
    people = _people(raw.get("people"), fold)
    pronouns = raw.get("pronouns")
    if not isinstance(pronouns, dict) or not all(isinstance(v, int) and v >= 0 for v in pronouns.values()):
        raise DataPackError(f"{_WHERE}: 'pronouns' must map pronouns to counts (0 = unknown plural)")
    combined = raw.get("combined_kinds")
    if not isinstance(combined, list) or not all(isinstance(p, list) and len(p) == 2 and set(p) <= set(KINDS)
                                                 for p in combined):
        raise DataPackError(f"{_WHERE}: 'combined_kinds' must be a list of pairs of kinds")
    marker = raw.get("object_marker")
    if not isinstance(marker, str) or not marker.strip():
        raise DataPackError(f"{_WHERE}: 'object_marker' must be a word")
    prefixes = _english_map(raw.get("quantity_prefixes"), "quantity_prefixes", fold)
    vague = _english_map(raw.get("vague"), "vague", fold)
    numbers, scales = _numbers(fold)
    passive, active = _words(raw, "passive_auxiliaries", fold), _words(raw, "active_auxiliaries", fold)
    return ScriptLexicon(
        fold=MappingProxyType(fold),
        participles=MappingProxyType(participles),
        bare_active=frozenset(bare),
        whole_verbs=phrase_table([" ".join(words) for words in whole]),
        whole_roles=MappingProxyType(whole),
        passive_auxiliaries=phrase_table(passive),
        active_auxiliaries=phrase_table(active),
        combined=frozenset((a, b) for first, second in combined for a, b in ((first, second), (second, first))),
        counters=frozenset(_words(raw, "counters", fold)),
        people=MappingProxyType({noun: c for noun, c in people.items() if " " not in noun}),
        people_phrases=phrase_table([noun for noun in people if " " in noun]),
        suffixes=tuple(sorted(_words(raw, "noun_suffixes", fold), key=len, reverse=True)),
        pronouns=MappingProxyType({_folded(k, fold): v for k, v in pronouns.items()}),
        demonstratives=frozenset(_words(raw, "demonstratives", fold)),
        object_marker=_folded(marker, fold),
        joiners=frozenset(_words(raw, "numbers_joiners", fold)),
        numbers=MappingProxyType(numbers),
        scales=MappingProxyType(scales),
        prefixes=phrase_table([" ".join(words) for words in prefixes]),
        prefix_english=MappingProxyType(prefixes),
        vague=phrase_table([" ".join(words) for words in vague]),
        vague_english=MappingProxyType(vague),
        additive=frozenset(_words(raw, "additive_words", fold)),
        agent_markers=phrase_table(_words(raw, "agent_markers", fold)),
        boundaries=frozenset(_words(raw, "clause_boundaries", fold) + passive + active),
        time_openers=frozenset(_words(raw, "time_openers", fold)),
        aggregate=_regex(raw, "aggregate_patterns", fold, escape=False),
        total_cues=_regex(raw, "total_cues", fold, escape=True),
        subset_cues=phrase_table(_words(raw, "subset_cues", fold)),
        verb_firsts=frozenset(participles) | frozenset(words[0] for words in whole),
        verb_needles=re.compile("|".join(map(re.escape, sorted(set(participles) | {w[0] for w in whole},
                                                               key=len, reverse=True)))),
        needle_letters=_needle_letters(set(participles) | {words[0] for words in whole}, fold),
    )


def _needle_letters(words: set[str], fold: Mapping[int, str]) -> tuple[str, ...]:
    """A few letters such that every word of ``words`` holds one, with every letter form that
    folds to them: a text holding none of them can hold no casualty verb (``str.find`` per
    letter is far cheaper than a regular-expression scan for Arabic script)."""
    forms: dict[str, set[str]] = {}  # folded letter -> the letters of the text that fold to it
    for code, folded in fold.items():
        forms.setdefault(folded, {folded}).add(chr(code))
    chosen: set[str] = set()
    left = set(words)
    while left:  # greedy: the letter holding most words left per letter form to look for
        counts: dict[str, int] = {}
        for word in left:
            for letter in set(word):
                counts[letter] = counts.get(letter, 0) + 1
        best = max(sorted(counts), key=lambda letter: counts[letter] / len(forms.get(letter, (letter,))))
        chosen |= forms.get(best, {best})
        left = {word for word in left if best not in word}
    return tuple(sorted(chosen))
