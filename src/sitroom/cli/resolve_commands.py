"""Commands that resolve mentions into events and let the analyst correct them.

resolve, merge, split, move, undo, decisions, why, actors, evaluate-resolution: each is
a thin wrapper over ``sitroom.resolve`` (workflow and evaluation), which the web UI calls too.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from sitroom.cli.common import DbOption, error_console, open_store, print_message, settings_for, user_errors
from sitroom.cli.output import console

WhyOption = Annotated[str, typer.Option("--why", help="Why (recorded with the decision in the audit log).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


class Period(str, Enum):
    month = "month"
    quarter = "quarter"
    year = "year"


def print_resolution_changes(changes, quiet: bool = False) -> None:
    """Print what a resolution changed (standard error), and every decision it could not apply."""
    if changes is None:
        return
    for decision_id, reason in changes.unapplied:
        print_message(f"decision {decision_id} not applied", "yellow", reason)
    if quiet:
        return
    error_console.print(f"resolution: {changes.new_mentions} mentions placed; {event_changes(changes)}", highlight=False)


def event_changes(changes) -> str:
    """How the stored events became the resolved ones. Storing a document gives each new mention a
    provisional event of its own, so a first run shows many events merged and few created."""
    removed = changes.events_deleted - changes.events_merged
    return (f"{changes.events_before} stored events became {changes.events}: {changes.events_created} new, "
            f"{changes.events_updated} updated, {changes.events_merged} merged into others, {removed} removed")


def resolve(
    db: DbOption = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Re-cluster every mention from scratch.")] = False,
) -> None:
    """Attach mentions not yet placed to events (ingest does this at the end of every run)."""
    from sitroom.resolve import resolve_store

    from sitroom.cli.output import document_progress

    settings = settings_for(db)
    with open_store(db) as repository, user_errors(), document_progress("resolve", False, "items") as progress:
        why = "rebuild (sitroom resolve --rebuild)" if rebuild else "sitroom resolve"
        changes = resolve_store(repository, who=settings.analyst, why=why, rebuild=rebuild, on_progress=progress)
    print_resolution_changes(changes)


def _report_decision(decision, changes) -> None:
    print_resolution_changes(changes, quiet=True)
    typer.echo(f"{decision.kind} recorded as decision {decision.decision_id} (undo with `sitroom undo {decision.decision_id} --why ...`)")


def merge(
    event_ids: Annotated[list[str], typer.Argument(help="Two or more event ids; the first id is kept.")],
    why: WhyOption,
    db: DbOption = None,
) -> None:
    """Merge events into one (kept after new documents, reversible with undo)."""
    from sitroom.resolve import merge_events

    settings = settings_for(db)
    with open_store(db) as repository, user_errors():
        _report_decision(*merge_events(repository, event_ids, who=settings.analyst, why=why))


def split(
    event_id: Annotated[str, typer.Argument(help="The event to split.")],
    mention_ids: Annotated[list[str], typer.Argument(help="Mentions that form an event of their own.")],
    why: WhyOption,
    db: DbOption = None,
) -> None:
    """Split mentions out of an event into an event of their own."""
    from sitroom.resolve import split_mentions

    settings = settings_for(db)
    with open_store(db) as repository, user_errors():
        _report_decision(*split_mentions(repository, event_id, mention_ids, who=settings.analyst, why=why))


def move(
    mention_id: Annotated[str, typer.Argument(help="The mention to move.")],
    event_id: Annotated[str, typer.Argument(help="The event it belongs to.")],
    why: WhyOption,
    db: DbOption = None,
) -> None:
    """Move one mention into another event."""
    from sitroom.resolve import move_mention

    settings = settings_for(db)
    with open_store(db) as repository, user_errors():
        _report_decision(*move_mention(repository, mention_id, event_id, who=settings.analyst, why=why))


def undo(
    decision_id: Annotated[str, typer.Argument(help="The decision to cancel (see `sitroom decisions`).")],
    why: WhyOption,
    db: DbOption = None,
) -> None:
    """Cancel an earlier decision (undo an undo to restore it); events are re-clustered."""
    from sitroom.resolve import undo_decision

    settings = settings_for(db)
    with open_store(db) as repository, user_errors():
        _report_decision(*undo_decision(repository, decision_id, who=settings.analyst, why=why))


def _decision_target(record: dict) -> str:
    kind = record["kind"]
    if kind == "merge":
        return " + ".join(record["event_ids"])
    if kind == "split":
        return f"{', '.join(record['mention_ids'])} out of {record['event_id']}"
    if kind == "move":
        return f"{record['mention_id']} -> {record['to_event_id']}"
    return record["target_id"]


def decisions(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List the analyst's decisions, oldest first, with who, why and whether each is in force."""
    from sitroom.resolve import list_decisions

    with open_store(db) as repository, user_errors():
        views = list_decisions(repository)
    rows = [{**v.decision.to_record(), "in_force": v.in_force, "problem": v.problem} for v in views]
    if as_json:
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} decisions")
    for column in ("id", "when", "kind", "what", "who", "why", "state"):
        table.add_column(column, overflow="fold")
    for row in rows:
        state = ("in force" if row["in_force"] else "undone") + (f"; not applied: {row['problem']}" if row["problem"] else "")
        table.add_row(row["decision_id"], row["when"], row["kind"], _decision_target(row), row["who"], row["why"], state)
    console.print(table)


