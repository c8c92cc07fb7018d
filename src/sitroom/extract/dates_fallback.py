"""Read leftover date-like spans with dateparser (slow, so only on small candidate spans).

A candidate is a capitalised month name next to a number that the main regex did not read,
e.g. "the 25th day of January, 2013". dateparser is imported on first use only.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sitroom.extract.dates_data import load_vocabulary

if TYPE_CHECKING:
    from sitroom.extract.dates import DateMention


@lru_cache(maxsize=1)
def _candidate_regex() -> re.Pattern[str]:
    names = sorted({n.capitalize() for n in load_vocabulary().gregorian_months if n.isascii()},
                   key=len, reverse=True)
    month = "(?:" + "|".join(names) + r")\b\.?"
    number = r"\b\d{1,4}(?:st|nd|rd|th)?\b"
    return re.compile(rf"{number}(?:[ ,]+\w+){{0,2}}?[ ,]+{month}(?:[ ,]+\d{{4}})?|{month}(?:[ ,]+\w+){{0,2}}?[ ,]+{number}")


@lru_cache(maxsize=4096)
def _parse(span: str, anchor: dt.date | None) -> dt.date | None:
    import dateparser  # slow import, only when a leftover candidate appears

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if anchor is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(anchor, dt.time(12))
    else:
        settings["REQUIRE_PARTS"] = ["day", "month", "year"]
    parsed = dateparser.parse(span, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def leftover_dates(normalised: str, text: str, found: list["DateMention"],
                   anchor: dt.date | None) -> list["DateMention"]:
    """Return dates dateparser reads in candidate spans that overlap no mention in ``found``."""
    from sitroom.extract.dates import DateMention, _is_dateline

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
                                 _is_dateline(normalised, start, end), not has_year))
    return extra
