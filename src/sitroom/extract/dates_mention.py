"""A date mention and the dateline test: what both the date reader and its dateparser fallback use.

They sit apart from ``dates`` so that ``dates_fallback`` depends on them without importing ``dates``
back (``dates`` runs the fallback).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sitroom.extract.records import fast_init

# Datelines sit near the top of a release; later dates are in the story.
DATELINE_WINDOW = 400
# Text just before a date that makes it a dateline anywhere in the text (concatenated
# releases repeat it): "KABUL, Afghanistan (", "KABUL - ".
_STRONG_BEFORE = re.compile(r"\b[A-Z]{3,}(?:,\s*[A-Z][a-z]+)?,?\s*[(,\u2013\u2014-]\s*$")
_STRONG_END = "(,\u2013\u2014-"  # the characters _STRONG_BEFORE's match ends with, before spaces
# Weaker signs, trusted only near the top: "Operational Update, ", "Release ..., ", a date alone
# at line start. Each ends in spaces at the end of the text before the date, so the first two are
# searched only from where their match can start (a line is often a whole paragraph).
_UPDATE_BEFORE = re.compile(r"\b[Uu]pdate,?\s+$")  # starts at most 7 characters before the spaces
_RELEASE_BEFORE = re.compile(r"\b(?:RELEASE|Release)[^\n]{0,20}?,\s+$")  # at most 28 before them
_BLANK_BEFORE = re.compile(r"[ \t]*(?:\w+day,?\s+)?$")  # the whole text before the date
_DATELINE_AFTER = re.compile(r"^\s*(?:\)|:|[\u2013\u2014-]|$)")
# "Islamabad, Feb 27, (dpa/GNA) - ...": a city at the line start, the date, the agency in brackets
_CITY_BEFORE = re.compile(r"^[ \t]*[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?,[ \t]*$")
_AGENCY_AFTER = re.compile(r",?[ \t]*\([^()\n]{1,40}\)[ \t]*[\u2013\u2014:-]")


@fast_init
@dataclass(frozen=True, slots=True)
class DateMention:
    """One date phrase: span in the text, the period it names and how precise it is.

    ``date`` is the first day of the period and ``end_date`` its last; ``precision`` is
    1 day, 2 week, 3 month or vaguer; ``relative`` is True when the date was read against
    the publication date; ``is_dateline`` marks the release's own date line.
    """

    start: int
    end: int
    text: str
    date: dt.date
    end_date: dt.date
    precision: int
    is_dateline: bool
    relative: bool


def is_dateline(text: str, start: int, end: int) -> bool:
    """Is the date at [start, end) a dateline (by its surroundings and position)?"""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    # The strong form ends in "(", ",", a dash and spaces: test that before searching the whole line.
    stripped = before.rstrip()
    if stripped and stripped[-1] in _STRONG_END and _STRONG_BEFORE.search(before) \
            and _DATELINE_AFTER.match(text[end : end + 3]):
        return True
    if start > DATELINE_WINDOW:
        return False
    if _CITY_BEFORE.match(before) and _AGENCY_AFTER.match(text, end):
        return True
    # ``before`` holds no line break, so "$" is its end; rstrip() drops what "\s+" matches.
    if _UPDATE_BEFORE.search(before, max(0, len(stripped) - 7)):
        return True
    if not (_RELEASE_BEFORE.search(before, max(0, len(stripped) - 28)) or _BLANK_BEFORE.match(before)):
        return False
    line_end = text.find("\n", end)
    return bool(_DATELINE_AFTER.match(text[end : line_end if line_end >= 0 else len(text)]))
