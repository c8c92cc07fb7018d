"""The ingest -> extract -> store pipeline: summaries, idempotency, bad input, kill and resume."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sitroom.config import Settings
from sitroom.pipeline import DocumentDefaults, Pipeline
from sitroom.store import open_repository
from tests.conftest import write_reports


def _ingest(paths, db_path, **kwargs):
    pipeline = Pipeline.from_config(Settings(db_path=db_path))
    repository = open_repository(db_path)
    try:
        return pipeline.ingest(list(paths), repository, **kwargs), repository.stats()
    finally:
        repository.close()


def test_ingest_stores_documents_and_mentions_then_changes_nothing(reports, db_path):
    first, stats = _ingest([reports], db_path)
    assert first.counts["stored"] == 6 and not first.failed
    assert first.mentions >= 6  # each report names at least one incident
    assert stats.documents == 6 and stats.mentions == first.mentions
    second, again = _ingest([reports], db_path)
    assert second.counts["unchanged"] == 6 and second.counts["stored"] == 0
    assert (again.documents, again.mentions, again.events) == (stats.documents, stats.mentions, stats.events)


def test_bad_file_is_reported_and_the_batch_goes_on(reports, db_path):
    (reports / "broken.jsonl").write_text('{"id": "ok-1", "text": "Synthetic example."}\n{not json\n', encoding="utf-8")
    (reports / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    summary, stats = _ingest([reports, reports / "missing.txt"], db_path)
    assert summary.counts["stored"] == 7  # six reports and the good JSONL line
    assert summary.failed
    reasons = {Path(p.source).name: p.reason for p in summary.problems}
    assert "broken.jsonl" in reasons and "missing.txt" in reasons and "image.png" in reasons
    assert any(p.line == 2 for p in summary.problems if p.source.endswith("broken.jsonl"))
    assert stats.documents == 7


def test_command_line_defaults_override_document_metadata(reports, db_path):
    import datetime as dt

    from sitroom.models import SourceKind

    defaults = DocumentDefaults(dt.date(2023, 5, 10), SourceKind.CLAIM, "NRF channel")
    _ingest([reports], db_path, defaults=defaults)
    repository = open_repository(db_path)
    try:
        documents = repository.list_documents(limit=10, offset=0)
    finally:
        repository.close()
    assert {d.publisher for d in documents} == {"NRF channel"}
    assert {d.source_kind for d in documents} == {SourceKind.CLAIM}
    assert {d.published for d in documents} == {dt.date(2023, 5, 10)}


def _count(db_path: Path, table: str) -> int:
    try:
        with sqlite3.connect(db_path, timeout=5) as connection:
            return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # database or table not created yet


def test_kill_during_ingest_leaves_a_consistent_database_and_the_run_resumes(tmp_path, db_path):
    total = 1500
    write_reports(tmp_path / "many", total)
    command = [sys.executable, "-m", "sitroom.cli.main", "ingest", str(tmp_path / "many"), "--db", str(db_path), "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ))
    deadline = time.monotonic() + 120
    while _count(db_path, "documents") < 50 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    stored_before = _count(db_path, "documents")
    assert 0 < stored_before < total, "the kill must land mid-batch"
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        orphans = connection.execute(
            "SELECT count(*) FROM mentions WHERE doc_id NOT IN (SELECT doc_id FROM documents)"
        ).fetchone()[0]
        assert orphans == 0
        undocumented = connection.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.doc_id = d.doc_id)"
        ).fetchone()[0]
        assert undocumented == 0  # every report names an incident: a document never lands without its mentions
    resumed = subprocess.run(command, capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert _count(db_path, "documents") == total
    summary, _ = _ingest([tmp_path / "many"], db_path)
    assert summary.counts["unchanged"] == total
