"""Group ingest records into numbered partitions, the unit of work sent to a worker."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sitroom.ingest.records import IngestRecord
from sitroom.models import EventMention


@dataclass(frozen=True, slots=True)
class Partition:
    """Consecutive records of one run; ``index`` gives the order they are written in."""

    index: int
    records: tuple[IngestRecord, ...]
    piece: int | None = None  # set on the one-record pieces a lost partition is split into
    pieces: int = 1

    def split(self) -> list["Partition"]:
        """Return one partition per record, so a document that kills its worker is found alone."""
        count = len(self.records)
        return [Partition(self.index, (record,), piece, count) for piece, record in enumerate(self.records)]


@dataclass(slots=True)
class ExtractedRecord:
    """A record with the mentions a worker found in it, or the error that stopped it."""

    record: IngestRecord
    mentions: list[EventMention] = field(default_factory=list)
    error: str | None = None


@dataclass(slots=True)
class PartitionResult:
    """What a worker sends back for one partition, in the partition's record order."""

    index: int
    extracted: list[ExtractedRecord]
    worker: str = ""


def partitions(records: Iterable[IngestRecord], size: int) -> Iterator[Partition]:
    """Yield records in partitions of ``size`` (the last may be shorter), numbered from 0."""
    if size < 1:
        raise ValueError(f"partition size must be at least 1, got {size}")
    batch: list[IngestRecord] = []
    index = 0
    for record in records:
        batch.append(record)
        if len(batch) == size:
            yield Partition(index, tuple(batch))
            index += 1
            batch = []
    if batch:
        yield Partition(index, tuple(batch))


@dataclass(slots=True)
class StoredPartition:
    """What a worker that wrote its partition itself reports: counts, problems, mentions stored."""

    index: int
    counts: dict[str, int]
    problems: list
    mentions: int
    documents: int
    last_source: str = ""
    stored_doc_ids: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)  # every document of the partition, stored or not
