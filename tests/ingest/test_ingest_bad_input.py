"""Bad input never crashes a reader: it becomes a record with a warning or a clear problem."""

from __future__ import annotations

import codecs
from pathlib import Path

from sitroom.ingest import SUPPORTED_EXTENSIONS, read_input
from sitroom.ingest.decoding import decode_bytes

# Windows-1256 has no Persian yeh (U+06CC); Dari typed on Windows uses Arabic yeh (U+064A).
DARI = "نمونه ساختگي: درگيري در ولسوالي اندراب گزارش شد و چند نفر کشته شدند."
ENGLISH = "Synthetic example. An invented clash was reported in a made-up district.\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_bom_is_removed(tmp_path, settings, read_all):
    path = write(tmp_path, "bom.txt", codecs.BOM_UTF8 + ENGLISH.encode())
    [record], _ = read_all(path, settings)
    assert record.document.text == ENGLISH.strip()
    assert record.document.metadata["encoding"] == "utf-8-sig"
    assert "warnings" not in record.document.metadata


def test_utf8_bom_jsonl_first_line_parses(tmp_path, settings, read_all):
    line = '{"id": "b1", "text": "Synthetic example."}\n'
    path = write(tmp_path, "bom.jsonl", codecs.BOM_UTF8 + line.encode())
    [record], problems = read_all(path, settings)
    assert problems == [] and record.document.doc_id == "b1"


def test_utf16_bom_text(tmp_path, settings, read_all):
    path = write(tmp_path, "wide.txt", (ENGLISH + DARI).encode("utf-16"))  # writes a BOM
    [record], problems = read_all(path, settings)
    assert problems == []
    assert record.document.text == (ENGLISH + DARI).strip()
    assert record.document.metadata["encoding"] == "utf-16"


def test_utf16_bom_csv_rows(tmp_path, settings, read_all, fixtures):
    text = (fixtures / "ucdp.csv").read_text("utf-8")
    path = write(tmp_path, "wide.csv", text.encode("utf-16"))
    records, problems = read_all(path, settings)
    assert [r.document.doc_id for r in records] == ["ucdp:900001", "ucdp:900002"]
    assert [p.line for p in problems] == [4, 5]


def test_cp1256_dari_text(tmp_path, settings, read_all):
    path = write(tmp_path, "dari.txt", ("Synthetic example.\n" + DARI).encode("cp1256"))
    [record], _ = read_all(path, settings)
    doc = record.document
    assert doc.text == "Synthetic example.\n" + DARI
    assert doc.metadata["encoding"] == "cp1256"
    assert doc.language == "fa"


def test_utf8_dari_text_detected_as_fa(tmp_path, settings, read_all):
    path = write(tmp_path, "dari-utf8.txt", DARI.encode("utf-8"))
    [record], _ = read_all(path, settings)
    assert record.document.language == "fa" and record.document.metadata["encoding"] == "utf-8"


def test_invalid_utf8_bytes_replaced_with_warning(tmp_path, settings, read_all):
    data = ENGLISH.encode() + b"Caf\xc3\xa9 \xff\xfe broken bytes. " + "سلام".encode()
    path = write(tmp_path, "damaged.txt", data)
    [record], problems = read_all(path, settings)
    doc = record.document
    assert problems == []
    assert "Café" in doc.text and "\ufffd" in doc.text and "سلام" in doc.text
    assert doc.metadata["encoding"] == "utf-8"
    assert "invalid byte" in doc.metadata["warnings"][0]


def test_mostly_ascii_with_one_stray_byte_stays_utf8():
    decoded = decode_bytes(ENGLISH.encode() * 3 + b"stray \xff byte")
    assert decoded.encoding == "utf-8" and decoded.text.count("\ufffd") == 1
    assert decoded.warnings


def test_binary_with_nul_bytes_refused(tmp_path, settings, read_all):
    path = write(tmp_path, "blob.txt", b"Synthetic\x00example\x00\x01\x02")
    records, [problem] = read_all(path, settings)
    assert records == [] and problem.status == "failed"
    assert "binary" in problem.reason and problem.source == str(path)


