"""Watching sources: poll feeds and pages (conditional requests), scan folders, ingest what is new.

Every round is one ingest run (command "watch") with an item per source looked at. What the
watcher knows between rounds (ETag / Last-Modified and body hash per URL; size, mtime and hash
per file) is kept in the database, so a restarted watcher neither re-fetches unchanged pages
nor re-reads unchanged files. Documents are committed one by one and recognised by hash, so a
round killed at any point re-ingests nothing twice.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sitroom.evidence import capture
from sitroom.evidence.blobs import sha256_of_file
from sitroom.ingest.dispatch import discover_inputs
from sitroom.ingest.urls import FetchError, is_url
from sitroom.ingest.records import IngestProblem
from sitroom.store.evidence_records import WatchedFile, WatchTarget
from sitroom.store.rows import utc_now


@dataclass(slots=True)
class WatchPlan:
    """What to watch: feed URLs, page URLs and folders."""

    feeds: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)
    follow_links: bool = False  # also fetch the article each new feed entry links to (once)

    def is_empty(self) -> bool:
        return not (self.feeds or self.pages or self.folders)


class Watcher:
    """Runs watch rounds for one pipeline and repository; ``run_round`` is one pass over the plan."""

    def __init__(self, pipeline, repository, plan: WatchPlan, *, fetcher=None, defaults=None) -> None:
        from sitroom.pipeline import DocumentDefaults

        self.pipeline = pipeline
        self.repository = repository
        self.plan = plan
        self.defaults = defaults or DocumentDefaults()
        self._fetcher = fetcher

    @property
    def fetcher(self):
        if self._fetcher is None:
            from sitroom.ingest.fetch import Fetcher

            self._fetcher = Fetcher(self.pipeline.settings)
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()

    def run(self, *, once: bool = False, interval: float | None = None, rounds: int | None = None,
            on_round: Callable | None = None, sleep: Callable[[float], None] = time.sleep) -> int:  # fmt: skip
        """Run rounds until stopped (or one with ``once``, or ``rounds``); return how many ran."""
        pause = self.pipeline.settings.watch_interval_seconds if interval is None else interval
        done = 0
        while True:
            summary = self.run_round()
            done += 1
            if on_round is not None:
                on_round(summary)
            if once or (rounds is not None and done >= rounds):
                return done
            sleep(pause)

    def run_round(self, command_line: list[str] | None = None):
        """Poll every URL and scan every folder once; return the round's IngestSummary."""
        from sitroom.pipeline import IngestSummary

        summary = IngestSummary()
        arguments = command_line or [*self.plan.feeds, *self.plan.pages, *map(str, self.plan.folders)]
        summary.run_id = self.repository.begin_run("watch", arguments, self.pipeline.settings.analyst)
        keeper = capture.keeper_for(self.pipeline.settings, self.repository)
        status = "failed"
        try:
            for url in self.plan.feeds:
                self._poll(url, "feed", summary, keeper)
            for url in self.plan.pages:
                self._poll(url, "page", summary, keeper)
            for folder in self.plan.folders:
                self._scan(Path(folder), summary, keeper)
            self.pipeline.resolve_run(self.repository, summary)
            status = "completed_with_errors" if summary.failed else "completed"
        finally:
            self.repository.finish_run(summary.run_id, status, dict(summary.counts))
        return summary

    def _poll(self, url: str, kind: str, summary, keeper) -> None:
        """Fetch one URL conditionally; ingest its body when it changed."""
        state = self.repository.watch_target(url) or WatchTarget(url, kind)
        try:
            result = self.fetcher.fetch(url, etag=state.etag, last_modified=state.last_modified)
        except FetchError as error:
            self._save(state, last_status="failed", last_error=error.problem)
            self.pipeline.record_problem(self.repository, summary, IngestProblem(url, "failed", error.problem))
            return
        if result.not_modified:
            self._save(state, last_status="not-modified", last_error=None)
            self._unchanged(summary, url, "not modified since the last round (HTTP 304)")
            return
        digest = hashlib.sha256(result.body).hexdigest()
        validators = {"etag": result.headers.get("etag"), "last_modified": result.headers.get("last-modified")}
        if digest == state.content_sha256:
            self._save(state, **validators, last_status="unchanged", last_error=None)
            self._unchanged(summary, url, "same content as the last round")
            return
        problems_before = len(summary.problems)
        self.pipeline.ingest_url(url, self.repository, summary, self.defaults, keeper, self.fetcher,
                                 expect_feed=kind == "feed", method="watch-http", result=result)  # fmt: skip
        failed = [p for p in summary.problems[problems_before:] if p.status == "failed"]
        # The same body is not read again next round, so a body that failed is remembered as failed.
        self._save(state, **validators, content_sha256=digest, last_status="failed" if failed else "new",
                   last_error=failed[0].reason if failed else None)  # fmt: skip
        if kind == "feed" and self.plan.follow_links and not failed:
            self._follow_entries(result.body, summary, keeper)

    def _follow_entries(self, feed: bytes, summary, keeper) -> None:
        """Fetch, once each, the articles the feed's entries link to (robots and rate limits apply)."""
        from sitroom.ingest.web import feed_entry_links

        for link in feed_entry_links(feed):
            if is_url(link) and self.repository.watch_target(link) is None:
                self._poll(link, "entry", summary, keeper)

    def _save(self, state: WatchTarget, **changes) -> None:
        self.repository.save_watch_target(dataclasses.replace(state, last_checked=utc_now(), **changes))

    def _unchanged(self, summary, source: str, reason: str) -> None:
        summary.add("unchanged")
        self.repository.record_item(summary.run_id, source, "unchanged", reason, None)

    def _scan(self, folder: Path, summary, keeper) -> None:
        """Read the files of ``folder`` that are new or changed since they were last read."""
        if not folder.is_dir():
            problem = IngestProblem(str(folder), "failed", "watched folder does not exist or is not a folder")
            self.pipeline.record_problem(self.repository, summary, problem)
            return
        for item in discover_inputs([folder]):
            if isinstance(item, IngestProblem):
                self.pipeline.record_problem(self.repository, summary, item)
                continue
            self._scan_file(item, summary, keeper)

    def _scan_file(self, path: Path, summary, keeper) -> None:
        resolved = str(path.resolve())
        try:
            stat = path.stat()
        except OSError:
            return  # gone since the folder was listed; the next round sees what is there
        seen = self.repository.watched_file(resolved)
        if seen is not None and (seen.size, seen.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
            summary.add("unchanged")
            return
        digest = sha256_of_file(path)
        if seen is not None and seen.sha256 == digest:
            self.repository.save_watched_file(dataclasses.replace(seen, size=stat.st_size, mtime_ns=stat.st_mtime_ns))
            summary.add("unchanged")
            return
        before = dict(summary.counts)
        self.pipeline.ingest_file(path, self.repository, summary, self.defaults, keeper, method="watch-file")
        outcome = next((s for s in ("failed", "stored", "unchanged", "skipped") if summary.counts[s] > before.get(s, 0)),
                       "unchanged")  # fmt: skip
        self.repository.save_watched_file(WatchedFile(resolved, stat.st_size, stat.st_mtime_ns, digest, outcome))
