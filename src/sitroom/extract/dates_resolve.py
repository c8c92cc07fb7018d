"""Turn one date-regex match into a (start date, end date, precision, relative) reading.

Relative phrases are read against the publication date ("anchor"); without an anchor they
yield nothing, and a month and day without a year take the anchor's year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Optional, Union

from sitroom.extract import dates_hijri
from sitroom.extract.dates_data import DateVocabulary

Reading = tuple[dt.date, dt.date, int, bool]  # start, end, precision, relative
Groups = Union[dict[str, Optional[str]], "re.Match[str]"]  # a match's named groups: groups[name] or None

DAY, WEEK, MONTH = 1, 2, 3
# A month-day without a year may lie this many days after publication (datelines run late).
_FUTURE_SLACK = dt.timedelta(days=2)


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower().rstrip("."))


def _day_number(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def month_end(year: int, month: int) -> dt.date:
    """Return the last day of ``month`` in ``year``."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _day(date: dt.date, relative: bool) -> Reading:
    return date, date, DAY, relative


def _month(year: int, month: int, relative: bool, part: str | None, vocab: DateVocabulary) -> Reading:
    """A month, or part of one ('early May' = days 1-10 at week precision)."""
    if part:
        first, last, _, _ = vocab.part_of_period[_key(part).rstrip("-")]
        last_day = min(last, calendar.monthrange(year, month)[1])
        return dt.date(year, month, first), dt.date(year, month, last_day), WEEK, relative
    return dt.date(year, month, 1), month_end(year, month), MONTH, relative


def _year(year: int, part: str | None, vocab: DateVocabulary) -> Reading:
    if part:
        _, _, first, last = vocab.part_of_period[_key(part).rstrip("-")]
        return dt.date(year, first, 1), month_end(year, last), MONTH, False
    return dt.date(year, 1, 1), dt.date(year, 12, 31), MONTH, False


def _infer_year(month: int, day: int, anchor: dt.date | None) -> dt.date | None:
    """Date of ``month``/``day`` in the anchor's year, or the year before if that is later."""
    if anchor is None:
        return None
    date = dt.date(anchor.year, month, day)
    if date > anchor + _FUTURE_SLACK:
        date = dt.date(anchor.year - 1, month, day)
    return date


def _absolute(year: str | None, month: int, day: int, anchor: dt.date | None) -> Reading | None:
    if year:
        return _day(dt.date(int(year), month, day), False)
    date = _infer_year(month, day, anchor)
    return _day(date, True) if date else None


def _numeric(groups: Groups, prefix: str, anchor: dt.date | None = None, order: str | None = None) -> Reading | None:
    """A numeric date. A Solar Hijri one after the anchor (the publication) is no event date.
    "02/05/2024" follows the document's ``order`` ("day_first" or "month_first", from its
    unambiguous numeric dates, see ``numeric_order``) when it has one; else it reads day-first
    unless that falls after the anchor and the month-first reading does not, or the month-first
    reading is nearer the anchor (a US-style "12/01/2021" header)."""
    year, month, day = (int(groups[f"{prefix}_{part}"] or 0) for part in ("y", "m", "d"))
    if year < 1500:  # 1300-1499 is a Solar Hijri year: "1400/5/15"
        date = dates_hijri.to_gregorian(year, month, day)
        return None if anchor is not None and date > anchor + _FUTURE_SLACK else _day(date, False)
    if prefix == "dmyn" and day <= 12 < month:  # 01/25/2013 can only be month-first
        day, month = month, day
    elif prefix == "dmyn" and order is not None and month <= 12 and day <= 12:
        day, month = (month, day) if order == "month_first" else (day, month)
    elif prefix == "dmyn" and anchor is not None and month <= 12 and day <= 12 and day != month:
        return _day(_nearer_not_after(dt.date(year, month, day), dt.date(year, day, month), anchor), False)
    return _day(dt.date(year, month, day), False)


