"""Tell a report's history from its events (pure functions).

"In 2011, the US government designated him a terrorist", "In 2022, UNAMA
documented another 70 killings": a sentence dated only by a whole year tells
history or sums up a period; it names no incident a coder could date, so it
is no event mention (a statistic over the period stays an aggregate). A month ("in March") or a day still dates an incident.
"""

from __future__ import annotations

from sitroom.extract.dates import DateMention
from sitroom.models import EventMention

LONGEST_INCIDENT_SPAN_DAYS = 31  # a date mention spanning more than a month is a period, not an incident's date


def dated_by_period_only(mention: EventMention, dates: list[DateMention]) -> bool:
    """Is the mention dated only by a date spanning more than a month (a year, "since 2021")?"""
    evidence = mention.evidence.get("event_date")
    if evidence is None:
        return False
    used = next((d for d in dates if (d.start, d.end) == (evidence.start, evidence.end)), None)
    return used is not None and not used.is_dateline and (used.end_date - used.date).days > LONGEST_INCIDENT_SPAN_DAYS
