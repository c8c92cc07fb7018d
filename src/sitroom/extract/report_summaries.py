"""Tell sentences that sum up many incidents or a report's findings from event sentences (pure functions).

"The report, made public on Thursday, highlights ISKP attacks ...", "at least
148 extrajudicial killings ... across all 34 provinces", "the number of bomb
blasts has markedly declined": such a sentence states a statistic or
restates a study, not one incident, even when an event word is in it. The
patterns are data (``data/text/report_summary_cues.json``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from sitroom.datafiles import read_data_json
from sitroom.errors import DataPackError
from sitroom.extract.event_types import EventTyping

_FILE = "text/report_summary_cues.json"


@lru_cache(maxsize=1)
def summary_pattern() -> re.Pattern[str]:
    """One pattern matching any report-summary cue; DataPackError naming the file when malformed."""
    raw = read_data_json("text", "report_summary_cues.json")
    patterns = raw.get("patterns")
    if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
        raise DataPackError(f"{_FILE}: 'patterns' must be a non-empty list of regular expressions")
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    except re.error as error:
        raise DataPackError(f"{_FILE}: a pattern does not compile ({error})") from None


def is_report_summary(sentence: str) -> bool:
    """Does the sentence sum up many incidents or restate a report's findings?"""
    return summary_pattern().search(sentence) is not None


def as_summary(typing: EventTyping | None, sentence: str) -> EventTyping | None:
    """``typing``, made an aggregate when its sentence is a report summary."""
    if typing is None or typing.is_aggregate or not is_report_summary(sentence):
        return typing
    return replace(typing, is_aggregate=True)
