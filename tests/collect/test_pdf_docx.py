"""PDF and DOCX inputs: text, page offsets, OCR of scans, and one clear problem for bad files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sitroom.config import Settings
from sitroom.ingest import IngestProblem, IngestRecord, read_input
from sitroom.ingest import ocr
from sitroom.pipeline import Pipeline
from sitroom.store import open_repository
from tests.collect import builders

NEEDS_TESSERACT = pytest.mark.skipif(
    shutil.which("tesseract") is None and os.environ.get("CI") != "true",
    reason="tesseract not installed (scripts/install_system_deps.sh installs it; CI requires it)",
)


def _read(path: Path, settings: Settings) -> tuple[list[IngestRecord], list[IngestProblem]]:
    results = list(read_input(path, settings))
    return ([r for r in results if isinstance(r, IngestRecord)], [r for r in results if isinstance(r, IngestProblem)])


def test_text_pdf_keeps_each_page_start(tmp_path, settings):
    path = tmp_path / "report.pdf"
    path.write_bytes(builders.text_pdf([builders.PAGE_ONE, builders.PAGE_TWO, builders.PAGE_THREE]))
    [record], problems = _read(path, settings)
    document = record.document
    assert problems == []
    assert document.ingest_format == "pdf" and document.title == "Synthetic monitoring report"
    assert document.author == "sitroom tests"
    assert len(document.page_starts) == 3 and document.page_starts[0] == 0
    for number, text in enumerate((builders.PAGE_ONE, builders.PAGE_TWO, builders.PAGE_THREE), 1):
        start = document.text.index(text[:30])
        assert document.page_starts[number - 1] == start
        assert document.page_at(start) == number and document.page_at(start + len(text) - 1) == number
    assert document.metadata["page_methods"] == ["text", "text", "text"]


def test_empty_page_maps_offsets_to_the_page_that_holds_them(tmp_path, settings, monkeypatch):
    monkeypatch.setattr(ocr, "tesseract_program", lambda: None)  # the blank page is not read by OCR here
    path = tmp_path / "gap.pdf"
    path.write_bytes(builders.text_pdf([builders.PAGE_ONE, "", builders.PAGE_TWO]))
    [record], _ = _read(path, settings)
    document = record.document
    third = document.text.index("Taliban forces")
    assert document.page_at(third) == 3 and document.page_at(0) == 1
    assert any("page 2" in warning for warning in document.metadata["warnings"])


def test_encrypted_pdf_is_one_clear_failure(tmp_path, settings):
    path = tmp_path / "locked.pdf"
    path.write_bytes(builders.encrypted_pdf([builders.PAGE_ONE]))
    records, [problem] = _read(path, settings)
    assert records == [] and problem.status == "failed"
    assert problem.source == str(path) and "encrypted PDF needs a password" in problem.reason


def test_broken_and_fake_pdfs_fail_with_their_names(tmp_path, settings):
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(builders.text_pdf([builders.PAGE_ONE])[:300])
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"this is a text file pretending")
    for path, words in ((truncated, "not a readable PDF"), (fake, "not a .pdf file")):
        records, [problem] = _read(path, settings)
        assert records == [] and problem.status == "failed" and problem.source == str(path)
        assert words in problem.reason


def test_scanned_pdf_without_tesseract_names_the_file_and_the_fix(tmp_path, settings, monkeypatch):
    monkeypatch.setattr(ocr, "tesseract_program", lambda: None)
    path = tmp_path / "scan.pdf"
    path.write_bytes(builders.scanned_pdf(["Synthetic example scan"]))
    records, [problem] = _read(path, settings)
    assert records == [] and problem.status == "failed" and problem.source == str(path)
    assert "scanned PDF" in problem.reason and "tesseract-ocr-fas" in problem.reason


@NEEDS_TESSERACT
def test_scanned_pdf_is_read_by_ocr(tmp_path, settings):
    path = tmp_path / "scan.pdf"
    path.write_bytes(builders.scanned_pdf(["Synthetic example. Taliban forces detained", "six villagers in Andarab district."]))
    [record], problems = _read(path, settings.with_overrides(ocr_languages="eng"))
    text = " ".join(record.document.text.split())
    assert problems == []
    assert "Taliban forces detained" in text and "Andarab" in text
    assert record.document.metadata["page_methods"] == ["ocr"]
    assert record.document.page_starts == [0]


@NEEDS_TESSERACT
def test_ocr_languages_are_installed_for_dari_and_pashto():
    languages, missing = ocr.usable_languages("eng+fas+pus")
    assert missing == [] and languages == "eng+fas+pus"


def test_missing_ocr_language_is_reported_not_fatal(monkeypatch):
    monkeypatch.setattr(ocr, "tesseract_program", lambda: "/usr/bin/tesseract")
    monkeypatch.setattr(ocr, "installed_languages", lambda program: frozenset({"eng"}))
    assert ocr.usable_languages("eng+fas+pus") == ("eng", ["fas", "pus"])
    with pytest.raises(ocr.OcrUnavailable, match="tesseract-ocr-pus"):
        ocr.usable_languages("pus")


def test_docx_paragraphs_and_tables_in_order(tmp_path, settings):
    path = tmp_path / "partner.docx"
    path.write_bytes(builders.docx_file([builders.PAGE_TWO, builders.PAGE_THREE], [["Province", "Killed"], ["Panjshir", "2"]]))
    [record], problems = _read(path, settings)
    document = record.document
    assert problems == []
    assert document.ingest_format == "docx" and document.title == "Partner report" and document.author == "sitroom tests"
    assert document.text.split("\n\n") == ["Partner report", builders.PAGE_TWO, builders.PAGE_THREE,
                                           "Province | Killed", "Panjshir | 2"]


def test_broken_docx_fails_and_the_batch_goes_on(tmp_path, db_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a-broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "b-locked.pdf").write_bytes(builders.encrypted_pdf([builders.PAGE_ONE]))
    (folder / "c-good.pdf").write_bytes(builders.text_pdf([builders.PAGE_ONE, builders.PAGE_TWO]))
    (folder / "d-good.docx").write_bytes(builders.docx_file([builders.PAGE_THREE]))
    settings = Settings(db_path=db_path)
    with open_repository(db_path) as repository:
        summary = Pipeline.from_config(settings).ingest([folder], repository)
        documents = repository.list_documents()
    assert summary.counts["stored"] == 2 and summary.counts["failed"] == 2
    assert sorted(Path(p.source).name for p in summary.problems) == ["a-broken.docx", "b-locked.pdf"]
    stored_pdf = next(doc for doc in documents if doc.ingest_format == "pdf")
    assert len(stored_pdf.page_starts) == 2  # page offsets survive the database
    assert stored_pdf.page_at(stored_pdf.text.index("Taliban forces")) == 2


DARI = "نیروهای طالبان شش روستایی را در ولسوالی اندراب بازداشت کردند"
PASHTO = "د طالبانو ځواکونو په اندراب کې شپږ کلیوال ونیول"


@NEEDS_TESSERACT
def test_scanned_dari_and_pashto_pdf_is_read_and_coded(tmp_path, settings):
    import datetime as dt

    path = tmp_path / "scan-fa-ps.pdf"
    path.write_bytes(builders.scanned_rtl_pdf([DARI, PASHTO]))
    [record], problems = _read(path, settings)  # default languages: eng+fas+pus
    document = record.document
    assert problems == [] and document.language == "fa"
    assert DARI in document.text
    assert all(word in document.text for word in ("طالبانو", "اندراب", "ونیول"))
    document.published = dt.date(2023, 5, 4)
    mentions = Pipeline.from_config(settings).extract(document)
    arrests = [m for m in mentions if m.sub_event_type == "Arrests"]
    assert arrests and arrests[0].detained == 6 and arrests[0].admin2 == "Andarab"
    assert document.page_at(arrests[0].evidence["detained"].start) == 1


@NEEDS_TESSERACT
def test_very_large_letters_are_read_at_a_lower_resolution(tmp_path, settings):
    path = tmp_path / "poster.pdf"
    # Debian's tesseract 5.3 finds nothing on this page at 300 dpi; at 150 dpi it reads the line.
    path.write_bytes(builders.scanned_rtl_pdf([DARI], size=48, height=300, top=100))
    [record], problems = _read(path, settings)
    assert problems == [] and DARI in record.document.text


def test_pdf_locked_only_against_editing_is_read(tmp_path, settings):
    path = tmp_path / "no-edit.pdf"
    path.write_bytes(builders.encrypted_pdf([builders.PAGE_ONE], password=""))  # empty user password
    [record], problems = _read(path, settings)
    assert problems == [] and builders.PAGE_ONE in record.document.text


def test_printed_page_labels_are_kept(tmp_path, settings):
    path = tmp_path / "labelled.pdf"
    path.write_bytes(builders.labelled_pdf([builders.PAGE_ONE, builders.PAGE_TWO, builders.PAGE_THREE]))
    [record], _ = _read(path, settings)
    labels = record.document.metadata["page_labels"]
    assert labels == ["i", "1", "2"]
    assert labels[record.document.page_at(record.document.text.index("Taliban forces")) - 1] == "1"
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(builders.text_pdf([builders.PAGE_ONE, builders.PAGE_TWO]))
    assert "page_labels" not in _read(plain, settings)[0][0].document.metadata
