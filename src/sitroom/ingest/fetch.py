"""Fetching URLs politely and verifiably: timeouts, size limits, redirects recorded, robots.txt, rate limits.

``Fetcher.fetch(url)`` returns a FetchResult holding every HTTP exchange (each redirect hop
too) so that a WARC record can be written of it, or raises FetchError naming the URL and the
problem (404, timeout, too large, disallowed by robots.txt, ...). Redirects are followed by
hand so that each hop is checked against robots.txt and kept.
"""

from __future__ import annotations

import datetime as dt
import time
import zlib
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urljoin, urlsplit

import httpx

from sitroom.config import Settings
from sitroom.ingest.robots import RobotsRules
from sitroom.ingest.urls import FetchError, is_url

__all__ = ["FetchError", "FetchResult", "Fetcher", "HostRateLimiter", "HttpExchange", "is_url"]
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ROBOTS_MAX_BYTES = 500 * 1024


@dataclass(slots=True)
class HttpExchange:
    """One request and its response, as sent and received (the body with content-encoding removed)."""

    url: str
    method: str
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    http_version: str
    response_headers: list[tuple[str, str]]
    body: bytes
    at: dt.datetime
    raw_body: bytes | None = None  # as received, when a content-encoding was removed from ``body``


@dataclass(slots=True)
class FetchResult:
    """What fetching one URL gave: the final response, the redirect chain and every exchange."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]  # of the final response, names lower-case
    body: bytes
    retrieved_at: dt.datetime
    redirects: list[list] = field(default_factory=list)  # [status, absolute location] per hop
    exchanges: list[HttpExchange] = field(default_factory=list)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def media_type(self) -> str | None:
        value = self.headers.get("content-type", "")
        return value.split(";", 1)[0].strip().lower() or None


class HostRateLimiter:
    """Waits so that two requests to one host are at least ``interval`` seconds apart."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:  # fmt: skip
        self.interval = interval
        self.clock = clock
        self.sleep = sleep
        self._last: dict[str, float] = {}

    def wait(self, host: str, at_least: float = 0.0) -> None:
        """Sleep until ``host`` may be asked again (``at_least`` raises the gap, e.g. a Crawl-delay)."""
        gap = max(self.interval, at_least)
        last = self._last.get(host)
        if last is not None:
            delay = gap - (self.clock() - last)
            if delay > 0:
                self.sleep(delay)
        self._last[host] = self.clock()


