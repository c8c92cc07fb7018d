"""What runs on a Dask worker: one pipeline per worker process, and the partition task."""

from __future__ import annotations

from collections.abc import Callable

from distributed import WorkerPlugin, get_worker

from sitroom.config import Settings
from sitroom.errors import SitroomError
from sitroom.parallel.partitions import ExtractedRecord, Partition, PartitionResult, StoredPartition

PLUGIN_NAME = "sitroom-pipeline"

ExtractorFactory = Callable[[Settings], object]


class PipelinePlugin(WorkerPlugin):
    """Builds the pipeline (gazetteer, dictionaries, patterns) once when a worker starts.

    ``extractor_factory`` (a picklable function of the settings) replaces the default
    extractor; tests use it to make a worker fail on purpose.
    """

    name = PLUGIN_NAME

    def __init__(self, settings: Settings, extractor_factory: ExtractorFactory | None = None) -> None:
        self.settings = settings
        self.extractor_factory = extractor_factory
        self.pipeline = None

    def setup(self, worker) -> None:
        from sitroom.pipeline import Pipeline

        extractor = self.extractor_factory(self.settings) if self.extractor_factory else None
        self.pipeline = Pipeline(self.settings, extractor=extractor)
        self.repository = None
        if extractor is None:
            self.pipeline.warm_up()

    def store(self):
        """Return this worker's own connection to the store, opened on first use."""
        if self.repository is None:
            from sitroom.store import open_repository

            self.repository = open_repository(self.settings.db_path)
        return self.repository

    def drop_store(self) -> None:
        """Forget this worker's connection (it was lost); the next ``store()`` opens a new one."""
        repository, self.repository = self.repository, None
        if repository is not None:
            repository.close()

    def teardown(self, worker) -> None:
        self.drop_store()


def extract_partition(partition: Partition) -> PartitionResult:
    """Extract every record of ``partition`` on this worker; one record's error never stops the rest."""
    worker = get_worker()
    pipeline = worker.plugins[PLUGIN_NAME].pipeline
    extracted = [_extract_one(pipeline, record) for record in partition.records]
    return PartitionResult(partition.index, extracted, worker=str(worker.address))


def store_partition(partition: Partition, run_id: int) -> StoredPartition:
    """Extract and store every record of ``partition`` on this worker (a store with concurrent writers)."""
    from sitroom.pipeline import IngestSummary

    plugin = get_worker().plugins[PLUGIN_NAME]
    summary = IngestSummary(run_id=run_id)
    stored: list[str] = []
    for record in partition.records:
        outcome = _store_one(plugin, record, run_id)
        summary.counts.update(outcome.counts)
        summary.problems.extend(outcome.problems)
        summary.mentions += outcome.mentions
        if outcome.counts["stored"]:
            stored.append(record.document.doc_id)
    last = partition.records[-1].source if partition.records else ""
    return StoredPartition(partition.index, dict(summary.counts), summary.problems, summary.mentions,
                           len(partition.records), last, stored, [r.document.doc_id for r in partition.records])


def _store_one(plugin: PipelinePlugin, record, run_id: int):
    """Store one record; if the worker's connection was lost, reconnect and store it again, once.

    A PostgreSQL server restarted, or a backend terminated by an administrator, leaves the
    cached repository with a dead connection: every later document (and every retry of the
    partition on this worker) would fail. The lost transaction was rolled back by the server,
    so storing the record again on a new connection stores it once.
    """
    from sitroom.pipeline import IngestSummary

    for attempt in (1, 2):
        outcome = IngestSummary(run_id=run_id)
        repository = plugin.store()
        try:
            plugin.pipeline.store_record(record, None, repository, outcome)
        except Exception:
            if attempt == 2 or not repository.connection_lost():
                raise  # the task fails and the scheduler retries the partition
            plugin.drop_store()
            continue
        if attempt == 1 and repository.connection_lost():
            plugin.drop_store()  # the record's failure was the lost connection's, not its own
            continue
        return outcome
    return outcome


def _extract_one(pipeline, record) -> ExtractedRecord:
    try:
        return ExtractedRecord(record, pipeline.mentions_for(record))
    except SitroomError as error:
        return ExtractedRecord(record, error=str(error))
    except Exception as error:  # the same rule as a one-process run: name the document, keep going
        reason = f"internal error while processing {record.document.doc_id}: {type(error).__name__}: {error}"
        return ExtractedRecord(record, error=reason)
