"""Split a document's text into sentences with character offsets.

A fast regular-expression splitter tuned for news and press releases in
English and Dari: it breaks at sentence-final punctuation followed by a
capital, digit, quote or Arabic-script letter, unless the word before the
stop is a known abbreviation (data/text/abbreviations.txt), and at line breaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sitroom.extract.records import fast_init

# Spaces include no-break spaces; line breaks include U+2028/U+2029 (common in press releases).
# The leading lookahead names every character a boundary can start at, so the engine skips
# other positions at once instead of trying the three branches there (about 2.5x faster).
_BOUNDARY = re.compile(
    r"""(?=[ \t\xa0\n\u2028\u2029"'”’)\]\u0600-\u06FF])
      (?:
        (?:(?<=[.!?؟])["'”’)\]]?[ \t\xa0]+(?=["'“‘(]?[A-Z0-9\u0600-\u06FF]))   # stop, space, capital
      | (?:[ \t\xa0]*[\n\u2028\u2029][ \t\xa0\n\u2028\u2029]*)               # any line break
      | (?:(?<=[.!?؟])[ \t\xa0]*(?=[\u0600-\u06FF]))                        # Dari after stop
      )
    """,
    re.VERBOSE,
)
_LAST_WORD = re.compile(r"([A-Za-z.]+)\.[\"'”’)\]]?$")


@fast_init
@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its character span in the document and its text."""

    start: int
    end: int
    text: str
    paragraph: int  # index of the paragraph (blank-line separated block) it sits in


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    raw = resources.files("sitroom.data.text").joinpath("abbreviations.txt").read_text("utf-8")
    words = (line.strip().lower() for line in raw.splitlines())
    return frozenset(word for word in words if word and not word.startswith("#"))


def _ends_with_abbreviation(text: str, start: int, end: int, abbreviations: frozenset[str]) -> bool:
    """Does ``text[start:end]`` end with an abbreviation ("Gen.") or a capital initial ("A.")?"""
    # Only the last word matters: search a short tail, not the whole chunk from its start. A
    # word cut by the tail is longer than every abbreviation, so it is none, as the whole word.
    match = _LAST_WORD.search(text, max(start, end - _abbreviation_tail()), end)
    if not match:
        return False
    word = match.group(1).lower()
    # Single capital initials ("A. Massoud") do not end sentences either.
    return word in abbreviations or (len(word) == 1 and match.group(1).isupper())


@lru_cache(maxsize=1)
def _abbreviation_tail() -> int:
    """Characters to search for the last word: the longest abbreviation, its stop, a quote and one more."""
    return max(map(len, _abbreviations()), default=1) + 4


_LINE_BREAKS = "\n\u2028\u2029"
# A single line break after a long line that does not end a sentence is a hard wrap, not a boundary.
_WRAPPED_LINE_LENGTH = 45
_SENTENCE_END = frozenset(".!?؟:;\"'”’)")


# "Title: ...", "Publisher: ..." lines of a document's header block (see sitroom.ingest.text).
_HEADER_FIELD = re.compile(r"(?:title|publisher|author|published|date|source-kind|language|url|synthetic)\s*:\s", re.IGNORECASE)


def is_header_field(line: str) -> bool:
    """Is this line a "Key: value" field of a header block?"""
    return _HEADER_FIELD.match(line) is not None


def _is_soft_wrap(text: str, boundary: re.Match, breaks: int) -> bool:
    """Is a boundary holding ``breaks`` line breaks a hard wrap inside a sentence?"""
    if breaks != 1 or boundary.end() >= len(text):
        return False
    line_start = max(text.rfind(mark, 0, boundary.start()) for mark in _LINE_BREAKS) + 1
    line = text[line_start : boundary.start()].rstrip()
    if not line or line[-1] in _SENTENCE_END:
        return False
    following = text[boundary.end()]
    if is_header_field(text[boundary.end() : boundary.end() + 20]) or _heading_line_at(text, boundary.end()):
        return False
    return following.islower() or (len(line) >= _WRAPPED_LINE_LENGTH and following.isalnum())


def _heading_line_at(text: str, start: int) -> bool:
    """Does a short capitalised line without a final stop, ended by a line break, start here
    ("Mass arrests in Andrab" under a long first line)? It is a heading, not a wrapped sentence."""
    ends = [position for position in (text.find(mark, start) for mark in _LINE_BREAKS) if position >= 0]
    if not ends or not text[start].isupper():
        return False
    line = text[start : min(ends)].rstrip()
    return 0 < len(line) < _WRAPPED_LINE_LENGTH and line[-1] not in _SENTENCE_END


def _line_breaks(gap: str) -> int:
    return gap.count("\n") + gap.count("\u2028") + gap.count("\u2029")


def split_sentences(text: str) -> list[Sentence]:
    """Return the sentences of ``text`` in order, with offsets into ``text``."""
    abbreviations = _abbreviations()
    sentences: list[Sentence] = []
    start = 0
    paragraph = 0
    pending_start = 0
    for boundary in _BOUNDARY.finditer(text):
        breaks = _line_breaks(boundary.group())
        if not breaks and _ends_with_abbreviation(text, pending_start, boundary.start(), abbreviations):
            continue
        if breaks and _is_soft_wrap(text, boundary, breaks):
            continue
        _append(sentences, text, pending_start, boundary.start(), paragraph)
        if breaks >= 2:
            paragraph += 1
        pending_start = boundary.end()
        start = pending_start
    _append(sentences, text, max(start, pending_start), len(text), paragraph)
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end, text[start:end], paragraph))


_HEADLINE_MAX_LENGTH = 200


def headline_end(text: str, sentences: list[Sentence]) -> int:
    """End offset of the document's title line, or -1 when it has none.

    A title line is the first line when it has no final stop, is short and more text follows;
    it repeats what the body reports, so it is context, not a report of its own.
    """
    if len(sentences) < 2:
        return -1
    first = sentences[0]
    line_ends = [position for position in (text.find(mark, first.start) for mark in _LINE_BREAKS) if position >= 0]
    if not line_ends or first.end > min(line_ends):
        return -1
    if first.text.rstrip()[-1:] in ".!?؟" or len(first.text) > _HEADLINE_MAX_LENGTH:
        return -1
    return first.end


def is_heading(text: str, sentence: Sentence) -> bool:
    """Is ``sentence`` a heading: a line of its own ("## Conflict-related incidents in Panjshir",
    "Mass arrests in Andrab") without a final stop, short, with more text after it? Like a title
    line, it names what the text below reports."""
    if sentence.text.lstrip().startswith("#"):
        return True
    stripped = sentence.text.rstrip()
    if not stripped or stripped[-1] in ".!?؟" or len(stripped) > _HEADLINE_MAX_LENGTH or "\n" in stripped:
        return False
    line_start = sentence.start == 0 or text[sentence.start - 1] in _LINE_BREAKS
    line_end = sentence.end < len(text) and text[sentence.end:sentence.end + 1] in _LINE_BREAKS
    return line_start and line_end and bool(text[sentence.end:].strip())


# "The two men, brothers, were killed outside their home": a sentence whose subject refers back to
# people already reported goes on about the same incident, whatever verb it uses.
FOLLOW_UP = re.compile(
    r"^\W*(?:(?:the|these|those|both|all)\s+(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?"
    r"(?:men|women|victims|brothers|sons|boys|girls|bodies|dead|detainees|civilians|villagers|soldiers)\b"
    r"|(?:both|all)\s+of\s+them\b|(?:he|she|they)\s+(?:were|was|had\s+been)\s+(?:\w+\s+)?(?:killed|shot|executed|wounded|injured)\b)",
    re.IGNORECASE,
)

# "In a separate operation, ...": a sentence that says it reports another incident than the one
# before it (used for dates and places, which otherwise carry over from the report's lead).
SEPARATE_INCIDENT = re.compile(
    r"\b(?:separate|another|other|unrelated|different)\s+(?:\w+\s+)?"
    r"(?:operations?|incidents?|attacks?|raids?|strikes?|engagements?|clash(?:es)?)\b",
    re.IGNORECASE,
)
