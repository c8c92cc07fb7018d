"""CSV row iteration with exact line numbers and raw bytes, plus strict field parsers.

Shared by the ACLED and UCDP readers. A row may span several lines when a quoted
field holds line breaks; its number is its first line and its bytes are all of them.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from typing import Iterator

from sitroom.ingest.decoding import SourceFile, SourceLine, split_lines

_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S")


class RowError(ValueError):
    """A CSV field holds a value the reader cannot use."""


@dataclass(slots=True)
class CsvRow:
    """One data row: first line number, raw bytes, and values by column name."""

    line: int
    raw: bytes
    values: dict[str, str]


def _delimiter(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","


def read_header(source: SourceFile) -> list[str]:
    """Return the file's header columns, stripped and lower-cased."""
    lines = [line for line in source.decoded().text.splitlines() if line.strip()]
    if not lines:
        return []
    first = lines[0].lstrip("\ufeff")
    header = next(csv.reader([first], delimiter=_delimiter(first)), [])
    return [name.strip().lower() for name in header]


def iter_rows(source: SourceFile) -> Iterator[CsvRow | tuple[int, str]]:
    """Yield each data row, or (line, reason) for a row with the wrong number of columns."""
    lines = split_lines(source)
    consumed: list[SourceLine] = []

    def feed() -> Iterator[str]:
        for line in lines:
            consumed.append(line)
            text = line.text.lstrip("\ufeff") if line.number == 1 else line.text
            yield text + "\n"  # csv keeps line breaks inside quoted fields only if given them

    first_text = next((line.text for line in lines if line.text.strip()), "")
    reader = csv.reader(feed(), delimiter=_delimiter(first_text), strict=False)
    header: list[str] | None = None
    try:
        for cells in reader:
            row_lines, consumed[:] = list(consumed), []
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = [name.strip().lower() for name in cells]
                continue
            number = row_lines[0].number
            if len(cells) != len(header):
                yield number, f"row has {len(cells)} columns, header has {len(header)}"
                continue
            raw = b"\n".join(line.raw for line in row_lines)
            yield CsvRow(number, raw, dict(zip(header, (cell.strip() for cell in cells))))
    except csv.Error as error:
        yield (consumed[0].number if consumed else len(lines)), f"unreadable CSV: {error}"


def parse_date(value: str, column: str) -> dt.date:
    """Return the date in ``value`` (ISO or ACLED's "14 May 2023"); RowError if not a date."""
    text = value.strip()
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text[:19] if "%H" in pattern else text, pattern).date()
        except ValueError:
            continue
    raise RowError(f"{column} {value!r} is not a date (expected YYYY-MM-DD or '14 May 2023')")


def parse_int(value: str | None, column: str, default: int | None = None) -> int | None:
    """Return ``value`` as a whole number; ``default`` if empty; RowError if not numeric."""
    if value is None or not value.strip():
        return default
    try:
        number = float(value.strip())
    except ValueError:
        raise RowError(f"{column} {value!r} is not a number") from None
    if not number.is_integer() or number < 0:
        raise RowError(f"{column} {value!r} is not a whole non-negative number")
    return int(number)


def parse_float(value: str | None, column: str) -> float | None:
    """Return ``value`` as a float; None if empty; RowError if not numeric."""
    if value is None or not value.strip():
        return None
    try:
        return float(value.strip())
    except ValueError:
        raise RowError(f"{column} {value!r} is not a number") from None


def split_list(value: str | None) -> list[str]:
    """Split a semicolon-separated cell ("a; b") into its non-empty items."""
    return [item.strip() for item in (value or "").split(";") if item.strip()]
