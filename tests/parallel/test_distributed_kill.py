"""A distributed ingest killed with SIGKILL and run again stores each document exactly once."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest


pytestmark = pytest.mark.slow

DOCUMENTS = 3000
PLACES = ["Andarab district of Baghlan", "Dara district of Panjshir", "Tagab district of Kapisa", "Khost city",
          "Kunduz city", "Jalalabad", "Herat city", "Kandahar city", "Gardez", "Faizabad", "Mazar-i-Sharif"]


def _corpus(path: Path) -> Path:
    lines = []
    for i in range(DOCUMENTS):
        text = (f"Taliban forces detained {i % 40 + 2} men in {PLACES[i % len(PLACES)]} on Monday, "
                f"residents said. Report number {i}.")
        published = dt.date(2023, 1, 3) + dt.timedelta(days=i % 360)  # incidents spread over a year
        lines.append(json.dumps({"id": f"kill-{i}", "text": text, "published": published.isoformat(), "publisher": "Wire"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _stored(db_path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5) as connection:
            return connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def _command(corpus: Path, db_path: Path) -> list[str]:
    return [sys.executable, "-m", "sitroom.cli.main", "ingest", str(corpus), "--db", str(db_path),
            "--workers", "2", "--partition-size", "25", "--quiet"]


def test_kill_nine_then_rerun_stores_each_document_once(tmp_path):
    corpus, db_path = _corpus(tmp_path / "corpus.jsonl"), tmp_path / "x.db"
    environment = {**os.environ, "SITROOM_ANALYST": "tester"}
    process = subprocess.Popen(_command(corpus, db_path), env=environment, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while _stored(db_path) < 100 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)  # the driver and every worker of its local cluster
    process.wait()
    at_kill = _stored(db_path)
    assert 100 <= at_kill < DOCUMENTS, "the run must be killed part-way for this test to mean anything"

    rerun = subprocess.run(_command(corpus, db_path), env=environment, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = [row[0] for row in connection.execute("SELECT doc_id FROM documents")]
        unattached = connection.execute(
            "SELECT count(*) FROM mentions WHERE mention_id NOT IN (SELECT mention_id FROM event_sources)"
            " AND is_aggregate = 0"
        ).fetchone()[0]
    assert len(ids) == len(set(ids)) == DOCUMENTS
    assert unattached == 0
