"""Propaganda and claim volume: posts per channel and per group per week, claims per group, and
the share of each group's claimed events that are independently confirmed or denied.

Every stored document counts as a post of its publisher, whether or not it holds an event. A
channel belongs to a group when its publisher names one of the group's dictionary names or
acronyms ("National Resistance Front of Afghanistan (channel)" -> National Resistance Front).
Pure functions over the store's records (``DocumentVolume``, ``ClaimRecord``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from sitroom.analyze.report_settings import ReportSettings, load_report_settings
from sitroom.store.publish_records import ClaimRecord, DocumentVolume

if TYPE_CHECKING:
    from sitroom.gazetteer.actors import ActorDictionary


@dataclass(slots=True)
class ChannelVolume:
    """One publisher's posts: per week, in total, and how many held an event."""

    publisher: str
    source_kind: str
    group: str | None
    weeks: dict[dt.date, int] = field(default_factory=dict)
    documents: int = 0
    with_events: int = 0


@dataclass(slots=True)
class GroupClaims:
    """One group's claims and what became of the events it claimed."""

    group: str
    claims: int = 0  # claim statements (one per claiming source mention)
    events: int = 0  # distinct events claimed
    confirmed: int = 0  # events a source other than the group confirms
    independently_reported: int = 0  # events a news or NGO source reports (not the group's own)
    denied: int = 0  # events a source denies
    posts: int = 0  # documents of the group's channels in the period

    def share(self, count: int) -> float:
        """Return ``count`` as a share of the events claimed (0.0 when none)."""
        return count / self.events if self.events else 0.0


class GroupFinder:
    """Finds the group a publisher speaks for, by the actor dictionary's names (cached)."""

    def __init__(self, actors: "ActorDictionary | None", settings: ReportSettings) -> None:
        self._patterns: list[tuple[re.Pattern[str], str]] = []
        self._cache: dict[str, str | None] = {}
        if actors is None:
            return
        for name in actors.names():
            role = actors.roles(name.actor_id)[-1]
            if role.category not in settings.group_categories or len(name.text) < 3:
                continue
            flags = 0 if name.case_sensitive else re.IGNORECASE
            self._patterns.append((re.compile(rf"(?<!\w){re.escape(name.text)}(?!\w)", flags), role.name))
        self._patterns.sort(key=lambda item: -len(item[0].pattern))  # the longest name wins

    def group_of(self, publisher: str | None) -> str | None:
        """Return the canonical name of the group ``publisher`` names, or None."""
        if not publisher:
            return None
        if publisher not in self._cache:
            self._cache[publisher] = next((group for pattern, group in self._patterns if pattern.search(publisher)), None)
        return self._cache[publisher]


def channel_volume(volume: Iterable[DocumentVolume], finder: GroupFinder) -> list[ChannelVolume]:
    """Return each publisher's weekly posts, most posts first."""
    channels: dict[tuple[str, str], ChannelVolume] = {}
    for row in volume:
        key = (row.publisher or "unknown", row.source_kind)
        channel = channels.get(key)
        if channel is None:
            channel = channels[key] = ChannelVolume(key[0], row.source_kind, finder.group_of(row.publisher))
        channel.weeks[row.week] = channel.weeks.get(row.week, 0) + row.documents
        channel.documents += row.documents
        channel.with_events += row.with_events
    return sorted(channels.values(), key=lambda c: (-c.documents, c.publisher))


def group_weekly_posts(channels: Iterable[ChannelVolume]) -> dict[str, dict[dt.date, int]]:
    """Return posts per group per week, summed over the group's channels."""
    weekly: dict[str, dict[dt.date, int]] = defaultdict(dict)
    for channel in channels:
        if channel.group is None:
            continue
        for week, count in channel.weeks.items():
            weekly[channel.group][week] = weekly[channel.group].get(week, 0) + count
    return dict(weekly)


def group_claims(records: Iterable[ClaimRecord], channels: Iterable[ChannelVolume] = ()) -> list[GroupClaims]:
    """Return, per claiming group, its claims and the confirmed / reported / denied shares of its events."""
    by_event: dict[str, list[ClaimRecord]] = defaultdict(list)
    for record in records:
        by_event[record.event_id].append(record)
    groups: dict[str, GroupClaims] = {}
    for stances in by_event.values():
        claimants = {r.claimant for r in stances if r.stance == "claimed" and r.claimant}
        for group in claimants:
            tally = groups.setdefault(group, GroupClaims(group))
            tally.claims += sum(1 for r in stances if r.stance == "claimed" and r.claimant == group)
            tally.events += 1
            others = [r for r in stances if r.claimant != group]
            tally.confirmed += any(r.stance == "confirmed" for r in others)
            tally.denied += any(r.stance == "denied" for r in others)
            tally.independently_reported += any(
                r.stance in ("reported", "confirmed") and r.source_kind in ("news", "ngo") for r in others
            )
    for channel in channels:
        if channel.group in groups:
            groups[channel.group].posts += channel.documents
    return sorted(groups.values(), key=lambda g: (-g.events, g.group))


def volume_for_store(repository, start: dt.date | None, end: dt.date | None, actors=None,
                     settings: ReportSettings | None = None) -> tuple[list[ChannelVolume], list[GroupClaims]]:
    """Return the channels' weekly volume and the groups' claim shares for events and posts in [start, end]."""
    settings = settings or load_report_settings()
    if actors is None:
        from sitroom.gazetteer.actors import load_actor_dictionary

        actors = load_actor_dictionary()
    finder = GroupFinder(actors, settings)
    channels = channel_volume(repository.document_volume(start, end), finder)
    return channels, group_claims(repository.claim_records(start, end), channels)
