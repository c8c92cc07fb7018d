"""Fetched responses -> records: the format from Content-Type (else the URL's extension), the URL kept.

A response is read by the same readers as a file; its documents carry the URL as
``source_path``, the final URL (after redirects) as ``url`` when the page names none,
and what the fetch did in ``metadata["fetch"]``.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Iterator
from urllib.parse import urlsplit

from sitroom.config import Settings
from sitroom.ingest import binary, feeds
from sitroom.ingest.decoding import SourceFile, check_bytes
from sitroom.ingest.fetch import FetchResult
from sitroom.ingest.records import FAILED, IngestProblem, IngestRecord
from sitroom.models import SourceKind

MEDIA_EXTENSIONS = {
    "text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt", "text/markdown": ".md",
    "application/rss+xml": ".rss", "application/atom+xml": ".atom", "application/rdf+xml": ".rss",
    "application/xml": ".xml", "text/xml": ".xml", "application/json": ".json", "application/x-ndjson": ".jsonl",
    "application/pdf": ".pdf", "text/csv": ".csv",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}  # fmt: skip
_GENERIC_TYPES = {None, "application/octet-stream", "binary/octet-stream"}


def response_extension(result: FetchResult) -> str | None:
    """Return the reader extension for a response: by Content-Type, else by the URL path's extension."""
    media_type = result.media_type
    if media_type not in _GENERIC_TYPES:
        return MEDIA_EXTENSIONS.get(media_type)
    suffix = PurePosixPath(urlsplit(result.final_url).path).suffix.lower()
    from sitroom.ingest.dispatch import SUPPORTED_EXTENSIONS

    return suffix if suffix in SUPPORTED_EXTENSIONS else None


def read_response(
    result: FetchResult, settings: Settings, *, expect_feed: bool = False,
    default_source_kind: SourceKind | None = None,
) -> Iterator[IngestRecord | IngestProblem]:
    """Yield the records of one fetched response; problems name the URL."""
    from sitroom.ingest.dispatch import read_source

    extension = response_extension(result)
    if expect_feed and not feeds.looks_like_feed(result.body):
        shown = result.media_type or "no Content-Type"
        yield IngestProblem(result.url, FAILED, f"not an RSS or Atom feed ({shown}; no <rss>, <feed> or <rdf:RDF> root)")
        return
    if extension is None:
        yield IngestProblem(result.url, FAILED, f"unsupported content type {result.media_type or 'unknown'!r} "
                            f"at {result.final_url}")  # fmt: skip
        return
    if extension == ".xml" and not feeds.looks_like_feed(result.body):
        yield IngestProblem(result.url, FAILED, "XML response is not an RSS or Atom feed")
        return
    if extension in binary.BINARY_EXTENSIONS:
        source = SourceFile(result.url, result.body, result.retrieved_at)
        records = binary.read_binary_source(source, extension, settings, default_source_kind=default_source_kind)
    else:
        source = check_bytes(result.url, result.body, result.retrieved_at)
        if isinstance(source, IngestProblem):
            yield source
            return
        records = read_source(source, extension, default_source_kind=default_source_kind)
    for record in records:
        if isinstance(record, IngestRecord):
            _add_fetch_provenance(record, result)
        yield record


def _add_fetch_provenance(record: IngestRecord, result: FetchResult) -> None:
    document = record.document
    document.url = document.url or result.final_url
    document.metadata["fetch"] = {"url": result.url, "final_url": result.final_url, "status": result.status,
                                  "redirects": result.redirects, "content_type": result.headers.get("content-type")}


def feed_entry_links(feed: bytes) -> list[str]:
    """Return the link of each entry of an RSS/Atom feed, in feed order, without repeats."""
    import feedparser

    links: list[str] = []
    for entry in feedparser.parse(feed).entries:
        link = entry.get("link")
        if link and link not in links:
            links.append(link)
    return links
