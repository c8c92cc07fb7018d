"""Sentences that sum up many incidents or a report's findings (report_summaries.py)."""

from __future__ import annotations

import pytest

from sitroom.extract.event_types import EventTyping
from sitroom.extract.report_summaries import as_summary, is_report_summary


@pytest.mark.parametrize("sentence", [
    "The report, released on Monday, highlights attacks by armed groups as the main cause of insecurity.",
    "The mission recorded at least 60 extrajudicial killings of former soldiers, mainly in three provinces.",
    "Killings of at least 40 people accused of links to the group were documented.",
    "Clashes were reported across all 34 provinces over the year.",
    "The number of roadside bombings in the country has sharply declined since last year.",
])
def test_summaries_of_many_incidents_are_recognised(sentence):
    assert is_report_summary(sentence)


@pytest.mark.parametrize("sentence", [
    "Taliban forces killed two former soldiers in Warsaj district on Tuesday night.",
    "The number of dead from the airstrikes has increased to 44, a health official said.",
    "According to the report, the killings took place in a village of Daykundi on August 30.",
])
def test_single_incidents_and_toll_updates_are_not_summaries(sentence):
    assert not is_report_summary(sentence)


def test_a_summary_sentence_is_typed_as_an_aggregate():
    typing = EventTyping("Violence against civilians", "Attack", (), 0, 5, False)
    text = "The report documented at least 50 killings of detainees."
    assert as_summary(typing, text).is_aggregate
    assert as_summary(typing, "Gunmen killed a teacher on Monday.") is typing
    assert as_summary(None, text) is None


def test_a_report_of_statistics_yields_no_event_mention(extract_mentions):
    text = ("UN report\n\nThe report, made public on Thursday, highlights attacks by armed groups and border "
            "clashes as the main sources of insecurity in the country.")
    assert [m for m in extract_mentions(text, published="2024-12-13") if not m["is_aggregate"]] == []


@pytest.mark.parametrize("sentence", [
    "With the snow coming, the clashes between the Taliban and the resistance have decreased in the north.",
    "Attacks on girls' schools in the province have sharply increased, teachers say.",
])
def test_a_trend_of_many_incidents_is_a_summary(sentence):
    assert is_report_summary(sentence)
