"""Solar Hijri (Afghan/Iranian) calendar conversion to and from the Gregorian calendar.

Uses the 33-year-cycle break table of the jalaali algorithm (Borkowski; as in jalaali-js),
which matches the astronomical calendar for Solar Hijri years 1 to 3177.
"""

from __future__ import annotations

import datetime as dt

# Years at which the leap-year cycle pattern changes (jalaali algorithm).
_BREAKS = (-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192,
           2262, 2324, 2394, 2456, 3178)


def _div(a: int, b: int) -> int:
    """Integer division truncating toward zero, as the reference algorithm expects."""
    return int(a / b)


def _mod(a: int, b: int) -> int:
    return a - _div(a, b) * b


def _year_info(year: int) -> tuple[bool, dt.date]:
    """Return (is_leap, Gregorian date of 1 Hamal) for Solar Hijri ``year``."""
    if not _BREAKS[0] <= year < _BREAKS[-1]:
        raise ValueError(f"Solar Hijri year {year} is outside the supported range 1-3177")
    gregorian_year = year + 621
    leap_count = -14
    previous = _BREAKS[0]
    jump = 0
    for brk in _BREAKS[1:]:
        jump = brk - previous
        if year < brk:
            break
        leap_count += _div(jump, 33) * 8 + _div(_mod(jump, 33), 4)
        previous = brk
    n = year - previous
    leap_count += _div(n, 33) * 8 + _div(_mod(n, 33) + 3, 4)
    if _mod(jump, 33) == 4 and jump - n == 4:
        leap_count += 1
    gregorian_leaps = _div(gregorian_year, 4) - _div((_div(gregorian_year, 100) + 1) * 3, 4) - 150
    march_day = 20 + leap_count - gregorian_leaps
    if jump - n < 6:
        n = n - jump + _div(jump + 4, 33) * 33
    leap = _mod(_mod(n + 1, 33) - 1, 4)
    return leap == 0, dt.date(gregorian_year, 3, march_day)


def month_length(year: int, month: int) -> int:
    """Return the number of days in Solar Hijri ``month`` (1-12) of ``year``."""
    if not 1 <= month <= 12:
        raise ValueError(f"Solar Hijri month {month} is not in 1-12")
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if _year_info(year)[0] else 29


def to_gregorian(year: int, month: int, day: int) -> dt.date:
    """Convert a Solar Hijri date to a Gregorian ``datetime.date``; ValueError if invalid."""
    if not 1 <= day <= month_length(year, month):
        raise ValueError(f"day {day} is not valid in Solar Hijri month {month} of {year}")
    first_of_year = _year_info(year)[1]
    offset = (month - 1) * 31 - (month // 7) * (month - 7) + day - 1
    return first_of_year + dt.timedelta(days=offset)


def from_gregorian(date: dt.date) -> tuple[int, int, int]:
    """Convert a Gregorian date to a Solar Hijri (year, month, day) triple."""
    year = date.year - 621
    first = _year_info(year)[1]
    if date < first:
        year -= 1
        first = _year_info(year)[1]
    day_of_year = (date - first).days
    if day_of_year < 186:
        return year, day_of_year // 31 + 1, day_of_year % 31 + 1
    day_of_year -= 186
    return year, day_of_year // 30 + 7, day_of_year % 30 + 1
