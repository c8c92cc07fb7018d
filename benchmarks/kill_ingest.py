"""SIGKILL a 3,000-document ingest at random moments: no corrupt database, no lost committed document.

Usage:
    nice .venv/bin/python benchmarks/kill_ingest.py [--documents 3000] [--kills 20] [--seed 14]

Writes a synthetic corpus (30 JSONL files) to a temporary folder, then runs `sitroom ingest` on it
again and again, killing it with SIGKILL after a random delay. After each kill it checks the
database (SQLite integrity check), that every document committed before is still there, and
then lets the last run finish: it must complete with every document stored. Prints the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sitroom.store.health import committed_document_ids, integrity_problems

TEMPLATE = (
    "Synthetic example {n} for sitroom's benchmarks. Taliban forces detained {count} villagers in "
    "{district} district of {province} province yesterday, according to local residents."
)


def write_corpus(folder: Path, documents: int, per_file: int = 100) -> None:
    """Write ``documents`` distinct synthetic documents as JSONL files of ``per_file`` lines.

    Each names one of the pack's districts and a publication day spread over four years, so the
    documents are mostly different incidents (as in real intake), not one incident told 3,000 times.
    """
    from sitroom.gazetteer.pack import load_pack

    districts = [(p["name"], p["admin1"]) for p in load_pack("af").places if p["level"] == "admin2"]
    folder.mkdir(parents=True, exist_ok=True)
    for start in range(0, documents, per_file):
        lines = []
        for n in range(start, min(documents, start + per_file)):
            district, province = districts[(n * 7) % len(districts)]
            published = dt.date(2021, 9, 1) + dt.timedelta(days=(n * 13) % 1460)
            text = TEMPLATE.format(n=n, count=2 + n % 9, district=district, province=province)
            lines.append(json.dumps({"id": f"bench-{n:05d}", "published": published.isoformat(), "text": text}))
        (folder / f"batch-{start // per_file:03d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def ingest_command(corpus: Path, database: Path) -> list[str]:
    return [sys.executable, "-m", "sitroom.cli.main", "ingest", str(corpus), "--db", str(database), "--quiet"]


def run_kills(scratch: Path, corpus: Path, documents: int, kills: int, rng: random.Random, longest: float) -> dict:
    """SIGKILL ingests until ``kills`` kills were made; return the figures.

    Runs go on over one database until a run ends by itself: that run is the re-run that must
    complete (exit 0, every document stored, sound file), and the next kill starts a new database.
    """
    figures = {"kills": 0, "corrupt": 0, "lost": 0, "reruns": 0, "reruns_failed": 0, "committed_at_kill": []}
    database, committed = scratch / "kill-0.db", set()
    while figures["kills"] < kills:
        process = subprocess.Popen(ingest_command(corpus, database), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)  # fmt: skip
        delay = rng.uniform(0.3, longest)
        while process.poll() is None and delay > 0:
            time.sleep(min(0.05, delay))
            delay -= 0.05
        killed = process.poll() is None
        if killed:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        if database.exists():
            figures["corrupt"] += bool(integrity_problems(database))
            now = committed_document_ids(database)
            figures["lost"] += len(committed - now)
            committed |= now
        if killed:
            figures["kills"] += 1
            figures["committed_at_kill"].append(len(committed))
            continue
        figures["reruns"] += 1
        figures["reruns_failed"] += process.returncode != 0 or len(committed) != documents
        for leftover in scratch.glob(f"{database.name}*"):  # the checked database, -wal and -shm
            leftover.unlink()
        database, committed = scratch / f"kill-{figures['reruns']}.db", set()
    final = subprocess.run(ingest_command(corpus, database), capture_output=True)
    stored = len(committed_document_ids(database))
    figures["reruns"] += 1
    figures["reruns_failed"] += final.returncode != 0 or stored != documents or bool(integrity_problems(database))
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=3000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=14)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sitroom-kill-") as scratch:
        corpus = Path(scratch) / "corpus"
        write_corpus(corpus, arguments.documents)
        # A full run's duration, measured once on a separate database, bounds the kill delays.
        started = time.perf_counter()
        subprocess.run(ingest_command(corpus, Path(scratch) / "timing.db"), check=True, capture_output=True)
        full_run = time.perf_counter() - started
        figures = run_kills(Path(scratch), corpus, arguments.documents, arguments.kills,
                            random.Random(arguments.seed), full_run)  # fmt: skip
    print(f"{arguments.documents} documents; a full ingest takes {full_run:.1f} s (machine shared, niced)")
    print(f"SIGKILLs: {figures['kills']}; corrupt databases: {figures['corrupt']}; "
          f"lost committed documents: {figures['lost']}")  # fmt: skip
    print(f"documents committed at each kill: {figures['committed_at_kill']}")
    print(f"re-runs to completion: {figures['reruns']}, of which failed (exit status, missing documents or "
          f"integrity): {figures['reruns_failed']}")  # fmt: skip
    ok = figures["corrupt"] == 0 and figures["lost"] == 0 and figures["reruns_failed"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
