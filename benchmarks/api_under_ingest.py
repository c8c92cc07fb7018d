"""50 concurrent API clients for 60 s while an ingest writes: errors and latency percentiles.

Usage:
    nice .venv/bin/python benchmarks/api_under_ingest.py [--clients 50] [--seconds 60] [--documents 3000]

Builds a demo database, starts `sitroom serve` on a free port (a real uvicorn process), starts
`sitroom ingest` of a synthetic corpus into the same file, and runs the clients (threads, one HTTP
connection each) over a mix of list, search, detail and statistics requests. Any status other
than 200, or a failed connection, is an error. Prints requests, errors, p50/p95/p99 and how many
documents the ingest committed meanwhile. Exit status 1 if there was any error.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kill_ingest import write_corpus  # noqa: E402

from sitroom.store.health import committed_document_ids  # noqa: E402

PATHS = [
    "/api/v1/events", "/api/v1/events?admin1=Panjshir", "/api/v1/events?q=Taliban", "/api/v1/events?limit=5",
    "/api/v1/stats/summary", "/api/v1/stats/timeseries?interval=week", "/api/v1/stats/by-province",
    "/api/v1/actors", "/api/v1/documents", "/api/v1/places/provinces", "/api/v1/events?start_date=2023-01-01",
]  # fmt: skip


def sitroom(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "sitroom.cli.main", *arguments]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(base: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("sitroom serve exited before answering")
        try:
            urllib.request.urlopen(base + "/api/v1/stats/summary", timeout=5).read()
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.3)
    raise SystemExit(f"{base} did not answer within {seconds} s")


def client(base: str, paths: list[str], until: float, seed: int, latencies: list, errors: list) -> None:
    """One client: requests in a loop until ``until``; latency in ms per request, errors listed."""
    rng = random.Random(seed)
    while time.monotonic() < until:
        path = rng.choice(paths)
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(base + path, timeout=30) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            errors.append(f"{path}: {error}")
            continue
        latencies.append((time.perf_counter() - started) * 1000)
        if status != 200:
            errors.append(f"{path}: HTTP {status}")


def event_paths(base: str) -> list[str]:
    with urllib.request.urlopen(base + "/api/v1/events?limit=20", timeout=30) as response:
        page = json.load(response)
    return [f"/api/v1/events/{item['event_id']}" for item in page.get("items", [])]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--documents", type=int, default=3000)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sitroom-api-load-") as scratch:
        database, corpus = Path(scratch) / "load.db", Path(scratch) / "corpus"
        subprocess.run(sitroom("demo", "--db", str(database), "--quiet"), check=True, capture_output=True)
        write_corpus(corpus, arguments.documents)
        before = len(committed_document_ids(database))
        base = f"http://127.0.0.1:{free_port()}"
        server = subprocess.Popen(sitroom("serve", "--db", str(database), "--port", base.rsplit(":", 1)[1]),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        try:
            wait_until_up(base, server)
            paths = PATHS + event_paths(base)
            writer = subprocess.Popen(sitroom("ingest", str(corpus), "--db", str(database), "--quiet"),
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
            latencies: list[float] = []
            errors: list[str] = []
            until = time.monotonic() + arguments.seconds
            threads = [threading.Thread(target=client, args=(base, paths, until, n, latencies, errors))
                       for n in range(arguments.clients)]  # fmt: skip
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            written = len(committed_document_ids(database)) - before
            ingest_state = "still writing" if writer.poll() is None else f"finished (exit {writer.returncode})"
            writer.kill()
            writer.wait()
        finally:
            server.terminate()
            server.wait(timeout=30)
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    print(f"{arguments.clients} clients for {arguments.seconds:.0f} s while an ingest wrote {written} documents "
          f"(ingest {ingest_state}); machine shared, run niced")  # fmt: skip
    print(f"requests: {len(latencies)} ({len(latencies) / arguments.seconds:.0f}/s); errors: {len(errors)}")
    print(f"latency ms: p50 {cuts[49]:.0f}, p95 {cuts[94]:.0f}, p99 {cuts[98]:.0f}, max {max(latencies, default=0):.0f}")
    for error in errors[:10]:
        print(f"  error: {error}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
