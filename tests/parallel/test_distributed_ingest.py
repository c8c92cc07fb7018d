"""Distributed ingest: same store as one process, idempotent, lost partitions reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


from sitroom.config import Settings
from sitroom.ingest.demo import demo_corpus_files
from sitroom.parallel import DistributedIngest, ParallelOptions
from sitroom.pipeline import Pipeline
from sitroom.store import open_repository
from sitroom.store.filters import EventFilter
from tests.parallel.faulty import CUT_MARKER, DIE_MARKER, CutOnce, DieAlways, DieOnce

pytestmark = pytest.mark.slow


def _store_contents(db_path: Path) -> dict:
    """Everything a run leaves that must not depend on how it was run."""
    with open_repository(db_path) as repository:
        documents = sorted((d.doc_id, d.text_sha256) for d in repository.list_documents(limit=10_000))
        mentions = sorted(json.dumps(m.to_contract(), sort_keys=True, default=str) for m in repository.list_mentions())
        events = sorted(
            (event.event_id, tuple(sorted(source.mention_id for source in event.sources)))
            for event in repository.list_events(EventFilter(limit=10_000))
        )
        evidence = sorted(
            (doc_id, tuple(sorted(Path(s.acquisition.source).name for s in repository.evidence_sources(doc_id))))
            for doc_id, _ in documents
        )
    return {"documents": documents, "mentions": mentions, "events": events, "evidence": evidence}


def _ingest(db_path: Path, paths: list[Path], options: ParallelOptions | None, factory=None):
    settings = Settings(db_path=db_path, analyst="tester")
    pipeline = Pipeline.from_config(settings)
    runner = DistributedIngest(pipeline, options, extractor_factory=factory) if options else pipeline
    seen: list[int] = []
    with open_repository(db_path) as repository:
        summary = runner.ingest(paths, repository, on_progress=lambda source, done, total: seen.append(done))
    return summary, seen


def _jsonl(path: Path, texts: list[str]) -> Path:
    lines = [
        json.dumps({"id": f"doc-{i}", "text": text, "published": "2023-06-20", "publisher": "Test Wire"})
        for i, text in enumerate(texts)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_two_workers_store_what_one_process_stores(tmp_path):
    paths = demo_corpus_files()
    one, _ = _ingest(tmp_path / "one.db", paths, None)
    two, progress = _ingest(tmp_path / "two.db", paths, ParallelOptions(workers=2, partition_size=4))
    assert two.counts == one.counts
    assert two.mentions == one.mentions > 50
    assert progress == sorted(progress) and progress[-1] == one.counts["stored"] + one.counts["unchanged"]
    contents = _store_contents(tmp_path / "two.db")
    assert contents == _store_contents(tmp_path / "one.db")
    assert all(sources for _, sources in contents["evidence"])  # every document keeps its preserved file


def test_a_second_distributed_run_changes_nothing(tmp_path):
    paths = demo_corpus_files()
    first, _ = _ingest(tmp_path / "x.db", paths, ParallelOptions(workers=2, partition_size=8))
    before = _store_contents(tmp_path / "x.db")
    again, _ = _ingest(tmp_path / "x.db", paths, ParallelOptions(workers=2, partition_size=8))
    assert again.counts["stored"] == 0
    assert again.counts["unchanged"] == first.counts["stored"]
    assert _store_contents(tmp_path / "x.db") == before


def test_a_worker_that_dies_once_is_retried_and_nothing_is_lost(tmp_path):
    texts = [f"Taliban forces detained {n} men in Andarab district of Baghlan on Monday." for n in range(2, 14)]
    texts[5] = f"{DIE_MARKER}. " + texts[5]
    source = _jsonl(tmp_path / "docs.jsonl", texts)
    summary, _ = _ingest(
        tmp_path / "x.db", [source], ParallelOptions(workers=2, partition_size=3, retries=2),
        factory=DieOnce(tmp_path / "died.flag"),
    )
    assert (tmp_path / "died.flag").exists()  # the worker really died once
    assert summary.counts["stored"] == len(texts) and not summary.failed


def test_a_document_that_always_kills_its_worker_is_found_and_reported_alone(tmp_path):
    texts = [f"Taliban forces detained {n} men in Andarab district of Baghlan on Monday." for n in range(2, 14)]
    texts[7] = f"{DIE_MARKER}. " + texts[7]
    source = _jsonl(tmp_path / "docs.jsonl", texts)
    summary, _ = _ingest(
        tmp_path / "x.db", [source], ParallelOptions(workers=2, partition_size=3, retries=1), factory=DieAlways()
    )
    lost = [problem for problem in summary.problems if "this document was lost after 2 tries" in problem.reason]
    assert [problem.source for problem in lost] == [f"{source}:8"]  # only the document that kills, found alone
    assert "KilledWorker" in lost[0].reason
    assert summary.counts["stored"] == len(texts) - 1 and summary.counts["failed"] == 1
    with open_repository(tmp_path / "x.db") as repository:
        run = repository.get_run(summary.run_id)
    assert run.status == "completed_with_errors"


def test_workers_that_write_themselves_store_what_one_process_stores(tmp_path):
    paths = demo_corpus_files()
    one, _ = _ingest(tmp_path / "one.db", paths, None)
    options = ParallelOptions(workers=2, partition_size=4, writers="workers")
    two, progress = _ingest(tmp_path / "two.db", paths, options)
    assert two.counts == one.counts and two.mentions == one.mentions
    assert progress[-1] == one.counts["stored"] + one.counts["unchanged"]
    assert _store_contents(tmp_path / "two.db") == _store_contents(tmp_path / "one.db")


def test_options_pick_the_writer_by_database():
    assert ParallelOptions().writers_for("x.db") == "driver"
    assert ParallelOptions().writers_for("postgresql://u@127.0.0.1:5432/db") == "workers"
    assert ParallelOptions(writers="driver").writers_for("postgresql://h/db") == "driver"
    with pytest.raises(Exception, match="writers must be"):
        ParallelOptions(writers="everyone")
    with pytest.raises(Exception, match="--workers must be at least 1"):
        ParallelOptions(workers=0)


def test_resolving_batch_by_batch_ends_with_the_events_of_one_resolution(tmp_path):
    paths = demo_corpus_files()
    _ingest(tmp_path / "one.db", paths, None)
    batched, _ = _ingest(tmp_path / "two.db", paths, ParallelOptions(workers=2, partition_size=5, resolve_every=10))
    assert not batched.failed
    assert _store_contents(tmp_path / "two.db") == _store_contents(tmp_path / "one.db")


def test_resolving_batch_by_batch_counts_the_run_s_mentions_as_placed_once(tmp_path):
    """The last resolution reports what one resolution would: every mention of the run placed, none moved."""
    paths = demo_corpus_files()
    one, _ = _ingest(tmp_path / "one.db", paths, None)
    batched, _ = _ingest(tmp_path / "two.db", paths, ParallelOptions(workers=1, partition_size=5, resolve_every=10))
    assert one.resolution.new_mentions == _placeable_mentions(tmp_path / "one.db") > 0
    assert batched.resolution.new_mentions == one.resolution.new_mentions
    assert batched.resolution.mentions_moved == one.resolution.mentions_moved == 0
    assert batched.resolution.events == one.resolution.events


def _placeable_mentions(db_path: Path) -> int:
    """The mentions resolution places (aggregates, such as a roundup's totals, get no event)."""
    with open_repository(db_path) as repository:
        return sum(1 for mention in repository.list_mentions() if not mention.is_aggregate)


def test_a_running_scheduler_is_used_when_given(tmp_path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        options = ParallelOptions(scheduler=cluster.scheduler_address, partition_size=10)
        summary, _ = _ingest(tmp_path / "x.db", demo_corpus_files(), options)
        workers_used = len(cluster.scheduler.workers)
    one, _ = _ingest(tmp_path / "one.db", demo_corpus_files(), None)
    assert workers_used == 1 and summary.counts == one.counts
    assert _store_contents(tmp_path / "x.db") == _store_contents(tmp_path / "one.db")


def test_batch_resolution_on_top_of_earlier_events_ends_as_one_resolution(tmp_path):
    paths = demo_corpus_files()
    for name, options in (("one.db", None), ("two.db", ParallelOptions(workers=2, partition_size=3, resolve_every=7))):
        _ingest(tmp_path / name, paths[: len(paths) // 2], None)  # events from an earlier run
        _ingest(tmp_path / name, paths[len(paths) // 2:], options)
    assert _store_contents(tmp_path / "two.db") == _store_contents(tmp_path / "one.db")


def test_on_each_backend_workers_that_write_store_what_one_sqlite_process_stores(tmp_path, db_url):
    """PostgreSQL takes concurrent writers: there each worker stores its own partitions (the default)."""
    paths = demo_corpus_files()
    one, _ = _ingest(tmp_path / "one.db", paths, None)
    options = ParallelOptions(workers=2, partition_size=4)
    expected_writers = "workers" if db_url.startswith("postgresql") else "driver"
    assert options.writers_for(db_url) == expected_writers
    two, _ = _ingest(db_url, paths, options)
    assert two.counts == one.counts and two.mentions == one.mentions
    assert _store_contents(db_url) == _store_contents(tmp_path / "one.db")  # evidence links included


def test_a_worker_whose_postgresql_connection_is_terminated_reconnects_and_stores_the_rest(tmp_path, request):
    """pg_terminate_backend ends the worker's connections mid-partition; that document and the later ones store."""
    from tests.conftest import new_database

    url = new_database(request, "postgres", tmp_path)
    texts = [f"Two Taliban fighters were killed in a clash with the NRF in Dara district, Panjshir, on June {day}."
             for day in range(10, 16)]  # fmt: skip
    texts[2] += f" [{CUT_MARKER}]"
    extra = _jsonl(tmp_path / "cut.jsonl", texts)
    paths = demo_corpus_files()
    paths = [*paths[:3], extra, *paths[3:]]
    one, _ = _ingest(tmp_path / "one.db", paths, None)
    flag = tmp_path / "cut-once"
    cut, _ = _ingest(url, paths, ParallelOptions(workers=1, partition_size=4), factory=CutOnce(flag))
    assert flag.exists() and flag.read_text()  # the worker's backends were terminated
    assert not cut.failed and cut.counts == one.counts and cut.mentions == one.mentions
    assert _store_contents(url) == _store_contents(tmp_path / "one.db")
