"""Compose the stages: ingest -> extract -> store, one document at a time, then resolve.

Each document is stored in its own transaction, so a crash or kill mid-run
loses nothing that was committed, and re-running the same inputs resumes:
what is stored already is recognised by content hash and left unchanged.
At the end of a run the new mentions are attached to the stored events
(incremental resolution, one transaction); a killed run's mentions are
attached by the next run or by ``Pipeline.resolve``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from sitroom.config import Settings
from sitroom.errors import SitroomError
from sitroom.evidence import capture
from sitroom.ingest import discover_inputs, read_input
from sitroom.ingest.counting import DocumentTally, estimate_documents
from sitroom.ingest.urls import FetchError, is_url
from sitroom.ingest.records import IngestProblem, IngestRecord
from sitroom.ingest.source_kind import apply_channel_source_kind
from sitroom.models import Document, EventMention, SourceKind
from sitroom.store.batches import BATCH_SIZE as STORE_BATCH
from sitroom.store.records import DocumentToStore

STATUSES = ("stored", "unchanged", "skipped", "failed")


@dataclass(frozen=True, slots=True)
class DocumentDefaults:
    """Values the user gave on the command line for documents read from PATHs."""

    published: dt.date | None = None
    source_kind: SourceKind | None = None
    publisher: str | None = None

    def apply(self, document: Document) -> None:
        """Override the document's metadata with the values the user gave."""
        if self.published is not None:
            document.published = self.published
        if self.source_kind is not None:
            document.source_kind = self.source_kind
        if self.publisher is not None:
            document.publisher = self.publisher


@dataclass(slots=True)
class IngestSummary:
    """What an ingest run did: counts per status and the reason for each problem."""

    run_id: int | None = None
    counts: Counter = field(default_factory=Counter)
    problems: list[IngestProblem] = field(default_factory=list)
    mentions: int = 0
    resolution: object | None = None  # sitroom.store.ResolutionChanges of the run's resolution

    @property
    def failed(self) -> bool:
        return self.counts["failed"] > 0

    def add(self, status: str) -> None:
        self.counts[status] += 1


ProgressCallback = Callable[[str, int, int], None]  # (current source, documents done, documents expected)


def guarded_records(path: Path | str, records: Iterator[IngestRecord | IngestProblem]) -> Iterator[IngestRecord | IngestProblem]:
    """Yield a reader's results; a reader's own bug ends that file with a failed problem, not the batch.

    Readers turn bad content into IngestProblems themselves; this is the net under them, so an
    input nobody foresaw costs the rest of its file (named, with the error) and nothing more.
    """
    try:
        yield from records
    except Exception as error:  # noqa: BLE001 - any reader bug, reported with the file's name
        reason = f"internal error while reading (please report it): {type(error).__name__}: {str(error)[:200]}"
        yield IngestProblem(str(path), "failed", reason)


