"""Preserved evidence: a document's preserved copies with their chain of custody, and the copies themselves.

Copies are sent as downloads (``application/octet-stream``, ``Content-Disposition: attachment``)
under the API's ``default-src 'none'`` policy, so a preserved page's scripts never run here.
A copy whose bytes no longer match their SHA-256 is not served (409): run ``sitroom verify``.
"""

from __future__ import annotations

import hashlib
import mimetypes
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException
from fastapi import Path as FastApiPath
from fastapi.responses import Response

from sitroom.api import schemas
from sitroom.api.deps import RepositoryDep, SettingsDep
from sitroom.errors import StoreError

router = APIRouter(prefix="/evidence", tags=["evidence"])
# Preserved sources are numbered from 1; a larger number than a store's integers can hold is a 422, not a 500.
SourceId = Annotated[int, FastApiPath(ge=1, le=2**63 - 1, description="A preserved source's id.")]
COPY_PATH = "/api/v1/evidence/sources/{source_id}/copy"
WARC_PATH = "/api/v1/evidence/sources/{source_id}/warc"


def preserved_copies(repository, doc_id: str) -> list[schemas.PreservedCopy]:
    """Return the preserved copies of one document, newest first ([] for a store that keeps none)."""
    if not hasattr(repository, "evidence_sources"):
        return []
    copies = []
    for preserved in repository.evidence_sources(doc_id):
        acquisition = preserved.acquisition
        copies.append(schemas.PreservedCopy(
            source_id=preserved.source_id, source=acquisition.source, sha256=acquisition.sha256,
            size=acquisition.size, media_type=acquisition.media_type, method=acquisition.method,
            retrieved_at=acquisition.retrieved_at, operator=acquisition.operator, final_url=acquisition.final_url,
            copy_url=COPY_PATH.format(source_id=preserved.source_id),
            warc_url=WARC_PATH.format(source_id=preserved.source_id) if acquisition.warc_sha256 else None,
        ))  # fmt: skip
    return copies


@router.get("/documents/{doc_id:path}", summary="A document's preserved copies and chain of custody")
def document_evidence(doc_id: str, repository: RepositoryDep, settings: SettingsDep) -> dict[str, Any]:
    """Every preserved source the document was read from, newest first, each with its custody log."""
    from sitroom.evidence.views import document_evidence as view

    body = view(repository, doc_id, None)
    for source in body["sources"]:
        source["copy_url"] = COPY_PATH.format(source_id=source["source_id"])
        source["warc_url"] = WARC_PATH.format(source_id=source["source_id"]) if source["warc_sha256"] else None
    return body


@router.get("/sources/{source_id}/copy", summary="Download a preserved copy (raw bytes as acquired)",
            response_class=Response, responses={404: {}, 409: {"description": "the copy changed since acquisition"}})
def preserved_copy(source_id: SourceId, repository: RepositoryDep, settings: SettingsDep) -> Response:
    """The raw bytes exactly as acquired, after checking them against their SHA-256."""
    preserved = repository.evidence_source(source_id)
    extension = mimetypes.guess_extension(preserved.acquisition.media_type or "") or ""
    return _blob_response(settings, preserved.acquisition.sha256, f"{preserved.acquisition.sha256}{extension}")


@router.get("/sources/{source_id}/warc", summary="Download the WARC record of a fetched source",
            response_class=Response, responses={404: {}, 409: {"description": "the record changed since acquisition"}})
def preserved_warc(source_id: SourceId, repository: RepositoryDep, settings: SettingsDep) -> Response:
    """The gzipped WARC file of the HTTP exchange (every redirect hop), as written at fetch time."""
    warc = repository.evidence_source(source_id).acquisition.warc_sha256
    if not warc:
        raise HTTPException(404, detail=f"preserved source {source_id} was not fetched over HTTP: it has no WARC record")
    return _blob_response(settings, warc, f"{warc}.warc.gz", "application/warc")


def _blob_response(settings, sha256: str, filename: str, media_type: str = "application/octet-stream") -> Response:
    from sitroom.evidence.blobs import BlobStore

    root = settings.evidence_path()
    if root is None:
        raise HTTPException(404, detail="this store keeps no evidence folder")
    try:
        data = BlobStore(root).read(sha256)
    except StoreError as error:
        raise HTTPException(404, detail=str(error)) from None
    if hashlib.sha256(data).hexdigest() != sha256:
        raise HTTPException(409, detail=f"preserved copy {sha256} no longer matches its hash; run `sitroom verify`")
    headers = {"Content-Disposition": f'attachment; filename="{filename}"', "X-Content-SHA256": sha256}
    return Response(content=data, media_type=media_type, headers=headers)
