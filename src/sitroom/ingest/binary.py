"""Binary document formats (PDF, Word .docx): loading their bytes and choosing the reader.

Text formats go through ``decoding.load_source``, which refuses binary content; these
formats are binary by nature, so they are loaded here with the same size checks.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterator

from sitroom.config import Settings
from sitroom.ingest.decoding import SourceFile
from sitroom.ingest.provenance import file_retrieved_at
from sitroom.ingest.records import FAILED, SKIPPED, IngestProblem, IngestRecord
from sitroom.models import SourceKind

BINARY_EXTENSIONS = (".pdf", ".docx")
_SIGNATURES = {".pdf": (b"%PDF-", "a PDF file starts with %PDF-"), ".docx": (b"PK\x03\x04", "a .docx file is a ZIP package")}


def load_binary(path: Path, max_bytes: int) -> SourceFile | IngestProblem:
    """Read ``path`` if it exists, fits ``max_bytes`` and is not empty; retrieved_at is now (UTC)."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return IngestProblem(name, FAILED, f"file is {size} bytes, larger than max_file_bytes={max_bytes}; "
                                 "split it or raise the max_file_bytes setting")
        data = path.read_bytes()
        modified_at = file_retrieved_at(path)
    except FileNotFoundError:
        return IngestProblem(name, FAILED, "file does not exist")
    except OSError as error:
        return IngestProblem(name, FAILED, f"cannot read file: {error.strerror or error}")
    if not data:
        return IngestProblem(name, SKIPPED, "empty file: nothing to read")
    return SourceFile(name, data, dt.datetime.now(dt.timezone.utc), modified_at=modified_at)


def read_binary_source(
    source: SourceFile, extension: str, settings: Settings, *, default_source_kind: SourceKind | None = None
) -> Iterator[IngestRecord | IngestProblem]:
    """Yield the records of a loaded PDF or .docx file (``extension`` says which)."""
    magic, expected = _SIGNATURES[extension]
    if not source.data.startswith(magic) and not (extension == ".pdf" and magic in source.data[:1024]):
        yield IngestProblem(source.name, FAILED, f"not a {extension} file: {expected}, this one does not")
        return
    if extension == ".pdf":
        from sitroom.ingest.pdf import read_pdf

        yield from read_pdf(source, default_source_kind=default_source_kind, ocr_languages=settings.ocr_languages)
    else:
        from sitroom.ingest.docx import read_docx

        yield from read_docx(source, default_source_kind=default_source_kind)


def read_binary_input(
    path: Path, extension: str, settings: Settings, *, default_source_kind: SourceKind | None = None
) -> Iterator[IngestRecord | IngestProblem]:
    """Load and read one PDF or .docx file; problems name the file."""
    source = load_binary(path, settings.max_file_bytes)
    if isinstance(source, IngestProblem):
        yield source
        return
    yield from read_binary_source(source, extension, settings, default_source_kind=default_source_kind)
