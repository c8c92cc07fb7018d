"""Tell a date a sentence refers back to from the date of the incident it reports (pure functions).

"Panjshir has held out since the fall of Kabul on Aug. 15, despite clashes in
Baghlan": Aug. 15 dates the fall of Kabul, a known earlier event, not the
clashes. A date whose clause, before it, holds a reference cue ("after the fall
of", "a year after", "anniversary of") is skipped when a sentence is dated.
The cues are data (``data/dates/reference_cues.json``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitroom.datafiles import read_data_json
from sitroom.errors import DataPackError

_FILE = "dates/reference_cues.json"
_CLAUSE_BREAK = re.compile(r"[.;:!?\n]|,\s*(?:but|and|while|as|despite)\b")


@dataclass(frozen=True, slots=True)
class ReferenceCues:
    """One pattern for every reference cue, and how far before a date it is looked for."""

    pattern: re.Pattern[str]
    max_chars_before: int


@lru_cache(maxsize=1)
def load_reference_cues() -> ReferenceCues:
    """Read data/dates/reference_cues.json; DataPackError naming the entry when malformed."""
    raw = read_data_json("dates", "reference_cues.json")
    patterns = raw.get("patterns")
    if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
        raise DataPackError(f"{_FILE}: 'patterns' must be a non-empty list of regular expressions")
    try:
        window = int(raw["max_chars_before"])
        pattern = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    except (KeyError, TypeError, ValueError) as error:
        raise DataPackError(f"{_FILE}: missing or malformed max_chars_before ({error})") from None
    except re.error as error:
        raise DataPackError(f"{_FILE}: a pattern does not compile ({error})") from None
    return ReferenceCues(pattern, window)


@lru_cache(maxsize=4096)  # asked for each date of a report once per event sentence (a str caches its hash)
def is_reference_date(text: str, start: int) -> bool:
    """Does the date starting at ``start`` follow a reference cue in its own clause?"""
    cues = load_reference_cues()
    before = text[max(0, start - cues.max_chars_before):start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end():] if breaks else before
    return cues.pattern.search(clause) is not None
