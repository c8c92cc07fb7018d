"""Measure event typing and target-group detection on labelled documents.

Usage: python benchmarks/measure_types.py DEV_PATH [--show-errors] [--limit N]

DEV_PATH is a JSONL file of records with ``text``, ``published`` and
``expected.airstrike`` / ``expected.target_groups`` (e.g. ../shared/eval/isaf/dev.jsonl;
the texts stay there, never copied into the repo). Reports:
- airstrike F1: a document is predicted airstrike when any non-aggregate sentence
  is typed Air/drone strike;
- target-group recall (and precision): the named non-state armed groups the actor
  finder sees in the document, against expected.target_groups;
- sentences typed per document and per sub-event type;
- speed of the actor finder and the sentence classifier.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sitroom.extract.actors import ActorFinder, ActorMention
from sitroom.extract.event_types import EventTyping, classify_sentence
from sitroom.gazetteer.actors import ActorDictionary

AIR = "Air/drone strike"
ARMED_GROUP_CATEGORIES = {"rebel group"}
_SPLIT = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])|\s*\n\s*|\u2028+")


def split_sentences(text: str) -> list[tuple[int, str]]:
    """Split on sentence-final punctuation before a capital, and on line breaks (good enough to measure)."""
    pieces, start = [], 0
    for boundary in _SPLIT.finditer(text):
        if text[start : boundary.start()].strip():
            pieces.append((start, text[start : boundary.start()]))
        start = boundary.end()
    if text[start:].strip():
        pieces.append((start, text[start:]))
    return pieces


def armed_groups(mentions: list[ActorMention], dictionary: ActorDictionary, day: dt.date | None) -> set[str]:
    """Return canonical names of the non-state armed groups among the mentions (on ``day`` if known)."""
    found = set()
    for mention in mentions:
        if mention.actor_id is None:
            continue
        roles = dictionary.roles(mention.actor_id)
        if day is not None:
            roles = (dictionary.role_on(mention.actor_id, day, nearest=True),)
        if any(role.category in ARMED_GROUP_CATEGORIES for role in roles):
            found.add(roles[0].name)
    return found


@dataclass
class Scores:
    """Running counts for the figures the script reports."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    group_hits: int = 0
    group_total: int = 0
    group_predicted: int = 0
    per_group: Counter = field(default_factory=Counter)
    per_group_hit: Counter = field(default_factory=Counter)
    typed_per_doc: list = field(default_factory=list)
    sub_types: Counter = field(default_factory=Counter)

    def add(self, typings: list[EventTyping], predicted_groups: set[str], expected: dict) -> tuple[bool, bool]:
        """Count one document; return (predicted airstrike, expected airstrike)."""
        self.typed_per_doc.append(len(typings))
        self.sub_types.update(t.sub_event_type for t in typings)
        predicted_air = any(t.sub_event_type == AIR and not t.is_aggregate for t in typings)
        expected_air = bool(expected["airstrike"])
        self.tp += predicted_air and expected_air
        self.fp += predicted_air and not expected_air
        self.fn += expected_air and not predicted_air
        expected_groups = set(expected.get("target_groups") or [])
        self.group_total += len(expected_groups)
        self.group_hits += len(expected_groups & predicted_groups)
        self.group_predicted += len(predicted_groups)
        self.per_group.update(expected_groups)
        self.per_group_hit.update(expected_groups & predicted_groups)
        return predicted_air, expected_air

    def report(self, documents: int) -> None:
        """Print every figure with its counts."""
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"documents: {documents}")
        print(f"airstrike: F1 {f1:.3f}  precision {precision:.3f}  recall {recall:.3f}  (tp {self.tp}, fp {self.fp}, fn {self.fn})")
        g_recall = self.group_hits / self.group_total if self.group_total else 0.0
        g_precision = self.group_hits / self.group_predicted if self.group_predicted else 0.0
        print(
            f"target groups: recall {g_recall:.3f} ({self.group_hits}/{self.group_total})  "
            f"precision {g_precision:.3f} ({self.group_hits}/{self.group_predicted})"
        )
        for name, count in self.per_group.most_common():
            print(f"  {name}: {self.per_group_hit[name]}/{count}")
        typed = self.typed_per_doc
        print(
            f"sentences typed per document: mean {statistics.mean(typed):.2f}, median {statistics.median(typed)}, "
            f"max {max(typed)}, documents with none {sum(1 for n in typed if n == 0)}"
        )
        for name, count in self.sub_types.most_common():
            print(f"  {name}: {count}")


def main(argv: list[str] | None = None) -> int:
    """Run the measurement; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev_path", type=Path)
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    # split("\n"), not splitlines(): texts contain U+2028, which splitlines() breaks on.
    records = [json.loads(line) for line in args.dev_path.read_text("utf-8").split("\n") if line.strip()]
    records = records[: args.limit] if args.limit else records
    finder = ActorFinder()
    scores = Scores()
    for record in records:
        text = record["text"]
        day = dt.date.fromisoformat(record["published"]) if record.get("published") else None
        typed = [(s, t) for off, s in split_sentences(text) if (t := classify_sentence(s, off)) is not None]
        groups = armed_groups(finder.find(text, day), finder.dictionary, day)
        predicted_air, expected_air = scores.add([t for _, t in typed], groups, record["expected"])
        if args.show_errors:
            _show(record, predicted_air, expected_air, typed, groups, set(record["expected"].get("target_groups") or []))
    scores.report(len(records))
    _measure_speed(records, finder)
    return 0


def _show(record, predicted_air, expected_air, typings, predicted_groups, expected_groups) -> None:
    if predicted_air != expected_air:
        print(f"[airstrike {'FP' if predicted_air else 'FN'}] {record['id']}")
        for sentence, typing in typings:
            print(f"    {typing.sub_event_type} {'(aggregate) ' if typing.is_aggregate else ''}| {sentence.strip()[:200]}")
    missed = expected_groups - predicted_groups
    if missed:
        print(f"[groups missed] {record['id']}: missed {sorted(missed)}, found {sorted(predicted_groups)}")


def _measure_speed(records: list[dict], finder: ActorFinder) -> None:
    texts = [record["text"] for record in records]
    chars = sum(len(t) for t in texts)
    rounds = max(1, 3000 // max(1, len(texts)))
    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            finder.find(text, dt.date(2011, 1, 1))
    finder_seconds = time.perf_counter() - started
    started = time.perf_counter()
    sentences = 0
    for text in texts:
        for offset, sentence in split_sentences(text):
            classify_sentence(sentence, offset)
            sentences += 1
    classify_seconds = time.perf_counter() - started
    docs = rounds * len(texts)
    print(
        f"speed: actor finder {docs / finder_seconds:,.0f} docs/s ({rounds * chars / finder_seconds / 1e6:.2f} M chars/s, "
        f"mean doc {chars / len(texts):.0f} chars); classifier {sentences / classify_seconds:,.0f} sentences/s "
        f"({len(texts) / classify_seconds:,.0f} docs/s)"
    )


if __name__ == "__main__":
    sys.exit(main())