def _nearer_not_after(day_first: dt.date, month_first: dt.date, anchor: dt.date) -> dt.date:
    """Of two readings of an ambiguous numeric date, the one not after ``anchor`` (with slack),
    and of two such, the nearer; day-first when neither or both tie."""
    latest = anchor + _FUTURE_SLACK
    if (day_first > latest) != (month_first > latest):
        return month_first if day_first > latest else day_first
    return month_first if abs(month_first - anchor) < abs(day_first - anchor) else day_first


def _solar_hijri(groups: Groups, anchor: dt.date | None, vocab: DateVocabulary) -> Reading | None:
    if groups["shm"]:
        year, month = int(groups["shm_y"] or 0), vocab.solar_hijri_months[_key(groups["shm_m"] or "")]
        start = dates_hijri.to_gregorian(year, month, 1)
        last = dates_hijri.to_gregorian(year, month, dates_hijri.month_length(year, month))
        return start, last, MONTH, False
    month = vocab.solar_hijri_months[_key(groups["shd_m"] or "")]
    day = _day_number(groups["shd_d"] or "")
    if groups["shd_y"]:
        return _day(dates_hijri.to_gregorian(int(groups["shd_y"]), month, day), False)
    if anchor is None:
        return None
    year = dates_hijri.from_gregorian(anchor)[0]
    date = dates_hijri.to_gregorian(year, month, day)
    if date > anchor + _FUTURE_SLACK:
        date = dates_hijri.to_gregorian(year - 1, month, day)
    return _day(date, True)


def _weekday(groups: Groups, anchor: dt.date | None, vocab: DateVocabulary) -> Reading | None:
    """Most recent such weekday on or before publication; 'last Monday' skips publication day."""
    if anchor is None:
        return None
    weekday = vocab.weekdays[_key(groups["wd_d"] or "")]
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and groups["wd_last"]:
        back = 7
    return _day(anchor - dt.timedelta(days=back), True)


def _named_month(groups: Groups, anchor: dt.date | None, vocab: DateVocabulary) -> Reading | None:
    """'in May': latest May not after publication; 'last May': latest May before its month."""
    if anchor is None:
        return None
    name = groups["mo_m"] or groups["mi_m"] or ""
    month = vocab.gregorian_months[_key(name)]
    modifier = _key(groups["mo_mod"] or "")
    year = anchor.year if month <= anchor.month else anchor.year - 1
    if modifier in ("last", "past") and month == anchor.month:
        year = anchor.year - 1
    elif modifier == "this":
        year = anchor.year
    part = modifier if modifier in vocab.part_of_period else None
    return _month(year, month, True, part, vocab)


def _shift_months(date: dt.date, months: int) -> tuple[int, int]:
    index = date.year * 12 + date.month - 1 + months
    return index // 12, index % 12 + 1


def _period(unit: str, offset: int, to_publication: bool, anchor: dt.date) -> Reading:
    """A week, month or year relative to publication ('last week', 'earlier this month')."""
    if unit == "week":
        start = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=offset)
        end = anchor if to_publication else start + dt.timedelta(days=6)
        return start, end, WEEK, True
    if unit == "month":
        year, month = _shift_months(anchor, offset)
        end = anchor if to_publication else month_end(year, month)
        return dt.date(year, month, 1), end, MONTH, True
    if unit == "year_ago":
        start = _safe_date(anchor.year + offset, anchor.month, anchor.day)
        return start, start, MONTH, True
    year = anchor.year + offset
    end = anchor if to_publication else dt.date(year, 12, 31)
    return dt.date(year, 1, 1), end, MONTH, True


