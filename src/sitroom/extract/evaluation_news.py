"""Score extraction against event-level gold (the news2021 format), per language group.

A record's ``expected.events`` lists every incident the report describes
(../shared/eval/news2021/CODEBOOK.md). Mentions are matched to events one to
one (``event_matching``); recall is the share of gold events found, precision
the share of non-aggregate mentions that found one; on found events the type,
sub-event type, actor classes (``actor_classes``), fatalities and exact date
are scored. Figures are kept for English, for Dari/Pashto and overall.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from sitroom.errors import InputError
from sitroom.extract.actor_classes import ActorClassMap
from sitroom.extract.evaluation import FieldScore, gold_records
from sitroom.extract.event_matching import (
    SCORED_FIELDS, GoldEvent, PredictedEvent, assign, can_match, false_kind, field_checks, miss_kind,
)
from sitroom.models import Document, EventMention

LANGUAGE_GROUPS = {"en": "English", "fa": "Dari/Pashto", "prs": "Dari/Pashto", "ps": "Dari/Pashto", "pus": "Dari/Pashto"}
OVERALL = "overall"
GROUP_ORDER = ("English", "Dari/Pashto", "other", OVERALL)


@dataclass(frozen=True, slots=True)
class NewsGoldDocument:
    """One event-level gold record: the document, its language group and its events."""

    document: Document
    group: str
    events: tuple[GoldEvent, ...]


@dataclass(slots=True)
class GroupScore:
    """Counts of one language group."""

    documents: int = 0
    recall: FieldScore = field(default_factory=FieldScore)  # gold events found / gold events
    precision: FieldScore = field(default_factory=FieldScore)  # mentions that found one / mentions
    fields: dict[str, FieldScore] = field(default_factory=lambda: {name: FieldScore() for name in SCORED_FIELDS})

    def figures(self) -> dict:
        def plain(score: FieldScore) -> dict:
            return {"correct": score.correct, "total": score.total, "rate": round(score.rate, 4)}

        return {"documents": self.documents, "recall": plain(self.recall), "precision": plain(self.precision),
                **{name: plain(score) for name, score in self.fields.items()}}


@dataclass(slots=True)
class NewsReport:
    """Figures per language group, and the errors by kind."""

    groups: dict[str, GroupScore] = field(default_factory=dict)
    misses: list[dict] = field(default_factory=list)
    false_events: list[dict] = field(default_factory=list)
    field_errors: dict[str, list[dict]] = field(default_factory=dict)

    def group(self, name: str) -> GroupScore:
        return self.groups.setdefault(name, GroupScore())

    def figures(self) -> dict:
        """Every figure as plain data (for --json), groups in a fixed order."""
        ordered = [name for name in GROUP_ORDER if name in self.groups]
        return {
            "format": "event-level",
            "groups": {name: self.groups[name].figures() for name in ordered},
            "miss_kinds": _count_kinds(self.misses),
            "false_event_kinds": _count_kinds(self.false_events),
        }

    def errors(self) -> dict:
        return {"misses": self.misses, "false_events": self.false_events, "fields": self.field_errors}


def _count_kinds(items: list[dict]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in items:
        counts[item["kind"]] = counts.get(item["kind"], 0) + 1
    return dict(sorted(counts.items(), key=lambda pair: -pair[1]))


def is_event_level(path: Path) -> bool:
    """Does the gold file hold event-level records (``expected.events``)? Read from its first record."""
    try:
        with path.open("rb") as handle:
            for raw in handle:
                if raw.strip():
                    expected = json.loads(raw).get("expected")
                    return isinstance(expected, dict) and isinstance(expected.get("events"), list)
    except OSError as error:
        raise InputError(str(path), f"cannot read gold file ({error.strerror})") from None
    except (ValueError, AttributeError) as error:
        raise InputError(str(path), f"first record is not a JSON object ({error})", line=1) from None
    return False


def _day(value) -> dt.date:
    return dt.date.fromisoformat(str(value))


def gold_event(raw: dict) -> GoldEvent:
    """One ``expected.events`` entry as a GoldEvent; ValueError/KeyError/TypeError when malformed."""
    first, last = (_day(day) for day in raw["date"])
    if last < first:
        raise ValueError(f"date range ends before it starts: {raw['date']}")
    fatalities = raw.get("fatalities")
    return GoldEvent(
        event_type=raw.get("event_type"), sub_event_type=raw.get("sub_event_type"), first=first, last=last,
        admin1_code=raw.get("admin1_code"), actor1=raw.get("actor1"), actor2=raw.get("actor2"),
        fatalities=int(fatalities) if fatalities is not None else None,
    )


def read_news_gold(path: Path) -> Iterator[NewsGoldDocument]:
    """Read event-level gold records; a bad line raises InputError naming the file and line."""
    return gold_records(path, "an event-level gold record", _news_gold)


def _news_gold(record: dict, document) -> NewsGoldDocument:
    events = tuple(gold_event(event) for event in record["expected"]["events"])
    return NewsGoldDocument(document, LANGUAGE_GROUPS.get((document.language or "").lower(), "other"), events)


def predicted_events(mentions: Iterable[EventMention], classes: ActorClassMap, home_prefix: str) -> list[PredictedEvent]:
    """The non-aggregate mentions as PredictedEvents (a province outside the home country counts as none)."""
    return [
        PredictedEvent(
            event_type=m.event_type, sub_event_type=m.sub_event_type, date=m.event_date, precision=m.time_precision,
            admin1_code=m.admin1_code if (m.admin1_code or "").startswith(home_prefix) else None,
            actor1=classes.class_of(m.actor1), actor2=classes.class_of(m.actor2), fatalities=m.fatalities,
            text=m.text,
        )
        for m in mentions if not m.is_aggregate
    ]


def score_document(gold: NewsGoldDocument, predictions: list[PredictedEvent], report: NewsReport) -> None:
    """Match one report's mentions to its events and add the comparison to its group and overall."""
    golds = list(gold.events)
    assigned = assign(golds, predictions)
    doc_id = gold.document.doc_id
    groups = (report.group(gold.group), report.group(OVERALL))
    for score in groups:
        score.documents += 1
    for index, event in enumerate(golds):
        found = index in assigned
        for score in groups:
            score.recall.add(found)
        if not found:
            report.misses.append({"doc_id": doc_id, "kind": miss_kind(event, predictions, assigned),
                                  "expected": _describe_gold(event)})
            continue
        predicted = predictions[assigned[index]]
        for name, ok in field_checks(event, predicted).items():
            for score in groups:
                score.fields[name].add(ok)
            if not ok:
                report.field_errors.setdefault(name, []).append({
                    "doc_id": doc_id, "expected": _gold_value(event, name), "predicted": _predicted_value(predicted, name),
                    "text": predicted.text[:200]})
    matched = set(assigned.values())
    for index, predicted in enumerate(predictions):
        for score in groups:
            score.precision.add(index in matched)
        if index not in matched:
            kind = false_kind(predicted, golds, assigned)
            entry = {"doc_id": doc_id, "kind": kind, "predicted": _describe_predicted(predicted)}
            if kind == "repeat":  # the mention that found the event this one tells again
                taken = next(g for g, gold_event in enumerate(golds) if can_match(gold_event, predicted))
                entry["repeats"] = _describe_predicted(predictions[assigned[taken]])
            report.false_events.append(entry)


