"""The substring prefilter may keep a pattern that fails, but never drops one that matches."""

import re

from sitroom.extract.event_types import load_taxonomy
from sitroom.extract.regex_needles import (
    GatedPattern,
    NarrowedAlternations,
    NeedleScanner,
    SubstringPrefilter,
    caseless_variants,
    finditer_branches,
    required_substrings,
    trie_pattern,
)

SENTENCES = [
    "Afghan and coalition forces killed two insurgents in Nad-e Ali district.",
    "The security force detained several suspected insurgents.",
    "An air weapons team engaged the insurgents, killing him.",
    "A roadside bomb exploded near the bazaar; no civilians were injured.",
    "The KELVIN sign \u212a and a dotted \u0130 keep every pattern: kİlled.",
    "He was responsible for planning attacks.",
    "Nothing happened here.",
]


def test_required_substrings_reads_fixed_text_and_alternations():
    ways = required_substrings(re.compile(r"\bkill(?:ed|ing)\b (?:\w+ ){0,3}(?:insurgents?|fighters)", re.I))
    assert ways == [(frozenset({"killed ", "killing "}), frozenset({"insurgent", "fighters"}))]


def test_unknown_constructs_mean_no_filter():
    assert required_substrings(re.compile(r"\w+ed\b", re.I)) is None


def test_prefilter_never_drops_a_matching_rule():
    taxonomy = load_taxonomy()
    patterns = [rule.pattern for rule in taxonomy.rules] + [taxonomy.background, taxonomy.local]
    prefilter = SubstringPrefilter(patterns)
    for sentence in SENTENCES:
        matching = {position for position, pattern in enumerate(patterns) if pattern.search(sentence)}
        assert matching <= set(prefilter.possible(sentence)), sentence


def test_prefilter_rules_out_sentences_without_needles():
    assert SubstringPrefilter([re.compile(r"\bair ?strikes?\b", re.I)]).possible("Nothing happened here.") == []


def test_narrowed_alternations_find_what_the_whole_alternations_find():
    taxonomy = load_taxonomy()
    whole = [taxonomy.background, taxonomy.local]
    for sentence in SENTENCES + ["He was accused of planning attacks and is believed to lead a cell."]:
        for branches, pattern in zip(taxonomy.cue_narrower.narrowed(sentence), whole):
            expected = [(m.span(), m.group()) for m in pattern.finditer(sentence)]
            assert [(m.span(), m.group()) for m in finditer_branches(branches, sentence)] == expected, sentence


def test_finditer_branches_prefers_the_leftmost_then_the_first_branch():
    branches = [re.compile(r"\bkilled two"), re.compile(r"killed"), re.compile(r"two insurgents")]
    text = "They killed two insurgents and killed one."
    alternation = re.compile("|".join(b.pattern for b in branches))
    assert [m.span() for m in finditer_branches(branches, text)] == [m.span() for m in alternation.finditer(text)]


def test_needle_scanner_serves_several_prefilters():
    first = SubstringPrefilter([re.compile(r"\bairstrikes?\b", re.I)])
    second = SubstringPrefilter([re.compile(r"\bdetained\b", re.I), re.compile(r"\bkilled\b", re.I)])
    scanner = NeedleScanner(first.needles | second.needles)
    present = scanner.scan("An AIRSTRIKE killed two.")
    assert first.possible_given(present) == [0]
    assert second.possible_given(present) == [1]
    assert scanner.scan("kİlled") is None  # a look-alike letter: lower-casing cannot tell
    assert second.possible_given(None) == [0, 1]


def test_gated_pattern_searches_only_texts_holding_its_needles():
    gated = GatedPattern(re.compile(r"\bsince (?:January|2021)\b", re.I))
    assert gated.search("No date here.") is None
    assert gated.search("Attacks SINCE January rose.").group() == "SINCE January"


def test_trie_pattern_prefers_the_longest_word():
    pattern = re.compile(rf"(?:{trie_pattern(['mid', 'middle of', 'a', 'an'])})")
    assert [m.group() for m in pattern.finditer("middle of mid an a")] == ["middle of", "mid", "an", "a"]


def test_an_alternation_with_an_empty_branch_is_searched_whole():
    narrower = NarrowedAlternations([(["kill(?:ed)?"], ["x*"])], re.IGNORECASE)
    (branches,) = narrower.narrowed("They killed two.")
    whole = re.compile(r"\b(?:kill(?:ed)?)|x*", re.IGNORECASE)
    assert [m.span() for m in finditer_branches(branches, "They killed two.")] == [
        m.span() for m in whole.finditer("They killed two.")
    ]


def test_caseless_trie_matches_as_ignorecase_does():
    words = ["since", "last week", "kill"]
    caseless = re.compile(rf"(?:{trie_pattern(words, caseless=True)})")
    ignorecase = re.compile(rf"(?:{trie_pattern(words)})", re.IGNORECASE)
    # the look-alikes re.IGNORECASE equates with ASCII letters: long s, Kelvin sign
    for text in ["SINCE Last WEEK", "\u017fince", "\u212aILL", "sinse", "last  week"]:
        assert [m.span() for m in caseless.finditer(text)] == [m.span() for m in ignorecase.finditer(text)]


def test_scan_slice_finds_what_scanning_the_slice_finds():
    scanner = NeedleScanner({"killed", "airstrike", "ed t"})
    for text in ["An AIRSTRIKE killed two. Then nothing.", "K\u212aILLED here. \u0130n airstrike."]:
        lowered = NeedleScanner.lowered(text)
        for start, end in [(0, 24), (3, 12), (25, len(text)), (0, len(text))]:
            assert scanner.scan_slice(lowered, text, start, end) == scanner.scan(text[start:end])
    assert NeedleScanner.lowered("k\u0130lled") is None  # a look-alike: slices are scanned one by one


def test_gated_pattern_finditer_is_finditer():
    gated = GatedPattern(re.compile(r"\bthe (?:north|south)\b", re.I))
    assert list(gated.finditer("No region here.")) == []
    assert [m.group() for m in gated.finditer("In THE South and the north.")] == ["THE South", "the north"]


def test_caseless_variants_are_what_ignorecase_equates():
    assert caseless_variants("k") == {"k", "K", "\u212a"}
    assert caseless_variants("s") == {"s", "S", "\u017f"}
    assert caseless_variants("\u0634") == {"\u0634"}  # Arabic letters have no case


def test_remembered_answers_are_the_computed_ones_and_callers_cannot_spoil_them(monkeypatch):
    from sitroom.extract import regex_needles
    patterns = [re.compile(p, re.I) for p in (r"\bair ?strikes?\b", r"\bkilled\b", r"\bdetained (?:\w+ )?insurgents\b")]
    prefilter = SubstringPrefilter(patterns)
    sentences = ["Coalition airstrikes killed two.", "Forces detained three insurgents.", "Nothing happened."]
    first = [prefilter.possible(s) for s in sentences]
    first[0].append(99)  # a caller's change to its list ...
    again = [prefilter.possible(s) for s in sentences]
    assert again == [[0, 1], [2], []]  # ... is not remembered
    monkeypatch.setattr(regex_needles, "_ANSWER_CACHE", 1)  # bounded: a full cache starts over
    bounded = SubstringPrefilter(patterns)
    assert [bounded.possible(s) for s in sentences] == again
    assert len(bounded._answers) <= 1
