"""Run an ingest with extraction on Dask workers and one writer into the store."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sitroom.errors import ConfigError
from sitroom.evidence import capture
from sitroom.ingest import discover_inputs, read_input
from sitroom.ingest.urls import is_url
from sitroom.ingest.records import IngestProblem, IngestRecord
from sitroom.parallel.partitions import Partition, PartitionResult, StoredPartition, partitions
from sitroom.parallel.tasks import ExtractorFactory, PipelinePlugin, extract_partition, store_partition
from sitroom.pipeline import DocumentDefaults, IngestSummary, Pipeline, ProgressCallback, guarded_records
from sitroom.store.dialect import is_postgres_url


@dataclass(frozen=True, slots=True)
class ParallelOptions:
    """How to spread a run: a local cluster of ``workers`` processes, or a running scheduler.

    ``partition_size`` documents go to a worker at a time; at most ``in_flight``
    partitions are out at once (default: two per worker), which bounds memory; a
    partition whose worker dies is retried ``retries`` times before it is reported.
    ``writers`` is "driver" (one writer, the process that runs the ingest: right for
    SQLite) or "workers" (each worker stores its own partitions: for PostgreSQL);
    None picks by the database. ``resolve_every`` documents written, the new mentions
    are resolved into events (so a long run shows its events as it goes); the run
    always ends with a resolution.
    """

    workers: int = 2
    scheduler: str | None = None
    partition_size: int = 100
    in_flight: int | None = None
    retries: int = 2
    writers: str | None = None
    resolve_every: int | None = None

    def __post_init__(self) -> None:
        if self.writers not in (None, "driver", "workers"):
            raise ConfigError(f"writers must be 'driver' or 'workers', got {self.writers!r}")
        if self.workers < 1:
            raise ConfigError(f"--workers must be at least 1, got {self.workers}")
        if self.resolve_every is not None and self.resolve_every < 1:
            raise ConfigError(f"resolve every N documents needs N >= 1, got {self.resolve_every}")
        if self.partition_size < 1:
            raise ConfigError(f"partition size must be at least 1, got {self.partition_size}")

    @property
    def window(self) -> int:
        return self.in_flight or 2 * self.workers

    def writers_for(self, db_path) -> str:
        """Return who writes: the given choice, else workers for a server database, else the driver."""
        if self.writers:
            return self.writers
        return "workers" if is_postgres_url(db_path) else "driver"


class DistributedIngest:
    """Ingest on Dask: the driver reads and writes, workers extract.

    Partitions are written in input order whatever order they finish in, and
    each document is committed on its own as in a one-process run, so a killed
    run re-run stores each document once and the store ends the same.
    """

    def __init__(self, pipeline: Pipeline, options: ParallelOptions, extractor_factory: ExtractorFactory | None = None):
        self.pipeline = pipeline
        self.options = options
        self.extractor_factory = extractor_factory

    def ingest(
        self,
        paths: list[Path],
        repository,
        *,
        defaults: DocumentDefaults | None = None,
        command_line: list[str] | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> IngestSummary:
        """Ingest every document under ``paths``; never aborts on bad input or a lost partition."""
        summary = IngestSummary()
        self.pipeline.store_reference(repository)
        command = command_line or [str(path) for path in paths]
        summary.run_id = repository.begin_run("ingest", command, self.pipeline.settings.analyst)
        writer = _OrderedWriter(self.pipeline, repository, summary, on_progress, self.options.resolve_every)
        status = "failed"
        try:
            with self._client() as client:
                client.register_plugin(PipelinePlugin(self.pipeline.settings, self.extractor_factory))
                records = self._new_records(paths, defaults or DocumentDefaults(), writer)
                task = self._task(summary.run_id)
                self._run_partitions(client, task, partitions(records, self.options.partition_size), writer)
            writer.finish()
            status = "completed_with_errors" if summary.failed else "completed"
        finally:
            repository.finish_run(summary.run_id, status, dict(summary.counts))
        return summary

    @contextmanager
    def _client(self) -> Iterator[object]:
        import dask
        from distributed import Client, LocalCluster

        # A worker that dies while extracting a partition (a crash, the OOM killer) costs one
        # try; after ``retries`` more the partition is reported as lost, never dropped.
        # One task at a time on a worker: a worker that dies takes no queued innocent partition with it.
        config = {"distributed.scheduler.allowed-failures": self.options.retries,
                  "distributed.scheduler.worker-saturation": 1.0}
        with dask.config.set(config):
            yield from self._connect(Client, LocalCluster)

    def _connect(self, Client, LocalCluster) -> Iterator[object]:
        if self.options.scheduler:
            with Client(self.options.scheduler) as client:
                yield client
            return
        cluster = LocalCluster(
            n_workers=self.options.workers, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=None, silence_logs=logging.ERROR,
        )
        with cluster, Client(cluster) as client:
            yield client

    def _new_records(self, paths, defaults: DocumentDefaults, writer: "_OrderedWriter") -> Iterator[IngestRecord]:
        """Yield the records still to extract; problems and stored documents are recorded at once.

        Every input file is preserved as evidence before it is read, as in a one-process
        run; URLs are fetched, preserved and ingested by the driver itself (they are few).
        """
        settings = self.pipeline.settings
        writer.keeper = capture.keeper_for(settings, writer.repository)
        urls = [str(path) for path in paths if is_url(path)]
        for item in discover_inputs([Path(path) for path in paths if not is_url(path)]):
            if isinstance(item, IngestProblem):
                writer.problem(item)
                continue
            source = capture.preserve_input_file(writer.keeper, item, settings.max_file_bytes, writer.summary.run_id)
            if isinstance(source, IngestProblem):
                writer.problem(source)
                source = None
            yield from self._file_records(item, source, defaults, writer)
        self._ingest_urls(urls, defaults, writer)

    def _file_records(self, path: Path, source, defaults: DocumentDefaults, writer) -> Iterator[IngestRecord]:
        for record in guarded_records(path, read_input(path, self.pipeline.settings)):
            if isinstance(record, IngestProblem):
                writer.problem(record)
                continue
            defaults.apply(record.document)
            if source is not None:
                writer.sources[record.document.doc_id] = source
            if self.pipeline.is_stored(record, writer.repository):
                writer.write_one(record, [])
            else:
                yield record

    def _ingest_urls(self, urls: list[str], defaults: DocumentDefaults, writer) -> None:
        if not urls:
            return
        from sitroom.ingest.fetch import Fetcher

        fetcher = Fetcher(self.pipeline.settings)
        try:
            for url in urls:
                self.pipeline.ingest_url(url, writer.repository, writer.summary, defaults, writer.keeper, fetcher)
        finally:
            fetcher.close()

    def _task(self, run_id: int):
        """Return the function a worker runs on a partition, and its extra arguments."""
        if self.options.writers_for(self.pipeline.settings.db_path) == "workers":
            return store_partition, (run_id,)
        return extract_partition, ()

    def _run_partitions(self, client, task, work: Iterable[Partition], writer: "_OrderedWriter") -> None:
        """Keep a window of partitions on the workers and write results as their turn comes."""
        from distributed import as_completed

        pending = iter(work)
        futures = as_completed()
        sent: dict[object, Partition] = {}
        for _ in range(self.options.window):
            self._send(client, task, next(pending, None), futures, sent)
        for future in futures:
            partition = sent.pop(future)
            result = self._result_of(future, partition)
            if isinstance(result, _LostPartition) and partition.piece is None and len(partition.records) > 1:
                # Innocent documents share the lost partition: retry them one by one.
                writer.expect_pieces(partition.index, len(partition.records))
                for piece in partition.split():
                    self._send(client, task, piece, futures, sent)
                continue
            writer.add(partition, result)
            self._send(client, task, next(pending, None), futures, sent)

    def _send(self, client, task, partition: Partition | None, futures, sent: dict) -> None:
        if partition is None:
            return
        function, arguments = task
        future = client.submit(function, partition, *arguments, retries=self.options.retries, pure=False)
        sent[future] = partition
        futures.add(future)

    def _result_of(self, future, partition: Partition) -> PartitionResult | _LostPartition:
        try:
            return future.result()
        except Exception as error:  # the worker died or the task failed every retry
            return _LostPartition(partition, f"{type(error).__name__}: {error}", self.options.retries + 1)


@dataclass(slots=True)
class _LostPartition:
    partition: Partition
    reason: str
    tries: int

    @property
    def index(self) -> int:
        return self.partition.index


class _OrderedWriter:
    """Writes partition results in partition order, documents one transaction each."""

    def __init__(self, pipeline: Pipeline, repository, summary: IngestSummary, on_progress: ProgressCallback | None,
                 resolve_every: int | None = None):
        self.pipeline = pipeline
        self.resolve_every = resolve_every
        self.resolved_at = 0
        self.provisional = False
        self.stored_doc_ids: set[str] = set()
        self.keeper = None  # the run's evidence keeper (None when the store keeps no evidence)
        self.sources: dict[str, int] = {}  # doc id -> preserved source it was read from
        self.repository = repository
        self.summary = summary
        self.on_progress = on_progress
        self.next_index = 0
        self.waiting: dict[int, dict[int, object]] = {}  # partition index -> piece -> result
        self._expected: dict[int, int] = {}  # pieces awaited for a partition that was split
        self.done = 0

    def add(self, partition: Partition, result: PartitionResult | StoredPartition | _LostPartition) -> None:
        """Take one partition's (or one piece's) result; write every complete partition whose turn it is."""
        pieces = self.waiting.setdefault(partition.index, {})
        pieces[partition.piece or 0] = result
        while len(self.waiting.get(self.next_index, {})) == self._expected.get(self.next_index, 1):
            for _, done in sorted(self.waiting.pop(self.next_index).items()):
                self._write(done)
            self.next_index += 1
        if self.resolve_every and self.done - self.resolved_at >= self.resolve_every:
            self.pipeline.resolve_run(self.repository, self.summary)
            self.resolved_at, self.provisional = self.done, True

    def finish(self) -> None:
        """Resolve the run: once, or (after batch resolutions) re-attaching all its mentions at once."""
        if not self.provisional:
            self.pipeline.resolve_run(self.repository, self.summary)
            return
        from sitroom.errors import SitroomError
        from sitroom.parallel.consolidate import consolidate_run

        why = f"resolution after ingest run {self.summary.run_id}"
        try:
            self.summary.resolution = consolidate_run(
                self.repository, self.stored_doc_ids, who=self.pipeline.settings.analyst, why=why
            )
        except SitroomError as error:
            self.problem(IngestProblem("resolution", "failed", str(error)))

    def expect_pieces(self, index: int, count: int) -> None:
        self._expected[index] = count

    def problem(self, problem: IngestProblem) -> None:
        self.pipeline.record_problem(self.repository, self.summary, problem)

    def write_one(self, record: IngestRecord, mentions) -> None:
        stored_before = self.summary.counts["stored"]
        self.pipeline.store_record(record, mentions, self.repository, self.summary)
        if self.summary.counts["stored"] > stored_before:
            self.stored_doc_ids.add(record.document.doc_id)
        self._link(record.document.doc_id)
        self.done += 1
        if self.on_progress:
            self.on_progress(record.source, self.done, None)

    def _write(self, result: PartitionResult | StoredPartition | _LostPartition) -> None:
        if isinstance(result, StoredPartition):
            self._count(result)
            return
        if isinstance(result, _LostPartition):
            for record in result.partition.records:
                where = f"partition {result.index}" if result.partition.piece is None else "this document"
                reason = f"{where} was lost after {result.tries} tries ({result.reason})"
                self.problem(IngestProblem(record.source, "failed", reason))
            return
        for item in result.extracted:
            if item.error is not None:
                self.problem(IngestProblem(item.record.source, "failed", item.error))
            else:
                self.write_one(item.record, item.mentions)

    def _link(self, doc_id: str) -> None:
        """Link a written document to the preserved file it was read from."""
        source = self.sources.pop(doc_id, None)
        capture.link_document(self.keeper, self.repository, doc_id, source)

    def _count(self, stored: StoredPartition) -> None:
        """Add what a worker stored itself to the run's summary."""
        self.summary.counts.update(stored.counts)
        self.summary.problems.extend(stored.problems)
        self.summary.mentions += stored.mentions
        self.stored_doc_ids.update(stored.stored_doc_ids)
        for doc_id in stored.doc_ids:
            self._link(doc_id)
        self.done += stored.documents
        if self.on_progress:
            self.on_progress(stored.last_source, self.done, None)
