"""PDF files: one document per file, its pages' text joined, each page's start offset kept.

Text comes from the PDF's text layer (pypdf). A page without one (a scan) is read by OCR
(sitroom.ingest.ocr) when tesseract is installed. Evidence spans into the text can then
say their page: ``Document.page_at(offset)``. Broken and encrypted files give one problem
naming the file; nothing raises.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from typing import Iterator

from sitroom.ingest import ocr
from sitroom.ingest.decoding import SourceFile
from sitroom.ingest.provenance import build_document, clean_text
from sitroom.ingest.records import FAILED, SKIPPED, IngestProblem, IngestRecord
from sitroom.models import SourceKind

PAGE_SEPARATOR = "\n\n"
MIN_PAGE_CHARS = 16  # a page whose text layer holds less than this is treated as scanned

logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about odd files are not ours to print


@dataclass(slots=True)
class PageTexts:
    """The text of each page, how each was read, and what went wrong on the way."""

    texts: list[str]
    methods: list[str]  # "text" or "ocr" (or "none") per page
    warnings: list[str] = field(default_factory=list)


def join_pages(pages: list[str]) -> tuple[str, list[int]]:
    """Return the pages' cleaned text joined by blank lines, and each page's start offset.

    Pages are separated by one blank line; an empty page adds no separator, so every
    offset of a page's text maps back to that page through ``Document.page_at``.
    """
    text = ""
    starts: list[int] = []
    for page in pages:
        cleaned = clean_text(page)
        if text and cleaned:
            text += PAGE_SEPARATOR
        starts.append(len(text))
        text += cleaned
    return text, starts


def open_pdf(source: SourceFile):
    """Return a pypdf reader for the file, or an IngestProblem for a broken or encrypted one."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(source.data))
        if reader.is_encrypted and not reader.decrypt(""):
            return IngestProblem(source.name, FAILED, "encrypted PDF needs a password; decrypt it "
                                 "(e.g. qpdf --decrypt --password=... in.pdf out.pdf) and ingest the copy")
        len(reader.pages)
    except DependencyError as error:
        return IngestProblem(source.name, FAILED, f"encrypted PDF cannot be decrypted here: {error}")
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        return IngestProblem(source.name, FAILED, f"not a readable PDF (damaged or truncated?): {error}")
    return reader


def page_texts(reader, source: SourceFile, ocr_languages: str) -> PageTexts | IngestProblem:
    """Read every page's text layer; OCR the pages that have none."""
    texts, methods, warnings = [], [], []
    for index, page in enumerate(reader.pages):
        try:
            texts.append(page.extract_text() or "")
            methods.append("text")
        except Exception as error:  # pypdf raises many kinds on a damaged page; keep the others
            texts.append("")
            methods.append("none")
            warnings.append(f"page {index + 1}: text layer unreadable ({type(error).__name__}: {error})")
    scanned = [i for i, text in enumerate(texts) if len(text.strip()) < MIN_PAGE_CHARS]
    if scanned:
        problem = _ocr_pages(source, scanned, PageTexts(texts, methods, warnings), ocr_languages)
        if problem is not None:
            return problem
    return PageTexts(texts, methods, warnings)


def _ocr_pages(source: SourceFile, scanned: list[int], pages: PageTexts, requested: str) -> IngestProblem | None:
    """OCR the ``scanned`` pages in place; return a problem only when the file yields no text at all."""
    has_text = any(len(text.strip()) >= MIN_PAGE_CHARS for text in pages.texts)
    try:
        languages, missing = ocr.usable_languages(requested)
    except ocr.OcrUnavailable as error:
        where = _page_list(scanned)
        if not has_text:
            return IngestProblem(source.name, FAILED, f"scanned PDF (no text layer on {where}) needs OCR: {error}")
        verb = "has" if len(scanned) == 1 else "have"
        pages.warnings.append(f"{where} {verb} no text layer and could not be read: {error}")
        return None
    if missing:
        pages.warnings.append(f"OCR language data not installed: {', '.join(missing)}; read with {languages}")
    for index in scanned:
        try:
            pages.texts[index] = ocr.ocr_pdf_page(source.data, index, languages)
            pages.methods[index] = "ocr"
        except (ocr.OcrFailed, ocr.OcrUnavailable) as error:
            pages.warnings.append(str(error))
    return None


def _page_list(indexes: list[int]) -> str:
    numbers = [str(index + 1) for index in indexes]
    shown = ", ".join(numbers[:10]) + (", ..." if len(numbers) > 10 else "")
    return f"page {shown}" if len(numbers) == 1 else f"pages {shown}"


def _pdf_fields(reader) -> dict[str, str | None]:
    try:
        info = reader.metadata or {}
        return {"title": _clean_field(info.get("/Title")), "author": _clean_field(info.get("/Author")),
                "created": _clean_field(info.get("/CreationDate"))}  # fmt: skip
    except Exception:  # a damaged info dictionary only costs the metadata
        return {"title": None, "author": None, "created": None}


def _page_labels(reader, count: int) -> list[str] | None:
    """Return the PDF's page labels (printed numbers such as "iv") when they differ from 1..n."""
    try:
        labels = [str(label) for label in reader.page_labels]
    except Exception:  # a damaged label tree only costs the labels
        return None
    plain = [str(number) for number in range(1, count + 1)]
    return labels if len(labels) == count and labels != plain else None


def _clean_field(value) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def read_pdf(
    source: SourceFile, *, default_source_kind: SourceKind | None = None, ocr_languages: str = "eng+fas+pus"
) -> Iterator[IngestRecord | IngestProblem]:
    """Yield one record for a PDF (text per page, page start offsets), or one problem naming the file."""
    reader = open_pdf(source)
    if isinstance(reader, IngestProblem):
        yield reader
        return
    pages = page_texts(reader, source, ocr_languages)
    if isinstance(pages, IngestProblem):
        yield pages
        return
    text, starts = join_pages(pages.texts)
    if not text:
        yield IngestProblem(source.name, SKIPPED, f"PDF has no text on any of its {len(pages.texts)} page(s)")
        return
    info = _pdf_fields(reader)
    metadata: dict[str, object] = {"pages": len(pages.texts), "page_methods": pages.methods}
    labels = _page_labels(reader, len(pages.texts))
    if labels:
        metadata["page_labels"] = labels  # printed page numbers, for citing "p. iv"
    if info["created"]:
        metadata["pdf_created"] = info["created"]
    if pages.warnings:
        metadata["warnings"] = pages.warnings
    document = build_document(
        text=text, raw=source.data, source_path=source.name, ingest_format="pdf",
        retrieved_at=source.retrieved_at, source_kind=default_source_kind or SourceKind.NEWS,
        metadata=metadata, title=info["title"], author=info["author"],
    )  # fmt: skip
    document.page_starts = starts
    yield IngestRecord(document, [], source.name)
