"""Scale-out figures: ingest documents/s on 1 and 2 Dask workers, and how cost grows with size.

Usage:
  python benchmarks/bench_scale.py SEED.jsonl [--documents 100000] [--workers 1,2]
         [--growth 10000,100000] [--partition-size 200] [--skip-one-process]
         [--postgres [URL]] [--json]

SEED.jsonl holds real reports (one JSON document a line, e.g. ../shared/eval/isaf/dev.jsonl
or ../shared/eval/news2021/dev.jsonl); the corpus is made by varying them: copy k of a
seed gets its own id, its publication date and the dates in its text moved by a number of
months that grows with k and wraps within the years 2000-2025 (so that every date stays one
the extractor reads), and its province names rotated by k, so incidents spread over places
and time as a real archive's do (copies that kept the seed's dates would all be one
incident, and resolution would compare each with every other). The corpus is written in
files of at most 5,000 documents, below sitroom's 50 MB limit per input file.

``--postgres URL`` runs every ingest on PostgreSQL instead of SQLite: URL names a server
database the benchmark may create and drop databases from (e.g. postgresql://me@host/postgres);
``--postgres`` alone starts a throwaway cluster (tests/pg_cluster.py). Workers then store
their own partitions, as on a real cluster. ``--skip-one-process`` leaves out the
one-process run (for big corpora, where it only repeats the 1-worker figure).

It prints, for a one-process run and for each worker count on the same corpus:
documents/s, mentions stored, seconds spent resolving, and the scaling efficiency
(rate on N workers / (N x rate on 1 worker)); then, for each growth size, the
microseconds per mention of ingest and of resolution and their ratio to the size
before (1.0 = linear), measured both as wall time and as this process's CPU time
(resolution runs in this process; on a loaded machine CPU time is the steadier figure).
Peak resident memory of this process is printed last. Every run writes a fresh database
(a SQLite file in a temporary folder, or a new PostgreSQL database); nothing is kept.
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
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
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
    resolve_cpu_seconds: float

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


class TimedPipeline(Pipeline):
    """The real pipeline, timing its end-of-run resolution apart from the rest."""

    resolve_seconds = 0.0
    resolve_cpu_seconds = 0.0

    def resolve_run(self, repository, summary) -> None:
        started, cpu_started = time.perf_counter(), time.process_time()
        super().resolve_run(repository, summary)
        self.resolve_seconds += time.perf_counter() - started
        self.resolve_cpu_seconds += time.process_time() - cpu_started


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


FIRST_YEAR, LAST_YEAR = 2000, 2025  # shifted dates stay within these years
FILE_DOCUMENTS = 5000  # documents per corpus file (sitroom reads at most 50 MB per input file)


def month_shifts(seeds: list[dict]) -> tuple[int, int]:
    """Return (how far back, how many) month shifts keep every seed's dates within FIRST_YEAR-LAST_YEAR."""
    years = [int(seed["published"][:4]) for seed in seeds if seed["published"]] or [2012]
    back = max(0, (min(years) - FIRST_YEAR) * 12)
    forward = max(0, (LAST_YEAR - max(years)) * 12)
    return back, back + forward + 1


def copy_shift(copy: int, back: int, count: int) -> int:
    """Return the months copy ``copy`` is moved by: 0 for the seed itself, then +1, +2, ... wrapping."""
    return (copy + back) % count - back


_RELEASE_MONTH = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-")  # "2010-07-CA-065": a release number's year and month


def shift_text_dates(text: str, months: int, default_year: int | None) -> str:
    """Move every 'Month day[, year]' and release number's 'YYYY-MM-' of ``text`` by ``months``.

    Days past a month's end become its 28th. A report dated only by its release number (no
    publication date, no date in the text) is then a new month's report in each copy, not
    the same incident again.
    """

    def move_release(match: re.Match) -> str:
        new_year, new_month = divmod(int(match.group(1)) * 12 + int(match.group(2)) - 1 + months, 12)
        return f"{new_year}-{new_month + 1:02d}-"

    text = _RELEASE_MONTH.sub(move_release, text)

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


def write_corpus(seeds: list[dict], count: int, folder: Path) -> list[Path]:
    """Write ``count`` documents made by varying the seeds to files in ``folder``; return the files.

    Copy k of a seed moves its publication date and every date in its text by ``copy_shift``
    months (so a copy is a new incident, not a repeat of the seed's) and rotates its province
    names by k; each copy gets its own id. Files hold at most FILE_DOCUMENTS documents.
    """
    pattern, names = province_rotation()
    back, shifts = month_shifts(seeds)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for first in range(0, count, FILE_DOCUMENTS):
        paths.append(folder / f"corpus-{first // FILE_DOCUMENTS:04d}.jsonl")
        with paths[-1].open("w", encoding="utf-8") as handle:
            for number in range(first, min(count, first + FILE_DOCUMENTS)):
                seed, copy = seeds[number % len(seeds)], number // len(seeds)
                months = copy_shift(copy, back, shifts)
                text = pattern.sub(lambda m: names[(names.index(m.group(1)) + copy) % len(names)], seed["text"])
                year = int(seed["published"][:4]) if seed["published"] else None
                record = {"id": f"scale-{number}", "text": shift_text_dates(text, months, year),
                          "published": shift_date(seed["published"], months), "publisher": seed["publisher"],
                          "title": seed["title"]}  # fmt: skip
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return paths


