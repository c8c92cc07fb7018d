"""Plain views of preserved evidence for the CLI and the API: sources of a document, custody chains."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sitroom.store.evidence_records import CustodyEntry, PreservedSource


def source_view(preserved: PreservedSource, custody: list[CustodyEntry], blob_root: Path | None) -> dict[str, Any]:
    """Return one preserved source as a JSON-ready dict (with its blob path when the folder is known)."""
    acquisition = preserved.acquisition
    view: dict[str, Any] = {
        "source_id": preserved.source_id, "source": acquisition.source, "sha256": acquisition.sha256,
        "size": acquisition.size, "media_type": acquisition.media_type, "method": acquisition.method,
        "retrieved_at": acquisition.retrieved_at.isoformat(), "tool": acquisition.tool,
        "operator": acquisition.operator, "final_url": acquisition.final_url,
        "http_status": acquisition.http_status, "redirects": acquisition.redirects,
        "warc_sha256": acquisition.warc_sha256,
        "file_modified": acquisition.file_modified.isoformat() if acquisition.file_modified else None,
        "custody": [{"at": entry.at.isoformat(), "action": entry.action, "who": entry.who, "detail": entry.detail}
                    for entry in custody],
    }  # fmt: skip
    if blob_root is not None:
        from sitroom.evidence.blobs import BlobStore

        view["path"] = str(BlobStore(blob_root).path_for(acquisition.sha256))
    return view


def document_evidence(repository, doc_id: str, blob_root: Path | None) -> dict[str, Any]:
    """Return a document's preserved sources, newest first, each with its chain of custody."""
    repository.get_document(doc_id)  # NotFoundError naming the id when there is none
    sources = [source_view(p, repository.custody_entries(p.source_id), blob_root)
               for p in repository.evidence_sources(doc_id)]  # fmt: skip
    return {"doc_id": doc_id, "sources": sources}
