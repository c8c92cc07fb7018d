"""Date an incident from a sentence that goes on about it (pure functions).

A lead often names the incident without its day, and the next sentence,
which reports no event of its own, gives it: "Two Taliban were killed in an
attack in Kunduz. The attack took place on Friday evening, the group said."
Such a sentence refers back to the incident ("the attack", "this blast", "این
حمله"); its date dates the incident. Only the few sentences right after the
mention count, before the next event sentence and within the next paragraph:
a date far down the report does not date the lead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitroom.datafiles import read_data_json
from sitroom.errors import DataPackError
from sitroom.extract.dates import DateMention
from sitroom.extract.sentences import Sentence


@dataclass(frozen=True, slots=True)
class ContinuationRules:
    """References back to an incident, and how far after a mention they are looked for."""

    references: re.Pattern[str]
    max_sentences: int
    max_paragraph_gap: int


@lru_cache(maxsize=1)
def load_continuation_rules() -> ContinuationRules:
    """Load data/dates/continuation.json; DataPackError when malformed."""
    raw = read_data_json("dates", "continuation.json")
    try:
        words = sorted({str(w) for w in raw["references"]}, key=len, reverse=True)
        rules = ContinuationRules(
            references=re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE),
            max_sentences=int(raw["max_sentences"]),
            max_paragraph_gap=int(raw["max_paragraph_gap"]),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise DataPackError(f"dates/continuation.json: missing or malformed entry ({error})") from None
    if not words:
        raise DataPackError("dates/continuation.json: 'references' is empty")
    return rules


def continuing_date(last: Sentence, following: list[Sentence], dates: list[DateMention], stop: int,
                    rules: ContinuationRules) -> DateMention | None:
    """The date of the first sentence after ``last`` that refers back to the incident.

    ``following``: the sentences after the mention in text order; ``dates``: the report's usable
    dates (no datelines); ``stop``: where the next event sentence starts (nothing from it on counts).
    """
    for sentence in following[: rules.max_sentences]:
        if sentence.start >= stop or sentence.paragraph - last.paragraph > rules.max_paragraph_gap:
            return None
        if not rules.references.search(sentence.text):
            continue
        inside = [d for d in dates if sentence.start <= d.start < sentence.end and not d.is_dateline]
        if inside:
            return min(inside, key=lambda d: (d.precision, d.date, d.start))
    return None