def why(
    event_id: Annotated[str, typer.Argument(help="The event to explain.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Explain an event: the scored mention pairs (features and scores) and the decisions naming it."""
    from sitroom.resolve import explain_event

    with open_store(db) as repository, user_errors():
        explanation = explain_event(repository, event_id)
    if as_json:
        typer.echo(json.dumps({
            "event_id": explanation.event_id, "mentions": list(explanation.mention_ids),
            "pairs": [pair.to_dict() for pair in explanation.pairs],
            "decisions": [decision.to_record() for decision in explanation.decisions],
        }, indent=2, ensure_ascii=False))  # fmt: skip
        return
    console.print(Text.assemble((event_id, "bold"), f": {len(explanation.mention_ids)} mentions: {', '.join(explanation.mention_ids)}"))
    if not explanation.pairs:
        console.print("no scored pairs (a one-mention event, or one made by an analyst decision)")
    for pair in explanation.pairs:
        console.print(
            f"{pair.mention_a} ~ {pair.mention_b}: score {pair.score:.3f} (threshold {pair.threshold}) "
            f"{pair.decision}{'; ' + pair.reason if pair.reason else ''}",
            highlight=False,
        )
        for feature in pair.features:
            console.print(f"    {feature.name:<8} {feature.value:.2f} x{feature.weight:g}  {feature.detail}", highlight=False)
    for decision in explanation.decisions:
        console.print(f"decision {decision.decision_id} ({decision.kind}) by {decision.who}: {decision.why}", highlight=False)


def actors(
    db: DbOption = None,
    period: Annotated[Period, typer.Option("--period", help="Group by month, quarter or year.")] = Period.month,
    as_json: JsonOption = False,
) -> None:
    """Per actor and period: events claimed, claims contradicted and confirmed, claimed vs confirmed deaths."""
    from dataclasses import asdict

    from sitroom.resolve import actor_stats

    with open_store(db) as repository, user_errors():
        found = actor_stats(repository, period.value)
    if as_json:
        typer.echo(json.dumps([asdict(row) for row in found], indent=2, ensure_ascii=False))
        return
    table = Table(title=f"claims per actor and {period.value}")
    headers = ("actor", "period", "claimed", "contradicted", "confirmed", "deaths claimed", "deaths confirmed")
    for header in headers:
        table.add_column(header, justify="left" if header in ("actor", "period") else "right")
    for row in found:
        table.add_row(
            row.actor, row.period, str(row.events_claimed), str(row.claims_contradicted),
            str(row.claims_independently_confirmed), str(row.claimed_fatalities), str(row.confirmed_fatalities),
        )  # fmt: skip
    console.print(table)


def evaluate_resolution(
    benchmark: Annotated[Path, typer.Argument(help="Labelled JSONL benchmark (mentions with event_key).", exists=True, dir_okay=False)],
    as_json: JsonOption = False,
) -> None:
    """Score same-event resolution on a labelled benchmark: pairwise and B-cubed precision, recall, F1."""
    from sitroom.resolve import evaluate_resolution_file

    with user_errors():
        figures = evaluate_resolution_file(benchmark).to_dict()
    if as_json:
        typer.echo(json.dumps(figures, indent=2))
        return
    table = Table(title=f"resolution vs {benchmark.name}: {figures['mentions']} mentions, "
                        f"{figures['gold_events']} gold events, {figures['predicted_events']} predicted")  # fmt: skip
    for column in ("measure", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    for name in ("pairwise", "bcubed"):
        label = "B-cubed" if name == "bcubed" else name
        table.add_row(label, *(f"{figures[f'{name}_{part}']:.4f}" for part in ("precision", "recall", "f1")))
    console.print(table)


def register(application: typer.Typer) -> None:
    for command in (resolve, merge, split, move, undo, decisions, why, actors):
        application.command()(command)
    application.command("evaluate-resolution")(evaluate_resolution)
