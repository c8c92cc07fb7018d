"""Progress counts documents, not files: estimates per file, corrected as files are read."""

from __future__ import annotations

import json

from sitroom.config import Settings
from sitroom.ingest.counting import DocumentTally, estimate_documents
from sitroom.pipeline import Pipeline
from sitroom.store import open_repository
from tests.conftest import REPORT_TEMPLATE


def _jsonl(path, count: int, offset: int = 0):
    lines = [json.dumps({"id": f"p-{offset + n}", "text": REPORT_TEMPLATE.format(index=offset + n, day=3, count=4)})
             for n in range(count)]  # fmt: skip
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    return path


def test_estimates_count_records_not_files(tmp_path):
    settings = Settings()
    assert estimate_documents(_jsonl(tmp_path / "a.jsonl", 44), settings.max_file_bytes) == 44
    (tmp_path / "b.csv").write_text("h1,h2\n1,2\n3,4\n5,6", encoding="utf-8")
    assert estimate_documents(tmp_path / "b.csv", settings.max_file_bytes) == 3
    (tmp_path / "c.rss").write_text("<rss><channel><item>a</item><item>b</item></channel></rss>", encoding="utf-8")
    assert estimate_documents(tmp_path / "c.rss", settings.max_file_bytes) == 2
    (tmp_path / "d.txt").write_text("one document", encoding="utf-8")
    assert estimate_documents(tmp_path / "d.txt", settings.max_file_bytes) == 1
    assert estimate_documents(tmp_path / "missing.jsonl", settings.max_file_bytes) == 1


def test_tally_corrects_a_wrong_estimate_file_by_file():
    calls = []
    tally = DocumentTally(lambda source, done, total: calls.append((done, total)), pending=10)
    tally.open_file(8)  # this file turns out to hold 3 documents
    for _ in range(3):
        tally.advance("a")
    tally.close_file()
    tally.open_file(2)  # and this one 4
    for _ in range(4):
        tally.advance("b")
    tally.close_file()
    tally.finish()
    assert calls[:3] == [(1, 10), (2, 10), (3, 10)]
    assert calls[3:7] == [(4, 5), (5, 5), (6, 6), (7, 7)]
    assert calls[-1] == (7, 7)


def test_ingest_progress_counts_every_document_of_a_jsonl(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _jsonl(folder / "many.jsonl", 30)
    (folder / "one.txt").write_text(REPORT_TEMPLATE.format(index=99, day=5, count=3), encoding="utf-8")
    calls = []
    db = tmp_path / "p.db"
    with open_repository(db) as repository:
        summary = Pipeline.from_config(Settings(db_path=db)).ingest(
            [folder], repository, on_progress=lambda source, done, total: calls.append((source, done, total)))
    assert summary.counts["stored"] == 31
    assert [done for _, done, _ in calls[:-1]] == list(range(1, 32))
    assert all(total == 31 for _, _, total in calls)
    assert calls[0][0].endswith("many.jsonl:1")
