"""Write reviewed events with their documents in the news2021 gold format (../shared/eval/news2021/CODEBOOK.md).

A document is written only when every event it supports has been reviewed (or finalised, with
``statuses=("finalised",)``) or rejected: a half-reviewed document would make an incomplete gold
record. Rejected events are left out of ``expected.events``. Per event and document:
- ``date``: [day, day] at day precision; the week around the day at week precision; the calendar
  month at month precision; null when undated;
- figures: the reviewed event's (corrected) figures when the document is its only source, else
  the figure this document itself gives (the codebook codes each report from its own text);
- ``stance`` / ``claimant``: how this document carries the event;
- actors folded to the codebook's classes by data/review/news2021_actor_classes.json.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator, TextIO

from sitroom.datafiles import read_data_json
from sitroom.errors import DataPackError, InputError
from sitroom.models import Event, EventMention, Stance

EXPORTABLE = ("reviewed", "finalised")


@dataclass(frozen=True, slots=True)
class ActorClasses:
    """The codebook's actor classes and how canonical names fold to them."""

    classes: frozenset[str]
    names: dict[str, str]
    contains: tuple[tuple[str, str], ...]

    def fold(self, name: str | None) -> str | None:
        """Return the class of an actor name (None stays None)."""
        if not name:
            return None
        if name in self.names:
            return self.names[name]
        lowered = name.casefold()
        for part, folded in self.contains:
            if part.casefold() in lowered:
                return folded
        return "unidentified armed group"


@lru_cache(maxsize=1)
def actor_classes() -> ActorClasses:
    """Load data/review/news2021_actor_classes.json; DataPackError for a class the codebook lacks."""
    raw = read_data_json("review", "news2021_actor_classes.json")
    classes = frozenset(raw["classes"])
    contains = tuple((str(part), str(folded)) for part, folded in raw["contains"])
    unknown = sorted({*raw["names"].values(), *(folded for _, folded in contains)} - classes)
    if unknown:
        raise DataPackError(f"review/news2021_actor_classes.json: classes {unknown} are not in 'classes'")
    return ActorClasses(classes, dict(raw["names"]), contains)


def date_span(event: Event) -> list[str] | None:
    """Return [earliest, latest] accepted dates for the event's date and precision."""
    day = event.coded.event_date
    if day is None:
        return None
    if event.coded.time_precision == 1:
        return [day.isoformat(), day.isoformat()]
    if event.coded.time_precision == 2:
        return [(day - dt.timedelta(days=3)).isoformat(), (day + dt.timedelta(days=3)).isoformat()]
    last = calendar.monthrange(day.year, day.month)[1]
    return [day.replace(day=1).isoformat(), day.replace(day=last).isoformat()]


def gold_event(event: Event, mention: EventMention, single_source: bool, classes: ActorClasses) -> dict[str, Any]:
    """Return one ``expected.events`` entry: the reviewed event as this document carries it."""
    coded = event.coded
    figures = {
        "fatalities": event.fatalities_best if single_source else mention.fatalities,
        "injured": event.injured_best if single_source else mention.injured,
        "detained": event.detained_best if single_source else mention.detained,
    }
    stance = Stance(coded.claim.stance if single_source else mention.claim.stance).value
    claimant = coded.claim.by if single_source else mention.claim.by
    return {
        "event_type": coded.event_type, "sub_event_type": coded.sub_event_type, "date": date_span(event),
        "admin1_code": coded.admin1_code, "admin2": coded.admin2,
        "actor1": classes.fold(coded.actor1), "actor2": classes.fold(coded.actor2), **figures,
        "stance": stance, "claimant": classes.fold(claimant) if stance in ("claimed", "denied") else None,
    }  # fmt: skip


def _document_record(repository, doc_id: str, events: list[tuple[Event, EventMention]], notes: str) -> dict:
    document = repository.get_document(doc_id)
    classes = actor_classes()
    entries = [gold_event(event, mention, len(event.sources) == 1, classes) for event, mention in events]
    return {
        "id": document.doc_id, "url": document.url, "publisher": document.publisher,
        "published": document.published.isoformat() if document.published else None,
        "language": document.language, "source_kind": document.source_kind.value, "title": document.title,
        "text": document.text, "expected": {"events": entries, "aggregates": [], "notes": notes},
    }  # fmt: skip


def gold_records(repository, statuses: tuple[str, ...] = EXPORTABLE) -> Iterator[dict[str, Any]]:
    """Yield one gold record per document whose every event is in ``statuses`` or rejected."""
    unknown = [status for status in statuses if status not in EXPORTABLE]
    if unknown:
        raise InputError("--status", f"{unknown[0]!r} cannot be exported; use reviewed or finalised")
    reviewed = repository.events_by_review_status(tuple(statuses), limit=10**9)
    documents = sorted({s.doc_id for event_id in reviewed for s in repository.get_event(event_id).sources})
    for doc_id in documents:
        views = [v for v in repository.document_mentions(doc_id) if v.event_id and not v.mention.is_aggregate]
        states = repository.review_states(sorted({v.event_id for v in views}))
        if any(states[v.event_id].status not in (*statuses, "rejected") for v in views):
            continue
        kept = [(repository.get_event(v.event_id), v.mention) for v in views if states[v.event_id].status != "rejected"]
        who = sorted({states[v.event_id].reviewed_by or "" for v in views} - {""})
        yield _document_record(repository, doc_id, kept, f"exported from sitroom review; reviewed by {', '.join(who)}")


def write_gold_jsonl(records: Iterator[dict[str, Any]], stream: TextIO) -> int:
    """Write the records as JSON Lines; return how many."""
    count = 0
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
