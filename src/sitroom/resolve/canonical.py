"""The canonical event of a cluster, chosen by documented rules, and its contract JSON.

Rules (denials are left out of every choice unless all sources deny):
- coded fields (type, actors, tags ...): the mention with the strongest evidence
  (``canonical.evidence_order``: confirmed > UN/NGO > news > social > official >
  claim > denial), ties to the more precise, then the earliest published;
- place fields (admin1, admin2, location, coordinates, geo_precision): the most
  precise place (lowest geo_precision, with coordinates first), ties by evidence;
- date fields (event_date, time_precision): the most precise date, ties by evidence;
- fatalities / injured / detained: low = the minimum and high = the maximum over
  all non-denial sources; best = the most conservative (minimum) figure of the
  strongest tier that gives one: (1) confirmations and UN / NGO reports, (2) other
  independent sources, (3) claims and party statements. Claimants inflate and
  denials dispute, so a claim's figure is the best only when nobody else counted.
- every source's own figures are kept as a ``SourceReport`` beside the event.

``event_to_contract`` (the `sitroom events --format json` object) is
``sitroom.export.records.event_to_dict``, re-exported here.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sitroom.export.records import event_to_dict as event_to_contract  # noqa: F401  (re-exported: the one contract function)
from sitroom.models import Event, SourceReport, Stance
from sitroom.resolve.ledger import derive_status, is_independent
from sitroom.resolve.records import ResolvableMention
from sitroom.resolve.settings import ResolutionSettings

PLACE_FIELDS = ("country", "admin1", "admin1_code", "admin2", "location", "latitude", "longitude", "geo_precision")
DATE_FIELDS = ("event_date", "time_precision")
FIGURES = ("fatalities", "injured", "detained")


def evidence_rank(record: ResolvableMention, settings: ResolutionSettings) -> int:
    """Return the position of a mention's stance (or, if merely reported, its kind) in evidence_order."""
    stance = record.stance
    key = stance.value if stance is not Stance.REPORTED else record.source_kind.value
    order = settings.evidence_order
    return order.index(key) if key in order else len(order)


def _published(record: ResolvableMention) -> int:
    return record.published.toordinal() if record.published else 10**7


def source_report(record: ResolvableMention) -> SourceReport:
    """Return the ledger row of one mention."""
    mention = record.mention
    return SourceReport(
        mention_id=mention.mention_id,
        doc_id=mention.doc_id,
        publisher=record.publisher,
        source_kind=record.source_kind,
        stance=record.stance,
        fatalities=mention.fatalities,
        injured=mention.injured,
        detained=mention.detained,
    )


def figure_range(records: list[ResolvableMention], name: str, settings: ResolutionSettings) -> tuple:
    """Return (low, best, high) of one figure over a cluster (rules in the module docstring)."""
    tiers: dict[int, list[int]] = {0: [], 1: [], 2: []}
    for record in records:
        value = getattr(record.mention, name)
        if value is None or record.stance is Stance.DENIED:
            continue
        report = source_report(record)
        independent = is_independent(report, settings)
        if record.stance is Stance.CONFIRMED or (independent and record.source_kind.value in settings.confirming_kinds):
            tiers[0].append(value)
        elif independent:
            tiers[1].append(value)
        else:
            tiers[2].append(value)
    values = tiers[0] + tiers[1] + tiers[2]
    if not values:
        return None, None, None
    best = min(next(tier for tier in (tiers[0], tiers[1], tiers[2]) if tier))
    return min(values), best, max(values)


def _choose(records: list[ResolvableMention], settings: ResolutionSettings) -> dict[str, ResolvableMention]:
    """Return the mention each field group is taken from: "coded", "place" and "date"."""
    usable = [r for r in records if r.stance is not Stance.DENIED] or records

    def rank(record: ResolvableMention) -> tuple:
        return evidence_rank(record, settings), _published(record), record.mention_id

    def place_rank(record: ResolvableMention) -> tuple:
        has_point = record.mention.latitude is not None
        return (record.mention.geo_precision, not has_point, *rank(record))

    coded = min(usable, key=lambda r: (rank(r)[0], r.mention.geo_precision + r.mention.time_precision, *rank(r)[1:]))
    place = min(usable, key=place_rank)
    dated = [r for r in usable if r.mention.event_date is not None] or usable
    date = min(dated, key=lambda r: (r.mention.time_precision, *rank(r)))
    return {"coded": coded, "place": place, "date": date}


def _union(values: list[list[str]], exclude: set[str | None] = frozenset()) -> list[str]:
    return [v for v in dict.fromkeys(item for group in values for item in group) if v not in exclude]


def build_event(
    event_id: str, records: list[ResolvableMention], settings: ResolutionSettings
) -> tuple[Event, dict[str, str]]:
    """Return the canonical Event of one cluster and its provenance (field group -> mention id)."""
    chosen = _choose(records, settings)
    lead, place, date = chosen["coded"].mention, chosen["place"].mention, chosen["date"].mention
    changes: dict[str, Any] = {name: getattr(place, name) for name in PLACE_FIELDS}
    changes.update({name: getattr(date, name) for name in DATE_FIELDS})
    changes["tags"] = _union([r.mention.tags for r in records])
    changes["assoc_actors"] = _union([r.mention.assoc_actors for r in records], {lead.actor1, lead.actor2})
    changes["evidence"] = {**lead.evidence, **_subset(place.evidence, PLACE_FIELDS), **_subset(date.evidence, DATE_FIELDS)}
    ranges = {name: figure_range(records, name, settings) for name in FIGURES}
    changes.update({name: ranges[name][1] for name in FIGURES})
    coded = dataclasses.replace(lead, **changes)
    ordered = sorted(records, key=lambda r: (_published(r), r.mention_id))
    sources = [source_report(r) for r in ordered]
    event = Event(event_id=event_id, coded=coded, status=derive_status(sources, settings), sources=sources)
    for name in FIGURES:
        low, best, high = ranges[name]
        setattr(event, f"{name}_low", low)
        setattr(event, f"{name}_best", best)
        setattr(event, f"{name}_high", high)
    provenance = {group: record.mention_id for group, record in chosen.items()}
    return event, provenance


def _subset(evidence: dict, names: tuple[str, ...]) -> dict:
    return {key: value for key, value in evidence.items() if key in names}
