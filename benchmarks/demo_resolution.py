"""Score end-to-end resolution on the bundled demo corpus against its MANIFEST.json.

Usage: python benchmarks/demo_resolution.py [--db PATH] [--explain]

Builds the demo into a temporary database exactly as ``sitroom demo`` does (extraction,
then resolution), maps each stored mention to the MANIFEST incidents of its document
and prints:
- pairwise and B-cubed precision / recall / F1 over the mentions whose document reports
  exactly one incident (a mention of a multi-incident document cannot be labelled
  without reading it; aggregates and documents reporting no incident are left out);
- events per incident (over those scored mentions), and whether the MANIFEST's hard
  negatives (same-day, same-area incidents) share an event;
- every split incident with its events' mentions (doc, date, place, type, stance) and,
  with --explain, why each pair of its scored mentions stays apart (the blocking rule, or
  the pair's score and features); then the mentions of documents reporting no incident
  that joined an incident's event, and the MANIFEST reports that left no mention at all.
It prints figures; it is not a test.

MANIFEST document keys: a plain file is its path in the corpus folder; a record inside
a file is '<file>#<id>' (Telegram message id, RSS guid, JSONL id, ACLED event_id_cnty).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from sitroom.config import Settings
from sitroom.ingest.demo import demo_corpus_files, demo_corpus_folder
from sitroom.models import Stance
from sitroom.pipeline import Pipeline
from sitroom.resolve import default_settings
from sitroom.resolve.blocking import incompatibility
from sitroom.resolve.evaluation import bcubed_scores, pairwise_scores
from sitroom.resolve.features import score_pair
from sitroom.resolve.prepare import Preparer
from sitroom.store import EventFilter, open_repository


def manifest_key(document, folder: Path, keys: set[str]) -> str | None:
    """Return the MANIFEST key of a stored document, or None when it is not listed."""
    path = (document.source_path or "").split("#")[0]
    try:
        file = Path(path).resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return None
    if file in keys:
        return file
    meta = document.metadata or {}
    record_ids = {document.doc_id, document.doc_id.split(":")[-1], meta.get("post_id"), meta.get("entry_id"),
                  (meta.get("acled") or {}).get("event_id_cnty")}  # fmt: skip
    for record_id in record_ids - {None}:
        if f"{file}#{record_id}" in keys:
            return f"{file}#{record_id}"
    return None


def build(db_path: Path):
    """Ingest the demo corpus into ``db_path``; return (mentions, documents, assignments, resolvable records)."""
    settings = Settings(db_path=db_path, analyst="demo-benchmark")
    pipeline = Pipeline.from_config(settings)
    with open_repository(db_path) as repository:
        summary = pipeline.ingest(demo_corpus_files(), repository)
        if summary.failed:
            raise SystemExit(f"demo ingest failed: {summary.counts} {summary.problems[:3]}")
        mentions = [m for m in repository.list_mentions() if not m.is_aggregate]
        documents = {doc_id: repository.get_document(doc_id) for doc_id in {m.doc_id for m in mentions}}
        events = repository.list_events(EventFilter(limit=None))
        assignments = {s.mention_id: event.event_id for event in events for s in event.sources}
        given = repository.resolution_input()
    return mentions, documents, assignments, {r.mention_id: r for r in [*given.resolved, *given.new]}


def describe(mention, key: str | None) -> str:
    """Return one line about a mention: doc, date, place, type, stance."""
    place = ", ".join(p for p in (mention.location, mention.admin2, mention.admin1) if p) or "?"
    when = f"{mention.event_date} p{mention.time_precision}" if mention.event_date else "no date"
    kind = mention.sub_event_type or mention.event_type or "?"
    stance = Stance(mention.claim.stance).value + (f" by {mention.claim.by}" if mention.claim.by else "")
    return f"{key or mention.doc_id} | {when} | {place} (geo {mention.geo_precision}) | {kind} | {stance}"


def print_figures(gold: dict[str, str], predicted: dict[str, str], manifest: dict) -> dict[str, set[str]]:
    """Print pairwise / B-cubed figures, events per incident and the hard negatives; return incident -> events."""
    p, r, f = pairwise_scores(gold, predicted)
    bp, br, bf = bcubed_scores(gold, predicted)
    print(f"pairwise  P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    print(f"B-cubed   P {bp:.3f}  R {br:.3f}  F1 {bf:.3f}")
    events_of: dict[str, set[str]] = defaultdict(set)
    for mention_id, incident in gold.items():
        events_of[incident].add(predicted[mention_id])
    print("events per incident: " + "  ".join(f"{i} {len(e)}" for i, e in sorted(events_of.items())))
    for negative in manifest.get("hard_negatives", []):
        first, second = negative["incidents"]
        if first in events_of and second in events_of:
            print(f"hard negative {first}/{second}: {len(events_of[first] & events_of[second])} shared event(s)")
        else:
            print(f"hard negative {first}/{second}: not measurable (no single-incident document of both)")
    return events_of


def why_apart(a, b) -> str:
    """Return why resolution keeps two mentions apart: the blocking rule, or the pair's score and features."""
    preparer = Preparer(default_settings())
    first, second = preparer.prepare(a), preparer.prepare(b)
    blocked = incompatibility(first, second, default_settings())
    if blocked:
        return f"blocked: {blocked}"
    pair = score_pair(first, second, default_settings())
    return f"score {pair.score:.2f}: " + ", ".join(f"{n} {v:.2f}" for n, v, _ in pair.features if v is not None)


