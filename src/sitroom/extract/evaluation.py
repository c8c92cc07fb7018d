"""Score extraction against gold files in the ../shared/eval format, at document level.

Per document: the set of admin1 codes of its non-aggregate mentions, the
earliest event date, killed (sum of fatalities) and captured (sum of
detained), whether any mention is an air/drone strike, and the armed groups
named in its mentions (for target-group recall).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, TypeVar

from sitroom.errors import InputError
from sitroom.models import Document, EventMention

T = TypeVar("T")

AIRSTRIKE = "Air/drone strike"
# Kinds of event-date misses, to tell a text that gives no day from a day read wrongly.
DATE_MISS_KINDS = ("no date found", "month or vaguer only", "one day apart", "further apart")
# Actor categories that are not "target groups" (the reporting forces and bystanders).
NON_TARGET_CATEGORIES = frozenset({"state forces", "external forces", "civilians", "international organisation", "ngo", "media"})


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One gold record: the document and its expected document-level coding."""

    document: Document
    admin1_codes: frozenset[str]
    event_date: dt.date | None
    killed: int
    captured: int
    airstrike: bool
    target_groups: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Prediction:
    """What the extractor found, folded to the gold's document level."""

    admin1_codes: frozenset[str]
    event_date: dt.date | None
    killed: int
    captured: int
    airstrike: bool
    groups: frozenset[str]  # actor ids or normalised names
    date_precision: int | None = None  # time_precision of the mention giving ``event_date``


