"""Plain-text and Markdown files: one document per file."""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

from sitroom.ingest.decoding import SourceFile
from sitroom.ingest.provenance import build_document, parse_published
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


# A header block of "Key: value" lines near the top of a file (as in e-mail or front matter).
_HEADER_LINE = re.compile(
    r"^(title|publisher|author|published|date|source-kind|source_kind|language|url|synthetic)\s*:\s*(.+?)\s*$",
    re.IGNORECASE,
)
_HEADER_SCAN_LINES = 12


def read_header_fields(text: str) -> dict[str, str]:
    """Return the "Key: value" header fields found in the first lines of ``text`` (keys lower-case).

    The block may follow a line or two of preamble (such as a synthetic-example marker) and ends
    at the first blank line after it starts.
    """
    fields: dict[str, str] = {}
    for line in text.splitlines()[:_HEADER_SCAN_LINES]:
        match = _HEADER_LINE.match(line.strip().lstrip("-*").strip())
        if match:
            fields.setdefault(match.group(1).lower().replace("_", "-"), match.group(2))
        elif fields and not line.strip():
            break
    return fields


def _header_source_kind(value: str | None, default: SourceKind) -> tuple[SourceKind, str | None]:
    if value is None:
        return default, None
    try:
        return SourceKind.parse(value), None
    except ValueError as error:
        return default, f"header Source-Kind ignored: {error}"


def _header_date(value: str | None, metadata: dict) -> dt.date | None:
    try:
        return parse_published(value)
    except ValueError as error:
        metadata.setdefault("warnings", []).append(f"header Published ignored: {error}")
        return None


def read_text(
    source: SourceFile, *, default_source_kind: SourceKind | None = None, markdown: bool = False
) -> Iterator[IngestRecord | IngestProblem]:
    """Yield one record for a .txt or .md file; metadata from its header block, else the first line is the title."""
    decoded = source.decoded()
    header = read_header_fields(decoded.text)
    metadata = source.base_metadata()
    source_kind, warning = _header_source_kind(header.get("source-kind"), default_source_kind or SourceKind.NEWS)
    if warning:
        metadata.setdefault("warnings", []).append(warning)
    if header:
        metadata["header"] = header
    document = build_document(
        text=decoded.text,
        raw=source.data,
        source_path=source.name,
        ingest_format="md" if markdown else "txt",
        retrieved_at=source.retrieved_at,
        source_kind=source_kind,
        metadata=metadata,
        title=header.get("title") or first_line_title(decoded.text, markdown=markdown),
        publisher=header.get("publisher"),
        author=header.get("author"),
        url=header.get("url"),
        language=header.get("language"),
        published=_header_date(header.get("published") or header.get("date"), metadata),
    )
    yield IngestRecord(document, [], source.name)