class Fetcher:
    """An HTTP client for sources: one per run, closed with ``close()`` (or use it as a context manager)."""

    def __init__(self, settings: Settings, *, transport: httpx.BaseTransport | None = None,
                 limiter: HostRateLimiter | None = None) -> None:  # fmt: skip
        self.settings = settings
        timeout = float(settings.fetch_timeout_seconds)
        self.client = httpx.Client(
            timeout=httpx.Timeout(timeout), follow_redirects=False, transport=transport,
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "identity"},
        )  # fmt: skip
        self.limiter = limiter or HostRateLimiter(settings.fetch_host_interval_ms / 1000)
        self.robots = RobotsRules(self._get_robots, settings.user_agent)

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET ``url``, following and recording redirects; a conditional request when validators are given.

        Returns the final response (status 2xx, or 304 when the validators still match).
        Raises FetchError for anything else, naming the URL.
        """
        _check_scheme(url, url)
        conditional = {"If-None-Match": etag} if etag else {}
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        redirects: list[list] = []
        exchanges: list[HttpExchange] = []
        current = url
        for _hop in range(self.settings.fetch_max_redirects + 1):
            self._check_robots(url, current)
            exchange = self._exchange(url, current, conditional)
            exchanges.append(exchange)
            location = _header(exchange.response_headers, "location")
            if exchange.status in REDIRECT_STATUSES and location:
                current = urljoin(current, location)
                _check_scheme(url, current)
                redirects.append([exchange.status, current])
                continue
            return self._result(url, current, exchange, redirects, exchanges)
        raise FetchError(url, f"more than fetch_max_redirects={self.settings.fetch_max_redirects} redirects "
                         f"(last to {current})")  # fmt: skip

    def _result(self, url: str, final: str, exchange: HttpExchange, redirects: list, exchanges: list) -> FetchResult:
        if exchange.status >= 400 or (exchange.status >= 300 and exchange.status != 304):
            where = f" (after redirects to {final})" if redirects else ""
            raise FetchError(url, f"HTTP {exchange.status} {exchange.reason}{where}".rstrip())
        headers = {name.lower(): value for name, value in exchange.response_headers}
        return FetchResult(url, final, exchange.status, headers, exchange.body, exchange.at, redirects, exchanges)

    def _check_robots(self, url: str, current: str) -> None:
        verdict = self.robots.verdict(current)
        if verdict is not None:
            raise FetchError(url, verdict if current == url else f"redirect to {current}: {verdict}")

    def _exchange(self, url: str, current: str, extra_headers: dict[str, str]) -> HttpExchange:
        """Send one GET (after the host's rate-limit gap) and read its body within the limits."""
        host = urlsplit(current).netloc.lower()
        self.limiter.wait(host, self.robots.crawl_delay(current))
        request = self.client.build_request("GET", current, headers=extra_headers)
        started = time.monotonic()
        at = dt.datetime.now(dt.timezone.utc)
        try:
            response = self.client.send(request, stream=True)
            try:
                raw = self._read_raw(url, response, started)
            finally:
                response.close()
        except httpx.TimeoutException:
            raise FetchError(url, f"timed out after {self.settings.fetch_timeout_seconds} s (fetch_timeout_seconds)") from None
        except httpx.HTTPError as error:
            raise FetchError(url, f"cannot fetch {current}: {type(error).__name__}: {error}") from None
        body = _decode_content(url, response.headers.get("content-encoding", ""), raw, self.settings.fetch_max_bytes)
        return HttpExchange(
            current, "GET", list(request.headers.items()), response.status_code, response.reason_phrase,
            response.http_version, [(k, v) for k, v in response.headers.multi_items()
                                    if k.lower() != "transfer-encoding"], body, at, raw if raw is not body else None,
        )  # fmt: skip

    def _read_raw(self, url: str, response: httpx.Response, started: float) -> bytes:
        """Read the body, stopping at fetch_max_bytes and at the whole-download deadline."""
        limit = self.settings.fetch_max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"response is {declared} bytes, larger than fetch_max_bytes={limit}")
        chunks, size = [], 0
        for chunk in response.iter_raw():
            size += len(chunk)
            if size > limit:
                raise FetchError(url, f"response is larger than fetch_max_bytes={limit}; download stopped")
            if time.monotonic() - started > self.settings.fetch_timeout_seconds:
                raise FetchError(url, f"timed out after {self.settings.fetch_timeout_seconds} s "
                                 "(the server sent the body too slowly)")  # fmt: skip
            chunks.append(chunk)
        return b"".join(chunks)

    def _get_robots(self, robots_url: str) -> tuple[int | None, str]:
        """Return (status, text) of a robots.txt (status None when it could not be fetched at all)."""
        host = urlsplit(robots_url).netloc.lower()
        self.limiter.wait(host)
        data = b""
        try:
            with self.client.stream("GET", robots_url, follow_redirects=True) as response:
                for chunk in response.iter_bytes():
                    data += chunk
                    if len(data) > ROBOTS_MAX_BYTES:  # RFC 9309: parse at least 500 KiB, ignore the rest
                        break
        except httpx.HTTPError:
            return None, ""
        return response.status_code, data[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")


def _check_scheme(url: str, target: str) -> None:
    if not is_url(target):
        raise FetchError(url, f"only http:// and https:// URLs are fetched, not {target!r}")


def _header(headers: list[tuple[str, str]], name: str) -> str | None:
    return next((value for key, value in headers if key.lower() == name), None)


def _decode_content(url: str, encoding: str, raw: bytes, limit: int) -> bytes:
    """Undo gzip/deflate content-encoding (bounded, so a decompression bomb stops at ``limit``)."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return raw
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(url, f"unsupported Content-Encoding {encoding!r}")
    decoder = zlib.decompressobj(zlib.MAX_WBITS | 32 if encoding != "deflate" else zlib.MAX_WBITS)
    try:
        body = decoder.decompress(raw, limit + 1)
    except zlib.error as error:
        raise FetchError(url, f"damaged {encoding} body: {error}") from None
    if len(body) > limit:
        raise FetchError(url, f"decoded response is larger than fetch_max_bytes={limit}")
    return body
