"""`sitroom alerts`: significant weekly surges of events per province."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from sitroom.cli.common import DbOption, open_store, parse_date_option, user_errors
from sitroom.cli.output import console, print_table


WeeksOption = Annotated[
    Optional[int], typer.Option("--weeks", min=1, help="Test only the last N weeks (default: every week with a baseline).")
]
UntilOption = Annotated[
    Optional[str], typer.Option("--until", help="Last week to test, YYYY-MM-DD (default: the latest event's week).")
]
SettingsOption = Annotated[
    Optional[Path], typer.Option("--settings", help="Surge settings TOML (default: the packaged surges.toml).")
]


def alerts(
    db: DbOption = None,
    weeks: WeeksOption = None,
    until: UntilOption = None,
    settings: SettingsOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Day the alert rules' windows end, YYYY-MM-DD (default: today).")] = None,
) -> None:
    """List significant surges per province, then the alerts of the analysts' rules (`sitroom alert-rule`)."""
    until_date = parse_date_option(until, "--until")
    as_of_date = parse_date_option(as_of, "--as-of")
    from sitroom.analyze.alert_rules import alert_to_dict, evaluate_rules
    from sitroom.analyze.surges import load_surge_settings, surge_report_for_store

    with open_store(db) as repository, user_errors():
        report = surge_report_for_store(repository, weeks=weeks, until=until_date, settings=load_surge_settings(settings))
        fired = evaluate_rules(repository, as_of_date)
    if as_json:
        sys.stdout.write(json.dumps({**report, "rule_alerts": [alert_to_dict(a) for a in fired]}, indent=2) + "\n")
        return
    print_surges(report)
    print_rule_alerts(fired)


def print_rule_alerts(fired: list) -> None:
    """Print the alerts of the stored rules, newest first, with the events and documents behind each."""
    if not fired:
        return
    print_table(
        f"{len(fired)} alerts from alert rules",
        ("rule", "alert", "events", "documents"),
        ((a.rule_name, a.title, "\n".join(a.event_ids), "\n".join(a.doc_ids)) for a in fired),
    )


def print_surges(report: dict) -> None:
    """Print the significant surges as a table, and the test's parameters under it."""
    span = report["weeks_tested"]
    where = f"weeks {span[0]} to {span[1]}" if span else "no week (too little data for a baseline)"
    settings = report["settings"]
    caption = (
        f"Poisson upper tail vs each province's previous {settings['baseline_weeks']} weeks "
        f"(rate floor {settings['rate_floor']}); Bonferroni over {report['cells']} province-weeks: "
        f"p < {report['threshold']:.2g}, at least {settings['min_count']} events"
    )
    if not report["surges"]:
        console.print(f"no significant surges in {where}.", highlight=False)
        console.print(caption, style="dim", highlight=False)
        return
    table = Table(title=f"{len(report['surges'])} surges, {where}", caption=caption)
    for column in ("province", "code", "week of", "events", "baseline/wk", "expected", "p-value"):
        table.add_column(column, justify="right" if column not in ("province", "code", "week of") else "left")
    for surge in report["surges"]:
        table.add_row(
            surge["province_name"],
            surge["province"],
            surge["week"],
            str(surge["count"]),
            f"{surge['baseline_mean']:.2f}",
            f"{surge['expected']:.2f}",
            f"{surge['p_value']:.2e}",
        )
    console.print(table)


def register(application: typer.Typer) -> None:
    application.command()(alerts)
