"""Commands that collect and preserve sources: fetch, watch, verify, evidence."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from sitroom.cli.common import DbOption, QuietOption, error_console, open_store, prepare_for_batch, settings_for, user_errors
from sitroom.cli.output import console, ingest_progress, print_ingest_summary
from sitroom.pipeline import DocumentDefaults, Pipeline

UrlsArgument = Annotated[list[str], typer.Argument(help="http:// or https:// URLs to fetch.", show_default=False)]
SourceKindOption = Annotated[Optional[str], typer.Option("--source-kind", help="news, claim, official, ngo or social.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


def _defaults(source_kind: str | None) -> DocumentDefaults:
    from sitroom.cli.ingest_commands import _defaults as ingest_defaults

    return ingest_defaults(None, source_kind, None)


def fetch(urls: UrlsArgument, db: DbOption = None, source_kind: SourceKindOption = None, quiet: QuietOption = False) -> None:
    """Fetch URLs (robots.txt, rate limits, redirects recorded), keep a WARC record of each, ingest them."""
    from sitroom.ingest.urls import is_url

    bad = [url for url in urls if not is_url(url)]
    if bad:
        error_console.print(f"[bold red]error:[/] not an http(s) URL: {', '.join(bad)}", highlight=False)
        raise typer.Exit(2)
    settings = settings_for(db)
    pipeline = Pipeline.from_config(settings)
    prepare_for_batch(pipeline)
    with open_store(db, create=True) as repository, user_errors(), ingest_progress(quiet) as progress:
        summary = pipeline.ingest(list(urls), repository, defaults=_defaults(source_kind), command="fetch",
                                  command_line=sys.argv[1:], on_progress=progress)  # fmt: skip
    print_ingest_summary(summary, quiet=quiet)
    if summary.failed:
        raise typer.Exit(1)


def watch(
    feed: Annotated[Optional[list[str]], typer.Option("--feed", help="RSS/Atom feed URL to poll (repeatable).")] = None,
    page: Annotated[Optional[list[str]], typer.Option("--page", help="Web page URL to poll (repeatable).")] = None,
    folder: Annotated[Optional[list[Path]], typer.Option("--folder", help="Folder to watch for new files (repeatable).")] = None,
    interval: Annotated[Optional[int], typer.Option("--interval", help="Seconds between rounds (default: watch_interval_seconds).")] = None,
    once: Annotated[bool, typer.Option("--once", help="Run one round and exit.")] = False,
    follow_links: Annotated[bool, typer.Option("--follow-links", help="Also fetch each new feed entry's article, once.")] = False,
    db: DbOption = None,
    source_kind: SourceKindOption = None,
    quiet: QuietOption = False,
) -> None:
    """Poll feeds and pages (conditional requests) and watch folders; ingest what is new, every round logged."""
    from sitroom.ingest.watch import Watcher, WatchPlan

    plan = _checked_plan(WatchPlan(list(feed or []), list(page or []), list(folder or []), follow_links))
    settings = settings_for(db)
    pipeline = Pipeline.from_config(settings)
    prepare_for_batch(pipeline)
    failed = False

    def report(summary) -> None:
        nonlocal failed
        failed = failed or summary.failed
        print_ingest_summary(summary, quiet=quiet)

    with open_store(db, create=True) as repository, user_errors():
        watcher = Watcher(pipeline, repository, plan, defaults=_defaults(source_kind))
        try:
            watcher.run(once=once, interval=interval, on_round=report)
        except KeyboardInterrupt:
            error_console.print("watch stopped", highlight=False)
        finally:
            watcher.close()
    if once and failed:
        raise typer.Exit(1)


def _checked_plan(plan):
    """Return the plan, or exit with status 2 when it is empty or names a URL that is not http(s)."""
    from sitroom.ingest.urls import is_url

    bad = [url for url in plan.feeds + plan.pages if not is_url(url)]
    if plan.is_empty() or bad:
        message = f"not an http(s) URL: {', '.join(bad)}" if bad else "nothing to watch: give --feed, --page or --folder"
        error_console.print(f"[bold red]error:[/] {message}", highlight=False)
        raise typer.Exit(2)
    return plan


def verify(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Re-hash every preserved source and WARC record; report anything changed or missing (exit 1 if so)."""
    from sitroom.evidence import BlobStore, verify_evidence

    settings = settings_for(db)
    root = settings.evidence_path()
    if root is None:
        error_console.print("[bold red]error:[/] no evidence folder for an in-memory database; set evidence_dir")
        raise typer.Exit(2)
    with open_store(db) as repository, user_errors():
        report = verify_evidence(repository, BlobStore(root), settings.analyst)
    if as_json:
        body = {"evidence_dir": str(root), "sources": report.sources, "blobs": report.blobs, "ok": report.ok,
                "unpreserved_documents": report.unpreserved_documents,
                "problems": [{"source_id": p.source_id, "source": p.source, "sha256": p.sha256, "what": p.what,
                              "problem": p.problem} for p in report.problems]}  # fmt: skip
        sys.stdout.write(json.dumps(body, indent=2) + "\n")
    else:
        for problem in report.problems:
            error_console.print(f"[red]{problem}[/]", highlight=False)
        state = "all intact" if report.ok else f"{len(report.problems)} problem(s)"
        console.print(f"verified {report.sources} preserved source(s), {report.blobs} blob(s) in {root}: {state}",
                      highlight=False)  # fmt: skip
        if report.unpreserved_documents:
            console.print(f"{report.unpreserved_documents} stored document(s) have no preserved copy "
                          "(ingested before preservation, or without an evidence folder)", highlight=False)
    if not report.ok:
        raise typer.Exit(1)


def evidence(doc_id: Annotated[str, typer.Argument(help="Document id.")], db: DbOption = None) -> None:
    """Show where a document's preserved copies are and their chain of custody, as JSON."""
    settings = settings_for(db)
    with open_store(db) as repository, user_errors():
        from sitroom.evidence.views import document_evidence

        body = document_evidence(repository, doc_id, settings.evidence_path())
    sys.stdout.write(json.dumps(body, indent=2, ensure_ascii=False) + "\n")


def register(application: typer.Typer) -> None:
    application.command()(fetch)
    application.command()(watch)
    application.command()(verify)
    application.command()(evidence)