class Databases:
    """Fresh, empty databases for the runs: SQLite files in ``folder``, or PostgreSQL databases."""

    def __init__(self, folder: Path, postgres: str | None) -> None:
        self.folder, self.postgres, self.cluster = folder, postgres, None
        if postgres == "throwaway":
            sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
            from tests.pg_cluster import start_cluster

            self.cluster = start_cluster()
            self.postgres = self.cluster.url()

    @contextmanager
    def fresh(self, label: str) -> Iterator[str]:
        """Yield a new empty database's path or URL for one run, and drop it afterwards."""
        if not self.postgres:
            yield str(self.folder / f"{label}.db")
            return
        import psycopg

        name = f"sitroom_scale_{label.replace('-', '_')}_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(self.postgres, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{self.postgres.rsplit('/', 1)[0]}/{name}"
        finally:
            with psycopg.connect(self.postgres, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        if self.cluster is not None:
            self.cluster.stop()


def run_ingest(corpus: list[Path], databases: Databases, workers: int | None, partition_size: int,
               label: str) -> RunFigures:  # fmt: skip
    """Ingest ``corpus`` into a fresh database (one process when ``workers`` is None)."""
    with databases.fresh(label) as db_path:
        pipeline = TimedPipeline(Settings(db_path=db_path, analyst="bench"))
        runner = pipeline
        if workers:
            runner = DistributedIngest(pipeline, ParallelOptions(workers=workers, partition_size=partition_size))
        with open_repository(db_path) as repository:
            started = time.perf_counter()
            summary = runner.ingest(corpus, repository)
            seconds = time.perf_counter() - started
    documents = summary.counts["stored"] + summary.counts["unchanged"]
    run = RunFigures(label, documents, summary.mentions, seconds, pipeline.resolve_seconds, pipeline.resolve_cpu_seconds)
    log(f"{label}: {documents} documents, {summary.mentions} mentions, {seconds:.1f} s,"
        f" resolving {run.resolve_seconds:.1f} s ({run.resolve_cpu_seconds:.1f} s CPU)")  # fmt: skip
    return run


def log(message: str) -> None:
    """Print a progress line to stderr at once (a long run's figures are not lost if it is stopped)."""
    print(f"{dt.datetime.now():%H:%M:%S} {message}", file=sys.stderr, flush=True)


def throughput(corpus: list[Path], databases: Databases, worker_counts: list[int], partition_size: int,
               one_process: bool) -> list[RunFigures]:  # fmt: skip
    runs = [run_ingest(corpus, databases, None, partition_size, "one-process")] if one_process else []
    for count in worker_counts:
        runs.append(run_ingest(corpus, databases, count, partition_size, f"{count}-workers"))
    return runs


def growth(seeds: list[dict], folder: Path, databases: Databases, sizes: list[int], workers: int | None,
           partition_size: int) -> Iterator[RunFigures]:  # fmt: skip
    for size in sizes:
        corpus = write_corpus(seeds, size, folder / f"growth-{size}")
        yield run_ingest(corpus, databases, workers, partition_size, f"growth-{size}")
        for path in corpus:
            path.unlink()


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
    print("size (docs)  mentions  total us/mention  ingest us/mention  resolve us/mention  resolve CPU us/mention"
          "  total ratio  resolve CPU ratio")  # fmt: skip
    previous = None
    for run in runs:
        per_mention = 1e6 / max(run.mentions, 1)
        costs = (run.seconds * per_mention, (run.seconds - run.resolve_seconds) * per_mention,
                 run.resolve_seconds * per_mention, run.resolve_cpu_seconds * per_mention)  # fmt: skip
        ratios = ("-", "-")
        if previous:
            ratios = (f"{costs[0] / previous[0]:.2f}", f"{costs[3] / previous[3]:.2f}" if previous[3] else "-")
        print(f"{run.documents:>11} {run.mentions:>9} {costs[0]:>17.0f} {costs[1]:>18.0f} {costs[2]:>19.0f}"
              f" {costs[3]:>23.0f} {ratios[0]:>12} {ratios[1]:>18}")
        previous = costs


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", type=Path)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--growth", default="10000,100000", help="corpus sizes in documents; empty to skip")
    parser.add_argument("--growth-workers", type=int, help="run the growth sizes on N workers (default: one process)")
    parser.add_argument("--partition-size", type=int, default=200)
    parser.add_argument("--skip-one-process", action="store_true", help="leave out the one-process throughput run")
    parser.add_argument("--postgres", nargs="?", const="throwaway", metavar="URL",
                        help="run on PostgreSQL: a server database to create run databases from (alone: a throwaway cluster)")
    parser.add_argument("--work-dir", type=Path, help="folder for the corpus and SQLite files (default: a temporary one)")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args(argv)
    seeds = read_seed(options.seed)
    worker_counts = [int(n) for n in options.workers.split(",") if n]
    sizes = [int(n) for n in options.growth.split(",") if n]
    with tempfile.TemporaryDirectory(prefix="sitroom-scale-", dir=options.work_dir) as folder:
        folder = Path(folder)
        databases = Databases(folder, options.postgres)
        try:
            runs = []
            if options.documents:
                corpus = write_corpus(seeds, options.documents, folder / "corpus")
                runs = throughput(corpus, databases, worker_counts, options.partition_size, not options.skip_one_process)
            grown = list(growth(seeds, folder, databases, sizes, options.growth_workers, options.partition_size))
        finally:
            databases.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if options.json:
        print(json.dumps({"throughput": [vars(run) | {"rate": run.rate} for run in runs],
                          "growth": [vars(run) for run in grown], "peak_rss_mb": peak_mb}, indent=2))  # fmt: skip
        return 0
    backend = "PostgreSQL" if options.postgres else "SQLite"
    print(f"corpus: {options.documents} documents varied from {len(seeds)} seed reports in {options.seed}; {backend}")
    if runs:
        print_throughput(runs)
    if grown:
        print_growth(grown)
    print(f"peak resident memory of the driver: {peak_mb:.0f} MB (workers are separate processes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
