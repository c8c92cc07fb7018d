"""The claims ledger: event status from its sources, and per-actor claim statistics.

Status of an event, from its SourceReport rows (first rule that holds):
- "confirmed": a source with stance "confirmed", or an independent source of a
  confirming kind (UN / NGO monitors, ``ledger.confirming_kinds``), or independent
  sources from ``ledger.unrelated_publishers_to_confirm`` unrelated publishers;
- "independently-reported": at least one independent source (a kind in
  ``ledger.independent_kinds`` that neither claims nor denies);
- "contested": claimed and denied, nothing independent;
- "claimed": only claims (a "claimed" stance or a source of kind "claim");
- "denied": only denials;
- "reported": anything else (e.g. only an official statement, a party's report).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sitroom.models import Event, SourceKind, SourceReport, Stance
from sitroom.resolve.prepare import Preparer
from sitroom.resolve.records import ResolvableMention
from sitroom.resolve.settings import ResolutionSettings

STATUSES = ("confirmed", "independently-reported", "contested", "claimed", "denied", "reported")
INDEPENDENT_STATUSES = ("confirmed", "independently-reported")


def is_claim(report: SourceReport) -> bool:
    """True when the source claims the event (its stance, or a party's own statement)."""
    if report.stance is Stance.CLAIMED:
        return True
    return report.source_kind is SourceKind.CLAIM and report.stance is Stance.REPORTED


def is_independent(report: SourceReport, settings: ResolutionSettings) -> bool:
    """True when the source is not a party and neither claims nor denies."""
    if report.stance in (Stance.CLAIMED, Stance.DENIED):
        return False
    return report.source_kind.value in settings.independent_kinds


def _publisher_key(publisher: str | None) -> str:
    return " ".join((publisher or "").casefold().split())


def derive_status(sources: Iterable[SourceReport], settings: ResolutionSettings) -> str:
    """Return the event status its sources support (rules in the module docstring)."""
    sources = list(sources)
    independent = [s for s in sources if is_independent(s, settings)]
    publishers = {_publisher_key(s.publisher) for s in independent if s.publisher}
    if (
        any(s.stance is Stance.CONFIRMED for s in sources)
        or any(s.source_kind.value in settings.confirming_kinds for s in independent)
        or len(publishers) >= settings.unrelated_publishers_to_confirm
    ):
        return "confirmed"
    if independent:
        return "independently-reported"
    claimed = any(is_claim(s) for s in sources)
    denied = any(s.stance is Stance.DENIED for s in sources)
    if claimed and denied:
        return "contested"
    if claimed:
        return "claimed"
    return "denied" if denied else "reported"


@dataclass(slots=True)
class ActorPeriodStats:
    """One actor's claims over one period, against what others reported."""

    actor: str
    period: str  # "2023-05", "2023-Q2" or "2023"
    events_claimed: int = 0
    claims_contradicted: int = 0  # claimed events some source denied
    claims_independently_confirmed: int = 0  # claimed events with an independent source
    claimed_fatalities: int = 0  # the actor's own (highest) figure, summed over its claimed events
    confirmed_fatalities: int = 0  # lowest independent figure, summed over the confirmed claimed events


def period_of(day: dt.date | None, period: str) -> str:
    """Return the period label of a date ("unknown" without a date)."""
    if day is None:
        return "unknown"
    if period == "year":
        return f"{day.year}"
    if period == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}-{day.month:02d}"


def claimant(record: ResolvableMention, preparer: Preparer) -> str | None:
    """Return the canonical actor making a claim: its ``claim.by``, else actor1, else the publisher."""
    mention = record.mention
    return preparer.actor_key(mention.claim.by) or preparer.actor_key(mention.actor1) or record.publisher


def actor_statistics(
    events: Iterable[Event], mentions: Mapping[str, ResolvableMention], settings: ResolutionSettings
) -> list[ActorPeriodStats]:
    """Return claim statistics per claimant and period, sorted by actor then period.

    Input: canonical events and the resolvable mentions by id (for who made each claim).
    """
    preparer = Preparer(settings)
    table: dict[tuple[str, str], ActorPeriodStats] = {}
    for event in events:
        claimed_by: dict[str, int] = {}
        for report in event.sources:
            record = mentions.get(report.mention_id)
            if record is None or not is_claim(report):
                continue
            actor = claimant(record, preparer)
            if actor:
                claimed_by[actor] = max(claimed_by.get(actor, 0), report.fatalities or 0)
        for actor, figure in claimed_by.items():
            period = period_of(event.coded.event_date, settings.period)
            stats = table.setdefault((actor, period), ActorPeriodStats(actor, period))
            _count(stats, event, figure, settings)
    return [table[key] for key in sorted(table)]


def _count(stats: ActorPeriodStats, event: Event, claimed_figure: int, settings: ResolutionSettings) -> None:
    stats.events_claimed += 1
    stats.claimed_fatalities += claimed_figure
    if any(s.stance is Stance.DENIED for s in event.sources):
        stats.claims_contradicted += 1
    if event.status in INDEPENDENT_STATUSES:
        stats.claims_independently_confirmed += 1
        figures = [s.fatalities for s in event.sources if is_independent(s, settings) and s.fatalities is not None]
        stats.confirmed_fatalities += min(figures) if figures else 0
