"""Find date phrases in a report and decide which date an event sentence refers to.

``find_dates`` reads absolute dates (English, Solar Hijri in Latin or Arabic script, numeric),
relative phrases read against the publication date ("yesterday", "Sunday", "last week",
"in May", "two days ago") and marks datelines ("KABUL, Afghanistan (Jan. 25, 2013)").
``publication_date_from_text`` recovers a publication date from datelines or release ids.
``event_date_for_span`` picks the date for one event sentence. Vocabulary lives in
sitroom/data/dates/; dateparser reads only leftover candidate spans our regex cannot.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from sitroom.extract import dates_fallback
from sitroom.extract.dates_data import load_vocabulary
from sitroom.extract.dates_mention import DATELINE_WINDOW, DateMention, is_dateline
from sitroom.extract.dates_patterns import DIGITS, NON_ASCII_DIGIT, date_regex
from sitroom.extract.dates_resolve import DAY, MONTH, WEEK, numeric_order, resolve
from sitroom.extract.reference_dates import is_reference_date
from sitroom.extract.sentences import SEPARATE_INCIDENT

VERSION = "dates-v1"
__all__ = ["DateMention", "find_dates", "publication_date_from_text", "publication_from_text",
           "event_date_for_span", "DAY", "WEEK", "MONTH", "VERSION"]

# Release ids such as "2013-01-S-025", "2010-07-CA-028" or a draft's "2010-08-CA-XXX": year and
# month of publication.
_RELEASE_ID = re.compile(r"(?<![\w-])((?:19|20)\d\d)-([01]\d)-[A-Z]{1,3}\s*[-–]\s*(?:\d{1,4}|X{2,4})\b")
# A later release in the same text may be dated up to this many days after publication.
DATELINE_FUTURE_DAYS = 45
# Lines are paragraphs in news and press-release text.
_PARAGRAPH_BREAK = "\n"
# Without the text, a preceding date counts only within this many characters.
_NEAR = 600


def _date_matches(text: str) -> tuple[str, list[re.Match[str]]]:
    """The text with ASCII digits, and the date regex's matches in it (they do not depend on the anchor)."""
    normalised = text.translate(DIGITS) if NON_ASCII_DIGIT.search(text) else text
    return normalised, list(date_regex().finditer(normalised))