def print_splits(events_of, gold, by_event, key_of, incidents_of, records, explain: bool) -> None:
    """Print each split incident's events and their mentions (``explain``: why its events stay apart)."""
    for incident, events in sorted(events_of.items()):
        if len(events) < 2:
            continue
        print(f"\n{incident} split into {len(events)} events:")
        for event_id in sorted(events):
            print(f"  {event_id}")
            for mention in sorted(by_event[event_id], key=lambda m: key_of[m.doc_id] or m.doc_id):
                labels = incidents_of.get(key_of[mention.doc_id], [])
                mark = "  " if labels == [incident] else f"* {'/'.join(labels) or 'none'} "
                print(f"    {mark}{describe(mention, key_of[mention.doc_id])}")
        scored = sorted(m for m, label in gold.items() if label == incident)
        for index, a in enumerate(scored if explain else ()):
            for b in scored[index + 1 :]:
                if not any({a, b} <= {m.mention_id for m in by_event[e]} for e in events):
                    print(f"    apart: {a} / {b}: {why_apart(records[a], records[b])}")


def report(mentions, documents, assignments, records, manifest: dict, folder: Path, explain: bool) -> None:
    """Print the figures, events per incident and the split incidents."""
    incidents_of = {d["key"]: d["incidents"] for d in manifest["documents"]}
    key_of = {doc_id: manifest_key(doc, folder, set(incidents_of)) for doc_id, doc in documents.items()}
    gold = {m.mention_id: incidents_of[key_of[m.doc_id]][0] for m in mentions
            if len(incidents_of.get(key_of[m.doc_id], [])) == 1}  # fmt: skip
    unmapped = sorted({d for d, k in key_of.items() if k is None})
    print(f"mentions stored (non-aggregate): {len(mentions)}; scored: {len(gold)} "
          f"(their document reports exactly one incident); unmapped documents: {unmapped or 'none'}")
    events_of = print_figures(gold, {m: assignments[m] for m in gold}, manifest)
    by_event = defaultdict(list)
    for mention in mentions:
        by_event[assignments[mention.mention_id]].append(mention)
    print_splits(events_of, gold, by_event, key_of, incidents_of, records, explain)
    strays = [m for m in mentions if not incidents_of.get(key_of[m.doc_id])
              and any(gold.get(o.mention_id) for o in by_event[assignments[m.mention_id]])]  # fmt: skip
    print(f"\nmentions of documents reporting no incident that joined an incident's event: {len(strays)}")
    for mention in strays:
        print(f"    {describe(mention, key_of[mention.doc_id])}")
    with_mentions = {key_of[m.doc_id] for m in mentions}
    silent = sorted({(i["id"], r["doc"]) for i in manifest["incidents"] for r in i["reports"]
                     if not r.get("background_mention") and r["doc"] not in with_mentions})  # fmt: skip
    print(f"reports with no stored mention: {len(silent)}")
    for incident, doc in silent:
        print(f"    {incident}: {doc}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="database to build (default: a temporary file)")
    parser.add_argument("--explain", action="store_true", help="say why each split incident's mentions stay apart")
    args = parser.parse_args(argv)
    folder = demo_corpus_folder()
    manifest = json.loads((folder / "MANIFEST.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        db_path = args.db or Path(tmp) / "demo.db"
        if db_path.exists():
            raise SystemExit(f"{db_path} exists; name a new file")
        report(*build(db_path), manifest, folder, args.explain)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
