"""Load and validate the casualty lexicon (data/numbers/casualty_lexicon.json).

Output: one immutable ``CasualtyLexicon`` holding word tables and the
precompiled trigger pattern that finds casualty verbs and nouns in a text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Mapping

import ahocorasick

from sitroom.errors import DataPackError
from sitroom.extract.numbers import _read_json, all_vague_phrases, number_words
from sitroom.extract.regex_needles import GatedPattern, _ascii_lookalikes

KINDS = ("killed", "injured", "detained", "released")
ROLES = ("active", "passive", "intransitive", "nominal", "possessed", "counted_nouns")
_WHERE = "numbers/casualty_lexicon.json"

PhraseTable = Mapping[str, tuple[tuple[str, ...], ...]]  # first word -> phrases as word tuples, longest first


@dataclass(frozen=True, slots=True)
class CasualtyLexicon:
    """Word tables for casualty extraction, with the compiled trigger pattern."""

    trigger_pattern: re.Pattern[str]
    triggers: "TriggerFinder"  # trigger_pattern's matches, found faster
    trigger_roles: Mapping[str, tuple[tuple[str, str], ...]]  # phrase -> ((kind, role), ...)
    victim_class: Mapping[str, str]  # victim noun (single word) -> class
    victim_phrases: PhraseTable  # multi-word victim nouns ("service members")
    pronouns: Mapping[str, int]
    pronoun_starts: frozenset[str]  # first words of ``pronouns`` (a cheap test before joining words)
    definite: frozenset[str]
    indefinite: frozenset[str]
    additive: frozenset[str]
    modifier_participles: frozenset[str]
    modifier_words: frozenset[str]  # modifier_participles and nouns that look like participles ("IED")
    stopwords: frozenset[str]
    negators: PhraseTable
    verb_negators: frozenset[str]
    adjacent_negators: frozenset[str]  # verb negators that negate only the word right after them ("without")
    auxiliaries: PhraseTable
    adverbs: frozenset[str]
    non_event_before: PhraseTable
    non_event_clause: GatedPattern  # gated: most clauses hold none of its words, and a search costs ~10 us
    aggregate: GatedPattern
    total_cues: re.Pattern[str]
    subset_cues: PhraseTable
    quantity_phrases: PhraseTable  # vague and fixed multi-word quantities ("a number of")
    quantity_prefixes: PhraseTable  # "at least", "more than" ...
    number_word_set: frozenset[str]
    plural_nouns: frozenset[str]
    postmodifier_starts: frozenset[str]
    non_event_phrases: frozenset[str]
    subset_phrases: frozenset[str]
    subset_words: frozenset[str]  # the one-word subset cues ("including", "among")
    vague_words: frozenset[str]  # words that make a count vague ("several", "dozens")
    cannot_start_phrase: frozenset[str]  # words no phrase naming people starts with ("in", "during")
    prepositions: frozenset[str]  # words whose object is never a verb's subject ("by", "in")
    clause_openers: frozenset[str]  # words that open a phrase before the subject ("In Kandahar, ...")
    combined_kinds: frozenset[tuple[str, str]]  # (kind, kind) pairs, both orders: "killed and wounded 20"
    joiners: frozenset[str]  # words joining two triggers that may share a figure ("and", "or")
    singular_auxiliaries: frozenset[str]  # "was", "is": a passive verb's subject is one person
    adjective_determiners: frozenset[str]  # before an active verb, it is an adjective ("the detained leader")
    finite_verbs: frozenset[str]  # they end a post-modifier ("were", "had")
    relative_pronouns: frozenset[str]  # they open a relative clause, whose finite verb is its own ("who")
    complementizers: frozenset[str]  # look like determiners, open a clause before a count ("that two ...")
    singular_counts: frozenset[str]  # counts of one a singular determiner takes ("this one")
    article_counts: frozenset[str]  # counts that are articles, no exact figure ("a Taliban leader")
    also_words: frozenset[str]  # near a verb: more people than already reported ("also killed")


def _strings(raw: dict[str, Any], key: str) -> list[str]:
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise DataPackError(f"{_WHERE}: {key!r} must be a list of non-empty strings")
    return [" ".join(item.lower().split()) for item in value]


def phrase_table(phrases: list[str] | tuple[str, ...]) -> PhraseTable:
    """Index phrases by first word so a token scanner can try them longest first."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in set(phrases):
        words = tuple(phrase.split())
        table.setdefault(words[0], []).append(words)
    return MappingProxyType({first: tuple(sorted(items, key=len, reverse=True)) for first, items in table.items()})


def _patterns(raw: dict[str, Any], key: str) -> tuple[re.Pattern[str], ...]:
    compiled = []
    for source in _strings_raw(raw, key):
        try:
            compiled.append(re.compile(source, re.IGNORECASE))
        except re.error as exc:
            raise DataPackError(f"{_WHERE}: {key} pattern {source!r} does not compile: {exc}") from exc
    return tuple(compiled)


