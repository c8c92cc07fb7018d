"""Dating an incident from the sentence that goes on about it (date_continuation.py)."""

from __future__ import annotations

import datetime as dt

from sitroom.extract.date_continuation import continuing_date, load_continuation_rules
from sitroom.extract.dates import find_dates
from sitroom.extract.sentences import split_sentences

TEXT = ("Two guards were killed in an attack in Kunduz.\n\nThe attack took place on Friday evening.\n\n"
        "Officials met on Saturday to discuss the budget.")


def _run(text: str, stop: int | None = None):
    sentences = split_sentences(text)
    dates = find_dates(text, dt.date(2025, 12, 13))
    return continuing_date(sentences[0], sentences[1:], dates, len(text) if stop is None else stop,
                           load_continuation_rules())


def test_a_sentence_referring_back_gives_its_date():
    found = _run(TEXT)
    assert found is not None and found.date == dt.date(2025, 12, 12)


def test_a_sentence_without_a_reference_back_gives_nothing():
    assert _run(TEXT.replace("The attack took place", "Rain fell")) is None


def test_nothing_from_the_next_event_sentence_on_counts():
    assert _run(TEXT, stop=TEXT.index("The attack")) is None
