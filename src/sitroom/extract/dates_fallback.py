"""Read leftover date-like spans with dateparser (slow, so only on small candidate spans).

A candidate is a capitalised month name next to a number that the main regex did not read,
e.g. "the 25th day of January, 2013". dateparser is imported on first use only.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from sitroom.extract.dates_data import load_vocabulary
from sitroom.extract.dates_mention import DateMention, is_dateline


@lru_cache(maxsize=1)
def _candidate_regex() -> re.Pattern[str]:
    names = sorted({n.capitalize() for n in load_vocabulary().gregorian_months if n.isascii()},
                   key=len, reverse=True)
    month = "(?:" + "|".join(names) + r")\b\.?"
    number = r"\b\d{1,4}(?:st|nd|rd|th)?\b"
    after_number = rf"(?:st|nd|rd|th)?\b(?:[ ,]+\w+){{0,2}}?[ ,]+{month}(?:[ ,]+\d{{4}})?"  # "25th of January, 2013"
    after_month = rf"\b\.?(?:[ ,]+\w+){{0,2}}?[ ,]+{number}"  # "January the 25th"
    # Every candidate starts with a digit (at a word start) or a capitalised month. A pattern that
    # opens with a character set lets the engine skip in C to the next such character instead of
    # trying the pattern at every one (a quarter of the time saved): the first character is taken,
    # then look-behind tells its alternative. Month names keep their longest-first order.
    firsts = dict.fromkeys(name[0] for name in names)
    branches = [rf"(?<=\d)(?<!\w.)\d{{0,3}}{after_number}"]
    for first in firsts:
        rests = "|".join(re.escape(name[1:]) for name in names if name[0] == first)
        branches.append(rf"(?<={re.escape(first)})(?:{rests}){after_month}")
    return re.compile(rf"[\d{''.join(map(re.escape, firsts))}](?:{'|'.join(branches)})")


# "Jan. 14", "May 15": the only leftover form in press releases (the main regex leaves month-days
# without a year to us when it has no anchor). Read here, it saves dateparser's ~5 ms a call.
_MONTH_DAY = re.compile(r"([A-Z][a-z]+)\.? (\d{1,2})")
_UNREAD = object()  # _month_day could not read the span: ask dateparser


@lru_cache(maxsize=4096)
def _parse(span: str, anchor: dt.date | None) -> dt.date | None:
    """Read one candidate span: our month-day reader first, dateparser for anything else."""
    quick = _month_day(span, anchor)
    return _dateparser_date(span, anchor) if quick is _UNREAD else quick


def _month_day(span: str, anchor: dt.date | None) -> Any:
    """Read "Month D" as dateparser would (checked against it for every month name and day), or _UNREAD.

    Without an anchor a year is required, so there is no date. With one, the month-day
    falls in the anchor's year, or the year before when that would be after the anchor.
    """
    match = _MONTH_DAY.fullmatch(span)
    month = load_vocabulary().gregorian_months.get(match.group(1).lower()) if match else None
    if month is None:
        return _UNREAD
    if anchor is None:
        return None
    day = int(match.group(2))
    try:
        this_year, year_before = dt.date(anchor.year, month, day), dt.date(anchor.year - 1, month, day)
    except ValueError:  # day 0, "Feb. 30", Feb. 29 next to a common year: leave those to dateparser
        return _UNREAD
    return this_year if this_year <= anchor else year_before


def _dateparser_date(span: str, anchor: dt.date | None) -> dt.date | None:
    import dateparser  # slow import, only when a leftover candidate appears

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if anchor is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(anchor, dt.time(12))
    else:
        settings["REQUIRE_PARTS"] = ["day", "month", "year"]
    parsed = dateparser.parse(span, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def leftover_dates(normalised: str, text: str, found: list[DateMention],
                   anchor: dt.date | None) -> list[DateMention]:
    """Return dates dateparser reads in candidate spans that overlap no mention in ``found``."""
    extra = []
    for match in _candidate_regex().finditer(normalised):
        start, end = match.span()
        if any(m.start < end and start < m.end for m in found):
            continue
        date = _parse(match.group(), anchor)
        if date is None:
            continue
        has_year = bool(re.search(r"\b\d{4}\b", match.group()))
        extra.append(DateMention(start, end, text[start:end], date, date, 1,
                                 is_dateline(normalised, start, end), not has_year))
    return extra
