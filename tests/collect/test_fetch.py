"""Fetching URLs from a local server: redirects recorded, robots.txt, limits, and one clear error each."""

from __future__ import annotations

import gzip

import pytest

from sitroom.ingest.fetch import Fetcher, FetchError, HostRateLimiter
from sitroom.ingest.web import read_response
from sitroom.ingest.records import IngestProblem, IngestRecord
from tests.collect import builders
from tests.collect.conftest import html_page, rss_feed

ARTICLE = html_page("Checkpoint attack", "Taliban forces detained six villagers in Andarab district of Baghlan province.")


def test_redirects_are_followed_and_recorded(server, collect_settings):
    server.route("/article.html", ARTICLE)
    server.redirect("/old", "/moved", 301)
    server.redirect("/moved", server.url("/article.html"), 302)
    with Fetcher(collect_settings) as fetcher:
        result = fetcher.fetch(server.url("/old"))
    assert result.status == 200 and result.final_url == server.url("/article.html")
    assert result.redirects == [[301, server.url("/moved")], [302, server.url("/article.html")]]
    assert [exchange.status for exchange in result.exchanges] == [301, 302, 200]
    assert result.body == ARTICLE.encode()
    assert server.paths_requested()[0] == "/robots.txt"  # robots first, once per host
    assert server.paths_requested().count("/robots.txt") == 1


def test_fetched_page_becomes_a_document_with_its_url(server, collect_settings):
    server.route("/article.html", ARTICLE)
    with Fetcher(collect_settings) as fetcher:
        result = fetcher.fetch(server.url("/article.html"))
    [record] = list(read_response(result, collect_settings))
    assert isinstance(record, IngestRecord)
    document = record.document
    assert document.source_path == server.url("/article.html") and document.url == server.url("/article.html")
    assert document.ingest_format == "html" and "Andarab" in document.text
    assert document.retrieved_at == result.retrieved_at
    assert document.metadata["fetch"]["status"] == 200


