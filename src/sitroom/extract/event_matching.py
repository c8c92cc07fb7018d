"""Match a report's extracted mentions to its hand-coded events, one to one (pure functions).

A gold event can be found by a non-aggregate mention that has its province
(a gold event without a province: a mention with no province of the home
country) and a date inside its accepted range. Several mentions may be able to
find one event, and one mention several events; the assignment is one to one,
greedy by field agreement (most agreeing fields first, then the closest date,
then text order), so a second telling of an incident the report already told
is a false event, as "one event per incident" implies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

SCORED_FIELDS = ("event_type", "sub_event_type", "actor1", "actor2", "fatalities", "exact_date")
WEEK_SPAN, MONTH_SPAN = 6, 27  # days a gold range must span to accept a week / month precision date


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One hand-coded incident: what a matching mention must have and what is scored."""

    event_type: str | None
    sub_event_type: str | None
    first: dt.date
    last: dt.date
    admin1_code: str | None
    actor1: str | None
    actor2: str | None
    fatalities: int | None


@dataclass(frozen=True, slots=True)
class PredictedEvent:
    """One non-aggregate mention, folded to what is compared (actors as codebook classes)."""

    event_type: str | None
    sub_event_type: str | None
    date: dt.date | None
    precision: int
    admin1_code: str | None  # a province of the home country, else None
    actor1: str | None
    actor2: str | None
    fatalities: int | None
    text: str = ""


def same_place(gold: GoldEvent, predicted: PredictedEvent) -> bool:
    """Same province, or both without one."""
    return gold.admin1_code == predicted.admin1_code


def date_in_range(gold: GoldEvent, predicted: PredictedEvent) -> bool:
    """Is the mention's date inside the gold event's accepted range?"""
    return predicted.date is not None and gold.first <= predicted.date <= gold.last


def can_match(gold: GoldEvent, predicted: PredictedEvent) -> bool:
    """Can this mention find this gold event (its province and a date in its range)?"""
    return same_place(gold, predicted) and date_in_range(gold, predicted)


def exact_date(gold: GoldEvent, predicted: PredictedEvent) -> bool:
    """Date inside the range at a precision no vaguer than the range: a one-day range needs day
    precision; week precision needs a range of a week, month precision one of a month."""
    if not date_in_range(gold, predicted):
        return False
    span = (gold.last - gold.first).days
    allowed = 1 + (span >= WEEK_SPAN) + (span >= MONTH_SPAN)
    return predicted.precision <= allowed


def field_checks(gold: GoldEvent, predicted: PredictedEvent) -> dict[str, bool]:
    """Which scored fields agree (SCORED_FIELDS, in order)."""
    return {
        "event_type": gold.event_type == predicted.event_type,
        "sub_event_type": gold.sub_event_type == predicted.sub_event_type,
        "actor1": gold.actor1 == predicted.actor1,
        "actor2": gold.actor2 == predicted.actor2,
        "fatalities": gold.fatalities == predicted.fatalities,
        "exact_date": exact_date(gold, predicted),
    }


def _distance(gold: GoldEvent, predicted: PredictedEvent) -> int:
    """Days from the mention's date to the middle of the gold range (a tie-breaker)."""
    middle = gold.first + (gold.last - gold.first) / 2
    return abs((predicted.date - middle).days) if predicted.date else 10**6


def assign(golds: list[GoldEvent], predictions: list[PredictedEvent]) -> dict[int, int]:
    """One-to-one assignment, greedy by field agreement: gold index -> prediction index."""
    pairs = []
    for g, gold in enumerate(golds):
        for p, predicted in enumerate(predictions):
            if can_match(gold, predicted):
                agreement = sum(field_checks(gold, predicted).values())
                pairs.append((-agreement, _distance(gold, predicted), g, p))
    pairs.sort()
    assigned: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, g, p in pairs:
        if g not in assigned and p not in taken:
            assigned[g] = p
            taken.add(p)
    return assigned


def miss_kind(gold: GoldEvent, predictions: list[PredictedEvent], assigned: dict[int, int]) -> str:
    """Why a gold event was not found."""
    if not predictions:
        return "no mention in the report"
    if any(can_match(gold, p) for p in predictions):
        return "its mention found another event"
    if any(same_place(gold, p) for p in predictions):
        return "wrong date"
    if any(date_in_range(gold, p) for p in predictions):
        return "wrong place"
    return "no mention of it"


def false_kind(predicted: PredictedEvent, golds: list[GoldEvent], assigned: dict[int, int]) -> str:
    """Why a mention matches no gold event."""
    if not golds:
        return "not an event (report has none)"
    if any(can_match(g, predicted) for g in golds):
        return "repeat"
    if any(same_place(g, predicted) for g in golds):
        return "wrong date"
    if any(date_in_range(g, predicted) for g in golds):
        return "wrong place"
    return "not an event"
