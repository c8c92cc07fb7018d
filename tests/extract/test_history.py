"""A mention dated only by a period (history.py), on mentions and dates built here."""

from __future__ import annotations

import datetime as dt

from sitroom.extract.dates import DateMention
from sitroom.extract.history import dated_by_period_only
from sitroom.models import EventMention, Evidence


def _mention_dated_by(date: DateMention) -> EventMention:
    mention = EventMention(doc_id="d")
    mention.evidence["event_date"] = Evidence("d", date.start, date.end, "extract.dates", "v")
    return mention


def test_a_year_is_a_period_a_month_or_day_is_not():
    year = DateMention(3, 7, "2011", dt.date(2011, 1, 1), dt.date(2011, 12, 31), 3, False, False)
    month = DateMention(3, 8, "March", dt.date(2024, 3, 1), dt.date(2024, 3, 31), 3, False, True)
    day = DateMention(3, 9, "Tuesday", dt.date(2024, 3, 5), dt.date(2024, 3, 5), 1, False, True)
    assert dated_by_period_only(_mention_dated_by(year), [year])
    assert not dated_by_period_only(_mention_dated_by(month), [month])
    assert not dated_by_period_only(_mention_dated_by(day), [day])
    assert not dated_by_period_only(EventMention(doc_id="d"), [year])  # no date evidence
