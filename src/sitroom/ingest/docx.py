"""Word (.docx) files: paragraphs and table cells in document order, title and author from its properties."""

from __future__ import annotations

import io
import zipfile
from typing import Iterator

from sitroom.ingest.decoding import SourceFile
from sitroom.ingest.provenance import build_document
from sitroom.ingest.records import FAILED, SKIPPED, IngestProblem, IngestRecord
from sitroom.models import SourceKind


def docx_blocks(document) -> list[str]:
    """Return the text blocks of a python-docx Document: each paragraph, each table row."""
    from docx.table import Table

    blocks: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                cells = _unique_cells(row)
                if cells:
                    blocks.append(" | ".join(cells))
        elif item.text.strip():
            blocks.append(item.text.strip())
    return blocks


def _unique_cells(row) -> list[str]:
    """Return a row's cell texts; a merged cell (python-docx repeats it) counts once."""
    seen, cells = set(), []
    for cell in row.cells:
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        text = " ".join(cell.text.split())
        if text:
            cells.append(text)
    return cells


def open_docx(source: SourceFile):
    """Return the python-docx Document, or an IngestProblem naming the file and the reason."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(source.data))
    except (PackageNotFoundError, zipfile.BadZipFile) as error:
        return IngestProblem(source.name, FAILED, f"not a readable .docx (Word 2007+) file: {error}")
    except Exception as error:  # lxml raises its own kinds on bad XML inside the package
        return IngestProblem(source.name, FAILED, f"damaged .docx file: {type(error).__name__}: {error}")


def read_docx(
    source: SourceFile, *, default_source_kind: SourceKind | None = None
) -> Iterator[IngestRecord | IngestProblem]:
    """Yield one record for a .docx file: its paragraphs as paragraphs, tables row by row."""
    document = open_docx(source)
    if isinstance(document, IngestProblem):
        yield document
        return
    blocks = docx_blocks(document)
    if not blocks:
        yield IngestProblem(source.name, SKIPPED, "Word document has no text")
        return
    properties = document.core_properties
    metadata: dict[str, object] = {}
    if properties.created:
        metadata["docx_created"] = properties.created.isoformat()
    record = build_document(
        text="\n\n".join(blocks), raw=source.data, source_path=source.name, ingest_format="docx",
        retrieved_at=source.retrieved_at, source_kind=default_source_kind or SourceKind.NEWS,
        metadata=metadata, title=(properties.title or "").strip() or None,
        author=(properties.author or "").strip() or None,
    )  # fmt: skip
    yield IngestRecord(record, [], source.name)