def _joined(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """One pattern trying each of ``patterns`` (one search instead of several)."""
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE)


def _strings_raw(raw: dict[str, Any], key: str) -> list[str]:
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise DataPackError(f"{_WHERE}: {key!r} must be a list of non-empty strings")
    return value


def _triggers(kinds: Any) -> tuple[re.Pattern[str], Mapping[str, tuple[tuple[str, str], ...]]]:
    if not isinstance(kinds, dict) or set(kinds) != set(KINDS):
        raise DataPackError(f"{_WHERE}: 'kinds' must have exactly {', '.join(KINDS)}")
    roles: dict[str, list[tuple[str, str]]] = {}
    for kind in KINDS:
        table = kinds[kind]
        if not isinstance(table, dict) or set(table) != set(ROLES):
            raise DataPackError(f"{_WHERE}: kinds.{kind} must have exactly {', '.join(ROLES)}")
        for role in ROLES:
            for phrase in table[role]:
                if not isinstance(phrase, str) or not phrase.strip():
                    raise DataPackError(f"{_WHERE}: kinds.{kind}.{role} has an empty or non-string entry")
                roles.setdefault(" ".join(phrase.lower().split()), []).append((kind, role))
    pattern = re.compile(rf"(?<![\w\-])(?:{_trie_pattern(list(roles))})(?![\w\-])", re.IGNORECASE)
    return pattern, MappingProxyType({phrase: tuple(items) for phrase, items in roles.items()})


def _trie_pattern(phrases: list[str]) -> str:
    """Return a regular expression matching any of ``phrases``, factored as a character trie.

    A flat alternation of a hundred words is tried word by word at every position;
    the trie form lets the engine reject most positions after one character.
    """
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_node(trie)


