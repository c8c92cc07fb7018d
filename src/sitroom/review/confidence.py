"""Per-field confidence of a machine-coded event, derived from its own evidence, and queue priority.

Each field group gets a score in [0, 1] and a reason (numbers in data/review/queue.json):
- date: the precision of the coded date (day > week > month), times the share of the
  sources giving a date within ``date_agreement_days`` of it;
- place: the precision of the coded place (named place > district > province), times the share
  of the sources naming the same province; no province at all scores ``missing_value``;
- event_type / actors: whether the extractor kept an evidence span for the value, times the share
  of sources coding the same type (actor1); a missing actor scores ``missing_value``;
- fatalities: how far apart the sources' figures are (best / high), lowered when only claims give
  a figure; no figure at all scores ``figures.none_reported`` (nothing to contradict, nothing to check);
- stance: the share of sources that carry the event the same way (no denial among them).
One source agrees with itself only ``single_source_agreement``: an uncorroborated report is weaker.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from typing import Any

from sitroom.review.settings import FIELD_GROUPS, QueueSettings, queue_settings
from sitroom.store.review_records import ReviewEventRow


@dataclass(frozen=True, slots=True)
class FieldConfidence:
    """One field group's confidence and the evidence it rests on."""

    score: float
    reason: str


def _agreement(values: list[Any], coded: Any, settings: QueueSettings, same=lambda a, b: a == b) -> tuple[float, str]:
    known = [value for value in values if value not in (None, "")]
    if len(known) <= 1:
        return settings.single_source_agreement, "one source"
    agreeing = sum(1 for value in known if same(value, coded))
    return agreeing / len(known), f"{agreeing} of {len(known)} sources agree"


def _evidence(mentions: list[dict], name: str, settings: QueueSettings) -> float:
    spans = any(name in json.loads(m.get("evidence") or "{}") for m in mentions)
    return settings.evidence_with if spans else settings.evidence_without


def _date(event: dict, mentions: list[dict], settings: QueueSettings) -> FieldConfidence:
    if not event.get("event_date"):
        return FieldConfidence(settings.missing_value, "no date")
    base = settings.time_precision.get(int(event["time_precision"]), settings.missing_value)
    coded = dt.date.fromisoformat(event["event_date"])
    days = settings.date_agreement_days
    share, why = _agreement([m.get("event_date") for m in mentions], coded, settings,
                            lambda value, c: abs((dt.date.fromisoformat(value) - c).days) <= days)  # fmt: skip
    label = {1: "day", 2: "week", 3: "month"}.get(int(event["time_precision"]), "vague")
    return FieldConfidence(round(base * share, 3), f"precision {label}; {why}")


def _place(event: dict, mentions: list[dict], settings: QueueSettings) -> FieldConfidence:
    if not event.get("admin1") and not event.get("admin1_code"):
        return FieldConfidence(settings.missing_value, "no province")
    base = settings.geo_precision.get(int(event["geo_precision"]), settings.missing_value)
    share, why = _agreement([m.get("admin1_code") or m.get("admin1") for m in mentions],
                            event.get("admin1_code") or event.get("admin1"), settings)  # fmt: skip
    label = {1: "named place", 2: "district", 3: "province"}.get(int(event["geo_precision"]), "vague")
    return FieldConfidence(round(base * share, 3), f"precision {label}; {why}")


def _coded(event: dict, mentions: list[dict], settings: QueueSettings, name: str) -> FieldConfidence:
    if not event.get(name):
        return FieldConfidence(settings.missing_value, f"no {name}")
    base = _evidence(mentions, name, settings)
    share, why = _agreement([m.get(name) for m in mentions], event[name], settings)
    span = "evidence span" if base == settings.evidence_with else "no evidence span"
    return FieldConfidence(round(base * share, 3), f"{span}; {why}")


def _fatalities(event: dict, mentions: list[dict], settings: QueueSettings) -> FieldConfidence:
    best, high = event.get("fatalities_best"), event.get("fatalities_high")
    if best is None:
        return FieldConfidence(settings.figures_none_reported, "no source gives a figure")
    spread = 1.0 if not high else min(1.0, (best + 1) / (high + 1))
    givers = [m for m in mentions if m.get("fatalities") is not None]
    claims_only = givers and all(m.get("claim_stance") == "claimed" for m in givers)
    score = spread * (settings.claims_only_factor if claims_only else 1.0)
    why = f"{len(givers)} source(s) give figures {event.get('fatalities_low')}-{high}" + ("; claims only" if claims_only else "")
    return FieldConfidence(round(score, 3), why)


def _stance(event: dict, mentions: list[dict], settings: QueueSettings) -> FieldConfidence:
    stances = [m.get("claim_stance") or "reported" for m in mentions]
    denials = stances.count("denied")
    share, why = _agreement(stances, event.get("claim_stance") or "reported", settings)
    if denials:
        share *= 0.5
        why += f"; {denials} denial(s)"
    return FieldConfidence(round(share, 3), why)


def field_confidences(row: ReviewEventRow, settings: QueueSettings | None = None) -> dict[str, FieldConfidence]:
    """Return the confidence of each field group of one event (see the module docstring)."""
    settings = settings or queue_settings()
    event, mentions = row.event, row.mentions
    return {
        "event_type": _coded(event, mentions, settings, "event_type"),
        "date": _date(event, mentions, settings),
        "place": _place(event, mentions, settings),
        "actors": _coded(event, mentions, settings, "actor1"),
        "fatalities": _fatalities(event, mentions, settings),
        "stance": _stance(event, mentions, settings),
    }


def overall_confidence(fields: dict[str, FieldConfidence], settings: QueueSettings | None = None) -> float:
    """Return the weighted mean of the field confidences."""
    settings = settings or queue_settings()
    weights = settings.field_weights
    total = sum(weights[name] for name in FIELD_GROUPS)
    return round(sum(fields[name].score * weights[name] for name in FIELD_GROUPS) / total, 3)


def priority(row: ReviewEventRow, overall: float, new_actors: list[str], settings: QueueSettings | None = None) -> float:
    """Return how urgently an event needs eyes: low confidence, contested, many killed, new actors, sent back."""
    settings = settings or queue_settings()
    weights = settings.priority_weights
    killed = row.event.get("fatalities_high") or row.event.get("fatalities_best") or 0
    parts = {
        "low_confidence": 1 - overall,
        "contested": 1.0 if row.event.get("status") in settings.contested_statuses else 0.0,
        "fatalities": min(1.0, math.log1p(killed) / math.log1p(settings.fatalities_scale)),
        "new_actor": 1.0 if new_actors else 0.0,
        "sent_back": 1.0 if row.review.status == "sent_back" else 0.0,
    }
    return round(sum(weights[name] * value for name, value in parts.items()), 3)
