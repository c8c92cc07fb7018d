"""Plain-text and Markdown files: one document per file."""

from __future__ import annotations

from typing import Iterator

from sitroom.ingest.decoding import SourceFile
from sitroom.ingest.provenance import build_document
from sitroom.ingest.records import IngestProblem, IngestRecord
from sitroom.models import SourceKind


def first_line_title(text: str, *, markdown: bool = False) -> str | None:
    """Return the first non-empty line, without Markdown heading marks if ``markdown``."""
    for line in text.splitlines():
        title = line.strip()
        if markdown:
            title = title.lstrip("#").strip()
        if title:
            return title
    return None


def read_text(
    source: SourceFile, *, default_source_kind: SourceKind | None = None, markdown: bool = False
) -> Iterator[IngestRecord | IngestProblem]:
    """Yield one record for a .txt or .md file; the title is its first non-empty line."""
    decoded = source.decoded()
    document = build_document(
        text=decoded.text,
        raw=source.data,
        source_path=source.name,
        ingest_format="md" if markdown else "txt",
        retrieved_at=source.retrieved_at,
        source_kind=default_source_kind or SourceKind.NEWS,
        metadata=source.base_metadata(),
        title=first_line_title(decoded.text, markdown=markdown),
    )
    yield IngestRecord(document, [], source.name)
