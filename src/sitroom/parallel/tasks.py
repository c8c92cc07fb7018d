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

    def teardown(self, worker) -> None:
        if self.repository is not None:
            self.repository.close()


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
    repository = plugin.store()
    stored: list[str] = []
    for record in partition.records:
        before = summary.counts["stored"]
        plugin.pipeline.store_record(record, None, repository, summary)
        if summary.counts["stored"] > before:
            stored.append(record.document.doc_id)
    last = partition.records[-1].source if partition.records else ""
    return StoredPartition(partition.index, dict(summary.counts), summary.problems, summary.mentions,
                           len(partition.records), last, stored, [r.document.doc_id for r in partition.records])


def _extract_one(pipeline, record) -> ExtractedRecord:
    try:
        return ExtractedRecord(record, pipeline.mentions_for(record))
    except SitroomError as error:
        return ExtractedRecord(record, error=str(error))
    except Exception as error:  # the same rule as a one-process run: name the document, keep going
        reason = f"internal error while processing {record.document.doc_id}: {type(error).__name__}: {error}"
        return ExtractedRecord(record, error=reason)
