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
    """Score extraction against GOLD: event level (records with expected.events), else document level."""
    from sitroom.extract.evaluation_news import is_event_level
    from sitroom.extract.extractor import Extractor

    with user_errors():
        settings = settings_for(None, conventions)
        extractor = Extractor.from_config(settings)
        if is_event_level(gold):
            _evaluate_events(gold, extractor, settings.country_pack, as_json, show_errors)
            return
        from sitroom.extract.evaluation import evaluate as run_evaluation

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


def _evaluate_events(gold: Path, extractor, pack: str, as_json: bool, show_errors: bool) -> None:
    """Event-level scoring (news2021 format): figures per language group, errors by kind."""
    from sitroom.extract.actor_classes import load_class_map
    from sitroom.extract.evaluation_news import evaluate_news

    report = evaluate_news(gold, extractor, load_class_map(pack))
    figures = report.figures()
    if as_json:
        if show_errors:
            figures["errors"] = report.errors()
        typer.echo(json.dumps(figures, indent=2, ensure_ascii=False))
        return
    groups = figures["groups"]
    table = Table(title=f"events vs {gold.name}")
    table.add_column("field")
    for name, values in groups.items():
        table.add_column(f"{name} ({values['documents']} docs)", justify="right")
    for field in ("recall", "precision", "event_type", "sub_event_type", "actor1", "actor2", "fatalities", "exact_date"):
        table.add_row(field, *(f"{v[field]['correct']}/{v[field]['total']} {v[field]['rate']:.3f}" for v in groups.values()))
    console.print(table)
    for title, key in (("misses", "miss_kinds"), ("false events", "false_event_kinds")):
        kinds = " · ".join(f"{kind} {count}" for kind, count in figures[key].items()) or "none"
        console.print(f"{title}: {kinds}", highlight=False)
    if show_errors:
        _print_event_errors(report.errors())


def _print_event_errors(errors: dict) -> None:
    for title, key, value in (("missed events", "misses", "expected"), ("false events", "false_events", "predicted")):
        console.print(f"[bold]{title}[/]: {len(errors[key])}")
        for item in sorted(errors[key], key=lambda entry: entry["kind"]):
            console.print(f"  [{item['kind']}] {item['doc_id']}: {item[value]}", highlight=False)
    for name, misses in errors["fields"].items():
        console.print(f"[bold]{name}[/]: {len(misses)} wrong on found events")
        for miss in misses:
            console.print(f"  {miss['doc_id']}: expected {miss['expected']!r}, got {miss['predicted']!r} | {miss['text']}",
                          highlight=False)


def register(application: typer.Typer) -> None:
    application.command()(evaluate)
