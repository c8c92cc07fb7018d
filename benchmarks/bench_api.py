"""Benchmark the JSON API on a synthetic store of 1,000,000 events: p50 / p95 latency per query.

Usage:
    taskset -c 0 .venv/bin/python benchmarks/bench_api.py [--events 1000000] [--repeat 30]

The database is built once (bulk insert, see synthetic_store.py) and cached under /tmp in a file
named after the event count and a hash of the store's migrations, so a schema change rebuilds it.
Each query runs through the app with TestClient (HTTP, JSON encoding included) and, for
comparison, directly against the repository. Target: p95 < 150 ms for list and aggregate queries.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import statistics
import sys
import time
from importlib import resources
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_store import build_store  # noqa: E402

from sitroom.config import Settings  # noqa: E402
from sitroom.store import open_repository  # noqa: E402
from sitroom.store.api_records import EventQuery  # noqa: E402

TARGET_MS = 150.0
QUERIES: list[tuple[str, str, dict[str, str]]] = [
    # (name, path, params)
    ("list default", "/api/v1/events", {}),
    ("list province", "/api/v1/events", {"admin1": "Panjshir"}),
    ("list date range", "/api/v1/events", {"start_date": "2023-03-01", "end_date": "2023-05-31"}),
    ("list actor", "/api/v1/events", {"actor": "National Resistance Front"}),
    ("list actor+dates", "/api/v1/events", {"actor": "Islamic State Khorasan Province",
                                            "start_date": "2024-01-01", "end_date": "2024-03-31"}),
    ("list q (rare word)", "/api/v1/events", {"q": "424242"}),
    ("list q (10% of events)", "/api/v1/events", {"q": "ambush"}),
    ("list q (10%, no total)", "/api/v1/events", {"q": "ambush", "with_total": "false"}),
    ("list page 2 (cursor)", "/api/v1/events", {"_cursor": "1"}),
    ("list event_type", "/api/v1/events", {"event_type": "Battles"}),
    ("list tag", "/api/v1/events", {"tag": "ied"}),
    ("list status", "/api/v1/events", {"status": "confirmed"}),
    ("list source_kind", "/api/v1/events", {"source_kind": "ngo"}),
    ("list tag+source_kind", "/api/v1/events", {"tag": "ied", "source_kind": "ngo"}),
    ("stats month", "/api/v1/stats/timeseries", {"interval": "month"}),
    ("stats week", "/api/v1/stats/timeseries", {"interval": "week"}),
    ("stats week province", "/api/v1/stats/timeseries", {"interval": "week", "admin1": "AF-KAB"}),
    ("stats by province", "/api/v1/stats/by-province", {}),
    ("stats by province dates", "/api/v1/stats/by-province", {"start_date": "2023-01-01", "end_date": "2023-12-31"}),
    ("stats by district", "/api/v1/stats/by-district", {}),
    ("stats by district dates", "/api/v1/stats/by-district", {"start_date": "2023-01-01", "end_date": "2023-12-31"}),
    ("stats summary", "/api/v1/stats/summary", {}),
    ("actors", "/api/v1/actors", {}),
    ("actors dates+province", "/api/v1/actors", {"start_date": "2023-01-01", "end_date": "2023-12-31",
                                                 "admin1": "AF-KAB"}),
    ("actor profile", "/api/v1/actors/National Resistance Front", {}),
    ("actor profile dates+week", "/api/v1/actors/Islamic State Khorasan Province",
     {"start_date": "2024-01-01", "end_date": "2024-06-30", "interval": "week"}),
    ("places provinces", "/api/v1/places/provinces", {}),
    ("districts of province", "/api/v1/places/provinces/AF-PAN/districts", {}),
    ("event detail", "/api/v1/events/ev-0000123456", {}),
]
DIRECT: list[tuple[str, Callable]] = [
    ("list default", lambda r: r.query_events(EventQuery(), with_total=True)),
    ("list province", lambda r: r.query_events(EventQuery(admin1="Panjshir"), with_total=True)),
    ("list actor", lambda r: r.query_events(EventQuery(actor="National Resistance Front"), with_total=True)),
    ("list q (10%)", lambda r: r.query_events(EventQuery(q="ambush"), with_total=True)),
    ("stats week", lambda r: r.event_timeseries(EventQuery(limit=None), "week")),
    ("stats by province", lambda r: r.event_area_counts(EventQuery(limit=None))),
]


def migrations_hash() -> str:
    folder = resources.files("sitroom.store").joinpath("migrations")
    digest = hashlib.sha256()
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".sql"):
            digest.update(entry.name.encode() + entry.read_bytes())
    return digest.hexdigest()[:10]


def database(count: int, folder: Path) -> Path:
    """Return the cached synthetic database for ``count`` events, building it if needed."""
    path = folder / f"sitroom-bench-{count}-{migrations_hash()}.db"
    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    started = time.perf_counter()
    print(f"building {path} ({count:,} events; cached for later runs) ...", flush=True)
    build_store(partial, count, progress=lambda done: print(f"  {done:,} events", flush=True) if done % 200_000 == 0 else None)
    partial.rename(path)
    print(f"built in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


def time_calls(call: Callable[[], object], repeat: int) -> tuple[float, float]:
    call()  # warm: the first call pays for page-cache misses and lazy loading
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return percentiles(samples)


def http_call(client, path: str, params: dict[str, str]) -> Callable[[], object]:
    params = dict(params)
    if params.pop("_cursor", None):
        params["cursor"] = client.get(path, params=params).json()["next_cursor"]

    def call() -> object:
        response = client.get(path, params=params)
        if response.status_code != 200:
            raise RuntimeError(f"{path} {params}: {response.status_code} {response.text[:200]}")
        return response

    return call


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--cache-dir", type=Path, default=Path("/tmp"))
    args = parser.parse_args()
    from fastapi.testclient import TestClient

    from sitroom.api import create_app

    path = database(args.events, args.cache_dir)
    print(f"database: {path} ({path.stat().st_size / 1e9:.2f} GB), {args.repeat} runs per query, "
          f"{dt.datetime.now():%Y-%m-%d %H:%M}")  # fmt: skip
    print(f"\n{'through the app (TestClient)':<34}{'p50 ms':>9}{'p95 ms':>9}")
    failures = 0
    with TestClient(create_app(Settings(db_path=path))) as client:
        for name, url, params in QUERIES:
            p50, p95 = time_calls(http_call(client, url, params), args.repeat)
            flag = "" if p95 < TARGET_MS else "  over target"
            failures += bool(flag)
            print(f"{name:<34}{p50:>9.1f}{p95:>9.1f}{flag}", flush=True)
    print(f"\n{'direct repository calls':<34}{'p50 ms':>9}{'p95 ms':>9}")
    with open_repository(path) as repository:
        for name, call in DIRECT:
            p50, p95 = time_calls(lambda: call(repository), args.repeat)
            print(f"{name:<34}{p50:>9.1f}{p95:>9.1f}", flush=True)
    print(f"\n{failures} of {len(QUERIES)} API queries over the {TARGET_MS:.0f} ms p95 target")


if __name__ == "__main__":
    main()
