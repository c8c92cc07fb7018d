"""The substring prefilter may keep a pattern that fails, but never drops one that matches."""

import re

from sitroom.extract.event_types import load_taxonomy
from sitroom.extract.regex_needles import SubstringPrefilter, required_substrings

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
