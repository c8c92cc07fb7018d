"""A watch round killed with SIGKILL loses nothing committed and duplicates nothing when run again.

The round is held on purpose: the local server does not answer the third page until the test
has killed the watcher, so the kill always lands mid-round (after two pages were committed).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading

from sitroom.ingest.watch import Watcher, WatchPlan
from sitroom.pipeline import Pipeline
from sitroom.store import open_repository
from tests.collect.conftest import html_page, wait_for

PAGES = {
    "/p1": "Taliban forces detained six villagers in Andarab district of Baghlan province.",
    "/p2": "The National Resistance Front said its fighters killed two Taliban members in Dara district.",
    "/p3": "A roadside bomb wounded three civilians in Khost province on Tuesday, officials said.",
}


def _count(db_path, sql: str) -> int:
    try:
        connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
        try:
            return connection.execute(sql).fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error:
        return -1  # not created or migrated yet


def test_kill_minus_nine_mid_round_then_restart(server, tmp_path, collect_settings):
    gate = threading.Event()
    for path, text in PAGES.items():
        server.route(path, html_page(f"Report {path}", text), etag=f'"{path}-v1"', gate=gate if path == "/p3" else None)
    urls = [server.url(path) for path in PAGES]
    db_path = collect_settings.db_path
    command = [sys.executable, "-m", "sitroom.cli.main", "watch", "--once", "--quiet", "--db", str(db_path)]
    for url in urls:
        command += ["--page", url]
    environment = {**os.environ, "SITROOM_FETCH_HOST_INTERVAL_MS": "0", "SITROOM_ANALYST": "tester"}
    process = subprocess.Popen(command, cwd=tmp_path, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        held = wait_for(lambda: "/p3" in server.paths_requested() or process.poll() is not None, timeout=240)
        assert held and process.poll() is None, process.stderr.read().decode() if process.poll() is not None else "timeout"
        assert _count(db_path, "SELECT COUNT(*) FROM documents") == 2
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)
        gate.set()
    assert process.returncode == -signal.SIGKILL
    assert _count(db_path, "SELECT COUNT(*) FROM ingest_runs WHERE status = 'running'") == 1  # the killed round

    requests_before = len(server.requests)
    with open_repository(db_path) as repository:
        watcher = Watcher(Pipeline.from_config(collect_settings), repository, WatchPlan(pages=urls))
        try:
            summary = watcher.run_round()
        finally:
            watcher.close()
        documents = repository.list_documents()
        sources = repository.evidence_sources()
        custody = [entry.action for source in sources for entry in repository.custody_entries(source.source_id)]
        creates = [entry for entry in repository.audit_entries("document") if entry.action == "create"]
    assert summary.counts["stored"] == 1 and summary.counts["unchanged"] == 2 and not summary.failed
    assert sorted(text for text in PAGES.values() if any(text in doc.text for doc in documents)) == sorted(PAGES.values())
    assert len(documents) == 3 and len(creates) == 3  # nothing lost, nothing written twice
    assert len(sources) == 3 and custody == ["acquired"] * 3
    retried = {path: headers.get("If-None-Match") for path, headers in server.requests[requests_before:]}
    assert retried["/p1"] == '"/p1-v1"' and retried["/p2"] == '"/p2-v1"'  # state from before the kill
    connection = sqlite3.connect(db_path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        connection.close()
