"""Type a sentence with ACLED's event type and sub-event type, plus sitroom's tags.

Rules, cues and lexicons live in ``data/taxonomy/event_triggers.toml``; the
allowed types and tags in ``data/taxonomy/acled.json``. A sentence is typed by
its highest-priority trigger that is neither masked by a background cue (past
activities of a target, plans, beliefs, opinions) nor negated. Sentences that
report a statistic over many events are typed too, with ``is_aggregate=True``.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Callable

from sitroom.errors import DataPackError
from sitroom.extract.records import fast_init
from sitroom.extract.regex_needles import (
    NarrowedAlternations,
    NeedleScanner,
    SubstringPrefilter,
    finditer_branches,
    join_branches,
)

STAGE = "extract.event_types"
_TRIGGERS_FILE = "data/taxonomy/event_triggers.toml"
_ACLED_FILE = "data/taxonomy/acled.json"
_LEXICON_REF = re.compile(r"<<(\w+)>>")
_FLAGS = re.IGNORECASE


@fast_init
@dataclass(frozen=True, slots=True)
class EventTyping:
    """The event type of one sentence and where its trigger is (document offsets)."""

    event_type: str
    sub_event_type: str
    tags: tuple[str, ...]
    trigger_start: int
    trigger_end: int
    is_aggregate: bool


@dataclass(frozen=True, slots=True)
class _Rule:
    rule_id: str
    event_type: str
    sub_event_type: str
    tags: tuple[str, ...]
    priority: int
    pattern: re.Pattern[str]  # the rule's patterns as one alternation; trigger groups renamed t0, t1, ...
    branches: tuple[list[str], list[str]]  # the alternation's branches (after a word boundary, others)


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """The compiled trigger rules, cues and tag rules of one taxonomy version."""

    version: str
    event_types: dict[str, tuple[str, ...]]
    rules: tuple[_Rule, ...]  # highest priority first
    tag_rules: tuple[tuple[str, re.Pattern[str]], ...]
    background: re.Pattern[str]
    local: re.Pattern[str]
    introductory: re.Pattern[str]
    relative: re.Pattern[str]
    negation: re.Pattern[str]
    aggregate: re.Pattern[str]
    not_participles: frozenset[str]  # words in -ing that open no participial phrase ("during")
    progressive_before: re.Pattern[str]  # an auxiliary right before a word in -ing: "were targeting"
    prefilter: SubstringPrefilter  # which rules may match a sentence, by substring tests
    rule_narrowers: tuple[NarrowedAlternations, ...]  # per rule: its branches a masked sentence may match
    cue_narrower: NarrowedAlternations  # background and local, cut to the branches a sentence may match
    tag_prefilter: SubstringPrefilter  # which tag rules, then (last) the aggregate cue, may match
    scanner: NeedleScanner  # the needles of all four above: one scan of a sentence serves them all


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """Load and validate the packaged taxonomy; DataPackError names the file, rule and problem."""
    base = resources.files("sitroom.data").joinpath("taxonomy")
    try:
        acled = json.loads(base.joinpath("acled.json").read_text("utf-8"))
        spec = tomllib.loads(base.joinpath("event_triggers.toml").read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise DataPackError(f"{_TRIGGERS_FILE} / {_ACLED_FILE}: cannot be read ({exc})") from None
    return build_taxonomy(spec, acled)


def build_taxonomy(spec: dict[str, Any], acled: dict[str, Any]) -> Taxonomy:
    """Compile a parsed trigger file against the ACLED type table; raise DataPackError on any problem."""
    try:
        event_types = {name: tuple(subs) for name, subs in acled["event_types"].items()}
        known_tags = set(acled["tags"])
        lexicon = {key: str(value) for key, value in spec.get("lexicon", {}).items()}
        cues = spec["cues"]
        rule_rows, tag_rows = spec["rule"], spec.get("tag_rule", [])
    except (KeyError, TypeError, AttributeError) as exc:
        raise DataPackError(f"{_TRIGGERS_FILE}: missing or malformed section ({exc})") from None
    compile_ = _compiler(lexicon)
    branches_of = _brancher(lexicon)
    rules = [_build_rule(row, index, event_types, known_tags, branches_of) for index, row in enumerate(rule_rows)]
    rules.sort(key=lambda rule: -rule.priority)
    tag_rules = _tag_rules(tag_rows, known_tags, compile_)
    background_branches = branches_of(cues.get("background", []), "cues.background")
    local_branches = branches_of(cues.get("local", []), "cues.local")
    background, local = join_branches(*background_branches, _FLAGS), join_branches(*local_branches, _FLAGS)
    aggregate = compile_(cues.get("aggregate", []), "cues.aggregate")
    prefilter = SubstringPrefilter([rule.pattern for rule in rules])
    rule_narrowers = tuple(NarrowedAlternations([rule.branches], _FLAGS) for rule in rules)
    cue_narrower = NarrowedAlternations([background_branches, local_branches], _FLAGS)
    tag_prefilter = SubstringPrefilter([pattern for _tag, pattern in tag_rules] + [aggregate])
    return Taxonomy(
        version=str(spec.get("version", "")),
        event_types=event_types,
        rules=tuple(rules),
        prefilter=prefilter,
        rule_narrowers=rule_narrowers,
        tag_rules=tuple(tag_rules),
        background=background,
        local=local,
        cue_narrower=cue_narrower,
        tag_prefilter=tag_prefilter,
        scanner=NeedleScanner(frozenset().union(
            prefilter.needles, cue_narrower.needles, tag_prefilter.needles, *(n.needles for n in rule_narrowers)
        )),
        introductory=compile_([cues["introductory"]], "cues.introductory"),
        relative=compile_([cues["relative"]], "cues.relative"),
        negation=compile_([cues["negation"]], "cues.negation"),
        aggregate=aggregate,
        not_participles=_words(cues.get("not_participles"), "cues.not_participles"),
        progressive_before=_progressive_before(_words(cues.get("progressive_auxiliaries"), "cues.progressive_auxiliaries")),
    )


def _progressive_before(auxiliaries: frozenset[str]) -> re.Pattern[str]:
    """Match one of ``auxiliaries`` ending right before a position (a progressive verb follows)."""
    if not auxiliaries:
        return re.compile(r"(?!)")  # none listed: no word in -ing is a progressive verb
    return re.compile(rf"\b(?:{'|'.join(re.escape(word) for word in sorted(auxiliaries))})\s+$", re.IGNORECASE)


def _words(value: Any, where: str) -> frozenset[str]:
    """A list of words, lower-cased; DataPackError naming the file and the entry when it is not one."""
    if not isinstance(value, list) or not all(isinstance(word, str) and word.strip() for word in value):
        raise DataPackError(f"{_TRIGGERS_FILE}: {where} must be a list of non-empty strings")
    return frozenset(word.strip().lower() for word in value)


def _tag_rules(rows: list[Any], known_tags: set[str], compile_) -> list[tuple[str, re.Pattern[str]]]:
    tag_rules = []
    for index, row in enumerate(rows):
        tag = row.get("tag")
        if tag not in known_tags:
            raise DataPackError(f"{_TRIGGERS_FILE}: tag_rule #{index}: unknown tag {tag!r}; add it to {_ACLED_FILE}")
        tag_rules.append((tag, compile_(row.get("patterns", []), f"tag_rule {tag}")))
    return tag_rules


def _compiler(lexicon: dict[str, str]):
    """Return a function compiling a list of patterns into one alternation (one regex pass per list)."""
    branches_of = _brancher(lexicon)

    def compile_patterns(patterns: list[str], where: str) -> re.Pattern[str]:
        return join_branches(*branches_of(patterns, where), _FLAGS)

    return compile_patterns


def _brancher(lexicon: dict[str, str]):
    """Return a function that expands and checks a pattern list: (branches after a word boundary, others)."""

    def branches(patterns: list[str], where: str) -> tuple[list[str], list[str]]:
        if not isinstance(patterns, list) or not patterns:
            raise DataPackError(f"{_TRIGGERS_FILE}: {where}: expected a non-empty list of patterns")
        at_word, anywhere = [], []
        for index, pattern in enumerate(patterns):
            expanded = _expand(str(pattern), lexicon, where)
            try:
                re.compile(expanded, _FLAGS)
            except re.error as exc:
                raise DataPackError(f"{_TRIGGERS_FILE}: {where}: bad pattern {pattern!r} ({exc})") from None
            expanded = expanded.replace("(?P<t>", f"(?P<t{index}>")
            # Hoisting a shared leading \b lets the engine skip mid-word positions at once (about 2x faster).
            if expanded.startswith("\\b"):
                at_word.append(f"(?:{expanded[2:]})")
            else:
                anywhere.append(f"(?:{expanded})")
        return at_word, anywhere

    return branches


def _expand(pattern: str, lexicon: dict[str, str], where: str) -> str:
    def expand(match: re.Match[str]) -> str:
        if match.group(1) not in lexicon:
            raise DataPackError(f"{_TRIGGERS_FILE}: {where}: unknown lexicon entry <<{match.group(1)}>>")
        return f"(?:{lexicon[match.group(1)]})"

    return _LEXICON_REF.sub(expand, pattern)


def _build_rule(row: Any, index: int, event_types: dict[str, tuple[str, ...]], tags: set[str], branches_of) -> _Rule:
    where = f"rule #{index} ({row.get('id', '?') if isinstance(row, dict) else '?'})"
    if not isinstance(row, dict) or not {"id", "event_type", "sub_event_type", "priority", "patterns"} <= row.keys():
        raise DataPackError(f"{_TRIGGERS_FILE}: {where}: needs id, event_type, sub_event_type, priority, patterns")
    if row["sub_event_type"] not in event_types.get(row["event_type"], ()):
        raise DataPackError(
            f"{_TRIGGERS_FILE}: {where}: {row['event_type']!r} / {row['sub_event_type']!r} is not an ACLED type in {_ACLED_FILE}"
        )
    unknown = [tag for tag in row.get("tags", []) if tag not in tags]
    if unknown:
        raise DataPackError(f"{_TRIGGERS_FILE}: {where}: unknown tag(s) {unknown}; add them to {_ACLED_FILE}")
    branches = branches_of(row["patterns"], where)
    pattern = join_branches(*branches, _FLAGS)
    return _Rule(row["id"], row["event_type"], row["sub_event_type"], tuple(row.get("tags", [])), int(row["priority"]),
                 pattern, branches)


def classify_sentence(
    sentence: str, offset: int = 0, taxonomy: Taxonomy | None = None,
    masker: Callable[[set[str] | None], str] | None = None, present: set[str] | None | bool = False,
) -> EventTyping | None:
    """Return the ACLED typing of one sentence, or None when it reports no event.

    ``offset`` is the sentence's position in its document; trigger offsets are
    document offsets. Background sentences (a target's past activities, plans,
    beliefs, opinions) return None. ``masker``, when given, returns the sentence's
    ``mask_background`` given its needles (a caller that keeps masks computes each once).
    ``present``: the sentence's needles from a scanner holding all of ``taxonomy.scanner``'s
    (others are ignored), when the caller scans sentences for more than typing.
    """
    tax = taxonomy if taxonomy is not None else load_taxonomy()
    if present is False:
        present = tax.scanner.scan(sentence)  # one needle scan serves every prefilter below
    possible = tax.prefilter.possible_given(present)
    if not possible:  # most sentences: no rule can match, so skip masking and every regex
        return None
    masked = masker(present) if masker is not None else mask_background(sentence, tax, present)
    masked_present = present if masked is sentence else tax.scanner.scan(masked)
    for position in possible:
        rule = tax.rules[position]
        (branches,) = tax.rule_narrowers[position].narrowed_given(masked_present)  # the branches that may match
        trigger = _first_trigger(branches, masked, tax) if branches else None
        if trigger is not None:
            tags, is_aggregate = _tags_and_aggregate(rule, sentence, masked, present, masked_present, tax)
            return EventTyping(rule.event_type, rule.sub_event_type, tags, offset + trigger[0], offset + trigger[1],
                               is_aggregate)
    return None


def _tags_and_aggregate(
    rule: _Rule, sentence: str, masked: str, present: set[str] | None, masked_present: set[str] | None, tax: Taxonomy
) -> tuple[tuple[str, ...], bool]:
    """The rule's tags plus those whose patterns match the masked sentence; is it an aggregate?

    ``present`` and ``masked_present`` are the needles of the sentence and of its masked text.
    """
    tags = list(rule.tags)
    possible = tax.tag_prefilter.possible_given(masked_present)
    for position in possible:
        if position < len(tax.tag_rules):
            tag, patterns = tax.tag_rules[position]
            if tag not in tags and patterns.search(masked):
                tags.append(tag)
    if masked_present is not present:  # the aggregate cue reads the whole sentence, background clauses too
        possible = tax.tag_prefilter.possible_given(present)
    aggregate_at = len(tax.tag_rules)  # the tag prefilter's last pattern is the aggregate cue
    return tuple(tags), aggregate_at in possible and tax.aggregate.search(sentence) is not None


def _first_trigger(branches: tuple[re.Pattern[str], ...], masked: str, tax: Taxonomy) -> tuple[int, int] | None:
    """Return the span of the rule's leftmost trigger (its pattern cut to ``branches``) that is not negated, or None."""
    for match in finditer_branches(branches, masked):
        start, end = match.span()
        for name, value in match.groupdict().items():
            if value is not None and name.startswith("t"):
                start, end = match.span(name)
                break
        if not tax.negation.search(masked, max(0, start - 40), start):
            return start, end
    return None