def test_binary_magic_number_refused(tmp_path, settings, read_all):
    path = write(tmp_path, "report.html", b"%PDF-1.7\n1 0 obj\n")
    _, [problem] = read_all(path, settings)
    assert problem.status == "failed" and "PDF" in problem.reason


def test_oversized_file_refused(tmp_path, settings, read_all):
    path = write(tmp_path, "big.txt", ENGLISH.encode() * 10)
    small = settings.with_overrides(max_file_bytes=100)
    _, [problem] = read_all(path, small)
    assert problem.status == "failed"
    assert "max_file_bytes=100" in problem.reason and problem.source == str(path)


def test_empty_and_blank_files_skipped(tmp_path, settings, read_all):
    for name, data in (("empty.txt", b""), ("blank.md", b" \n\t\n"), ("empty.jsonl", b"\n\n")):
        _, [problem] = read_all(write(tmp_path, name, data), settings)
        assert problem.status == "skipped" and "empty" in problem.reason, name


def test_unknown_extension_skipped_naming_supported(tmp_path, settings, read_all):
    _, [problem] = read_all(write(tmp_path, "slides.pptx", b"whatever"), settings)
    assert problem.status == "skipped" and "'.pptx'" in problem.reason
    assert all(ext in problem.reason for ext in SUPPORTED_EXTENSIONS)
    _, [bare] = read_all(write(tmp_path, "README", b"text"), settings)
    assert "no file extension" in bare.reason


def test_missing_file_is_a_problem_not_an_exception(tmp_path, settings, read_all):
    _, [problem] = read_all(tmp_path / "gone.txt", settings)
    assert problem.status == "failed" and "does not exist" in problem.reason


def test_malformed_json_lines_report_line_numbers(settings, fixtures, read_all):
    path = fixtures / "docs.jsonl"
    _, problems = read_all(path, settings)
    assert [(p.line, p.status) for p in problems] == [
        (4, "failed"), (5, "failed"), (6, "failed"), (8, "failed")]
    assert all(p.source == str(path) for p in problems)
    assert "invalid JSON" in problems[0].reason
    assert '"text"' in problems[1].reason
    assert '"published"' in problems[2].reason and "April 2023" in problems[2].reason
    assert "rumour" in problems[3].reason
    assert str(problems[0]).startswith(f"{path}:4: failed: invalid JSON")


def test_invalid_json_file(tmp_path, settings, read_all):
    _, [problem] = read_all(write(tmp_path, "bad.json", b'{"id": 1,\n "text": }'), settings)
    assert problem.status == "failed" and problem.line == 2 and "invalid JSON" in problem.reason


def test_malformed_acled_rows_report_lines_and_others_load(settings, fixtures, read_all):
    records, problems = read_all(fixtures / "acled.csv", settings)
    assert len(records) == 3
    assert [p.line for p in problems] == [5, 6, 7]
    assert "event_date '2023-13-40'" in problems[0].reason
    assert "fatalities 'several'" in problems[1].reason
    assert "6 columns" in problems[2].reason and "31" in problems[2].reason


def test_malformed_ucdp_rows(settings, fixtures, read_all):
    _, problems = read_all(fixtures / "ucdp.csv", settings)
    assert [p.line for p in problems] == [4, 5]
    assert "best 'many'" in problems[0].reason and "type_of_violence '9'" in problems[1].reason


def test_unrecognised_csv_header(settings, fixtures, read_all):
    _, [problem] = read_all(fixtures / "unknown.csv", settings)
    assert problem.status == "failed" and "event_id_cnty" in problem.reason


def test_read_input_is_lazy_and_never_raises_on_garbage(tmp_path, settings):
    garbage = bytes(range(0x80, 0x100)) * 4  # no NULs, no magic: decodes to something
    for name in ("g.txt", "g.json", "g.jsonl", "g.csv", "g.xml", "g.rss", "g.html"):
        results = list(read_input(write(tmp_path, name, garbage), settings))
        assert results, name
