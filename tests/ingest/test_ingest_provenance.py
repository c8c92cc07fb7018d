"""Hashes and normalisation are stable, so the same report is recognised however it arrives."""

from __future__ import annotations

import json

from sitroom.ingest.provenance import (
    canonical_json_bytes, guess_language, normalise_text, sha256_hex, text_sha256,
)


def test_sha256_known_value():
    assert sha256_hex(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_text_hash_ignores_whitespace_and_unicode_form():
    composed = "Synthetic example: caf\u00e9  in\n\nKabul "
    decomposed = " Synthetic example: cafe\u0301 in Kabul"
    assert normalise_text(composed) == "Synthetic example: caf\u00e9 in Kabul"
    assert text_sha256(composed) == text_sha256(decomposed)
    assert text_sha256(composed) != text_sha256("Synthetic example: cafe in Kabul")


def test_guess_language():
    assert guess_language("نمونه ساختگی درگیری در پنجشیر with a Latin word") == "fa"
    assert guess_language("Synthetic example with one word سلام") == "en"
    assert guess_language("12345") == "en"


def test_canonical_json_is_key_order_independent():
    assert canonical_json_bytes({"b": 1, "a": "é"}) == canonical_json_bytes({"a": "é", "b": 1})
    assert canonical_json_bytes({"a": "é"}) == '{"a":"é"}'.encode()


def test_hashes_are_stable_across_reads(settings, fixtures, read_all):
    for name in ("report.txt", "docs.jsonl", "acled.csv", "telegram/result.json", "feed.rss"):
        first, _ = read_all(fixtures / name, settings)
        second, _ = read_all(fixtures / name, settings)
        assert [(r.document.doc_id, r.document.raw_sha256, r.document.text_sha256) for r in first] == [
            (r.document.doc_id, r.document.raw_sha256, r.document.text_sha256) for r in second]


def test_jsonl_raw_hash_is_the_line_bytes(settings, fixtures, read_all):
    path = fixtures / "docs.jsonl"
    records, _ = read_all(path, settings)
    first_line = path.read_bytes().split(b"\n")[0]
    assert records[0].document.raw_sha256 == sha256_hex(first_line)


def test_csv_raw_hash_is_the_row_bytes_including_continuation_lines(settings, fixtures, read_all):
    path = fixtures / "acled.csv"
    records, _ = read_all(path, settings)
    lines = path.read_bytes().split(b"\n")
    assert records[0].document.raw_sha256 == sha256_hex(lines[1])
    assert records[1].document.raw_sha256 == sha256_hex(lines[2] + b"\n" + lines[3])


def test_telegram_raw_hash_is_canonical_json_of_the_post(settings, fixtures, read_all):
    path = fixtures / "telegram" / "result.json"
    post = json.loads(path.read_text("utf-8"))["messages"][1]
    records, _ = read_all(path, settings)
    assert records[0].document.raw_sha256 == sha256_hex(canonical_json_bytes(post))


def test_text_hash_matches_document_text(settings, fixtures, read_all):
    [record], _ = read_all(fixtures / "briefing.md", settings)
    assert record.document.text_sha256 == text_sha256(record.document.text)