def mask_background(sentence: str, taxonomy: Taxonomy | None = None, present: set[str] | None | bool = False) -> str:
    """Return ``sentence`` with background clauses blanked out (same length, so offsets hold).

    ``present``: the sentence's needles from ``taxonomy.scanner`` when the caller has them.
    """
    tax = taxonomy if taxonomy is not None else load_taxonomy()
    if present is False:
        present = tax.scanner.scan(sentence)
    # Most sentences hold no cue (no regex pass at all); the others need only a few of the cues.
    background, local = tax.cue_narrower.narrowed_given(present)
    spans: list[tuple[int, int]] = [m.span() for m in finditer_branches(local, sentence)] if local else []
    if background:
        opens_with_clause = bool(tax.introductory.search(sentence))
        for match in finditer_branches(background, sentence):
            spans.append((match.start(), _clause_end(sentence, match.start(), opens_with_clause, tax)))
    if not spans:
        return sentence
    chars = list(sentence)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


_PARTICIPLE = re.compile(r"\w+ing\b", re.IGNORECASE)


def _in_participial_phrase(sentence: str, clause_start: int, start: int, tax: Taxonomy) -> bool:
    """Is ``start`` in a participial phrase of its clause ("A force targeting a leader in charge of
    a cell, detained three"; "Operating in Paktika, ...")? Such a phrase ends at the next comma."""
    for word in _PARTICIPLE.finditer(sentence, clause_start):
        if word.start() > start:
            break
        if word.group().lower() not in tax.not_participles and not tax.progressive_before.search(sentence, max(0, word.start() - 8), word.start()):
            return True
    return False


def _clause_end(sentence: str, start: int, opens_with_clause: bool, tax: Taxonomy) -> int:
    """Where a background cue's scope ends: the next comma in a leading or relative clause or a
    participial phrase ("A force targeting a leader, detained three"), else the sentence end."""
    semicolon = sentence.find(";", start)
    sentence_end = semicolon if semicolon != -1 else len(sentence)
    clause_start = max(sentence.rfind(",", 0, start), sentence.rfind(";", 0, start)) + 1
    in_leading_clause = opens_with_clause and "," not in sentence[:start]
    in_relative_clause = bool(tax.relative.search(sentence, clause_start, start))
    if in_leading_clause or in_relative_clause or _in_participial_phrase(sentence, clause_start, start, tax):
        comma = sentence.find(",", start)
        if comma != -1:
            return min(comma, sentence_end)
    return sentence_end
