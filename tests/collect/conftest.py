"""A local HTTP server on 127.0.0.1 (a free port) with the routes the collect tests fetch.

Routes are set per test (``server.route(path, ...)``); every request is logged with its
headers so tests can check conditional requests, robots.txt and redirects.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

import pytest

from sitroom.config import Settings


@dataclass
class Route:
    """What the server answers for one path: status, headers, body, and optional behaviour."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # answer 304 to a matching If-None-Match
    delay: float = 0.0  # seconds before the status line
    trickle: float = 0.0  # seconds between body chunks of 64 bytes (a slow body)
    gate: threading.Event | None = None  # wait for the test to open it before answering
    handler: Callable[["_Handler"], None] | None = None


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # keep test output clean
        pass

    def do_GET(self):  # noqa: N802 (http.server's name)
        server: LocalServer = self.server.owner  # type: ignore[attr-defined]
        server.requests.append((self.path, dict(self.headers.items())))
        route = server.routes.get(self.path.split("?", 1)[0])
        if route is None:
            return self._send(404, b"not found", {"Content-Type": "text/plain"})
        if route.gate is not None:
            route.gate.wait(timeout=60)
        if route.delay:
            server.stopping.wait(route.delay)
        if route.handler is not None:
            return route.handler(self)
        if route.etag and self.headers.get("If-None-Match") == route.etag:
            return self._send(304, b"", {"ETag": route.etag})
        headers = dict(route.headers)
        if route.etag:
            headers["ETag"] = route.etag
        self._send(route.status, route.body, headers, route.trickle)

    def _send(self, status: int, body: bytes, headers: dict[str, str], trickle: float = 0.0) -> None:
        self.send_response(status)
        headers.setdefault("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if status == 304:
            return
        try:
            if not trickle:
                self.wfile.write(body)
                return
            for start in range(0, len(body), 64):
                self.wfile.write(body[start:start + 64])
                self.wfile.flush()
                if self.server.owner.stopping.wait(trickle):  # type: ignore[attr-defined]
                    return
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (size limit, timeout): that is what some tests want


class LocalServer:
    """A threaded HTTP server on 127.0.0.1 and a free port; ``url(path)`` gives absolute URLs."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.stopping = threading.Event()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.owner = self  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, body: bytes | str = b"", content_type: str = "text/html; charset=utf-8", **options) -> Route:
        data = body.encode("utf-8") if isinstance(body, str) else body
        headers = {"Content-Type": content_type, **options.pop("headers", {})}
        self.routes[path] = Route(body=data, headers=headers, **options)
        return self.routes[path]

    def redirect(self, path: str, target: str, status: int = 301) -> None:
        self.routes[path] = Route(status=status, headers={"Location": target, "Content-Type": "text/plain"})

    def paths_requested(self) -> list[str]:
        return [path for path, _ in self.requests]

    def start(self) -> "LocalServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        for route in self.routes.values():
            if route.gate is not None:
                route.gate.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    local = LocalServer().start()
    local.route("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    yield local
    local.stop()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db_path=tmp_path / "test.db")


@pytest.fixture
def collect_settings(tmp_path: Path) -> Settings:
    """Settings for fetching from the local server fast: no rate-limit gap, short timeout, small limit."""
    return Settings(db_path=tmp_path / "collect.db", fetch_timeout_seconds=2, fetch_host_interval_ms=0,
                    fetch_max_bytes=200_000, analyst="tester")  # fmt: skip


HTML_PAGE = """<!doctype html><html><head><title>{title}</title></head><body><article>
<h1>{title}</h1>
<p>Synthetic example. {body}</p>
<p>The report was published by a fictional monitoring group for sitroom's tests.</p>
</article></body></html>"""

RSS_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Synthetic Monitor</title><link>http://example.invalid/</link>
{items}
</channel></rss>"""

RSS_ITEM = """<item><title>{title}</title><link>http://example.invalid/{guid}</link><guid>{guid}</guid>
<pubDate>Wed, 03 May 2023 08:00:00 GMT</pubDate><description>Synthetic example. {body}</description></item>"""


def html_page(title: str, body: str) -> str:
    return HTML_PAGE.format(title=title, body=body)


def rss_feed(items: list[tuple[str, str, str]]) -> str:
    """Return an RSS feed of (guid, title, body) items."""
    return RSS_FEED.format(items="\n".join(RSS_ITEM.format(guid=g, title=t, body=b) for g, t, b in items))


def wait_for(condition: Callable[[], bool], timeout: float = 120.0) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` seconds pass (generous: the machine is shared)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()
