"""Measure place resolution on labelled documents: admin1 set exact match and speed.

Usage:
    python benchmarks/measure_places.py ../shared/eval/isaf/dev.jsonl [--show-errors] [--repeat N]

For each record, the set of admin1_code of non-dateline PlaceMentions is compared with
expected.admin1_codes (exact set match). Speed is measured over all texts, repeated.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from sitroom.extract.places import PlaceResolver
from sitroom.gazetteer import load_gazetteer


def predicted_codes(resolver: PlaceResolver, text: str) -> set[str]:
    """Return the provinces of a text's non-dateline place mentions."""
    return {
        m.place.admin1_code for m in resolver.find(text) if not m.is_dateline and m.place.admin1_code
    }


def main(argv: list[str] | None = None) -> int:
    """Print the exact-match rate, the count, the speed and optionally the misses."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="JSONL with text and expected.admin1_codes")
    parser.add_argument("--show-errors", action="store_true", help="print each miss")
    parser.add_argument("--repeat", type=int, default=5, help="passes over the texts for timing")
    parser.add_argument("--pack", default="af")
    args = parser.parse_args(argv)
    records = [json.loads(line) for line in args.path.read_text("utf-8").split("\n") if line.strip()]
    started = time.perf_counter()
    resolver = PlaceResolver(load_gazetteer(args.pack))
    load_seconds = time.perf_counter() - started
    exact = 0
    for record in records:
        expected = set(record["expected"]["admin1_codes"])
        got = predicted_codes(resolver, record["text"])
        exact += got == expected
        if got != expected and args.show_errors:
            print(f"--- {record['id']} expected {sorted(expected)} got {sorted(got)}")
            for mention in resolver.find(record["text"]):
                flag = " [dateline]" if mention.is_dateline else ""
                print(f"    {mention.text!r} -> {mention.place.name} ({mention.place.level}, "
                      f"{mention.place.admin1_code}) n={mention.candidates}{flag}")
    texts = [r["text"] for r in records]
    started = time.perf_counter()
    for _ in range(args.repeat):
        for text in texts:
            resolver.find(text)
    seconds = time.perf_counter() - started
    documents = len(texts) * args.repeat
    characters = sum(map(len, texts)) * args.repeat
    print(f"admin1 exact match: {exact}/{len(records)} = {exact / len(records):.3f}")
    print(f"speed: {documents / seconds:,.0f} docs/s, {characters / seconds / 1e6:.2f} M chars/s "
          f"(mean {characters / documents:.0f} chars/doc; pack load + index {load_seconds:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
