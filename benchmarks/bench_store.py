"""Benchmark the store on PostgreSQL beside SQLite: ingest throughput and API p50 / p95 per query.

Usage:
    nice .venv/bin/python benchmarks/bench_store.py [--events 100000] [--documents 1000] [--repeat 20]
        [--postgres postgresql://user@host/empty_db]

Ingest: ``--documents`` one-mention documents of one input stored with their run items (the real
write path: audit rows, provisional events, the read model refreshed before each commit) into a
fresh store on each backend, one transaction each and batched as the pipeline writes
(``store_documents``); documents per second. API: the synthetic SQLite store of ``--events``
events (built once and cached, see bench_api.py) is loaded into PostgreSQL by COPY
(synthetic_store.load_into_postgres), then bench_api's queries run through the app on both.
Without ``--postgres`` a throwaway cluster is started (tests/pg_cluster.py) and stopped at the end.
Target (issue 10): p95 < 150 ms on both at 1,000,000 events.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from bench_api import QUERIES, TARGET_MS, database, http_call, time_calls  # noqa: E402

from sitroom.config import Settings  # noqa: E402
from sitroom.models import Claim, Document, EventMention, SourceKind, Stance  # noqa: E402
from sitroom.store import open_repository  # noqa: E402
from synthetic_store import load_into_postgres  # noqa: E402
from sitroom.store.records import DocumentToStore  # noqa: E402

PROVINCES = (("Panjshir", "AF-PAN", "Dara"), ("Baghlan", "AF-BGL", "Andarab"), ("Kabul", "AF-KAB", "Kabul"))


def _document(index: int) -> tuple[Document, list[EventMention]]:
    admin1, code, admin2 = PROVINCES[index % len(PROVINCES)]
    text = f"Bench report {index}: a clash in {admin2}, {admin1}; {index % 7} killed."
    digest = hashlib.sha256(text.encode()).hexdigest()
    document = Document(doc_id=f"ingest-{index:07d}", text=text, raw_sha256=digest, text_sha256=digest,
                        publisher=f"Wire {index % 9}", published=dt.date(2023, 1, 1) + dt.timedelta(days=index % 700),
                        source_kind=SourceKind.NEWS)  # fmt: skip
    mention = EventMention(
        doc_id=document.doc_id, event_date=document.published, time_precision=1, event_type="Battles",
        actor1="National Resistance Front", actor2="Taliban forces (Islamic Emirate)", country="Afghanistan",
        admin1=admin1, admin1_code=code, admin2=admin2, location=admin2, fatalities=index % 7,
        claim=Claim(stance=Stance.REPORTED), text=text, extractor="bench-v1",
    )  # fmt: skip
    return document, [mention]


def ingest_rate(location: str, count: int, batched: bool = True) -> float:
    """Store ``count`` documents of one input into a run; return documents per second.

    ``batched``: through ``store_documents`` (64 per transaction, with their run items), as the
    pipeline writes; else one ``store_document`` and one ``record_item`` transaction each (before 0.1's
    batching).
    """
    made = [_document(index) for index in range(count)]
    with open_repository(location) as repository:
        run_id = repository.begin_run("bench", [], "bench")
        started = time.perf_counter()
        if batched:
            items = [DocumentToStore(document, mentions, "bench.jsonl") for document, mentions in made]
            outcomes = repository.store_documents(items, run_id, "bench")
            assert all(outcome.status == "stored" for outcome in outcomes)
        else:
            for document, mentions in made:
                status = repository.store_document(document, mentions, run_id, "bench")
                repository.record_item(run_id, "bench.jsonl", status, None, document.doc_id)
        return count / (time.perf_counter() - started)


def ingest_figures(folder: Path, new_postgres, count: int) -> str:
    """Return the ingest line: documents/s on each backend, one transaction each and batched."""
    parts = []
    for label, batched in (("one transaction each", False), ("batched (64 per transaction)", True)):
        sqlite_rate = ingest_rate(str(folder / f"ingest-{batched}.db"), count, batched)
        postgres = f", PostgreSQL {ingest_rate(new_postgres(), count, batched):,.0f} docs/s" if new_postgres else ""
        parts.append(f"{label}: SQLite {sqlite_rate:,.0f} docs/s{postgres}")
    return f"ingest ({count:,} one-mention documents of one input, with run items):\n  " + "\n  ".join(parts)


def api_figures(location: str, repeat: int) -> dict[str, tuple[float, float] | None]:
    """Return (p50, p95) in ms of each bench_api query through the app on the store at ``location``."""
    from fastapi.testclient import TestClient

    from sitroom.api import create_app

    found: dict[str, tuple[float, float] | None] = {}
    with TestClient(create_app(Settings(db_path=location), dashboard=False)) as client:
        for name, url, params in QUERIES:
            try:
                found[name] = time_calls(http_call(client, url, params), repeat)
            except RuntimeError:  # a query naming an id only the 1,000,000-event store holds
                found[name] = None
    return found


def actors_plans(locations: dict[str, str]) -> None:
    """Print each backend's plan of the actors list by dates and province (migration 0022's indexes)."""
    from sitroom.store import connect_database
    from sitroom.store.api_records import EventQuery
    from sitroom.store.api_rollups import actor_counts_sql

    query = EventQuery(start_date=dt.date(2023, 1, 1), end_date=dt.date(2023, 12, 31), admin1="AF-KAB")
    sql, params = actor_counts_sql(query, None, 100)
    for label, location in locations.items():
        database = connect_database(location)
        try:
            if database.is_postgres:
                plan = [row[0] for row in database.execute("EXPLAIN (ANALYZE, COSTS OFF) " + sql, params)]
            else:
                plan = [str(row[3]) for row in database.execute("EXPLAIN QUERY PLAN " + sql, params)]
        finally:
            database.close()
        print(f"\nplan of 'actors dates+province' on {label}:\n  " + "\n  ".join(plan), flush=True)


def _postgres(url: str | None):
    """Return (cluster or None, a function giving a new empty database URL)."""
    if url:
        return None, lambda: url
    from tests.pg_cluster import start_cluster

    cluster = start_cluster()
    return cluster, cluster.create_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--cache-dir", type=Path, default=Path("/tmp"))
    parser.add_argument("--postgres", help="an EMPTY PostgreSQL database to use (default: a throwaway cluster)")
    args = parser.parse_args()
    cluster, new_postgres = _postgres(args.postgres)
    try:
        print(f"{dt.datetime.now():%Y-%m-%d %H:%M}; {args.events:,} events; {args.repeat} runs per query")
        with tempfile.TemporaryDirectory() as folder:
            # Ingest needs empty databases: only a throwaway cluster gives one per run.
            print(ingest_figures(Path(folder), new_postgres if cluster else None, args.documents), flush=True)
        source = database(args.events, args.cache_dir)
        target = new_postgres()
        started = time.perf_counter()
        copied = load_into_postgres(source, target)
        print(f"loaded {sum(copied.values()):,} rows into PostgreSQL by COPY in {time.perf_counter() - started:.0f} s",
              flush=True)  # fmt: skip
        figures = {"SQLite": api_figures(str(source), args.repeat), "PostgreSQL": api_figures(target, args.repeat)}
        print(f"\n{'query':<30}{'SQLite p50':>11}{'p95':>8}{'PG p50':>9}{'p95':>8}")
        over = 0
        for name, *_ in QUERIES:
            if figures["SQLite"][name] is None or figures["PostgreSQL"][name] is None:
                print(f"{name:<30}{'(not in this store)':>36}")
                continue
            (s50, s95), (p50, p95) = figures["SQLite"][name], figures["PostgreSQL"][name]
            over += (s95 >= TARGET_MS) + (p95 >= TARGET_MS)
            print(f"{name:<30}{s50:>11.1f}{s95:>8.1f}{p50:>9.1f}{p95:>8.1f}", flush=True)
        print(f"\n{over} of {2 * len(QUERIES)} (query, backend) p95 figures over the {TARGET_MS:.0f} ms target")
        actors_plans({"SQLite": str(source), "PostgreSQL": target})
    finally:
        if cluster:
            cluster.stop()


if __name__ == "__main__":
    main()
