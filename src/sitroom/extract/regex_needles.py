"""Cheap prefilters for case-insensitive regular expressions: the substrings every match must hold.

``required_substrings(pattern)`` reads a compiled pattern and returns the ways
a match can be made, each a tuple of needle sets: every match contains, for
one of the ways, a needle of each of its sets. ``NeedleScanner`` finds the
needles a lower-cased text holds in one Aho-Corasick pass; ``SubstringPrefilter``
then tells which patterns may match, far cheaper than one regex pass per
pattern, so most texts need no regex at all. ``NarrowedAlternations`` cuts an
alternation to the branches that may match and ``finditer_branches`` searches
with those alone; ``GatedPattern`` skips a search whose needles are missing.
The answers are necessary conditions only: a pattern kept may still fail to
match, but a pattern dropped can never match, so results never change.
"""

from __future__ import annotations

import re
import re._parser as _parser  # no public API exposes a pattern's structure; any failure disables filtering
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from operator import itemgetter

import ahocorasick

Requirement = tuple[frozenset[str], ...]  # one needle of every set must occur

_MIN_NEEDLE = 3  # shorter needles occur in nearly every sentence
_MAX_VARIANTS = 24  # cap on the spellings a run of fixed text is expanded into ("kill(?:ed|ing)s?")
_ZERO_WIDTH = (_parser.AT, _parser.ASSERT, _parser.ASSERT_NOT)
_second = itemgetter(1)
_MAX_SEPARATE_BRANCHES = 6  # NarrowedAlternations: more possible branches than this search as one pattern
_REPEATS = (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT)


def required_substrings(pattern: re.Pattern[str]) -> list[Requirement] | None:
    """Return the ways a match of ``pattern`` can be made (lower-cased needle sets), or None if unknown."""
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        alternatives = _alternatives(list(parsed))
    except Exception:  # a private parser may change between Python versions: then no prefilter
        return None
    ways = []
    for alternative in alternatives:
        requirement = tuple(needles for needles in _sequence_requirement(alternative) if _caseless_safe(needles))
        if not requirement:
            return None  # this way of matching needs no particular text
        ways.append(requirement)
    return ways


# How many distinct needle sets a prefilter remembers the answer for.
_ANSWER_CACHE = 20_000


