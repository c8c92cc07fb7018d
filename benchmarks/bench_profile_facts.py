"""Speed of the profile-facts step's matching: documents a second on one core.

Usage: python benchmarks/bench_profile_facts.py DOCS.jsonl [--documents 2000]

Reads documents in the ../shared/eval format (or any sitroom JSONL: `id`, `text`), matches the
packaged profile patterns in each (nothing is stored) and prints documents/second, characters/second
and the statements found by kind. Loading the patterns (the actor names compiled into them) is
timed apart.
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from collections import Counter
from pathlib import Path

from sitroom.analyze.profile_facts import fact_finder
from sitroom.models import Document


def read_documents(path: Path, limit: int) -> list[Document]:
    """Return up to ``limit`` documents of a JSONL file (ids and texts only)."""
    documents = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(itertools.islice(handle, limit)):
            record = json.loads(line)
            documents.append(Document(doc_id=str(record.get("id", number)), text=str(record.get("text") or ""),
                                      raw_sha256="-", text_sha256="-"))  # fmt: skip
    return documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("documents_file", type=Path)
    parser.add_argument("--documents", type=int, default=2000)
    args = parser.parse_args()
    documents = read_documents(args.documents_file, args.documents)
    started = time.perf_counter()
    finder = fact_finder()
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    kinds = Counter(fact.kind for document in documents for fact in finder.find(document))
    took = time.perf_counter() - started
    characters = sum(len(document.text) for document in documents)
    counts = ", ".join(f"{language} {len(p.patterns)}" for language, p in finder.pattern_sets.items())
    print(f"patterns: {counts} ({finder.versions}), loaded in {loaded:.2f} s")
    print(f"{len(documents)} documents, {characters:,} characters in {took:.2f} s: "
          f"{len(documents) / took:.0f} documents/s, {characters / took / 1e6:.2f} M characters/s (one core)")
    print("statements found: " + (", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items())) or "none"))


if __name__ == "__main__":
    main()