class Pipeline:
    """The ingest -> extract -> store pipeline, built once from settings."""

    def __init__(self, settings: Settings, extractor=None) -> None:
        self.settings = settings
        self._extractor = extractor

    @classmethod
    def from_config(cls, settings: Settings) -> "Pipeline":
        """Build the pipeline; heavy parts (gazetteer, dictionaries) load on first use."""
        return cls(settings)

    @property
    def extractor(self):
        if self._extractor is None:
            from sitroom.extract.extractor import Extractor

            self._extractor = Extractor.from_config(self.settings)
        return self._extractor

    def warm_up(self) -> None:
        """Build every lazily loaded table now (gazetteer, dictionaries, compiled patterns).

        A long batch can then keep these long-lived objects out of garbage collection with
        gc.freeze(); the CLI does that, library callers decide for themselves.
        """
        warm = Document("warm-up", "Synthetic example. Forces detained two men in Kabul yesterday.", "", "",
                        published=dt.date(2023, 1, 2))
        self.extractor.extract(warm)

    def extract(self, document: Document) -> list[EventMention]:
        """Return the event mentions of one document (a party's own channel counts as its claim)."""
        apply_channel_source_kind(document, self.extractor.actors)
        return self.extractor.extract(document)

    def iter_records(
        self, paths: Iterable[Path], defaults: DocumentDefaults | None = None
    ) -> Iterator[IngestRecord | IngestProblem]:
        """Read every input under ``paths``; problems come out as IngestProblem items."""
        defaults = defaults or DocumentDefaults()
        for item in discover_inputs(list(paths)):
            if isinstance(item, IngestProblem):
                yield item
                continue
            for record in guarded_records(item, read_input(item, self.settings)):
                if isinstance(record, IngestRecord):
                    defaults.apply(record.document)
                yield record

    def ingest(
        self,
        paths: list[Path | str],
        repository,
        *,
        defaults: DocumentDefaults | None = None,
        command_line: list[str] | None = None,
        on_progress: ProgressCallback | None = None,
        fetcher=None,
        command: str = "ingest",
    ) -> IngestSummary:
        """Ingest, extract and store every document under ``paths`` (files, folders, http(s) URLs given
        as strings); every input's raw bytes are preserved as evidence. Never aborts on bad input."""
        urls = [str(path) for path in paths if is_url(path)]
        files: list = list(discover_inputs([Path(path) for path in paths if not is_url(path)])) + urls
        estimates = [estimate_documents(item, self.settings.max_file_bytes) if isinstance(item, Path) else 1
                     for item in files]  # fmt: skip
        tally = DocumentTally(on_progress, sum(estimates))
        summary = IngestSummary()
        self.store_reference(repository)
        summary.run_id = repository.begin_run(command, command_line or [str(p) for p in paths], self.settings.analyst)
        status = "failed"
        try:
            self._ingest_items(files, estimates, repository, summary, defaults or DocumentDefaults(), fetcher, tally)
            tally.finish()
            self.resolve_run(repository, summary)
            status = "completed_with_errors" if summary.failed else "completed"
        finally:
            repository.finish_run(summary.run_id, status, dict(summary.counts))
        return summary

    def store_reference(self, repository) -> None:
        """Fill the store's places and actors tables from the data packs (once; cheap afterwards)."""
        from sitroom.gazetteer.reference import reference_actors, reference_places

        if hasattr(repository, "store_reference"):  # a backend may not keep the copy (yet)
            pack = self.settings.country_pack
            repository.store_reference(reference_places(pack), reference_actors(pack))

    def _ingest_items(self, items: list, estimates: list[int], repository, summary: IngestSummary,
                      defaults: DocumentDefaults, fetcher, tally: DocumentTally) -> None:  # fmt: skip
        """Ingest discovered files, URLs (fetched with ``fetcher`` or one made here) and problems, in order."""
        keeper = capture.keeper_for(self.settings, repository)
        own_fetcher = None
        try:
            for item, estimate in zip(items, estimates):
                tally.open_file(estimate)
                if isinstance(item, IngestProblem):
                    self._record_problem(repository, summary, item)
                    tally.advance(item.source)
                elif isinstance(item, str):
                    fetcher = fetcher or (own_fetcher := _new_fetcher(self.settings))
                    self.ingest_url(item, repository, summary, defaults, keeper, fetcher, tally=tally)
                else:
                    self._ingest_file(item, repository, summary, defaults, keeper, tally=tally)
                tally.close_file()
        finally:
            if own_fetcher is not None:
                own_fetcher.close()

    def _complete_precoded(self, mentions: list[EventMention]) -> list[EventMention]:
        """Add the province code pre-coded rows lack (ACLED gives names only), so resolution compares provinces.

        Resolution compares provinces by ISO code when a mention has one; a row naming
        "Panjshir" without its code would otherwise never meet text mentions coded AF-PAN.
        """
        from sitroom.gazetteer import load_gazetteer

        completed = []
        for mention in mentions:
            if mention.admin1 and not mention.admin1_code:
                provinces = load_gazetteer(self.settings.country_pack).lookup(mention.admin1, level="admin1")
                if len({place.admin1_code for place in provinces}) == 1:
                    mention = dataclasses.replace(mention, admin1_code=provinces[0].admin1_code)
            completed.append(mention)
        return completed

    def resolve(self, repository, *, rebuild: bool = False, why: str | None = None):
        """Attach unplaced mentions to events (or re-cluster everything); return ResolutionChanges."""
        from sitroom.resolve.workflow import resolve_store

        reason = why or ("rebuild" if rebuild else "resolution")
        return resolve_store(repository, who=self.settings.analyst, why=reason, rebuild=rebuild)

    def _resolve_run(self, repository, summary: IngestSummary) -> None:
        """Resolve at the end of a run; a failure is reported as a problem, the stored documents stay."""
        try:
            summary.resolution = self.resolve(repository, why=f"resolution after ingest run {summary.run_id}")
        except SitroomError as error:
            self._record_problem(repository, summary, IngestProblem("resolution", "failed", str(error)))

    def _ingest_file(self, path: Path, repository, summary: IngestSummary, defaults: DocumentDefaults,
                     keeper=None, method: str = "file", tally: DocumentTally | None = None) -> None:  # fmt: skip
        source_id = capture.preserve_input_file(keeper, path, self.settings.max_file_bytes, summary.run_id, method)
        records = guarded_records(path, read_input(path, self.settings))
        self.ingest_records(records, repository, summary, defaults, keeper, source_id, tally)

    def ingest_file(self, path: Path, repository, summary: IngestSummary, defaults: DocumentDefaults,
                    keeper=None, method: str = "file") -> None:  # fmt: skip
        """Preserve and ingest one file into a run the caller began (``sitroom watch`` rounds)."""
        self._ingest_file(path, repository, summary, defaults, keeper, method)

    def record_problem(self, repository, summary: IngestSummary, problem: IngestProblem) -> None:
        """Count a problem in ``summary`` and log it as an item of the caller's run."""
        self._record_problem(repository, summary, problem)

    def resolve_run(self, repository, summary: IngestSummary) -> None:
        """Resolve the run's new mentions; a failure becomes a problem of the run."""
        self._resolve_run(repository, summary)

    def ingest_records(self, records, repository, summary: IngestSummary, defaults: DocumentDefaults,
                       keeper=None, source_id=None, tally: DocumentTally | None = None) -> None:  # fmt: skip
        """Store each record read from one preserved source (``source_id``), linking its documents to it.

        Documents are written ``store_documents``' batch at a time (one transaction per batch); a
        problem is recorded after the documents read before it, so the run's items keep input order.
        """
        if isinstance(source_id, IngestProblem):
            self._record_problem(repository, summary, source_id)
            source_id = None
        link_to = source_id if keeper is not None else None
        pending: list[DocumentToStore] = []
        for record in records:
            if isinstance(record, IngestProblem):
                self._store_pending(pending, repository, summary)
                self._record_problem(repository, summary, record)
            else:
                defaults.apply(record.document)
                item = self._to_store(record, repository, summary, link_to)
                if isinstance(item, IngestProblem):
                    self._store_pending(pending, repository, summary)
                    self._record_problem(repository, summary, item)
                else:
                    pending.append(item)
                if len(pending) >= STORE_BATCH:
                    self._store_pending(pending, repository, summary)
            if tally is not None:
                tally.advance(record.source)
        self._store_pending(pending, repository, summary)

    def _to_store(self, record: IngestRecord, repository, summary: IngestSummary,
                  link_to: int | None) -> DocumentToStore | IngestProblem:  # fmt: skip
        """Return a record ready to store (its mentions extracted), or the problem extracting them met."""
        if self.is_stored(record, repository):
            return DocumentToStore(record.document, [], record.source, link_to, unchanged=True)
        try:
            return DocumentToStore(record.document, self.mentions_for(record), record.source, link_to)
        except SitroomError as error:
            return IngestProblem(record.source, "failed", str(error))
        except Exception as error:  # one document's bug must not abort the batch; keep its name
            reason = f"internal error while processing {record.document.doc_id}: {type(error).__name__}: {error}"
            return IngestProblem(record.source, "failed", reason)

    def _store_pending(self, pending: list[DocumentToStore], repository, summary: IngestSummary) -> None:
        """Store the pending documents (batched, each failure alone) and count what happened to each."""
        if not pending:
            return
        for outcome in repository.store_documents(pending, summary.run_id, self.settings.analyst):
            if outcome.status == "failed":
                self._record_problem(repository, summary, IngestProblem(outcome.source, "failed", outcome.reason or ""))
            else:
                summary.add(outcome.status)
                summary.mentions += outcome.mentions
        pending.clear()

    def ingest_url(self, url: str, repository, summary: IngestSummary, defaults: DocumentDefaults, keeper, fetcher,
                   *, expect_feed: bool = False, method: str = "http", result=None,
                   tally: DocumentTally | None = None) -> None:  # fmt: skip
        """Fetch ``url`` (unless ``result`` holds its response), preserve it with its WARC record, ingest it."""
        from sitroom.ingest.web import read_response

        try:
            result = result or fetcher.fetch(url)
        except FetchError as error:
            self._record_problem(repository, summary, IngestProblem(url, "failed", error.problem))
            if tally is not None:
                tally.advance(url)
            return
        source_id = capture.preserve_download(keeper, result, method, summary.run_id)
        records = guarded_records(url, read_response(result, self.settings, expect_feed=expect_feed))
        self.ingest_records(records, repository, summary, defaults, keeper, source_id, tally)

    def mentions_for(self, record: IngestRecord) -> list[EventMention]:
        """Return a record's mentions: pre-coded rows (ACLED, UCDP) keep their analysts' coding."""
        return self._complete_precoded(record.precoded) if record.precoded else self.extract(record.document)

    def is_stored(self, record: IngestRecord, repository) -> bool:
        """Return True if this very document (same id and content hash) is stored already."""
        document = record.document
        return repository.find_document_by_hash(document.raw_sha256, document.text_sha256) == document.doc_id

    def store_record(
        self, record: IngestRecord, mentions: list[EventMention] | None, repository, summary: IngestSummary
    ) -> None:
        """Store one record with its mentions (extracted now when ``mentions`` is None) and count it."""
        document = record.document
        if self.is_stored(record, repository):
            summary.add("unchanged")
            repository.record_item(summary.run_id, record.source, "unchanged", None, document.doc_id)
            return
        try:
            mentions = self.mentions_for(record) if mentions is None else mentions
            outcome = repository.store_document(document, mentions, summary.run_id, self.settings.analyst)
        except SitroomError as error:
            self._record_problem(repository, summary, IngestProblem(record.source, "failed", str(error)))
            return
        except Exception as error:  # one document's bug must not abort the batch; keep its name
            reason = f"internal error while processing {document.doc_id}: {type(error).__name__}: {error}"
            self._record_problem(repository, summary, IngestProblem(record.source, "failed", reason))
            return
        summary.add(outcome)
        if outcome == "stored":
            summary.mentions += len(mentions)
        repository.record_item(summary.run_id, record.source, outcome, None, document.doc_id)

    @staticmethod
    def _record_problem(repository, summary: IngestSummary, problem: IngestProblem) -> None:
        summary.add(problem.status)
        summary.problems.append(problem)
        source = f"{problem.source}:{problem.line}" if problem.line else problem.source
        repository.record_item(summary.run_id, source, problem.status, problem.reason, None)


def _new_fetcher(settings: Settings):
    from sitroom.ingest.fetch import Fetcher

    return Fetcher(settings)