@dataclass(slots=True)
class FieldScore:
    """Exact-match counts for one field."""

    correct: int = 0
    total: int = 0

    @property
    def rate(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def add(self, ok: bool) -> None:
        self.correct += int(ok)
        self.total += 1


@dataclass(slots=True)
class Report:
    """All figures of one evaluation run, plus the misses per field."""

    documents: int = 0
    admin1: FieldScore = field(default_factory=FieldScore)
    event_date: FieldScore = field(default_factory=FieldScore)
    killed: FieldScore = field(default_factory=FieldScore)
    killed_with_deaths: FieldScore = field(default_factory=FieldScore)
    captured: FieldScore = field(default_factory=FieldScore)
    target_groups: FieldScore = field(default_factory=FieldScore)  # recall over expected groups
    airstrike_tp: int = 0
    airstrike_fp: int = 0
    airstrike_fn: int = 0
    errors: dict[str, list[dict]] = field(default_factory=dict)
    date_miss_kinds: dict[str, int] = field(default_factory=dict)  # why event dates missed (DATE_MISS_KINDS)

    @property
    def airstrike_f1(self) -> float:
        denominator = 2 * self.airstrike_tp + self.airstrike_fp + self.airstrike_fn
        return 2 * self.airstrike_tp / denominator if denominator else 1.0

    def miss(self, name: str, doc_id: str, expected, predicted) -> None:
        self.errors.setdefault(name, []).append({"doc_id": doc_id, "expected": expected, "predicted": predicted})

    def figures(self) -> dict:
        """The report as plain figures (for --json)."""
        scores = {
            name: {"correct": score.correct, "total": score.total, "rate": round(score.rate, 4)}
            for name, score in (
                ("admin1_set_exact", self.admin1),
                ("event_date_exact", self.event_date),
                ("killed_exact", self.killed),
                ("killed_exact_when_deaths", self.killed_with_deaths),
                ("captured_exact", self.captured),
                ("target_group_recall", self.target_groups),
            )
        }
        scores["airstrike_f1"] = {
            "tp": self.airstrike_tp, "fp": self.airstrike_fp, "fn": self.airstrike_fn,
            "rate": round(self.airstrike_f1, 4),
        }
        kinds = {kind: self.date_miss_kinds.get(kind, 0) for kind in DATE_MISS_KINDS}
        return {"documents": self.documents, "fields": scores, "event_date_misses": kinds}


def gold_records(path: Path, kind: str, build: Callable[[dict, Document], T]) -> Iterator[T]:
    """Read a gold file (one JSON object a line) and ``build`` each record with its document.

    A bad line raises InputError naming the file, the line and ``kind`` (what the record should be).
    """
    from sitroom.ingest.jsondocs import document_from_object

    try:
        lines = path.read_bytes().splitlines()
    except OSError as error:
        raise InputError(str(path), f"cannot read gold file ({error.strerror})") from None
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
            document = document_from_object(
                record, raw=raw, source_path=f"{path}#{number}", ingest_format="jsonl", retrieved_at=None
            )
            built = build(record, document)
        except (ValueError, KeyError, TypeError) as error:
            raise InputError(str(path), f"not {kind} ({type(error).__name__}: {error})", line=number) from None
        yield built


def read_gold(path: Path) -> Iterator[GoldDocument]:
    """Read gold records (one JSON object a line with ``expected``); bad lines raise InputError."""
    return gold_records(path, "a gold record", _document_gold)


def _document_gold(record: dict, document: Document) -> GoldDocument:
    expected = record["expected"]
    return GoldDocument(
        document=document,
        admin1_codes=frozenset(expected.get("admin1_codes") or ()),
        event_date=dt.date.fromisoformat(expected["event_date"]) if expected.get("event_date") else None,
        killed=int(expected.get("killed") or 0),
        captured=int(expected.get("captured") or 0),
        airstrike=bool(expected.get("airstrike")),
        target_groups=tuple(expected.get("target_groups") or ()),
    )


def fold_mentions(mentions: Iterable[EventMention], group_key: Callable[[str], str | None]) -> Prediction:
    """Fold a document's non-aggregate mentions into document-level values."""
    events = [m for m in mentions if not m.is_aggregate]
    # The earliest date, whatever its precision, as the eval format defines it (../shared/eval/README.md).
    earliest = min((m for m in events if m.event_date), key=lambda m: m.event_date, default=None)
    groups: set[str] = set()
    for mention in events:
        for name in (mention.actor1, mention.actor2, *mention.assoc_actors):
            key = group_key(name) if name else None
            if key:
                groups.add(key)
    return Prediction(
        admin1_codes=frozenset(m.admin1_code for m in events if m.admin1_code),
        event_date=earliest.event_date if earliest else None,
        killed=sum(m.fatalities or 0 for m in events),
        captured=sum(m.detained or 0 for m in events),
        airstrike=any(m.sub_event_type == AIRSTRIKE for m in events),
        groups=frozenset(groups),
        date_precision=earliest.time_precision if earliest else None,
    )


def score(gold: GoldDocument, predicted: Prediction, report: Report, group_key: Callable[[str], str | None]) -> None:
    """Add one document's comparison to the report."""
    doc_id = gold.document.doc_id
    report.documents += 1
    checks = (
        ("admin1_set_exact", report.admin1, sorted(gold.admin1_codes), sorted(predicted.admin1_codes)),
        ("event_date_exact", report.event_date, _iso(gold.event_date), _iso(predicted.event_date)),
        ("killed_exact", report.killed, gold.killed, predicted.killed),
        ("captured_exact", report.captured, gold.captured, predicted.captured),
    )
    for name, field_score, expected, found in checks:
        field_score.add(expected == found)
        if expected != found:
            report.miss(name, doc_id, expected, found)
    if gold.event_date and gold.event_date != predicted.event_date:
        kind = _date_miss_kind(gold.event_date, predicted)
        report.date_miss_kinds[kind] = report.date_miss_kinds.get(kind, 0) + 1
    if gold.killed > 0:
        report.killed_with_deaths.add(gold.killed == predicted.killed)
    _score_airstrike(gold, predicted, report)
    for group in gold.target_groups:
        found = group_key(group) in predicted.groups
        report.target_groups.add(found)
        if not found:
            report.miss("target_group_recall", doc_id, group, sorted(predicted.groups))


def _date_miss_kind(expected: dt.date, predicted: Prediction) -> str:
    """Which of DATE_MISS_KINDS a wrong event date is."""
    if predicted.event_date is None:
        return DATE_MISS_KINDS[0]
    if (predicted.date_precision or 1) >= 3:
        return DATE_MISS_KINDS[1]
    return DATE_MISS_KINDS[2] if abs((predicted.event_date - expected).days) == 1 else DATE_MISS_KINDS[3]


def _score_airstrike(gold: GoldDocument, predicted: Prediction, report: Report) -> None:
    if gold.airstrike and predicted.airstrike:
        report.airstrike_tp += 1
    elif predicted.airstrike:
        report.airstrike_fp += 1
        report.miss("airstrike_f1", gold.document.doc_id, False, True)
    elif gold.airstrike:
        report.airstrike_fn += 1
        report.miss("airstrike_f1", gold.document.doc_id, True, False)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def evaluate(gold_path: Path, extractor) -> Report:
    """Run ``extractor`` over every gold document and score it."""
    group_key = extractor.group_key
    report = Report()
    for gold in read_gold(gold_path):
        predicted = fold_mentions(extractor.extract(gold.document), group_key)
        score(gold, predicted, report, group_key)
    return report
