"""`sitroom report`: a situation report for a period (and a province) as HTML or PDF."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from sitroom.cli.common import DbOption, fail, open_store, parse_date_option, user_errors


class ReportFormat(str, Enum):
    html = "html"
    pdf = "pdf"


def report(
    start: Annotated[str, typer.Option("--from", help="First day of the period, YYYY-MM-DD.")],
    end: Annotated[str, typer.Option("--to", help="Last day of the period, YYYY-MM-DD.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (.html or .pdf).")],
    province: Annotated[Optional[str], typer.Option("--province", help="Only this province (name or ISO code).")] = None,
    output_format: Annotated[Optional[ReportFormat], typer.Option("--format", "-f", help="html or pdf (default: from the file name).")] = None,
    db: DbOption = None,
) -> None:
    """Write a situation report: map, trends, claims vs confirmations, notable events, changes since the last period."""
    from sitroom.analyze.report_render import render_report_html, render_report_pdf
    from sitroom.analyze.situation import build_situation_report

    first, last = parse_date_option(start, "--from"), parse_date_option(end, "--to")
    chosen = output_format or (ReportFormat.pdf if output.suffix.lower() == ".pdf" else ReportFormat.html)
    if not output.parent.exists():
        fail(f"--output {output}: folder {output.parent} does not exist; create it first")
    with open_store(db) as repository, user_errors():
        situation = build_situation_report(repository, first, last, province)
        if chosen is ReportFormat.pdf:
            render_report_pdf(situation, output)
        else:
            try:
                output.write_text(render_report_html(situation), encoding="utf-8")
            except OSError as error:
                fail(f"--output {output}: cannot write ({error.strerror}); choose a writable path")
    typer.echo(f"wrote the {chosen.value} report of {situation.totals.events} events to {output}", err=True)


def register(application: typer.Typer) -> None:
    application.command()(report)