def test_pdf_and_docx_by_content_type(server, collect_settings):
    server.route("/r", builders.text_pdf([builders.PAGE_ONE, builders.PAGE_TWO]), content_type="application/pdf")
    server.route("/d", builders.docx_file([builders.PAGE_THREE]),
                 content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    with Fetcher(collect_settings) as fetcher:
        [pdf] = list(read_response(fetcher.fetch(server.url("/r")), collect_settings))
        [docx] = list(read_response(fetcher.fetch(server.url("/d")), collect_settings))
    assert pdf.document.ingest_format == "pdf" and len(pdf.document.page_starts) == 2
    assert docx.document.ingest_format == "docx" and builders.PAGE_THREE in docx.document.text


@pytest.mark.parametrize("path, words", [
    ("/missing", "HTTP 404"),
    ("/private/secret.html", "robots.txt of 127.0.0.1"),
    ("/broken", "HTTP 500"),
])
def test_http_errors_name_the_url(server, collect_settings, path, words):
    server.route("/private/secret.html", ARTICLE)
    server.route("/broken", "oops", status=500)
    with Fetcher(collect_settings) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(server.url(path))
    assert caught.value.source == server.url(path) and words in caught.value.problem
    assert str(caught.value).startswith(server.url(path))
    if "robots" in words:
        assert "/private/secret.html" not in server.paths_requested()  # never asked for


def test_redirect_into_a_disallowed_path_is_refused(server, collect_settings):
    server.route("/private/secret.html", ARTICLE)
    server.redirect("/go", "/private/secret.html")
    with Fetcher(collect_settings) as fetcher, pytest.raises(FetchError, match="redirect to .*disallows"):
        fetcher.fetch(server.url("/go"))


def test_unreachable_robots_txt_disallows(server, collect_settings):
    server.route("/robots.txt", "down", status=503, content_type="text/plain")
    server.route("/article.html", ARTICLE)
    with Fetcher(collect_settings) as fetcher, pytest.raises(FetchError, match="robots.txt answered HTTP 503"):
        fetcher.fetch(server.url("/article.html"))


def test_timeouts_slow_headers_and_slow_bodies(server, collect_settings):
    server.route("/slow", ARTICLE, delay=10)
    server.route("/trickle", ARTICLE * 4, trickle=0.4)
    settings = collect_settings.with_overrides(fetch_timeout_seconds=1)
    with Fetcher(settings) as fetcher:
        for path in ("/slow", "/trickle"):
            with pytest.raises(FetchError, match="timed out after 1 s") as caught:
                fetcher.fetch(server.url(path))
            assert caught.value.source == server.url(path)


def test_oversized_downloads_stop(server, collect_settings):
    settings = collect_settings.with_overrides(fetch_max_bytes=1000)
    server.route("/big", "x" * 5000, content_type="text/plain")
    server.route("/big-unannounced", handler=lambda h: _chunked(h, b"y" * 5000))
    server.route("/bomb", gzip.compress(b"z" * 50_000), content_type="text/plain", headers={"Content-Encoding": "gzip"})
    with Fetcher(settings) as fetcher:
        for path in ("/big", "/big-unannounced", "/bomb"):
            with pytest.raises(FetchError, match="larger than fetch_max_bytes=1000"):
                fetcher.fetch(server.url(path))


def _chunked(handler, body: bytes) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    for start in range(0, len(body), 500):
        chunk = body[start:start + 500]
        handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    handler.wfile.write(b"0\r\n\r\n")


def test_gzip_bodies_are_decoded_and_kept_raw_for_the_warc(server, collect_settings):
    server.route("/z", gzip.compress(ARTICLE.encode()), headers={"Content-Encoding": "gzip"})
    with Fetcher(collect_settings) as fetcher:
        result = fetcher.fetch(server.url("/z"))
    assert result.body == ARTICLE.encode()
    assert gzip.decompress(result.exchanges[-1].raw_body) == ARTICLE.encode()


def test_not_a_feed_when_a_feed_was_expected(server, collect_settings):
    server.route("/feed.xml", rss_feed([("a1", "Clash", "Fighting was reported in Panjshir.")]),
                 content_type="application/rss+xml")
    server.route("/page", ARTICLE)
    server.route("/data.xml", "<?xml version='1.0'?><data><row>1</row></data>", content_type="application/xml")
    with Fetcher(collect_settings) as fetcher:
        feed = list(read_response(fetcher.fetch(server.url("/feed.xml")), collect_settings, expect_feed=True))
        [not_feed] = list(read_response(fetcher.fetch(server.url("/page")), collect_settings, expect_feed=True))
        [xml] = list(read_response(fetcher.fetch(server.url("/data.xml")), collect_settings))
    assert [type(item) for item in feed] == [IngestRecord]
    assert feed[0].document.publisher == "Synthetic Monitor"
    for problem in (not_feed, xml):
        assert isinstance(problem, IngestProblem) and problem.status == "failed"
        assert "not an RSS or Atom feed" in problem.reason
    assert not_feed.source == server.url("/page")


def test_conditional_request_gets_304(server, collect_settings):
    server.route("/article.html", ARTICLE, etag='"v1"')
    with Fetcher(collect_settings) as fetcher:
        first = fetcher.fetch(server.url("/article.html"))
        again = fetcher.fetch(server.url("/article.html"), etag=first.headers["etag"])
    assert first.status == 200 and again.not_modified and again.body == b""
    assert server.requests[-1][1].get("If-None-Match") == '"v1"'


def test_only_http_urls(collect_settings):
    with Fetcher(collect_settings) as fetcher, pytest.raises(FetchError, match="only http:// and https://"):
        fetcher.fetch("file:///etc/passwd")


def test_rate_limit_spaces_requests_per_host():
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(round(seconds, 3))
        now[0] += seconds

    limiter = HostRateLimiter(2.0, clock=lambda: now[0], sleep=sleep)
    limiter.wait("a.example")
    now[0] += 0.5
    limiter.wait("a.example")  # 1.5 s still to wait
    limiter.wait("b.example")  # another host: no wait
    limiter.wait("a.example", at_least=5.0)  # a Crawl-delay of 5 s wins
    assert slept == [1.5, 5.0]


def test_crawl_delay_is_read_from_robots(server, collect_settings):
    server.route("/robots.txt", "User-agent: sitroom\nCrawl-delay: 7\n", content_type="text/plain")
    with Fetcher(collect_settings) as fetcher:
        assert fetcher.robots.crawl_delay(server.url("/x")) == 7.0


def test_robots_rules_are_read_again_after_a_day():
    from sitroom.ingest.robots import CACHE_SECONDS, RobotsRules

    now = [0.0]
    answers = iter([(200, "User-agent: *\nDisallow: /\n"), (404, "")])
    rules = RobotsRules(lambda url: next(answers), "sitroom/0.1", clock=lambda: now[0])
    assert "disallows" in rules.verdict("http://a.example/page")
    now[0] += CACHE_SECONDS / 2
    assert "disallows" in rules.verdict("http://a.example/page")  # cached
    now[0] += CACHE_SECONDS
    assert rules.verdict("http://a.example/page") is None  # robots.txt gone: everything allowed