class SubstringPrefilter:
    """Tells which of several patterns may match a text, from one scan for their needles."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self._count = len(patterns)
        all_ways = [required_substrings(pattern) for pattern in patterns]
        self._always = frozenset(position for position, ways in enumerate(all_ways) if ways is None)
        # Needle sets and ways are numbered so that testing a way is one frozenset subset test.
        set_ids: dict[frozenset[str], int] = {}
        self._ways: list[tuple[int, frozenset[int]]] = []  # (pattern position, ids of its needle sets)
        sets_with: dict[str, set[int]] = {}
        ways_with: dict[str, set[int]] = {}
        for position, ways in enumerate(all_ways):
            for way in ways or ():
                ids = frozenset(set_ids.setdefault(needles, len(set_ids)) for needles in way)
                for needles in way:
                    for needle in needles:
                        sets_with.setdefault(needle, set()).add(set_ids[needles])
                        ways_with.setdefault(needle, set()).add(len(self._ways))
                self._ways.append((position, ids))
        self._sets_with = {needle: frozenset(ids) for needle, ids in sets_with.items()}
        self._needles = frozenset(sets_with)
        # A way of one needle set is met by any of its needles: those give their patterns directly.
        self._direct = {needle: frozenset(self._ways[way][0] for way in ways if len(self._ways[way][1]) == 1)
                        for needle, ways in ways_with.items()}
        # A way of several sets is looked at only when its most selective set is met ("in " is
        # everywhere; "airstrike" is not), then tested whole.
        needles_of = {number: needles for needles, number in set_ids.items()}
        multi_with: dict[str, set[int]] = {needle: set() for needle in sets_with}
        for way, (_position, ids) in enumerate(self._ways):
            if len(ids) > 1:
                key = max(ids, key=lambda number: (min(map(len, needles_of[number])), -len(needles_of[number])))
                for needle in needles_of[key]:
                    multi_with[needle].add(way)
        self._multi_with = {needle: frozenset(ways) for needle, ways in multi_with.items()}
        self._leads_multi = frozenset(needle for needle, ways in multi_with.items() if ways)
        self._sorted_always = sorted(self._always)
        self._answers: dict[frozenset[str], tuple[int, ...]] = {}  # own needles -> possible_given
        self._scanner = NeedleScanner(sets_with)

    @property
    def needles(self) -> frozenset[str]:
        """Every needle of the patterns (a NeedleScanner over a superset serves ``possible_given``)."""
        return self._needles

    def scan(self, text: str) -> set[str] | None:
        """Return the needles ``text`` holds (see NeedleScanner.scan)."""
        return self._scanner.scan(text)

    def possible(self, text: str) -> list[int]:
        """Return the positions (ascending) of the patterns that may match ``text``."""
        return self.possible_given(self._scanner.scan(text))

    def possible_given(self, present: set[str] | None) -> list[int]:
        """Return the positions (ascending) of the patterns with a way whose needle sets all meet ``present``.

        ``present``: the needles a text holds (others than this prefilter's are ignored), or
        None when unknown (every pattern is possible).
        """
        if present is None:
            return list(range(self._count))
        own = self._needles.intersection(present)
        if not own:
            return self._sorted_always.copy()
        known = self._answers.get(own)  # sentences of one kind of report hold the same few needles
        if known is None:
            if len(self._answers) >= _ANSWER_CACHE:
                self._answers.clear()
            known = self._answers[own] = self._possible_for(own)
        return list(known)

    def _possible_for(self, own: frozenset[str]) -> tuple[int, ...]:
        possible = set(self._always).union(*map(self._direct.__getitem__, own))
        # Most needles lead no way of several sets: then there is nothing more to test.
        multi = () if own.isdisjoint(self._leads_multi) else frozenset().union(*map(self._multi_with.__getitem__, own))
        if multi:
            met = frozenset().union(*map(self._sets_with.__getitem__, own))
            for way in multi:
                position, required = self._ways[way]
                if position not in possible and required <= met:
                    possible.add(position)
        return tuple(sorted(possible))


class NeedleScanner:
    """Finds which of a set of lower-case needles occur in a text, in one Aho-Corasick pass.

    A regex alternation of the needles tried at each position costs several times more.
    """

    def __init__(self, needles: Iterable[str]) -> None:
        self.needles = frozenset(needles)
        self._automaton = ahocorasick.Automaton()
        for needle in self.needles:
            self._automaton.add_word(needle, needle)
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def scan(self, text: str) -> set[str] | None:
        """Return the needles ``text`` holds, case ignored; None when that cannot be told by lower-casing.

        Lower-casing agrees with re.IGNORECASE except for a few non-ASCII look-alikes of
        ASCII letters (dotted I, Kelvin sign, ...): a text holding one gets None.
        """
        if _ascii_lookalikes().search(text):
            return None
        if self._empty:
            return set()
        return set(map(_second, self._automaton.iter(text.lower())))  # map() keeps the loop in C

    @staticmethod
    def lowered(text: str) -> str | None:
        """``text`` lower-cased for ``scan_slice``; None when its slices must be scanned one by one.

        Lower-casing a whole document once and scanning slices of it costs less than
        lower-casing and checking every sentence. It serves when lower-casing keeps every
        character's offset and the text holds none of the look-alikes that make ``scan`` answer None.
        """
        if _ascii_lookalikes().search(text):
            return None
        lowered = text.lower()
        return lowered if len(lowered) == len(text) else None

    def scan_slice(self, lowered: str | None, text: str, start: int, end: int) -> set[str] | None:
        """``scan(text[start:end])``, given ``lowered(text)``."""
        if lowered is None:
            return self.scan(text[start:end])
        if self._empty:
            return set()
        # Needles are ASCII or caseless, so a slice of the lowered text finds the same ones as the
        # lowered slice (only Greek final sigma lowers differently by context).
        return set(map(_second, self._automaton.iter(lowered, start, end)))


class GatedPattern:
    """A pattern whose ``search`` first checks, by needles, that the text can hold a match."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._prefilter = SubstringPrefilter([pattern])

    def search(self, text: str) -> re.Match[str] | None:
        """``pattern.search(text)``, skipped (None) when a needle every match holds is missing."""
        return self.pattern.search(text) if self._prefilter.possible(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``, skipped (no matches) when a needle every match holds is missing."""
        return self.pattern.finditer(text) if self._prefilter.possible(text) else iter(())


class NarrowedAlternations:
    """Several alternations, each searched with only the branches a text can match.

    An alternation is given as its branches that start at a word boundary (a shared
    leading \\b is hoisted, as in ``\\b(?:a|b)|c``) and the others. A branch whose needles
    are missing from a text cannot match anywhere in it, so leaving it out changes no
    match; ``finditer_branches`` then finds exactly the alternation's matches with a few
    short patterns, several times faster than the whole alternation. One needle scan
    serves all the alternations.
    """

    def __init__(self, alternations: Sequence[tuple[Sequence[str], Sequence[str]]], flags: int) -> None:
        self._branches: list[tuple[int, re.Pattern[str]]] = [  # (alternation number, compiled branch)
            (number, re.compile(f"\\b{branch}" if at_word else branch, flags))
            for number, (word_branches, other_branches) in enumerate(alternations)
            for at_word, branches in ((True, word_branches), (False, other_branches))
            for branch in branches
        ]
        self._count = len(alternations)
        self._prefilter = SubstringPrefilter([pattern for _, pattern in self._branches])
        self._full = [join_branches(*alternation, flags) for alternation in alternations]
        # A branch that can match the empty string would need finditer's empty-match rules: such an
        # alternation is always searched whole, as one pattern.
        self._whole = {
            number for number, pattern in self._branches if _parser.parse(pattern.pattern, flags).getwidth()[0] == 0
        }

    @property
    def needles(self) -> frozenset[str]:
        return self._prefilter.needles

    def narrowed(self, text: str) -> list[tuple[re.Pattern[str], ...]]:
        """Return for each alternation the branches (in order) that may match ``text``; () when none may."""
        return self.narrowed_given(self._prefilter.scan(text))

    def narrowed_given(self, present: set[str] | None) -> list[tuple[re.Pattern[str], ...]]:
        """``narrowed`` for a text holding the needles ``present`` (None: unknown)."""
        kept: list[list[re.Pattern[str]]] = [[] for _ in range(self._count)]
        for position in self._prefilter.possible_given(present):
            number, pattern = self._branches[position]
            kept[number].append(pattern)
        for number, patterns in enumerate(kept):
            # Each branch searches the text on its own: past a few, one pass of the whole alternation is cheaper.
            if number in self._whole or len(patterns) > _MAX_SEPARATE_BRANCHES:
                kept[number] = [self._full[number]]
        return [tuple(patterns) for patterns in kept]


def finditer_branches(branches: Sequence[re.Pattern[str]], text: str) -> Iterator[re.Match[str]]:
    """Yield the matches ``re.finditer`` of the alternation ``branches[0]|branches[1]|...`` would.

    At the leftmost position where some branch matches, the first such branch wins, and the
    scan goes on after its match. No branch may match the empty string.
    """
    if len(branches) == 1:
        yield from branches[0].finditer(text)
        return
    position = 0
    while True:
        best = None
        for pattern in branches:
            match = pattern.search(text, position)
            if match is not None and (best is None or match.start() < best.start()):
                best = match
        if best is None:
            return
        yield best
        position = best.end()


def join_branches(at_word: Sequence[str], anywhere: Sequence[str], flags: int) -> re.Pattern[str]:
    """Compile ``\\b(?:at_word...)|anywhere...``: a shared leading \\b lets the engine skip mid-word positions."""
    branches = ([f"\\b(?:{'|'.join(at_word)})"] if at_word else []) + list(anywhere)
    return re.compile("|".join(branches), flags)


def trie_pattern(words: Iterable[str], *, caseless: bool = False) -> str:
    """A regex matching any of ``words`` (taken literally), shaped as a character trie.

    The engine tries a flat alternation word by word; the trie rejects most positions after
    one character. Where several words fit, the longest is preferred, as in a longest-first
    alternation (a word's continuations are tried before the word itself).
    ``caseless``: match as ``(?i:...)`` would, for words folded to lower case, but with
    case-sensitive character classes ("[aA]"): the engine skips a branch whose first
    class misses the next character without entering it, which it cannot do for
    case-insensitive letters (about twice as fast where tried at every word).
    """
    root: dict = {}
    for word in words:
        node = root
        for char in word.lower() if caseless else word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_node(root, _caseless_char if caseless else re.escape)


def _trie_node(node: dict, spell) -> str:
    branches = [spell(char) + _trie_node(child, spell) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


def _caseless_char(char: str) -> str:
    """A character class of the characters re.IGNORECASE equates with ``char`` ("k": "[Kk\u212a]")."""
    if char.lower() == char.upper():
        return re.escape(char)
    if not char.isascii():
        return f"(?i:{re.escape(char)})"
    return "[" + "".join(sorted(caseless_variants(char))) + "]"


def caseless_variants(char: str) -> set[str]:
    """The characters re.IGNORECASE equates with ``char`` ("k": "k", "K" and the Kelvin sign)."""
    if char.lower() == char.upper():
        return {char}
    if char.isascii():
        others = _ascii_lookalike_chars()
    else:  # rare (no packaged word starts so): ask the engine about every character
        others = (chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
    pattern = re.compile(re.escape(char), re.IGNORECASE)
    return {char.lower(), char.upper()} | {other for other in others if pattern.fullmatch(other)}


@lru_cache(maxsize=1)
def _ascii_lookalike_chars() -> str:
    """The non-ASCII characters re.IGNORECASE equates with an ASCII letter (four in Python 3.11)."""
    others = "".join(chr(code) for code in range(128, 0x110000) if not 0xD800 <= code < 0xE000)
    return "".join(sorted(set(re.findall("[a-z]", others, re.IGNORECASE))))


@lru_cache(maxsize=1)
def _ascii_lookalikes() -> re.Pattern[str]:
    """Match the characters of ``_ascii_lookalike_chars``."""
    return re.compile("[" + _ascii_lookalike_chars() + "]")


def _alternatives(items: list) -> list[list]:
    """Split a top-level alternation (also inside one group, beside zero-width \\b) into its branches."""
    solid = [(op, argument) for op, argument in items if op not in _ZERO_WIDTH]
    if len(solid) == 1 and solid[0][0] is _parser.SUBPATTERN:
        return _alternatives(list(solid[0][1][3]))
    if len(solid) == 1 and solid[0][0] is _parser.BRANCH:
        return [alternative for branch in solid[0][1][1] for alternative in _alternatives(list(branch))]
    return [items]


def _sequence_requirement(items: list) -> Requirement:
    """Needle sets every match of a sequence holds: its runs of fixed text and its groups' needles."""
    sets: list[frozenset[str]] = []
    run: set[str] = {""}  # the spellings the current run of fixed text can take
    for op, argument in items:
        exact = _exact_strings(op, argument)
        if exact is not None and len(run) * len(exact) <= _MAX_VARIANTS:
            run = {left + right for left in run for right in exact}
            continue
        _close_run(run, sets)
        run = set(exact) if exact is not None else {""}
        if exact is None and (needles := _item_needles(op, argument)) is not None:
            sets.append(needles)
    _close_run(run, sets)
    return tuple(sets)


def _close_run(run: set[str], sets: list[frozenset[str]]) -> None:
    if min(map(len, run)) >= _MIN_NEEDLE:
        sets.append(_minimal(frozenset(spelling.lower() for spelling in run)))


def _exact_strings(op, argument) -> set[str] | None:
    """All the texts one parsed item can match, when they are few and fixed ("s?", "[ae]", "(?:ed|ing)")."""
    if op is _parser.LITERAL:
        return {chr(argument)}
    if op in _ZERO_WIDTH:
        return {""}
    if op is _parser.IN and all(member_op is _parser.LITERAL for member_op, _ in argument):
        return {chr(code) for _, code in argument}
    if op is _parser.SUBPATTERN:
        return _exact_sequence(list(argument[3]))
    if op is _parser.BRANCH:
        branches = [_exact_sequence(list(branch)) for branch in argument[1]]
        return None if any(branch is None for branch in branches) else set().union(*branches)
    if op in _REPEATS and argument[1] <= 1:
        body = _exact_sequence(list(argument[2]))
        return None if body is None else body | ({""} if argument[0] == 0 else set())
    return None


def _exact_sequence(items: list) -> set[str] | None:
    texts = {""}
    for op, argument in items:
        exact = _exact_strings(op, argument)
        if exact is None or len(texts) * len(exact) > _MAX_VARIANTS:
            return None
        texts = {left + right for left in texts for right in exact}
    return texts


def _item_needles(op, argument) -> frozenset[str] | None:
    """One needle set every match of a group, alternation or repeat holds; None when there is none."""
    if op is _parser.SUBPATTERN:
        return _most_selective(_sequence_requirement(list(argument[3])))
    if op is _parser.ATOMIC_GROUP:
        return _most_selective(_sequence_requirement(list(argument)))
    if op is _parser.BRANCH:
        branches = [_most_selective(_sequence_requirement(list(branch))) for branch in argument[1]]
        return None if any(branch is None for branch in branches) else _minimal(frozenset().union(*branches))
    if op in _REPEATS and argument[0] >= 1:
        return _most_selective(_sequence_requirement(list(argument[2])))
    return None


def _most_selective(requirement: Requirement) -> frozenset[str] | None:
    # The set whose shortest needle is longest rules out the most texts.
    return max(requirement, key=lambda needles: (min(map(len, needles)), -len(needles)), default=None)


def _minimal(needles: frozenset[str]) -> frozenset[str]:
    """Drop needles that hold another needle of the set: finding the shorter one is enough."""
    return frozenset(n for n in needles if not any(other != n and other in n for other in needles))


def _caseless_safe(needles: frozenset[str]) -> bool:
    """Can ``needle in text.lower()`` stand for a case-insensitive match? Not for cased non-ASCII letters."""
    return all(char.isascii() or char.lower() == char.upper() for needle in needles for char in needle)
