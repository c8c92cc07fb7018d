"""The evidence store: raw bytes kept by SHA-256, true retrieval times, custody, verify, WARC, API copies."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sitroom.api import create_app
from sitroom.cli.main import app as cli
from sitroom.config import Settings
from sitroom.evidence import BlobStore
from sitroom.pipeline import Pipeline
from sitroom.store import open_repository
from tests.collect import builders
from tests.collect.conftest import html_page

runner = CliRunner()
REPORT = ("Synthetic example.\n\nTaliban forces detained six villagers in Andarab district of Baghlan province "
          "on 3 May 2023, residents said.\n")  # fmt: skip


def _ingest(settings: Settings, inputs) -> object:
    with open_repository(settings.db_path) as repository:
        return Pipeline.from_config(settings).ingest(list(inputs), repository)


def test_every_input_file_is_preserved_with_its_custody(tmp_path, collect_settings):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "report.txt").write_text(REPORT, encoding="utf-8")
    (folder / "report.pdf").write_bytes(builders.text_pdf([builders.PAGE_ONE, builders.PAGE_TWO]))
    old = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc).timestamp()
    os.utime(folder / "report.txt", (old, old))
    before = dt.datetime.now(dt.timezone.utc)
    summary = _ingest(collect_settings, [folder])
    assert summary.counts["stored"] == 2
    root = collect_settings.evidence_path()
    assert root == tmp_path / "collect-evidence"  # beside the database by default
    with open_repository(collect_settings.db_path) as repository:
        sources = repository.evidence_sources()
        assert len(sources) == 2
        for preserved in sources:
            acquisition = preserved.acquisition
            data = BlobStore(root).read(acquisition.sha256)
            assert hashlib.sha256(data).hexdigest() == acquisition.sha256 and len(data) == acquisition.size
            assert data == open(acquisition.source, "rb").read()
            assert acquisition.retrieved_at >= before  # when it was read, not the file's mtime
            assert acquisition.operator == "tester" and acquisition.method == "file"
            assert acquisition.tool.startswith("sitroom ") and "pypdf" in acquisition.tool
            assert [entry.action for entry in repository.custody_entries(preserved.source_id)] == ["acquired"]
            [doc_id] = repository.evidence_documents(preserved.source_id)
            assert repository.get_document(doc_id).raw_sha256 == acquisition.sha256
        text_source = next(p for p in sources if p.acquisition.source.endswith("report.txt"))
        assert text_source.acquisition.file_modified == dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
        assert BlobStore(root).path_for(text_source.acquisition.sha256).stat().st_mode & 0o222 == 0  # read-only


def test_reingesting_adds_custody_not_copies(tmp_path, collect_settings):
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    _ingest(collect_settings, [path])
    summary = _ingest(collect_settings, [path])
    assert summary.counts["unchanged"] == 1
    with open_repository(collect_settings.db_path) as repository:
        [preserved] = repository.evidence_sources()
        actions = [entry.action for entry in repository.custody_entries(preserved.source_id)]
    assert actions == ["acquired", "reacquired"]
    blobs = [p for p in (collect_settings.evidence_path() / "sha256").rglob("*") if p.is_file()]
    assert len(blobs) == 1


def test_evidence_dir_is_configurable(tmp_path):
    settings = Settings(db_path=tmp_path / "a.db", evidence_dir=str(tmp_path / "vault"), analyst="tester")
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    _ingest(settings, [tmp_path / "r.txt"])
    assert len([p for p in (tmp_path / "vault").rglob("*") if p.is_file()]) == 1
    assert not (tmp_path / "a-evidence").exists()


def test_verify_reports_changed_and_missing_blobs(tmp_path, collect_settings):
    for name in ("one.txt", "two.txt", "three.txt"):
        (tmp_path / name).write_text(REPORT.replace("six", name.split(".")[0]), encoding="utf-8")
    _ingest(collect_settings, [tmp_path / "one.txt", tmp_path / "two.txt", tmp_path / "three.txt"])
    blobs = BlobStore(collect_settings.evidence_path())
    db = str(collect_settings.db_path)
    intact = runner.invoke(cli, ["verify", "--db", db])
    assert intact.exit_code == 0 and "verified 3 preserved source(s), 3 blob(s)" in intact.output
    with open_repository(collect_settings.db_path) as repository:
        one, two, _ = repository.evidence_sources()
    changed = blobs.path_for(one.acquisition.sha256)
    os.chmod(changed, 0o644)
    changed.write_bytes(b"tampered")
    blobs.path_for(two.acquisition.sha256).unlink()
    result = runner.invoke(cli, ["verify", "--db", db, "--json"])
    assert result.exit_code == 1
    body = json.loads(result.stdout)
    problems = {p["source_id"]: p["problem"] for p in body["problems"]}
    assert problems[one.source_id].startswith("changed") and problems[two.source_id] == "missing"
    assert body["sources"] == 3 and not body["ok"] and body["unpreserved_documents"] == 0
    with open_repository(collect_settings.db_path) as repository:
        assert repository.custody_entries(two.source_id)[-1].action == "verify-failed"
        assert repository.custody_entries(two.source_id)[-2].action == "verified"  # the first, intact run


def test_fetch_keeps_body_and_warc_of_every_hop(server, collect_settings, monkeypatch):
    page = html_page("Checkpoint attack", REPORT.replace("\n", " "))
    server.route("/article.html", page)
    server.redirect("/short", "/article.html", 302)
    monkeypatch.setenv("SITROOM_FETCH_HOST_INTERVAL_MS", "0")
    monkeypatch.setenv("SITROOM_ANALYST", "tester")
    result = runner.invoke(cli, ["fetch", server.url("/short"), "--db", str(collect_settings.db_path), "--quiet"])
    assert result.exit_code == 0, result.output
    with open_repository(collect_settings.db_path) as repository:
        [preserved] = repository.evidence_sources()
        [doc_id] = repository.evidence_documents(preserved.source_id)
        document = repository.get_document(doc_id)
        run = repository.stats().recent_runs[0]
    acquisition = preserved.acquisition
    assert run.command == "fetch" and document.source_path == server.url("/short")
    assert acquisition.final_url == server.url("/article.html") and acquisition.http_status == 200
    assert acquisition.redirects == [[302, server.url("/article.html")]] and acquisition.method == "http"
    blobs = BlobStore(collect_settings.evidence_path())
    assert blobs.read(acquisition.sha256) == page.encode()
    records = _warc_records(blobs.read(acquisition.warc_sha256))
    assert [(kind, uri) for kind, uri, *_ in records] == [
        ("warcinfo", None), ("request", server.url("/short")), ("response", server.url("/short")),
        ("request", server.url("/article.html")), ("response", server.url("/article.html")),
    ]
    assert records[2][2] == "302" and records[4][2] == "200" and records[4][3] == page.encode()


def _warc_records(data: bytes) -> list[tuple]:
    from warcio.archiveiterator import ArchiveIterator

    found = []
    for record in ArchiveIterator(io.BytesIO(data)):
        status = record.http_headers.get_statuscode() if record.rec_type == "response" else None
        found.append((record.rec_type, record.rec_headers.get_header("WARC-Target-URI"), status,
                      record.content_stream().read() if record.rec_type == "response" else None))  # fmt: skip
    return found


def test_ingest_takes_urls_and_files_together_and_reports_each_bad_url(server, tmp_path, collect_settings, monkeypatch):
    server.route("/article.html", html_page("Raid", REPORT.replace("\n", " ")))
    server.route("/slow", "late", delay=10)
    (tmp_path / "local.txt").write_text(REPORT.replace("six", "nine"), encoding="utf-8")
    monkeypatch.setenv("SITROOM_FETCH_HOST_INTERVAL_MS", "0")
    monkeypatch.setenv("SITROOM_FETCH_TIMEOUT_SECONDS", "1")
    urls = [server.url("/article.html"), server.url("/missing"), server.url("/slow")]
    result = runner.invoke(cli, ["ingest", *urls, str(tmp_path / "local.txt"), "--db", str(collect_settings.db_path)])
    assert result.exit_code == 1  # two URLs failed, the rest was stored
    output = " ".join(result.output.split())
    assert f"{server.url('/missing')}: HTTP 404" in output
    assert f"{server.url('/slow')}: timed out after 1 s" in output
    assert "2 stored" in output and "2 failed" in output


def test_api_serves_the_preserved_copy_and_pages(tmp_path, collect_settings):
    pdf = builders.text_pdf([builders.PAGE_ONE, builders.PAGE_TWO, builders.PAGE_THREE])
    (tmp_path / "report.pdf").write_bytes(pdf)
    _ingest(collect_settings, [tmp_path / "report.pdf"])
    with TestClient(create_app(collect_settings)) as client:
        [summary] = client.get("/api/v1/documents").json()["items"]
        detail = client.get(f"/api/v1/documents/{summary['doc_id']}").json()
        [copy] = detail["preserved"]
        download = client.get(copy["copy_url"])
        evidence = client.get(f"/api/v1/evidence/documents/{summary['doc_id']}").json()
        assert download.status_code == 200 and download.content == pdf
        assert download.headers["content-type"] == "application/octet-stream"
        assert download.headers["content-disposition"].startswith("attachment")
        assert download.headers["x-content-sha256"] == copy["sha256"]
        assert "default-src 'none'" in download.headers["content-security-policy"]
        assert len(detail["page_starts"]) == 3
        pages = {span["page"] for mention in detail["mentions"] for span in mention["evidence"].values()}
        assert pages and pages <= {1, 2, 3} and 2 in pages  # the detention is coded from page 2
        assert [entry["action"] for entry in evidence["sources"][0]["custody"]] == ["acquired"]
        assert client.get(f"/api/v1/evidence/sources/{copy['source_id']}/warc").status_code == 404  # a file has none
        blob = BlobStore(collect_settings.evidence_path()).path_for(copy["sha256"])
        os.chmod(blob, 0o644)
        blob.write_bytes(b"tampered")
        assert client.get(copy["copy_url"]).status_code == 409
        assert client.get("/api/v1/evidence/sources/999/copy").status_code == 404


def test_verify_counts_documents_stored_without_a_copy(tmp_path, collect_settings):
    from sitroom.models import Document

    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    _ingest(collect_settings, [tmp_path / "r.txt"])
    with open_repository(collect_settings.db_path) as repository:
        repository.store_document(Document("doc:legacy", "Synthetic example. An older report.", "a" * 64, "b" * 64),
                                  [], None, "tester")  # fmt: skip
    result = runner.invoke(cli, ["verify", "--db", str(collect_settings.db_path)])
    assert result.exit_code == 0  # intact; the legacy document is reported, not a failure
    assert "1 stored document(s) have no preserved copy" in " ".join(result.output.split())


def test_cli_evidence_shows_a_documents_copies(tmp_path, collect_settings):
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    _ingest(collect_settings, [tmp_path / "r.txt"])
    with open_repository(collect_settings.db_path) as repository:
        [document] = repository.list_documents()
    result = runner.invoke(cli, ["evidence", document.doc_id, "--db", str(collect_settings.db_path)])
    assert result.exit_code == 0, result.output
    [source] = json.loads(result.stdout)["sources"]
    assert source["sha256"] == document.raw_sha256 and source["source"] == str((tmp_path / "r.txt").resolve())
    assert open(source["path"], "rb").read() == (tmp_path / "r.txt").read_bytes()
    missing = runner.invoke(cli, ["evidence", "doc:nothing", "--db", str(collect_settings.db_path)])
    assert missing.exit_code == 2 and "doc:nothing" in missing.output


def test_only_sources_sitroom_reads_are_kept(tmp_path, collect_settings):
    folder = tmp_path / "ChatExport"
    (folder / "photos").mkdir(parents=True)
    (folder / "photos" / "photo_1.jpg").write_bytes(b"\xff\xd8\xff not really a photo")
    (folder / "report.txt").write_text(REPORT, encoding="utf-8")
    summary = _ingest(collect_settings, [folder])
    assert summary.counts["stored"] == 1 and summary.counts["skipped"] == 1
    with open_repository(collect_settings.db_path) as repository:
        assert [p.acquisition.source for p in repository.evidence_sources()] == [str((folder / "report.txt").resolve())]
