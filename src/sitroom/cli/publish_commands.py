"""`sitroom alert-rule ...`: the alert rules an analyst defines (stored in the database, audited)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from sitroom.cli.common import DbOption, open_store, settings_for, user_errors
from sitroom.cli.output import console, print_table

rules_app = typer.Typer(help="Define the alert rules `sitroom alerts`, the Atom feed and the dashboard show.",
                        no_args_is_help=True)  # fmt: skip
WhyOption = Annotated[Optional[str], typer.Option("--why", help="Why the rule is made or changed (audited).")]


@rules_app.command("add")
def add_rule(
    name: Annotated[str, typer.Argument(help="A unique name, e.g. panjshir-claims.")],
    kind: Annotated[str, typer.Option("--kind", help="unconfirmed-claim, contradicted-claim, former-security-killings or surge.")],
    province: Annotated[Optional[str], typer.Option("--province", help="Only this province (name or ISO code).")] = None,
    days: Annotated[Optional[int], typer.Option("--days", help="Window in days ending today (default 7; surges 28).")] = None,
    why: WhyOption = None,
    db: DbOption = None,
) -> None:
    """Create a rule, or change the rule of that name (kind, province, days)."""
    from sitroom.analyze.alert_rules import validate_rule

    analyst = settings_for(db).analyst
    with user_errors():
        params = validate_rule(kind, {"province": province, "days": days})
    with open_store(db) as repository, user_errors():
        rule = repository.save_alert_rule(name, kind, params, analyst, why)
    typer.echo(f"alert rule {rule.name!r} ({rule.kind}, {rule.params or 'no parameters'}) saved by {analyst}")


def _switch(name: str, enabled: bool, why: str | None, db) -> None:
    analyst = settings_for(db).analyst
    with open_store(db) as repository, user_errors():
        rule = next((r for r in repository.list_alert_rules() if r.name == name), None)
        if rule is None:
            from sitroom.cli.common import fail

            fail(f"alert rule {name!r} does not exist; `sitroom alert-rule list` shows the rules")
        repository.save_alert_rule(name, rule.kind, rule.params, analyst, why, enabled=enabled)
    typer.echo(f"alert rule {name!r} {'enabled' if enabled else 'disabled'} by {analyst}")


@rules_app.command("enable")
def enable_rule(name: str, why: WhyOption = None, db: DbOption = None) -> None:
    """Switch a rule on again."""
    _switch(name, True, why, db)


@rules_app.command("disable")
def disable_rule(name: str, why: WhyOption = None, db: DbOption = None) -> None:
    """Switch a rule off (it stays stored, with its history)."""
    _switch(name, False, why, db)


@rules_app.command("delete")
def delete_rule(name: str, why: WhyOption = None, db: DbOption = None) -> None:
    """Delete a rule (the audit log keeps what it was)."""
    analyst = settings_for(db).analyst
    with open_store(db) as repository, user_errors():
        repository.delete_alert_rule(name, analyst, why)
    typer.echo(f"alert rule {name!r} deleted by {analyst}")


@rules_app.command("list")
def list_rules(db: DbOption = None) -> None:
    """List the rules with who made and last changed them, and the number of recorded changes."""
    with open_store(db) as repository, user_errors():
        rules = repository.list_alert_rules()
        changes = {}
        for entry in repository.audit_entries("alert_rule"):
            changes[entry.entity_id] = changes.get(entry.entity_id, 0) + 1
    if not rules:
        console.print("no alert rules; add one with `sitroom alert-rule add NAME --kind ...`", highlight=False)
        return
    print_table(
        f"{len(rules)} alert rules",
        ("name", "kind", "parameters", "on", "created", "last changed", "changes"),
        ((rule.name, rule.kind, ", ".join(f"{k}={v}" for k, v in sorted(rule.params.items())) or "-",
          "yes" if rule.enabled else "no", f"{rule.created_by} {rule.created_at[:16]}",
          f"{rule.updated_by} {rule.updated_at[:16]}", str(changes.get(str(rule.rule_id), 0)))
         for rule in rules),
    )  # fmt: skip


def register(application: typer.Typer) -> None:
    application.add_typer(rules_app, name="alert-rule")
