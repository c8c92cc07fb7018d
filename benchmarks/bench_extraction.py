"""Extraction speed and memory: documents a second on one core and peak memory.

Usage: python benchmarks/bench_extraction.py DOCS.jsonl [--documents 5000] [--no-gc-freeze]

Reads documents in the ../shared/eval format (or any sitroom JSONL), repeats
them with fresh ids until --documents are reached, extracts them all in this
one process (one core), and prints documents/second, mentions, peak resident
memory, and, when spaCy is installed (`pip install -e '.[bench]'`), the speed
of a bare spaCy English tokenizer pass over the same texts for comparison.
After loading, it calls gc.freeze() as the sitroom CLI does before a batch (--no-gc-freeze: not),
and says so in its output.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import resource
import sys
import time
from pathlib import Path

from sitroom.config import load_settings
from sitroom.extract.extractor import Extractor
from sitroom.ingest.provenance import text_sha256
from sitroom.models import Document, SourceKind


def load_documents(path: Path, count: int) -> list[Document]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    documents = []
    for index in range(count):
        record = records[index % len(records)]
        published = record.get("published")
        documents.append(
            Document(
                doc_id=f"{record['id']}-{index}", text=record["text"], raw_sha256="", text_sha256=text_sha256(record["text"]),
                publisher=record.get("publisher"), source_kind=SourceKind.parse(record.get("source_kind")),
                published=dt.date.fromisoformat(published) if published else None,
            )
        )
    return documents


def time_extraction(extractor: Extractor, documents: list[Document]) -> tuple[float, int]:
    started = time.perf_counter()
    mentions = sum(len(extractor.extract(document)) for document in documents)
    return time.perf_counter() - started, mentions


def time_spacy_tokenizer(documents: list[Document]) -> float | None:
    try:
        import spacy
    except ImportError:
        return None
    tokenizer = spacy.blank("en").tokenizer
    started = time.perf_counter()
    for document in documents:
        tokenizer(document.text)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("documents_path", type=Path)
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--no-gc-freeze", action="store_true", help="leave the loaded tables to the garbage collector")
    args = parser.parse_args()
    documents = load_documents(args.documents_path, args.documents)
    characters = sum(len(d.text) for d in documents)
    load_started = time.perf_counter()
    extractor = Extractor.from_config(load_settings())
    extractor.extract(documents[0])  # loads the gazetteer and dictionaries
    load_seconds = time.perf_counter() - load_started
    if not args.no_gc_freeze:
        gc.freeze()  # as the CLI does before a batch (sitroom.cli.common.prepare_for_batch)
    seconds, mentions = time_extraction(extractor, documents)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents: {len(documents)} ({characters / len(documents):.0f} characters on average)")
    print(f"load time (gazetteer, dictionaries): {load_seconds:.2f} s")
    print("gc.freeze() after loading: " + ("no (--no-gc-freeze)" if args.no_gc_freeze else
          "yes, loaded tables are kept out of garbage collection, as sitroom ingest does"))
    print(f"extraction: {seconds:.2f} s, {len(documents) / seconds:,.0f} documents/s on one core, {mentions} mentions")
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    spacy_seconds = time_spacy_tokenizer(documents)
    if spacy_seconds is None:
        print("spaCy tokenizer: not installed (pip install -e '.[bench]' to compare)")
    else:
        print(f"bare spaCy tokenizer pass: {spacy_seconds:.2f} s, {len(documents) / spacy_seconds:,.0f} documents/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
