"""Statement dates versus event dates (statement_dates.py), on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

from sitroom.extract.dates import find_dates
from sitroom.extract.statement_dates import is_statement_date, load_statement_cues


def _marks(text: str) -> list[tuple[str, bool]]:
    cues = load_statement_cues()
    return [(d.text, is_statement_date(text, d, cues)) for d in find_dates(text, dt.date(2025, 2, 28))]


def test_english_speech_verb_before_the_date():
    assert _marks("The group said on Friday that its fighters attacked a post on Thursday.") == [
        ("Friday", True), ("Thursday", False)]


def test_dari_speech_verb_after_the_date_in_its_clause():
    marks = _marks("این جبهه روز جمعه اعلام کرد که نیروهایش شام پنجشنبه حمله کردند.")
    assert marks == [("جمعه", True), ("پنجشنبه", False)]


def test_an_event_date_is_no_statement_date():
    assert _marks("Taliban forces detained two men on Friday.") == [("Friday", False)]