def _gold_value(event: GoldEvent, name: str):
    if name == "exact_date":
        return [event.first.isoformat(), event.last.isoformat()]
    return getattr(event, name)


def _predicted_value(predicted: PredictedEvent, name: str):
    if name == "exact_date":
        return [predicted.date.isoformat() if predicted.date else None, predicted.precision]
    return getattr(predicted, name)


def _describe_gold(event: GoldEvent) -> dict:
    return {"type": event.sub_event_type, "date": [event.first.isoformat(), event.last.isoformat()],
            "admin1": event.admin1_code, "actor1": event.actor1, "actor2": event.actor2}


def _describe_predicted(predicted: PredictedEvent) -> dict:
    return {"type": predicted.sub_event_type, "date": predicted.date.isoformat() if predicted.date else None,
            "precision": predicted.precision, "admin1": predicted.admin1_code, "actor1": predicted.actor1,
            "text": predicted.text[:200]}


def evaluate_news(gold_path: Path, extractor, classes: ActorClassMap) -> NewsReport:
    """Run ``extractor`` over every event-level gold record and score it."""
    report = NewsReport()
    home_prefix = f"{extractor.country_code.upper()}-"
    for gold in read_news_gold(gold_path):
        predictions = predicted_events(extractor.extract(gold.document), classes, home_prefix)
        score_document(gold, predictions, report)
    return report