def _trie_node(node: dict[str, Any]) -> str:
    ends_here = "" in node
    branches = [(r"\s+" if char == " " else re.escape(char)) + _trie_node(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends_here else body


class TriggerFinder:
    """Finds the matches of the trigger pattern, trying it only where a trigger word starts.

    ``pattern.finditer`` tries the whole trie at every character, the largest part of a
    document's casualty work when few sentences report any. One Aho-Corasick pass over the
    lower-cased text finds the few places a match can start (where the first word of a
    trigger phrase occurs); ``pattern.match`` there returns the same matches, since its
    look-behind still sees the text before the position.
    """

    def __init__(self, pattern: re.Pattern[str], phrases: list[str]) -> None:
        self.pattern = pattern
        firsts = {phrase.split(" ")[0] for phrase in phrases}
        # a word that starts with another trigger's first word adds no starting position
        needles = {word for word in firsts if not any(word != other and word.startswith(other) for other in firsts)}
        self._automaton: Any = None  # None: needles not plain ASCII, always search the whole text
        if needles and all(word.isascii() and word.islower() for word in needles):
            self._automaton = ahocorasick.Automaton()
            for word in needles:
                self._automaton.add_word(word, 1 - len(word))  # end index + this = start index
            self._automaton.make_automaton()

    def finditer(self, text: str) -> list[re.Match[str]]:
        """Return ``list(pattern.finditer(text))``."""
        lowered = text.lower()
        # Lower-casing must keep offsets and agree with re.IGNORECASE (no dotted I, Kelvin sign ...).
        if self._automaton is None or len(lowered) != len(text) or _ascii_lookalikes().search(text):
            return list(self.pattern.finditer(text))
        found: list[re.Match[str]] = []
        resume = 0  # finditer's matches do not overlap: the next one starts after the last
        for start in sorted(set(map(sum, self._automaton.iter(lowered)))):  # map(sum) adds in C
            if start >= resume:
                match = self.pattern.match(text, start)
                if match is not None:
                    found.append(match)
                    resume = match.end()
        return found


def _victims(raw: Any) -> tuple[Mapping[str, str], PhraseTable]:
    if not isinstance(raw, dict) or not raw:
        raise DataPackError(f"{_WHERE}: 'victims' must map classes to noun lists")
    single: dict[str, str] = {}
    multi: list[str] = []
    for victim_class, nouns in raw.items():
        for noun in _strings({"nouns": nouns}, "nouns"):
            if " " in noun:
                multi.append(noun)
                single.setdefault(noun, victim_class)
            else:
                single.setdefault(noun, victim_class)
    return MappingProxyType(single), phrase_table(multi)


def _kind_pairs(raw: Any) -> frozenset[tuple[str, str]]:
    """Validate 'combined_kinds' (pairs of distinct kinds) and return them in both orders."""
    if not isinstance(raw, list) or not all(
        isinstance(pair, list) and len(pair) == 2 and set(pair) <= set(KINDS) and pair[0] != pair[1] for pair in raw
    ):
        raise DataPackError(f"{_WHERE}: 'combined_kinds' must be a list of pairs of distinct kinds ({', '.join(KINDS)})")
    return frozenset((first, second) for a, b in raw for first, second in ((a, b), (b, a)))


def _phrase_starters(raw: dict[str, Any], fixed: list[str], pronouns: list[str]) -> set[str]:
    """Words a phrase naming people can start with although they are stopwords ("the", "no", "some")."""
    starters = (
        set(_strings(raw, "definite_determiners")) | set(_strings(raw, "indefinite_determiners"))
        | {phrase.split()[0] for phrase in _strings(raw, "negators") + _strings(raw, "quantity_prefixes")}
        | {phrase.split()[0] for phrase in list(all_vague_phrases()) + fixed + pronouns}
        | {"all", "both", "each"}
    )
    return {word.lower() for word in starters}


# Lexicon fields read as a plain word set / a phrase table from the data file's key of this name.
WORD_SET_KEYS: dict[str, str] = {
    "definite": "definite_determiners",
    "indefinite": "indefinite_determiners",
    "additive": "additive_words",
    "modifier_participles": "modifier_participles",
    "verb_negators": "verb_negators",
    "adjacent_negators": "adjacent_negators",
    "adverbs": "adverbs",
    "plural_nouns": "plural_nouns",
    "postmodifier_starts": "postmodifier_starts",
    "non_event_phrases": "non_event_before",
    "subset_phrases": "subset_cues",
    "prepositions": "prepositions",
    "joiners": "joiners",
    "singular_auxiliaries": "singular_auxiliaries",
    "adjective_determiners": "adjective_determiners",
    "finite_verbs": "finite_verbs",
    "relative_pronouns": "relative_pronouns",
    "complementizers": "complementizers",
    "singular_counts": "singular_counts",
    "article_counts": "article_counts",
    "also_words": "also_words",
}
PHRASE_TABLE_KEYS: dict[str, str] = {
    "negators": "negators",
    "auxiliaries": "auxiliaries",
    "non_event_before": "non_event_before",
    "subset_cues": "subset_cues",
    "quantity_prefixes": "quantity_prefixes",
}


@lru_cache(maxsize=1)
def load_lexicon() -> CasualtyLexicon:
    """Load, validate and compile the casualty lexicon (cached)."""
    raw = _read_json("casualty_lexicon.json")
    pattern, roles = _triggers(raw.get("kinds"))
    victim_class, victim_phrases = _victims(raw.get("victims"))
    pronouns = raw.get("pronouns")
    if not isinstance(pronouns, dict) or not all(isinstance(v, int) and v >= 0 for v in pronouns.values()):
        raise DataPackError(f"{_WHERE}: 'pronouns' must map pronouns to counts (0 = unknown plural)")
    words = number_words()
    fixed = list(words.fixed)
    stopwords = frozenset(_strings(raw, "modifier_stopwords"))
    vague_glue = frozenset(_strings(raw, "vague_glue"))
    return CasualtyLexicon(
        **{field: frozenset(_strings(raw, key)) for field, key in WORD_SET_KEYS.items()},
        **{field: phrase_table(_strings(raw, key)) for field, key in PHRASE_TABLE_KEYS.items()},
        trigger_pattern=pattern,
        triggers=TriggerFinder(pattern, list(roles)),
        trigger_roles=roles,
        victim_class=victim_class,
        victim_phrases=victim_phrases,
        pronouns=MappingProxyType({key.lower(): value for key, value in pronouns.items()}),
        pronoun_starts=frozenset(key.lower().split(" ")[0] for key in pronouns),
        modifier_words=frozenset(_strings(raw, "modifier_participles") + _strings(raw, "participle_like_nouns")),
        stopwords=stopwords,
        non_event_clause=GatedPattern(_joined(_patterns(raw, "non_event_clause_patterns"))),
        aggregate=GatedPattern(_joined(_patterns(raw, "aggregate_patterns"))),
        total_cues=re.compile(rf"\b(?:{_trie_pattern(_strings(raw, 'total_cues'))})\b", re.IGNORECASE),
        quantity_phrases=phrase_table(list(all_vague_phrases()) + fixed),
        number_word_set=frozenset(words.additive) | frozenset(words.scales),
        subset_words=frozenset(cue for cue in _strings(raw, "subset_cues") if " " not in cue),
        vague_words=frozenset(
            word for phrase in all_vague_phrases() for word in phrase.split() if word not in vague_glue
        ),
        cannot_start_phrase=frozenset(stopwords - _phrase_starters(raw, fixed, list(pronouns))),
        clause_openers=frozenset(_strings(raw, "prepositions") + _strings(raw, "clause_openers")),
        combined_kinds=_kind_pairs(raw.get("combined_kinds")),
    )