def _scan(text: str, anchor: dt.date | None, found: tuple[str, list[re.Match[str]]] | None = None) -> list[DateMention]:
    """All date mentions of ``text`` read against ``anchor`` (None: absolute dates only).

    After a dateline with a full date, relative phrases are read against that dateline:
    a text holding several releases dates each release's "yesterday" by its own dateline.
    ``found``: ``_date_matches(text)`` when the caller reads the same text twice.
    """
    vocab = load_vocabulary()
    normalised, matches = found if found is not None else _date_matches(text)
    mentions: list[DateMention] = []
    current = anchor
    # "06/02/2023": the order of day and month the document's numeric dates show (US-style or not)
    order = numeric_order([(int(m["dmyn_d"]), int(m["dmyn_m"]), int(m["dmyn_y"]))
                           for m in matches if m.lastgroup == "dmyn"], anchor)
    for match in matches:
        kind = match.lastgroup
        if kind is None:
            continue
        start, end = match.span(kind)
        dateline = is_dateline(normalised, start, end)
        # The match itself serves as the groups mapping (match[name]); groupdict() would copy ~50 groups.
        reading = resolve(kind, match, anchor if dateline else current, vocab,
                          future_days=DATELINE_FUTURE_DAYS if dateline else None, numeric_order=order)
        if reading is None:
            continue
        date, end_date, precision, relative = reading
        mentions.append(DateMention(start, end, text[start:end], date, end_date, precision,
                                    dateline, relative))
        if dateline and precision == DAY and anchor is not None:
            current = date
    mentions.extend(dates_fallback.leftover_dates(normalised, text, mentions, anchor))
    mentions.sort(key=lambda m: m.start)
    return mentions


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Return the date mentions of ``text`` in text order.

    ``published`` anchors relative phrases; when None, relative phrases and month-day dates
    without a year are dropped (call ``publication_date_from_text`` first to recover one).
    """
    return _scan(text, published)


def publication_from_text(text: str) -> tuple[dt.date, int] | None:
    """Return (publication date, precision) read from the text alone, or None.

    A full dateline date gives precision 1; a dateline without a year ("(Jan. 28)",
    "Dec. 6:") takes its year from a release id ("2012-01-S-044"); a release id alone
    gives the first of its month at precision 3.
    """
    head = text[: DATELINE_WINDOW + 100]
    found = _date_matches(head)  # read twice below, against different anchors
    for mention in _scan(head, None, found):
        if mention.is_dateline and mention.precision == DAY:
            return mention.date, DAY
    release = _RELEASE_ID.search(text)
    if release is None:
        return None
    year, month = int(release.group(1)), int(release.group(2))
    anchor = dt.date(year, month, 1)
    for mention in _scan(head, month_end_of(anchor), found):
        if mention.is_dateline and mention.precision == DAY and not _is_weekday(mention.text):
            return _nearest_year(mention.date, anchor), DAY
    return anchor, MONTH


def month_end_of(date: dt.date) -> dt.date:
    """Return the last day of ``date``'s month (an anchor for yearless datelines)."""
    following = (date.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def _is_weekday(phrase: str) -> bool:
    return phrase.split()[-1].lower() in load_vocabulary().weekdays


def _nearest_year(date: dt.date, anchor: dt.date) -> dt.date:
    """Move a yearless dateline date to the year that puts it nearest the release month."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(date.replace(year=year))
        except ValueError:  # 29 February
            continue
    return min(candidates, key=lambda d: abs((d - anchor).days))


def publication_date_from_text(text: str) -> dt.date | None:
    """Return the publication date read from the dateline or release id, or None.

    A release id alone ("2013-01-S-025") gives the first of its month; use
    ``publication_from_text`` to learn that the day is not known.
    """
    found = publication_from_text(text)
    return found[0] if found else None


def _same_paragraph(text: str | None, first: int, second: int) -> bool:
    if text is None:
        return second - first <= _NEAR
    return _PARAGRAPH_BREAK not in text[first:second]


# "the May 22 kidnapping", "Wednesday's attack": a date naming an earlier event, not this one.
_ATTRIBUTIVE_BEFORE = re.compile(r"\b(?:the|a|an|an?\s+attack\s+on)\s+$", re.IGNORECASE)
_ATTRIBUTIVE_AFTER = re.compile(r"^(?:'s|\u2019s)\b")


def _is_attributive(mention: DateMention, text: str | None) -> bool:
    # Relative phrases in lower case ("yesterday", "past two days") take "the" as their own.
    if text is None:
        return False
    if is_reference_date(text, mention.start):  # "after the fall of Kabul on Aug. 15": an earlier event's date
        return True
    if mention.relative and mention.text.islower():
        return False
    before = text[max(0, mention.start - 20) : mention.start]
    return bool(_ATTRIBUTIVE_BEFORE.search(before) or _ATTRIBUTIVE_AFTER.match(text[mention.end : mention.end + 3]))


def event_date_for_span(
    start: int, end: int, dates: list[DateMention], published: dt.date | None, *, text: str | None = None,
    carries: Callable[[DateMention], bool] | None = None,
) -> tuple[DateMention | None, dt.date | None, int]:
    """Return (mention used, date, precision) for an event sentence at [start, end).

    A non-dateline date inside the sentence wins (the most precise, then the earliest: a
    sentence "Today, forces confirmed ... arrested Sunday" reports Sunday's event). Else the
    nearest preceding non-dateline date of the same paragraph (pass ``text`` to know the
    paragraphs; without it, one within 600 characters). Else the publication date at week
    precision, with the dateline mention as evidence when there is one. With ``text``, dates
    used as modifiers of another event ("the May 22 kidnapping", "Wednesday's attack") are
    skipped. A later paragraph without a date of its own takes the date of the report's lead
    (the nearest earlier day- or week-precise date since the last dateline); one that says it
    tells a separate incident takes that date only at week precision (around the lead's day,
    not on it). ``carries``, when
    given, says which earlier dates a sentence may take (not a statistic's "this month").
    """
    usable = [m for m in dates if not m.is_dateline and not _is_attributive(m, text)]
    inside = [m for m in usable if start <= m.start < end]
    if inside:
        best = min(inside, key=lambda m: (m.precision, m.date, m.start))
        return best, best.date, best.precision
    # A year ("in 2021") frames a background story; only a month or finer dates an incident.
    before = [m for m in usable if m.end <= start and (m.end_date - m.date).days <= 31
              and (carries is None or carries(m))]
    if before and _same_paragraph(text, before[-1].end, start):
        return before[-1], before[-1].date, before[-1].precision
    dateline = _dateline_before(dates, start)
    # A report's lead dates the incident that its later paragraphs go on to describe.
    release_start = dateline.start if dateline is not None and dateline.start < start else 0
    lead = [m for m in before if m.start >= release_start and m.precision <= WEEK]
    if lead and not (text is not None and SEPARATE_INCIDENT.search(text, start, end)):
        return lead[-1], lead[-1].date, lead[-1].precision
    if lead:  # "In a separate attack, ...": around the lead's day ("three attacks on Thursday"), at week precision
        return lead[-1], lead[-1].date, max(lead[-1].precision, WEEK)
    if dateline is not None and dateline.precision == DAY and published is not None:
        return dateline, dateline.date, WEEK
    if published is not None:
        return dateline, published, WEEK
    if dateline is not None:
        return dateline, dateline.date, max(dateline.precision, WEEK)
    return None, None, MONTH




def _dateline_before(dates: list[DateMention], start: int) -> DateMention | None:
    """The last dateline before ``start`` (the release this sentence belongs to), else the first."""
    datelines = [m for m in dates if m.is_dateline]
    preceding = [m for m in datelines if m.start < start]
    return preceding[-1] if preceding else (datelines[0] if datelines else None)
