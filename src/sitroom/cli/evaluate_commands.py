"""Commands that measure sitroom: evaluate (extraction against gold files)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from sitroom.cli.common import ConventionsOption, settings_for, user_errors
from sitroom.cli.output import console


def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL file (id, text, published, expected).", exists=True, dir_okay=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    show_errors: Annotated[bool, typer.Option("--show-errors", help="List the misses per field.")] = False,
    conventions: ConventionsOption = None,
) -> None:
    """Score extraction against GOLD at document level, field by field."""
    from sitroom.extract.evaluation import evaluate as run_evaluation
    from sitroom.extract.extractor import Extractor

    with user_errors():
        extractor = Extractor.from_config(settings_for(None, conventions))
        report = run_evaluation(gold, extractor)
    figures = report.figures()
    if as_json:
        if show_errors:
            figures["errors"] = report.errors
        typer.echo(json.dumps(figures, indent=2, ensure_ascii=False))
        return
    table = Table(title=f"extraction vs {gold.name}: {report.documents} documents")
    for column in ("field", "correct", "total", "score"):
        table.add_column(column, justify="right" if column != "field" else "left")
    for name, values in figures["fields"].items():
        if name == "airstrike_f1":
            table.add_row(name, f"tp {values['tp']}", f"fp {values['fp']} fn {values['fn']}", f"{values['rate']:.3f}")
        else:
            table.add_row(name, str(values["correct"]), str(values["total"]), f"{values['rate']:.3f}")
    console.print(table)
    kinds = " · ".join(f"{kind} {count}" for kind, count in figures["event_date_misses"].items())
    console.print(f"event_date misses: {kinds}", highlight=False)
    if show_errors:
        for name, misses in report.errors.items():
            console.print(Text.assemble((name, "bold"), f": {len(misses)} misses"))
            for miss in misses:
                console.print(f"  {miss['doc_id']}: expected {miss['expected']!r}, got {miss['predicted']!r}", highlight=False)


def register(application: typer.Typer) -> None:
    application.command()(evaluate)
