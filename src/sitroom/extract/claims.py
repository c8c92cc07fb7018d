"""Detect a sentence's claim stance: who says it happened, and how (reported, claimed, denied, confirmed).

Cues live in ``data/taxonomy/claim_cues.toml``. Rules, in order:
- an explicit denial ("X denied", "X rejected the reports") -> denied by X
  (by the publisher when no speaker is named, as in an official denial);
- a confirmation ("confirmed by the UN", "UNAMA verified") -> confirmed by X,
  except a party confirming its own operation in its own release, which stays claimed;
- "X claimed (responsibility)" -> claimed by X;
- "X said", "according to X" -> claimed by X when X is a party to the conflict,
  else reported by X;
- the speaker is the subject before the cue ("X posted a video claiming that ...",
  "residents said Taliban guards ..."), not an actor inside the reported clause; a name
  after the cue speaks only in the "..., said X" order;
- in an institution's own report a subject such as "the mission" is the publisher;
- no cue: a document of source kind "claim" is claimed by its publisher,
  anything else reported by its publisher.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

from sitroom.errors import DataPackError
from sitroom.extract.actors import ActorFinder, ActorMention
from sitroom.extract.records import fast_init
from sitroom.extract.regex_needles import SubstringPrefilter
from sitroom.models import Stance

STAGE = "extract.claims"
_CUES_FILE = "data/taxonomy/claim_cues.toml"
_KINDS = ("denial", "confirmation", "claim", "report")
_WORD = r"[A-Z][\w.'\u2019-]*"
_LINK = r"(?:\s+(?:of|for|and|the|on)\b)*\s+"
_NAME_BEFORE = re.compile(rf"((?:{_WORD}{_LINK}){{0,4}}{_WORD})\s*(?:,[^,]{{0,40}},\s*)?$")
_NAME_AFTER = re.compile(rf"^\s*(?:the\s+)?((?:{_WORD}{_LINK}){{0,4}}{_WORD})")
_SPEAKER_WINDOW = 90
# Where a clause ends right before a cue ("'...,' said X") or right after the name that follows it.
_EDGE_BEFORE = frozenset(",:;(\"'\u201c\u201d\u2018\u2019\u2013\u2014-")
_EDGE_AFTER = frozenset(",.;:(\u2013\u2014")
_SELF_WINDOW = 60


@fast_init
@dataclass(frozen=True, slots=True)
class ClaimSignal:
    """A sentence's stance, who holds it, and the span of the cue (document offsets);
    ``cued``: a cue in the text said so (else the stance is the document's default)."""

    stance: Stance
    by: str | None
    start: int
    end: int
    cued: bool = False


@dataclass(frozen=True, slots=True)
class _Cues:
    version: str
    kinds: dict[str, re.Pattern[str]]
    prefilter: SubstringPrefilter  # which of the kinds' patterns (in _KINDS order) may match
    denial_prefilter: SubstringPrefilter  # can the denial pattern match? (most sentences: no regex pass)
    after: re.Pattern[str]
    negation: re.Pattern[str]
    party_categories: frozenset[str]
    self_subject: re.Pattern[str]  # "the mission (has)" right before a cue: the publisher of its own report
    self_kinds: frozenset[str]  # source kinds whose publisher writes its own report
    self_object: re.Pattern[str]  # "according to our information": the publisher, after a cue
    opening: re.Pattern[str]  # "Since the Taliban takeover," : an opening phrase, no subject in it
    leading_articles: frozenset[str]  # dropped from the start of a speaker's name ("the")
    not_names: frozenset[str]  # pronouns and other words that name no speaker ("they", "officials")
    anaphoric_speaker: re.Pattern[str]  # "the group" right before a cue: the sentence's subject speaks


@lru_cache(maxsize=1)
def _load_cues() -> _Cues:
    try:
        raw = resources.files("sitroom.data").joinpath("taxonomy", "claim_cues.toml").read_text("utf-8")
        spec: dict[str, Any] = tomllib.loads(raw)
        kinds = {kind: _compile(spec["cues"][kind], kind) for kind in _KINDS}
        after = _compile(spec["direction"]["after"], "direction.after")
        negation = _compile([spec["negation"]], "negation")
        parties = frozenset(spec["party_categories"])
        self_spec = spec["self_reference"]
        between = "|".join(re.escape(str(word)) for word in self_spec["between"])
        self_subject = _compile([f"(?:{_alternation(self_spec['subjects'])})(?:\\s+(?:{between}))*\\s*$"], "self_reference")
        self_kinds = frozenset(str(kind).lower() for kind in self_spec["source_kinds"])
        self_object = _compile([f"\\s*(?:{_alternation(self_spec['objects'])})"], "self_reference.objects")
        openers = "|".join(re.escape(str(word)) for word in spec["subject"]["opening_words"])
        opening = _compile([f"\\s*(?:{openers})\\b[^,.;]{{0,100}},"], "subject.opening_words")
        articles = _words(spec["subject"]["leading_articles"], "subject.leading_articles")
        not_names = _words(spec["subject"]["not_names"], "subject.not_names")
        anaphoric = _compile([f"(?:{_alternation(spec['subject']['anaphoric_speakers'])})\\s*$"], "subject.anaphoric_speakers")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataPackError(f"{_CUES_FILE}: missing or malformed entry ({exc})") from None
    prefilter = SubstringPrefilter([kinds[kind] for kind in _KINDS])
    denial_prefilter = SubstringPrefilter([kinds["denial"]])
    return _Cues(str(spec.get("version", "")), kinds, prefilter, denial_prefilter, after, negation, parties, self_subject, self_kinds, self_object,
                 opening, articles, not_names, anaphoric)


def _words(value: Any, where: str) -> frozenset[str]:
    """A list of words, lower-cased; DataPackError naming the file and the entry when it is not one."""
    if not isinstance(value, list) or not all(isinstance(word, str) and word.strip() for word in value):
        raise DataPackError(f"{_CUES_FILE}: {where} must be a list of non-empty strings")
    return frozenset(word.strip().lower() for word in value)


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _compile(patterns: list[str], where: str) -> re.Pattern[str]:
    try:
        return re.compile(_alternation(patterns), re.IGNORECASE)
    except re.error as exc:
        raise DataPackError(f"{_CUES_FILE}: {where}: bad pattern ({exc})") from None


def detect_claim(
    sentence: str,
    offset: int,
    publisher: str | None,
    source_kind: str | None,
    actor_finder: ActorFinder | None = None,
    actors: list[ActorMention] | None = None,
) -> ClaimSignal:
    """Return the stance ``sentence`` takes and who holds it.

    ``offset`` is the sentence's position in its document; ``publisher`` and
    ``source_kind`` ("news", "claim", "official", "ngo", "social") describe the
    document. With ``actor_finder`` speakers are given by canonical actor name;
    ``actors``: the actors already found in ``sentence`` (document offsets), when the
    caller has them (the finder then need not read the sentence again).
    """
    cues = _load_cues()
    kind_value = str(getattr(source_kind, "value", source_kind) or "news").lower()
    for position in cues.prefilter.possible(sentence):  # most sentences hold no cue: no regex pass
        kind = _KINDS[position]
        cue = _first_cue(cues, kind, sentence)
        if cue is None:
            continue
        if actors is not None:
            mentions = [replace(a, start=a.start - offset, end=a.end - offset) for a in actors]
        else:
            mentions = actor_finder.find(sentence) if actor_finder is not None else []
        own_report = publisher if kind_value in cues.self_kinds else None
        speaker, mention = _speaker(sentence, cue, cues, mentions, own_report)
        stance, by = _decide(kind, speaker, mention, publisher, kind_value, cues, actor_finder)
        return ClaimSignal(stance, by, offset + cue.start(), offset + cue.end(), True)
    default = Stance.CLAIMED if kind_value == "claim" else Stance.REPORTED
    return ClaimSignal(default, publisher, offset, offset + len(sentence))


def is_denial(sentence: str, present: set[str] | None | bool = False) -> bool:
    """Does ``detect_claim`` find ``sentence`` DENIED? (a denial cue, not negated, is in it)

    The same answer without finding the speaker: denial cues are tried first and always
    give DENIED, so asking whether a sentence denies needs only the denial pattern.
    ``present``: the sentence's needles from a scanner holding ``denial_needles()``, when
    the caller has scanned it.
    """
    cues = _load_cues()
    prefilter = cues.denial_prefilter
    possible = prefilter.possible(sentence) if present is False else prefilter.possible_given(present)
    return bool(possible) and _first_cue(cues, "denial", sentence) is not None


def denial_needles() -> frozenset[str]:
    """The needles ``is_denial`` reads from ``present``."""
    return _load_cues().denial_prefilter.needles


def _first_cue(cues: _Cues, kind: str, sentence: str) -> re.Match[str] | None:
    for match in cues.kinds[kind].finditer(sentence):
        if not cues.negation.search(sentence, max(0, match.start() - 40), match.start()):
            return match
    return None


def _speaker(
    sentence: str, cue: re.Match[str], cues: _Cues, mentions: list[ActorMention], own_report: str | None
) -> tuple[str | None, ActorMention | None]:
    """Return the speaker's name (canonical when known) and actor mention for a cue.

    ``own_report``: the publisher when the document is its own report (an NGO's, an
    official one), so that "the mission has documented" is the publisher; else None.
    """
    name_follows = _NAME_AFTER.match(sentence[cue.end() :])
    speaker_after = cues.after.match(sentence, cue.start()) is not None
    if speaker_after and own_report and cues.self_object.match(sentence, cue.end()):
        return own_report, None  # "according to our information" in the group's own statement
    if speaker_after or _speaker_follows(sentence, cue, name_follows):
        # "according to X, ...": X ends its phrase; an actor past the comma is in the report itself
        phrase_end = min((p for p in (sentence.find(mark, cue.end()) for mark in ",.;") if p >= 0), default=len(sentence))
        after = [m for m in mentions if cue.end() <= m.start <= min(cue.end() + _SPEAKER_WINDOW, phrase_end)]
        if after:
            return after[0].name, after[0]
        return (_clean_name(name_follows.group(1)), None) if name_follows else (None, None)
    if own_report and cues.self_subject.search(sentence, max(0, cue.start() - _SELF_WINDOW), cue.start()):
        return own_report, None
    earlier = [m for m in mentions if m.end <= cue.start()]
    if cues.anaphoric_speaker.search(sentence, max(0, cue.start() - 30), cue.start()) and earlier:
        # "The NRF ..., the group said": the speaker is the sentence's subject, its first actor; in
        # "They said the men were Taliban" the actor after the cue is what they said, not who.
        return earlier[0].name, earlier[0]
    opening = cues.opening.match(sentence, 0, cue.start())
    subject_start = opening.end() if opening else 0
    before = [m for m in mentions if cue.start() - _SPEAKER_WINDOW <= m.end <= cue.start() and m.start >= subject_start
              and not _OTHER_SUBJECT.search(sentence, m.end, cue.start())]
    if before:
        return before[-1].name, before[-1]
    found = _NAME_BEFORE.search(sentence[subject_start : cue.start()])
    return (_clean_name(found.group(1)), None) if found else (None, None)


# "killed 11 villagers, a hospital official said": a phrase after the actor's comma runs up to the cue,
# so the speaker is that phrase, not the actor (who is part of what was said).
_OTHER_SUBJECT = re.compile(r",\s*[^,]*\w\s*$")


def _speaker_follows(sentence: str, cue: re.Match[str], name_follows: re.Match[str] | None) -> bool:
    """Is the name right after a speech cue its speaker ("..., said the NRF")?

    Only when no name comes before the cue and a clause ends right before the cue
    or right after the name: in "Former detainees said Taliban guards tortured them"
    the name is the subject of the reported clause, not the speaker.
    """
    if name_follows is None:
        return False
    before = sentence[: cue.start()].rstrip()
    if _NAME_BEFORE.search(before):
        return False
    if not before or before[-1] in _EDGE_BEFORE:
        return True
    rest = sentence[cue.end() + name_follows.end() :].lstrip()
    return not rest or rest[0] in _EDGE_AFTER


def _clean_name(raw: str) -> str | None:
    """Drop a leading article; return None for pronouns and other non-names."""
    cues = _load_cues()
    words = raw.split()
    while words and words[0].lower() in cues.leading_articles:
        words.pop(0)
    name = " ".join(words)
    return name if name and name.lower() not in cues.not_names else None


def _decide(
    kind: str,
    speaker: str | None,
    mention: ActorMention | None,
    publisher: str | None,
    source_kind: str,
    cues: _Cues,
    finder: ActorFinder | None,
) -> tuple[Stance, str | None]:
    by = speaker or publisher
    if kind == "denial":
        return Stance.DENIED, by
    if kind == "confirmation":
        # In a party's own release only an independent monitor confirms; the party and its allies
        # ("Afghan and coalition forces confirmed") claim.
        independent = mention is not None and mention.category not in cues.party_categories
        own_release = source_kind == "claim" and not independent
        return (Stance.CLAIMED, publisher or by) if own_release else (Stance.CONFIRMED, by)
    if kind == "claim":
        return Stance.CLAIMED, by
    if source_kind == "claim":  # a party's own release claims what it reports, whomever it cites
        return Stance.CLAIMED, publisher or by
    is_party = mention is not None and mention.category in cues.party_categories
    if is_party:
        return Stance.CLAIMED, by
    return Stance.REPORTED, by


def _same_party(name: str | None, publisher: str | None, finder: ActorFinder | None) -> bool:
    """Return whether two names are the same party (same text, or the same dictionary actor)."""
    if name is None or publisher is None:
        return False
    if name.casefold() == publisher.casefold():
        return True
    if finder is None:
        return False
    ids = lambda text: {m.actor_id for m in finder.find(text) if m.actor_id}  # noqa: E731
    return bool(ids(name) & ids(publisher))
