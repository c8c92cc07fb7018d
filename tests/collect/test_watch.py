"""`sitroom watch`: feeds and pages polled with conditional requests, folders scanned, state kept in the database."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from sitroom.cli.main import app as cli
from sitroom.ingest.watch import Watcher, WatchPlan
from sitroom.pipeline import Pipeline
from sitroom.store import open_repository
from tests.collect import builders
from tests.collect.conftest import html_page, rss_feed

runner = CliRunner()
TELEGRAM_EXPORT = Path(__file__).parents[1] / "ingest" / "fixtures" / "telegram"
ITEMS = [("a1", "Clash in Dara", "Fighters of the National Resistance Front attacked a checkpoint in Dara district."),
         ("a2", "Detentions in Andarab", "Taliban forces detained six villagers in Andarab district.")]


def _round(settings, plan: WatchPlan):
    with open_repository(settings.db_path) as repository:
        watcher = Watcher(Pipeline.from_config(settings), repository, plan)
        try:
            summary = watcher.run_round()
        finally:
            watcher.close()
        items = repository.run_items(summary.run_id)
        run = repository.get_run(summary.run_id)
    return summary, items, run


def test_feed_is_polled_conditionally_and_only_new_entries_stored(server, collect_settings):
    route = server.route("/feed.xml", rss_feed(ITEMS), content_type="application/rss+xml", etag='"v1"')
    plan = WatchPlan(feeds=[server.url("/feed.xml")])
    first, _, run = _round(collect_settings, plan)
    assert first.counts["stored"] == 2 and run.command == "watch" and run.status == "completed"
    second, items, _ = _round(collect_settings, plan)  # a new repository and watcher: state comes from the database
    assert second.counts == {"unchanged": 1}
    assert items == [{"source": server.url("/feed.xml"), "status": "unchanged",
                      "reason": "not modified since the last round (HTTP 304)", "doc_id": None}]
    assert server.requests[-1][1].get("If-None-Match") == '"v1"'
    route.body = rss_feed(ITEMS + [("a3", "Strike", "A drone strike hit a house in Khost province.")]).encode()
    route.etag = '"v2"'
    route.headers["Content-Length"] = str(len(route.body))
    third, items, _ = _round(collect_settings, plan)
    assert third.counts["stored"] == 1 and third.counts["unchanged"] == 2
    with open_repository(collect_settings.db_path) as repository:
        assert repository.stats().documents == 3
        assert repository.watch_target(server.url("/feed.xml")).etag == '"v2"'
        assert len(repository.evidence_sources()) == 2  # each version of the feed preserved once
        assert {p.acquisition.method for p in repository.evidence_sources()} == {"watch-http"}


def test_page_without_validators_is_unchanged_when_its_bytes_are(server, collect_settings):
    server.route("/statement.html", html_page("Statement", "Officials denied that any clash took place in Panjshir."))
    plan = WatchPlan(pages=[server.url("/statement.html")])
    assert _round(collect_settings, plan)[0].counts["stored"] == 1
    summary, items, _ = _round(collect_settings, plan)
    assert summary.counts == {"unchanged": 1} and items[0]["reason"] == "same content as the last round"


def test_errors_are_logged_per_source_and_the_round_goes_on(server, collect_settings):
    server.route("/not-a-feed", html_page("Hello", "Just a page about the weather in Kabul."))
    server.route("/feed.xml", rss_feed(ITEMS[:1]), content_type="application/rss+xml")
    plan = WatchPlan(feeds=[server.url("/missing.xml"), server.url("/not-a-feed"), server.url("/feed.xml")])
    summary, items, run = _round(collect_settings, plan)
    assert run.status == "completed_with_errors" and summary.counts["stored"] == 1
    failures = {item["source"]: item["reason"] for item in items if item["status"] == "failed"}
    assert failures[server.url("/missing.xml")] == "HTTP 404 Not Found"
    assert "not an RSS or Atom feed" in failures[server.url("/not-a-feed")]
    with open_repository(collect_settings.db_path) as repository:
        state = repository.watch_target(server.url("/missing.xml"))
        not_feed = repository.watch_target(server.url("/not-a-feed"))
    assert state.last_status == "failed" and state.last_error == "HTTP 404 Not Found"
    assert not_feed.last_status == "failed" and "not an RSS or Atom feed" in not_feed.last_error


def test_folder_watch_reads_new_files_once(tmp_path, collect_settings):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "report.txt").write_text("Synthetic example. Taliban forces detained six villagers in Andarab.", "utf-8")
    plan = WatchPlan(folders=[inbox])
    assert _round(collect_settings, plan)[0].counts["stored"] == 1
    summary, items, _ = _round(collect_settings, plan)
    assert summary.counts == {"unchanged": 1} and items == []  # not read again
    (inbox / "dropped.pdf").write_bytes(builders.text_pdf([builders.PAGE_ONE, builders.PAGE_TWO]))
    shutil.copytree(TELEGRAM_EXPORT, inbox / "ChatExport_2023-05-04")
    summary, items, _ = _round(collect_settings, plan)
    stored_sources = {item["source"] for item in items if item["status"] == "stored"}
    assert str(inbox / "dropped.pdf") in stored_sources
    assert any("ChatExport_2023-05-04" in source and "#post=" in source for source in stored_sources)
    assert summary.counts["unchanged"] == 1  # report.txt, by its size and mtime
    with open_repository(collect_settings.db_path) as repository:
        methods = {p.acquisition.method for p in repository.evidence_sources()}
        assert repository.watched_file(str((inbox / "dropped.pdf").resolve())).status == "stored"
    assert methods == {"watch-file"}


def test_cli_watch_once_and_bad_arguments(server, collect_settings, monkeypatch):
    monkeypatch.setenv("SITROOM_FETCH_HOST_INTERVAL_MS", "0")
    server.route("/feed.xml", rss_feed(ITEMS), content_type="application/rss+xml")
    db = str(collect_settings.db_path)
    ok = runner.invoke(cli, ["watch", "--feed", server.url("/feed.xml"), "--once", "--db", db])
    assert ok.exit_code == 0, ok.output
    assert "2 stored" in " ".join(ok.output.split())
    failing = runner.invoke(cli, ["watch", "--page", server.url("/gone"), "--once", "--db", db])
    assert failing.exit_code == 1 and "HTTP 404" in failing.output
    assert runner.invoke(cli, ["watch", "--once", "--db", db]).exit_code == 2
    wrong = runner.invoke(cli, ["watch", "--feed", "ftp://x/feed", "--once", "--db", db])
    assert wrong.exit_code == 2 and "not an http(s) URL" in wrong.output


def test_follow_links_fetches_each_new_entrys_article_once(server, collect_settings):
    def feed_of(ids):
        return rss_feed([(i, f"Entry {i}", f"Summary {i}.") for i in ids]).replace(
            "http://example.invalid/", server.url("/articles/"))

    route = server.route("/feed.xml", feed_of(["a1", "a2"]), content_type="application/rss+xml")
    for number, place in (("a1", "Dara district"), ("a2", "Andarab district"), ("a3", "Khost province")):
        server.route(f"/articles/{number}", html_page(f"Article {number}", f"Fighting was reported in {place}."))
    plan = WatchPlan(feeds=[server.url("/feed.xml")], follow_links=True)
    first, _, _ = _round(collect_settings, plan)
    assert first.counts["stored"] == 4  # two entries and their two articles
    route.body = feed_of(["a1", "a2", "a3"]).encode()
    route.headers["Content-Length"] = str(len(route.body))
    requests_before = len(server.requests)
    second, items, _ = _round(collect_settings, plan)
    fetched = [path for path, _ in server.requests[requests_before:] if path != "/robots.txt"]
    assert fetched == ["/feed.xml", "/articles/a3"]  # a1 and a2 are not fetched again
    assert second.counts["stored"] == 2  # entry a3 and its article
    with open_repository(collect_settings.db_path) as repository:
        assert repository.watch_target(server.url("/articles/a3")).kind == "entry"
