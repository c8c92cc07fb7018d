"""Situation reports: what a monitor publishes for a period (and optionally one province).

``build_situation_report(repository, start, end, province)`` gathers, for the period and the
previous period of equal length: events by type and actor with weekly trends, claimed vs
independently confirmed per group, propaganda volume, notable events with their sources and
statuses, detentions and killings of former security personnel, the surges of the period, and
what changed since the previous period. The result is a typed record; rendering is elsewhere
(``sitroom.analyze.report_render``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sitroom.analyze.report_settings import ReportSettings, load_report_settings
from sitroom.analyze.surges import week_start
from sitroom.analyze.volume import ChannelVolume, GroupClaims, group_claims, volume_for_store
from sitroom.errors import InputError
from sitroom.models import Event
from sitroom.store.filters import EventFilter
from sitroom.store.publish_records import DocumentBrief

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Period:
    """An inclusive span of days."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """Return the period of equal length just before this one."""
        return Period(self.start - dt.timedelta(days=self.days), self.start - ONE_DAY)

    def weeks(self) -> list[dt.date]:
        """Return the Mondays of the weeks the period touches."""
        found, week = [], week_start(self.start)
        while week <= self.end:
            found.append(week)
            week += dt.timedelta(days=7)
        return found


@dataclass(frozen=True, slots=True)
class Totals:
    """Events and best-estimate casualties of a set of events."""

    events: int
    fatalities: int
    injured: int
    detained: int


@dataclass(frozen=True, slots=True)
class Change:
    """One count now and in the previous period."""

    label: str
    now: int
    before: int

    @property
    def delta(self) -> int:
        return self.now - self.before


@dataclass(frozen=True, slots=True)
class CitedSource:
    """One source of a listed event: the ledger row with its document."""

    publisher: str | None
    source_kind: str
    stance: str
    claimant: str | None
    fatalities: int | None
    document: DocumentBrief | None


@dataclass(frozen=True, slots=True)
class ListedEvent:
    """An event as the report lists it, with every source and its stance."""

    event: Event
    sources: tuple[CitedSource, ...]


@dataclass(slots=True)
class SituationReport:
    """Everything a situation report shows (see the module docstring)."""

    period: Period
    previous: Period
    province: str | None
    settings_version: str
    events: list[Event]
    previous_events: list[Event]
    totals: Totals
    previous_totals: Totals
    weeks: list[dt.date]
    weekly_by_type: dict[str, dict[dt.date, int]]
    weekly_by_actor: dict[str, dict[dt.date, int]]
    by_type: list[Change]
    by_actor: list[Change]
    by_province: list[Change]
    by_status: list[Change]
    claims: list[GroupClaims]
    channels: list[ChannelVolume]
    notable: list[ListedEvent]
    former_security: list[ListedEvent]
    surges: list[dict]
    new_actors: list[str] = field(default_factory=list)
    new_provinces: list[str] = field(default_factory=list)


def totals(events: list[Event]) -> Totals:
    """Return the number of events and their summed best estimates."""
    return Totals(len(events), sum(e.fatalities_best or 0 for e in events),
                  sum(e.injured_best or 0 for e in events), sum(e.detained_best or 0 for e in events))  # fmt: skip


def event_actors(event: Event) -> list[str]:
    """Return the event's named actors (actor1, actor2, associated), each once."""
    coded = event.coded
    return list(dict.fromkeys(a for a in (coded.actor1, coded.actor2, *coded.assoc_actors) if a))


def _changes(now: Counter, before: Counter, limit: int | None = None) -> list[Change]:
    labels = sorted(set(now) | set(before), key=lambda label: (-now[label], -before[label], label))
    return [Change(label, now[label], before[label]) for label in labels[:limit]]


def weekly(events: list[Event], key, weeks: list[dt.date], keep: set[str] | None = None) -> dict[str, dict[dt.date, int]]:
    """Return per label (``key(event)`` gives an event's labels) the events of each week."""
    table: dict[str, dict[dt.date, int]] = {}
    for event in events:
        if event.coded.event_date is None:
            continue
        for label in key(event):
            if keep is not None and label not in keep:
                continue
            row = table.setdefault(label, dict.fromkeys(weeks, 0))
            week = week_start(event.coded.event_date)
            if week in row:
                row[week] += 1
    return table


def is_former_security(event: Event, settings: ReportSettings) -> bool:
    """True for a detention or killing of former security personnel after the takeover."""
    coded = event.coded
    if coded.event_date is None or coded.event_date < settings.former_security_since:
        return False
    named = {coded.actor2, *coded.assoc_actors} & settings.former_security_actors
    if not named or coded.event_type not in settings.former_security_event_types:
        return False
    harmed = (event.fatalities_best or 0) > 0 or (event.detained_best or 0) > 0
    return harmed or bool(set(coded.tags) & settings.former_security_tags)


