"""Dates a sentence refers back to (reference_dates.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from sitroom.extract.dates import event_date_for_span, find_dates
from sitroom.extract.reference_dates import is_reference_date


@pytest.mark.parametrize("text, phrase", [
    ("The valley has held out since the fall of Kabul on Aug. 15, despite clashes nearby.", "Aug. 15"),
    ("The killings took place a fortnight after the takeover on August 15.", "August 15"),
    ("Women marked the anniversary of the takeover on August 15 with a protest.", "August 15"),
])
def test_a_date_after_a_reference_cue_refers_back(text, phrase):
    assert is_reference_date(text, text.index(phrase))


@pytest.mark.parametrize("text, phrase", [
    ("Gunmen attacked a checkpoint on Aug. 15, after the fall of the district.", "Aug. 15"),
    ("After the fall of the district, fighting resumed. On Monday, two were killed.", "Monday"),
    # the sentence's own event is the takeover: its date stays
    ("Since the Taliban took control of the valley last September, residents have fled.", "last September"),
])
def test_a_date_of_its_own_clause_is_no_reference(text, phrase):
    assert not is_reference_date(text, text.index(phrase))


def test_a_sentence_dated_only_by_a_reference_takes_the_reports_lead_date():
    published = dt.date(2021, 8, 31)
    text = ("Resistance fighters clashed with Taliban fighters on Monday night.\n"
            "Panjshir has held out since the fall of Kabul on Aug. 15, despite clashes in Baghlan.")
    second = text.index("Panjshir")
    used, date, _ = event_date_for_span(second, len(text), find_dates(text, published), published, text=text)
    assert (used.text, date) == ("Monday", dt.date(2021, 8, 30))