def _safe_date(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _ago(groups: Groups, anchor: dt.date | None, vocab: DateVocabulary) -> Reading | None:
    if anchor is None:
        return None
    number_text = _key(groups["ago_n"] or "")
    count = int(number_text) if number_text.isdigit() else vocab.numbers[number_text]
    unit = vocab.ago_units[_key(groups["ago_u"] or "")]
    if unit == "day":
        return _day(anchor - dt.timedelta(days=count), True)
    if unit == "week":
        start = anchor - dt.timedelta(weeks=count)
        return start, start, WEEK, True
    if unit == "month":
        year, month = _shift_months(anchor, -count)
        start = _safe_date(year, month, anchor.day)
        return start, start, MONTH, True
    start = _safe_date(anchor.year - count, anchor.month, anchor.day)
    return start, start, MONTH, True


def _past(groups: Groups, anchor: dt.date | None, vocab: DateVocabulary) -> Reading | None:
    """'the past two days': from N days (or weeks) before publication up to publication."""
    if anchor is None:
        return None
    number_text = _key(groups["past_n"] or "")
    count = int(number_text) if number_text.isdigit() else vocab.numbers[number_text]
    days = count * (7 if _key(groups["past_u"] or "").startswith("week") else 1)
    return anchor - dt.timedelta(days=days), anchor, WEEK if days <= 7 else MONTH, True


def resolve(kind: str, groups: Groups, anchor: dt.date | None,
            vocab: DateVocabulary, future_days: int | None = None, numeric_order: str | None = None) -> Reading | None:
    """Read a match of alternative ``kind``; None if it cannot be dated or is not a real date.

    ``future_days`` widens how far after the anchor a yearless month-day may fall (datelines);
    ``numeric_order`` is the document's order of day and month in numeric dates, if known.
    """
    try:
        if kind == "dmyn":
            return _numeric(groups, kind, anchor, numeric_order)
        if future_days is not None and anchor is not None:
            anchor_for_year = anchor + dt.timedelta(days=future_days) - _FUTURE_SLACK
            if kind in ("mdy", "dmy") and not groups[f"{kind}_y"]:
                return _resolve(kind, groups, anchor_for_year, vocab)
        return _resolve(kind, groups, anchor, vocab)
    except (ValueError, KeyError, OverflowError):
        return None  # "Feb. 30", month 13, a year out of range: not a date


def _resolve(kind: str, groups: Groups, anchor: dt.date | None,
             vocab: DateVocabulary) -> Reading | None:
    months = vocab.gregorian_months
    if kind in ("mdy", "dmy"):
        month = months[_key(groups[f"{kind}_m"] or "")]
        return _absolute(groups[f"{kind}_y"], month, _day_number(groups[f"{kind}_d"] or ""), anchor)
    if kind in ("ymd", "dmyn"):
        return _numeric(groups, kind, anchor)
    if kind in ("shd", "shm"):
        return _solar_hijri(groups, anchor, vocab)
    if kind == "my":
        return _month(int(groups["my_y"] or 0), months[_key(groups["my_m"] or "")], False,
                      groups["my_part"], vocab)
    if kind == "yp":
        return _year(int(groups["yp_y"] or 0), groups["yp_part"], vocab)
    if kind == "iy":
        return _year(int(groups["iy_y"] or 0), None, vocab)
    if kind in ("mo", "mi"):
        return _named_month(groups, anchor, vocab)
    if kind == "wd":
        return _weekday(groups, anchor, vocab)
    if kind == "past":
        return _past(groups, anchor, vocab)
    if kind == "ago":
        return _ago(groups, anchor, vocab)
    if anchor is None:
        return None
    if kind == "rel":
        return _day(anchor + dt.timedelta(days=vocab.relative_days[_key(groups["rel"] or "")]), True)
    if kind == "period":
        unit, offset, to_publication = vocab.relative_periods[_key(groups["period"] or "")]
        return _period(unit, offset, to_publication, anchor)
    return None


def numeric_order(pairs: list[tuple[int, int, int]], anchor: dt.date | None) -> str | None:
    """The document's order of day and month in its numeric dates ("day_first" or "month_first"),
    from ``pairs`` of (first number, second number, year) as written: a date only one order can
    read ("25/01/2013", "01/25/2013") settles it, else a date that one order, and only one, reads
    as the publication day (a US-style "06/02/2023" header on a report of 2 June). None when
    nothing settles it or the document mixes both."""
    orders = {"day_first" if first > 12 >= second else "month_first"
              for first, second, _ in pairs if (first > 12) != (second > 12)}
    if not orders and anchor is not None:
        for first, second, year in pairs:
            if first == second or year != anchor.year:
                continue
            if (second, first) == (anchor.month, anchor.day):
                orders.add("day_first")
            elif (first, second) == (anchor.month, anchor.day):
                orders.add("month_first")
    return orders.pop() if len(orders) == 1 else None
