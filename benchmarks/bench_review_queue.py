"""Benchmark the stored review queue: scoring throughput and queue p50 / p95 per order.

Usage:
    nice .venv/bin/python benchmarks/bench_review_queue.py STORE [--repeat 20]

STORE is a SQLite path or a PostgreSQL URL (e.g. a bench_api synthetic store; it is changed:
every event is scored). First every event noted as needing a score is scored
(``sitroom.review.scores.refresh_scores``, as after a resolution), then the queue is read in
three orders through ``review_queue``, the function behind ``/api/v1/review/queue``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_api import time_calls  # noqa: E402

from sitroom.review.queue import review_queue  # noqa: E402
from sitroom.review.scores import refresh_scores  # noqa: E402
from sitroom.store import open_repository  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with open_repository(args.store) as repository:
        waiting = repository.count_pending_review_scores()
        started = time.perf_counter()
        scored = refresh_scores(repository)
        elapsed = time.perf_counter() - started
        print(f"{waiting:,} events waited for a score; scored {scored:,} in {elapsed:.0f} s "
              f"({scored / max(elapsed, 1e-9):,.0f} events/s)")  # fmt: skip
        for order in ("priority", "confidence.place", "fatalities"):
            p50, p95 = time_calls(lambda: review_queue(repository, sort=order, limit=50), args.repeat)
            print(f"queue sort={order:<18} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms", flush=True)


if __name__ == "__main__":
    main()