def _notable(events: list[Event], settings: ReportSettings) -> list[Event]:
    def weight(event: Event) -> tuple:
        flagged = event.status in settings.notable_statuses
        return (-(event.fatalities_best or 0) - (event.detained_best or 0), not flagged, -len(event.sources),
                event.event_id)  # fmt: skip

    return sorted(events, key=weight)[: settings.notable_events]


def _listed(repository, events: list[Event], claimants: dict[str, str | None]) -> list[ListedEvent]:
    """Attach each source's document and claimant (mention id -> claimant) to the listed events."""
    documents = repository.document_briefs(s.doc_id for e in events for s in e.sources)
    return [
        ListedEvent(event, tuple(
            CitedSource(s.publisher, s.source_kind.value, s.stance.value, claimants.get(s.mention_id), s.fatalities,
                        documents.get(s.doc_id))
            for s in event.sources))
        for event in events
    ]  # fmt: skip


def _events(repository, period: Period, province: str | None) -> list[Event]:
    found = repository.list_events(EventFilter(start_date=period.start, end_date=period.end, admin1=province, limit=None))
    return [event for event in found if not event.coded.is_aggregate]


def build_situation_report(repository, start: dt.date, end: dt.date, province: str | None = None,
                           settings: ReportSettings | None = None) -> SituationReport:
    """Gather a situation report for [start, end] (inclusive) and, if given, one province.

    Raises InputError when the period is empty or reversed.
    """
    if end < start:
        raise InputError("--from/--to", f"the period ends ({end}) before it starts ({start}); swap the dates")
    settings = settings or load_report_settings()
    period = Period(start, end)
    previous = period.previous()
    events, before = _events(repository, period, province), _events(repository, previous, province)
    weeks = period.weeks()
    actor_counts = Counter(a for e in events for a in event_actors(e))
    top = {label for label, _ in actor_counts.most_common(settings.top_actors)}
    channels, claims = volume_for_store(repository, start, end, settings=settings)
    claim_rows = repository.claim_records(start, end)
    claimants = {row.mention_id: row.claimant for row in claim_rows}
    surges = _surges(repository, period, province)
    old_actors = {a for e in before for a in event_actors(e)}
    old_provinces = {e.coded.admin1 for e in before}
    return SituationReport(
        period=period, previous=previous, province=province, settings_version=settings.version,
        events=events, previous_events=before, totals=totals(events), previous_totals=totals(before), weeks=weeks,
        weekly_by_type=weekly(events, lambda e: [e.coded.event_type or "untyped"], weeks),
        weekly_by_actor=weekly(events, event_actors, weeks, keep=top),
        by_type=_changes(Counter(e.coded.event_type or "untyped" for e in events),
                         Counter(e.coded.event_type or "untyped" for e in before)),
        by_actor=_changes(actor_counts, Counter(a for e in before for a in event_actors(e)), settings.top_actors * 2),
        by_province=_changes(Counter(e.coded.admin1 or "unknown" for e in events),
                             Counter(e.coded.admin1 or "unknown" for e in before)),
        by_status=_changes(Counter(e.status for e in events), Counter(e.status for e in before)),
        claims=claims if province is None else _claims_in(claim_rows, events, channels),
        channels=channels,
        notable=_listed(repository, _notable(events, settings), claimants),
        former_security=_listed(repository, [e for e in events if is_former_security(e, settings)], claimants),
        surges=surges,
        new_actors=sorted(set(actor_counts) - old_actors),
        new_provinces=sorted({e.coded.admin1 for e in events if e.coded.admin1} - old_provinces),
    )  # fmt: skip


def _claims_in(claim_rows: list, events: list[Event], channels: list[ChannelVolume]) -> list[GroupClaims]:
    """Return the claim shares counted over the province's events only."""
    wanted = {event.event_id for event in events}
    return group_claims([row for row in claim_rows if row.event_id in wanted], channels)


def _surges(repository, period: Period, province: str | None) -> list[dict]:
    """Return the significant surges of the period's weeks (the surge test of docs/surges.md)."""
    from sitroom.analyze.surges import surge_report_for_store

    found = surge_report_for_store(repository, since=period.start, until=period.end)["surges"]
    if province is None:
        return found
    wanted = province.casefold()
    return [s for s in found if wanted in (s["province"].casefold(), s["province_name"].casefold())]
