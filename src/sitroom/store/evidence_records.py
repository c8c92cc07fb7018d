"""Typed records of preserved evidence: acquisitions, preserved sources, custody entries, watch state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

CUSTODY_ACTIONS = ("acquired", "reacquired", "verified", "verify-failed")


@dataclass(slots=True)
class Acquisition:
    """How one source's bytes were acquired: what the chain of custody starts from.

    ``retrieved_at`` is when sitroom read the bytes (UTC), never a file's mtime; ``tool``
    names sitroom's version and the libraries that read the source; ``operator`` the analyst.
    """

    source: str  # absolute path or URL as requested
    sha256: str
    size: int
    method: str  # "file", "http", "watch-file", "watch-http"
    retrieved_at: dt.datetime
    tool: str
    operator: str
    media_type: str | None = None
    final_url: str | None = None
    http_status: int | None = None
    redirects: list[list[Any]] = field(default_factory=list)  # [status, location] per hop
    response_headers: dict[str, str] = field(default_factory=dict)
    warc_sha256: str | None = None
    file_modified: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class PreservedSource:
    """A preserved source as stored: its id and the acquisition that first brought it in."""

    source_id: int
    acquisition: Acquisition
    run_id: int | None = None


@dataclass(frozen=True, slots=True)
class CustodyEntry:
    """One entry of a source's chain of custody."""

    id: int
    source_id: int
    at: dt.datetime
    action: str
    who: str
    detail: dict[str, Any]


@dataclass(frozen=True, slots=True)
class WatchTarget:
    """What `sitroom watch` remembers of one feed or page between rounds."""

    target: str
    kind: str  # "feed" or "page"
    etag: str | None = None
    last_modified: str | None = None
    content_sha256: str | None = None
    last_checked: str | None = None
    last_status: str | None = None
    last_error: str | None = None


@dataclass(frozen=True, slots=True)
class WatchedFile:
    """A file a watched folder held when it was last read."""

    path: str
    size: int
    mtime_ns: int
    sha256: str
    status: str
