"""Measure casualty counting on labelled records: killed and captured exact match, and speed.

Usage:
    python benchmarks/measure_casualties.py DEV_PATH [--show-errors] [--conventions isaf]
                                            [--learn-conventions] [--speed-seconds 3]

DEV_PATH is a JSONL file of records with ``text`` and ``expected.killed`` /
``expected.captured`` (e.g. ../shared/eval/isaf/dev.jsonl). The texts are read
in place and never copied. ``--learn-conventions`` searches, for each vague word
of the convention set, the minimum count that makes the most documents exact.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from sitroom.extract.casualties import document_totals, find_casualties
from sitroom.extract.numbers import Quantity, QuantityConventions, load_conventions


@dataclass(slots=True)
class Record:
    """One labelled document."""

    record_id: str
    text: str
    killed: int
    captured: int


@dataclass(slots=True)
class Scores:
    """Exact-match counts over a set of records."""

    killed: int = 0
    killed_with_deaths: int = 0
    deaths_documents: int = 0
    captured: int = 0
    documents: int = 0


def read_records(path: Path) -> list[Record]:
    """Read the JSONL records at ``path``."""
    records = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                expected = row.get("expected") or {}
                records.append(Record(row["id"], row["text"], int(expected.get("killed") or 0),
                                      int(expected.get("captured") or 0)))
    return records


def predict(record: Record, conventions: QuantityConventions) -> tuple[int, int]:
    """Return (killed, captured) for one record."""
    totals = document_totals(find_casualties(record.text, conventions))
    return totals["killed"], totals["detained"]


def score(records: list[Record], conventions: QuantityConventions, errors: list[str] | None = None) -> Scores:
    """Score ``records``; append a line per wrong document to ``errors`` when given."""
    scores = Scores(documents=len(records))
    for record in records:
        killed, captured = predict(record, conventions)
        scores.killed += killed == record.killed
        scores.captured += captured == record.captured
        if record.killed > 0:
            scores.deaths_documents += 1
            scores.killed_with_deaths += killed == record.killed
        if errors is not None and (killed != record.killed or captured != record.captured):
            errors.append(f"{record.record_id}: killed {killed} (expected {record.killed}), "
                          f"captured {captured} (expected {record.captured})")
    return scores


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "n/a (0/0)"


def report(scores: Scores) -> str:
    """Format the figures, per field, with counts."""
    return "\n".join([
        f"documents                      {scores.documents}",
        f"killed exact                   {_ratio(scores.killed, scores.documents)}",
        f"killed exact, docs with deaths {_ratio(scores.killed_with_deaths, scores.deaths_documents)}",
        f"captured exact                 {_ratio(scores.captured, scores.documents)}",
    ])


def measure_speed(records: list[Record], conventions: QuantityConventions, seconds: float) -> str:
    """Run find_casualties over the texts for about ``seconds`` and report documents per second."""
    texts = [record.text for record in records]
    done = 0
    began = time.perf_counter()
    while time.perf_counter() - began < seconds:
        for text in texts:
            find_casualties(text, conventions)
        done += len(texts)
    elapsed = time.perf_counter() - began
    mean_chars = sum(map(len, texts)) / len(texts)
    return f"speed: {done / elapsed:,.0f} documents/s (mean {mean_chars:.0f} chars, {done} documents, one core)"


def learn_conventions(records: list[Record], base: QuantityConventions) -> list[str]:
    """For each vague word, find the count (1-8) that makes the most documents holding it exact."""
    lines = []
    for phrase in sorted(base.vague):
        if phrase.startswith("<"):
            holders = records
        else:
            pattern = re.compile(rf"\b{re.escape(phrase)}\b", re.IGNORECASE)
            holders = [record for record in records if pattern.search(record.text)]
        if not holders:
            continue
        results = []
        for value in range(1, 9):
            vague = dict(base.vague)
            vague[phrase] = Quantity.exact(value)
            trial = QuantityConventions(base.name, MappingProxyType(vague))
            scores = score(holders, trial)
            results.append((scores.killed + scores.captured, value))
        best_hits = max(hits for hits, _ in results)
        best_values = [value for hits, value in results if hits == best_hits]
        current = base.vague[phrase].best
        if len(best_values) == len(results):
            verdict = "no effect on these records (never a casualty count); keep"
        elif current in best_values:
            verdict = "current value is among the best; keep"
        else:
            verdict = f"change to {best_values[0]}"
        lines.append(f"{phrase!r:20} best {best_values} ({best_hits}/{2 * len(holders)} exact fields over "
                     f"{len(holders)} docs); current {current}: {verdict}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev_path", type=Path)
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--conventions", default="isaf")
    parser.add_argument("--learn-conventions", action="store_true")
    parser.add_argument("--speed-seconds", type=float, default=3.0)
    args = parser.parse_args(argv)
    records = read_records(args.dev_path)
    conventions = load_conventions(args.conventions)
    errors: list[str] = []
    scores = score(records, conventions, errors)
    print(f"conventions: {conventions.name}")
    print(report(scores))
    if args.show_errors:
        print("\n".join(errors))
    if args.learn_conventions:
        print("\n".join(learn_conventions(records, conventions)))
    if args.speed_seconds > 0:
        print(measure_speed(records, conventions, args.speed_seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
