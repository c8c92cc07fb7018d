"""robots.txt rules per host (urllib.robotparser), fetched once per host and run, as RFC 9309 says.

A robots.txt that is missing (4xx) allows everything; one that cannot be reached (5xx, network
error) disallows everything. Rules are kept for a day (RFC 9309's longest cache), then read again,
so a long-running watcher follows a site's changes.
"""

from __future__ import annotations

import time
from typing import Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

RobotsGetter = Callable[[str], tuple[int | None, str]]  # robots URL -> (status or None, text)
CACHE_SECONDS = 24 * 3600


class RobotsRules:
    """Answers "may sitroom fetch this URL?" from each host's robots.txt."""

    def __init__(self, get: RobotsGetter, user_agent: str, clock: Callable[[], float] = time.monotonic) -> None:
        self.get = get
        self.agent = user_agent.split("/", 1)[0].strip() or "sitroom"  # the product token
        self.clock = clock
        self._parsers: dict[str, tuple[float, RobotFileParser | None, str | None]] = {}

    def _rules(self, url: str) -> tuple[RobotFileParser | None, str | None]:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        cached = self._parsers.get(origin)
        if cached is None or self.clock() - cached[0] > CACHE_SECONDS:
            cached = (self.clock(), *self._load(origin + "/robots.txt"))
            self._parsers[origin] = cached
        return cached[1], cached[2]

    def _load(self, robots_url: str) -> tuple[RobotFileParser | None, str | None]:
        status, text = self.get(robots_url)
        if status is None or status >= 500:
            why = "could not be fetched" if status is None else f"answered HTTP {status}"
            return None, f"{robots_url} {why}; not fetching until it can be read (RFC 9309)"
        parser = RobotFileParser(robots_url)
        parser.parse(text.splitlines() if 200 <= status < 300 else [])
        return parser, None

    def verdict(self, url: str) -> str | None:
        """Return None when ``url`` may be fetched, else the reason it may not."""
        parser, unreachable = self._rules(url)
        if parser is None:
            return unreachable
        if not parser.can_fetch(self.agent, url):
            return f"robots.txt of {urlsplit(url).netloc} disallows {urlsplit(url).path or '/'} for {self.agent}"
        return None

    def crawl_delay(self, url: str) -> float:
        """Return the host's Crawl-delay for sitroom in seconds (0 when none is set)."""
        parser, _ = self._rules(url)
        delay = parser.crawl_delay(self.agent) if parser is not None else None
        try:
            return float(delay) if delay else 0.0
        except (TypeError, ValueError):
            return 0.0
