"""What the pipeline calls to preserve its inputs: files as read, downloads with their WARC record."""

from __future__ import annotations

from pathlib import Path

from sitroom.errors import StoreError
from sitroom.evidence.keeper import EvidenceKeeper, tool_version
from sitroom.ingest.records import FAILED, IngestProblem
from sitroom.store.evidence_records import Acquisition


def keeper_for(settings, repository) -> EvidenceKeeper | None:
    """Return the evidence keeper for a run, or None when the store keeps no evidence (in-memory, other backend)."""
    if not hasattr(repository, "record_acquisition"):
        return None
    return EvidenceKeeper.for_settings(settings, repository)


def preserve_input_file(
    keeper: EvidenceKeeper | None, path: Path, max_bytes: int, run_id: int | None, method: str = "file"
) -> int | IngestProblem | None:
    """Keep the bytes of an input file; return the preserved source id, None when not kept, or a problem.

    Files the readers will refuse for their size or extension are not kept (the reader reports them).
    """
    from sitroom.ingest.dispatch import SUPPORTED_EXTENSIONS

    if keeper is None or path.suffix.lower() not in SUPPORTED_EXTENSIONS:
        return None  # only sources sitroom reads are kept (not the photos of a Telegram export)
    try:
        if path.stat().st_size > max_bytes:
            return None
        data = path.read_bytes()
    except OSError:
        return None  # the reader reports the unreadable file with its reason
    try:
        return keeper.preserve_file(path, data, method, run_id)
    except StoreError as error:
        return IngestProblem(str(path), FAILED, f"raw bytes not preserved: {error}")


def preserve_download(keeper: EvidenceKeeper | None, result, method: str, run_id: int | None) -> int | IngestProblem | None:
    """Keep a fetched body and a WARC record of the whole exchange; return the preserved source id."""
    if keeper is None:
        return None
    from sitroom.ingest.warc import warc_bytes

    try:
        warc_sha256 = keeper.keep_warc(warc_bytes(result, software=tool_version(), operator=keeper.operator))
        acquisition = Acquisition(
            source=result.url, sha256="", size=0, method=method, retrieved_at=result.retrieved_at,
            tool=tool_version(), operator=keeper.operator, media_type=result.media_type,
            final_url=result.final_url, http_status=result.status, redirects=result.redirects,
            response_headers=dict(result.headers), warc_sha256=warc_sha256,
        )  # fmt: skip
        return keeper.preserve_bytes(acquisition, result.body, run_id)
    except StoreError as error:
        return IngestProblem(result.url, FAILED, f"download not preserved: {error}")


def link_document(keeper: EvidenceKeeper | None, repository, doc_id: str, source_id: int | None) -> None:
    """Link a document to its preserved source when both exist."""
    if keeper is not None and source_id is not None and repository.has_document(doc_id):
        keeper.link(doc_id, source_id)
