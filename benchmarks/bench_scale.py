"""Scale-out figures: ingest documents/s on 1 and 2 Dask workers, and how cost grows with size.

Usage:
  python benchmarks/bench_scale.py SEED.jsonl [--documents 100000] [--workers 1,2]
         [--growth 10000,100000] [--partition-size 200] [--json]

SEED.jsonl holds real reports (one JSON document a line, e.g. ../shared/eval/isaf/dev.jsonl
or ../shared/eval/news2021/dev.jsonl); the corpus is made by varying them: copy k of a
seed gets its own id, its publication date and the dates in its text moved by k months,
and its province names rotated by k, so incidents spread over places and time as a real
archive's do (copies that kept the seed's dates would all be one incident, and resolution
would compare each with every other).

It prints, for a one-process run and for each worker count on the same corpus:
documents/s, mentions stored, seconds spent resolving, and the scaling efficiency
(rate on N workers / (N x rate on 1 worker)); then, for each growth size, the
microseconds per mention of ingest and of resolution and their ratio to the size
before (1.0 = linear). Peak resident memory of this process is printed last. Every
run writes a fresh SQLite database in a temporary folder; nothing is kept.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sitroom.config import Settings
from sitroom.gazetteer import load_gazetteer
from sitroom.parallel import DistributedIngest, ParallelOptions
from sitroom.pipeline import Pipeline
from sitroom.store import open_repository


@dataclass
class RunFigures:
    label: str
    documents: int
    mentions: int
    seconds: float
    resolve_seconds: float

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


class TimedPipeline(Pipeline):
    """The real pipeline, timing its end-of-run resolution apart from the rest."""

    resolve_seconds = 0.0

    def resolve_run(self, repository, summary) -> None:
        started = time.perf_counter()
        super().resolve_run(repository, summary)
        self.resolve_seconds += time.perf_counter() - started


def read_seed(path: Path) -> list[dict]:
    """Return the seed documents (id, text, published, publisher) of a JSONL file."""
    seeds = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                seeds.append({key: record.get(key) for key in ("text", "published", "publisher", "title")})
    if not seeds:
        raise SystemExit(f"{path}: no documents")
    return seeds


def province_rotation() -> tuple[re.Pattern, list[str]]:
    """Return a pattern matching any province name and the names in a fixed order."""
    names = sorted({place.name for place in load_gazetteer("af").provinces()})
    pattern = re.compile(r"\b(" + "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True)) + r")\b")
    return pattern, names


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
MONTH_ABBREVIATIONS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
_MONTH = re.compile(r"\b(" + "|".join(sorted({*MONTHS, "Jan", "Feb", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"},
                                               key=len, reverse=True)) + r")(\.?)\s+(\d{1,2})(?:,\s*((?:19|20)\d\d))?")


def _month_number(name: str) -> int:
    return next(i for i, month in enumerate(MONTHS) if month.startswith(name[:3]))


def shift_text_dates(text: str, months: int, default_year: int | None) -> str:
    """Move every 'Month day[, year]' of ``text`` by ``months`` (days past a month's end become its last day)."""

    def move(match: re.Match) -> str:
        month = _month_number(match.group(1))
        year = int(match.group(4)) if match.group(4) else (default_year or 2010)
        total = year * 12 + month + months
        new_year, new_month = divmod(total, 12)
        day = min(int(match.group(3)), 28)
        named = MONTH_ABBREVIATIONS[new_month] if match.group(2) else MONTHS[new_month]
        return f"{named} {day}" + (f", {new_year}" if match.group(4) else "")

    return _MONTH.sub(move, text)


def shift_date(value: str | None, months: int) -> str | None:
    if not value:
        return value
    date = dt.date.fromisoformat(value)
    total = date.year * 12 + date.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, min(date.day, 28)).isoformat()


