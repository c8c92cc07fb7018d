"""Preserve what sitroom reads: raw bytes into the blob store, the acquisition into the custody log."""

from __future__ import annotations

import datetime as dt
import functools
import mimetypes
from importlib import metadata
from pathlib import Path

from sitroom.evidence.blobs import BlobStore
from sitroom.store.evidence_records import Acquisition

_LIBRARIES = ("httpx", "pypdf", "python-docx", "trafilatura", "feedparser", "warcio")


@functools.lru_cache(maxsize=1)
def tool_version() -> str:
    """Return sitroom's version and the versions of the libraries that read sources."""
    from sitroom import __version__

    parts = [f"sitroom {__version__}"]
    for name in _LIBRARIES:
        try:
            parts.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return "; ".join(parts)


class EvidenceKeeper:
    """Keeps sources for one repository: ``preserve_*`` returns the preserved source's id."""

    def __init__(self, root: Path, repository, operator: str) -> None:
        self.blobs = BlobStore(root)
        self.repository = repository
        self.operator = operator

    @classmethod
    def for_settings(cls, settings, repository) -> "EvidenceKeeper | None":
        """Return the keeper of ``settings``' evidence folder, or None when there is none (in-memory db)."""
        root = settings.evidence_path()
        return cls(root, repository, settings.analyst) if root is not None else None

    def preserve_bytes(self, acquisition: Acquisition, data: bytes, run_id: int | None = None) -> int:
        """Keep ``data`` and record ``acquisition`` (its sha256 and size are set here); return the id."""
        acquisition.sha256 = self.blobs.put(data)
        acquisition.size = len(data)
        source_id, _new = self.repository.record_acquisition(acquisition, run_id)
        return source_id

    def preserve_file(self, path: Path, data: bytes, method: str = "file", run_id: int | None = None) -> int:
        """Keep a file's bytes as read now; its mtime is recorded but is not the retrieval time."""
        resolved = Path(path).resolve()
        try:
            modified = dt.datetime.fromtimestamp(resolved.stat().st_mtime, tz=dt.timezone.utc)
        except OSError:
            modified = None
        acquisition = Acquisition(
            source=str(resolved), sha256="", size=0, method=method, retrieved_at=dt.datetime.now(dt.timezone.utc),
            tool=tool_version(), operator=self.operator, media_type=mimetypes.guess_type(resolved.name)[0],
            file_modified=modified,
        )  # fmt: skip
        return self.preserve_bytes(acquisition, data, run_id)

    def keep_warc(self, warc: bytes) -> str:
        """Keep a WARC file's bytes; return their SHA-256."""
        return self.blobs.put(warc)

    def link(self, doc_id: str, source_id: int) -> None:
        """Record that ``doc_id`` was read from the preserved source."""
        self.repository.link_evidence(doc_id, source_id)
