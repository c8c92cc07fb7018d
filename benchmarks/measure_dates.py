"""Measure date extraction on labelled ISAF releases: event_date exact match and speed.

Usage: python benchmarks/measure_dates.py DEV_PATH [--show-errors]

Document rule (approximates the extraction assembler): published = the record's date, else
publication_date_from_text; over sentences that report an operation (a trigger word), take
event_date_for_span(..., text=text) for each; keep the finest precision found, and the
earliest date at that precision. Prints figures, never asserts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections import Counter

from sitroom.extract.dates import (event_date_for_span, find_dates, publication_date_from_text,
                                   publication_from_text)
from sitroom.extract.sentences import split_sentences

TRIGGER = re.compile(
    r"\b(?:killed|killing|kills?|detained|detaining|detains?|arrest(?:ed|s)?|captur(?:ed|es?|ing)"
    r"|operations?|strikes?|airstrikes?|engaged|engagement|clash(?:ed|es)?|attack(?:ed|s)?"
    r"|seized|discovered|found|wounded|injured|targeted|fired)\b",
    re.IGNORECASE,
)


def document_event_date(text: str, published: dt.date | None) -> tuple[dt.date | None, int]:
    """Earliest event date over trigger sentences; (date, precision)."""
    if published is None:
        published = publication_date_from_text(text)
    dates = find_dates(text, published)
    candidates: list[tuple[int, dt.date]] = []
    for sentence in split_sentences(text):
        if not TRIGGER.search(sentence.text):
            continue
        _, date, precision = event_date_for_span(sentence.start, sentence.end, dates, published, text=text)
        if date is not None:
            candidates.append((precision, date))
    if not candidates:
        return published, 3
    # The most precise dates name the operations; coarser ones are background ("in 2009").
    finest = min(precision for precision, _ in candidates)
    return min(date for precision, date in candidates if precision == finest), finest


def _speed(texts: list[str], published: list[dt.date | None], rounds: int = 5) -> float:
    find_dates(texts[0], published[0])  # warm the regex and vocabulary caches
    started = time.perf_counter()
    for _ in range(rounds):
        for text, date in zip(texts, published):
            find_dates(text, date)
    return rounds * len(texts) / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev_path")
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    with open(args.dev_path, encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    counts: Counter[str] = Counter()
    for record in records:
        published = dt.date.fromisoformat(record["published"]) if record.get("published") else None
        group = "published" if published else "no_published"
        expected = record["expected"].get("event_date")
        got, precision = document_event_date(record["text"], published)
        ok = got is not None and got.isoformat() == expected
        counts[f"{group}_total"] += 1
        counts[f"{group}_ok"] += ok
        if args.show_errors and not ok:
            found = publication_from_text(record["text"])
            print(f"--- {record['id']} expected {expected} got {got} (p{precision}) published "
                  f"{published} from-text {found}\n{record['text'][:700]}\n")
    total = len(records)
    correct = counts["published_ok"] + counts["no_published_ok"]
    print(f"event_date exact: {correct}/{total} = {correct / total:.3f}")
    for group in ("published", "no_published"):
        n = counts[f"{group}_total"]
        if n:
            print(f"  {group}: {counts[f'{group}_ok']}/{n} = {counts[f'{group}_ok'] / n:.3f}")
    texts = [r["text"] for r in records]
    anchors = [dt.date.fromisoformat(r["published"]) if r.get("published") else None for r in records]
    mean_chars = sum(map(len, texts)) / len(texts)
    print(f"find_dates speed: {_speed(texts, anchors):.0f} docs/s on one core (mean {mean_chars:.0f} chars)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