def write_corpus(seeds: list[dict], count: int, path: Path) -> Path:
    """Write ``count`` documents made by varying the seeds to ``path``.

    Copy k of a seed moves its publication date and every date in its text by k months
    (so a copy is a new incident, not a repeat of the seed's) and rotates its province
    names by k; each copy gets its own id.
    """
    pattern, names = province_rotation()
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            seed, copy = seeds[number % len(seeds)], number // len(seeds)
            text = pattern.sub(lambda m: names[(names.index(m.group(1)) + copy) % len(names)], seed["text"])
            year = int(seed["published"][:4]) if seed["published"] else None
            record = {"id": f"scale-{number}", "text": shift_text_dates(text, copy, year),
                      "published": shift_date(seed["published"], copy), "publisher": seed["publisher"],
                      "title": seed["title"]}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def run_ingest(corpus: Path, folder: Path, workers: int | None, partition_size: int, label: str) -> RunFigures:
    """Ingest ``corpus`` into a fresh database (one process when ``workers`` is None)."""
    db_path = folder / f"{label}.db"
    pipeline = TimedPipeline(Settings(db_path=db_path, analyst="bench"))
    runner = pipeline
    if workers:
        runner = DistributedIngest(pipeline, ParallelOptions(workers=workers, partition_size=partition_size))
    with open_repository(db_path) as repository:
        started = time.perf_counter()
        summary = runner.ingest([corpus], repository)
        seconds = time.perf_counter() - started
    documents = summary.counts["stored"] + summary.counts["unchanged"]
    return RunFigures(label, documents, summary.mentions, seconds, pipeline.resolve_seconds)


def throughput(corpus: Path, folder: Path, worker_counts: list[int], partition_size: int) -> list[RunFigures]:
    runs = [run_ingest(corpus, folder, None, partition_size, "one-process")]
    for count in worker_counts:
        runs.append(run_ingest(corpus, folder, count, partition_size, f"{count}-workers"))
    return runs


def growth(seeds: list[dict], folder: Path, sizes: list[int]) -> list[RunFigures]:
    runs = []
    for size in sizes:
        corpus = write_corpus(seeds, size, folder / f"growth-{size}.jsonl")
        runs.append(run_ingest(corpus, folder, None, 0, f"growth-{size}"))
    return runs


def print_throughput(runs: list[RunFigures]) -> None:
    by_workers = {run.label: run for run in runs}
    single = by_workers.get("1-workers")
    print("run            documents  mentions   seconds  resolve s  documents/s  efficiency")
    for run in runs:
        workers = int(run.label.split("-")[0]) if run.label[0].isdigit() else None
        efficiency = f"{run.rate / (workers * single.rate):.2f}" if workers and single and single.rate else "-"
        print(f"{run.label:<14} {run.documents:>9} {run.mentions:>9} {run.seconds:>9.1f} {run.resolve_seconds:>10.1f}"
              f" {run.rate:>12.1f} {efficiency:>11}")


def print_growth(runs: list[RunFigures]) -> None:
    print("size (docs)  mentions  ingest us/mention  resolve us/mention  ingest ratio  resolve ratio")
    previous = None
    for run in runs:
        ingest_cost = (run.seconds - run.resolve_seconds) / max(run.mentions, 1) * 1e6
        resolve_cost = run.resolve_seconds / max(run.mentions, 1) * 1e6
        ratios = ("-", "-")
        if previous:
            ratios = (f"{ingest_cost / previous[0]:.2f}", f"{resolve_cost / previous[1]:.2f}" if previous[1] else "-")
        print(f"{run.documents:>11} {run.mentions:>9} {ingest_cost:>18.0f} {resolve_cost:>19.0f}"
              f" {ratios[0]:>13} {ratios[1]:>14}")
        previous = (ingest_cost, resolve_cost)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", type=Path)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--growth", default="10000,100000", help="corpus sizes in documents; empty to skip")
    parser.add_argument("--partition-size", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args(argv)
    seeds = read_seed(options.seed)
    worker_counts = [int(n) for n in options.workers.split(",") if n]
    sizes = [int(n) for n in options.growth.split(",") if n]
    with tempfile.TemporaryDirectory(prefix="sitroom-scale-") as folder:
        folder = Path(folder)
        corpus = write_corpus(seeds, options.documents, folder / "corpus.jsonl")
        runs = throughput(corpus, folder, worker_counts, options.partition_size)
        grown = growth(seeds, folder, sizes)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if options.json:
        print(json.dumps({"throughput": [vars(run) | {"rate": run.rate} for run in runs],
                          "growth": [vars(run) for run in grown], "peak_rss_mb": peak_mb}, indent=2))
        return 0
    print(f"corpus: {options.documents} documents varied from {len(seeds)} seed reports in {options.seed}")
    print_throughput(runs)
    if grown:
        print_growth(grown)
    print(f"peak resident memory of the driver: {peak_mb:.0f} MB (workers are separate processes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
