"""`sitroom profile-facts ...`: actor-profile statements found in stored documents, kept as
suggestions that an analyst accepts into the profile or rejects (audited)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from sitroom.cli.common import DbOption, fail, open_store, settings_for, user_errors
from sitroom.cli.output import console, print_table

facts_app = typer.Typer(help="Leaders, bases, strength and alliances that reports state, as profile suggestions.",
                        no_args_is_help=True)  # fmt: skip
WhyOption = Annotated[Optional[str], typer.Option("--why", help="Why you decide so (audited).")]


@facts_app.command("extract")
def extract(db: DbOption = None) -> None:
    """Read every stored document and save the profile statements it makes (decisions are kept)."""
    from sitroom.analyze.profile_facts import extract_profile_facts

    settings = settings_for(db)
    with open_store(db) as repository, user_errors():
        run = extract_profile_facts(repository, settings.country_pack)
    typer.echo(f"{run.documents} documents read, {run.facts} profile statements found, {run.new} new suggestions ({run.extractor})")


def _describe(suggestion) -> str:
    value, kind = suggestion.fact.value, suggestion.fact.kind
    if kind == "leader":
        return f"{value['role']}: {value['name']}"
    if kind == "base":
        where = {True: "inside the country", False: "abroad", None: "place not resolved"}[value.get("inside")]
        return f"based in {value['place']} ({where})"
    if kind == "strength":
        return f"{value['low']:,}-{value['high']:,} {value.get('unit', 'fighters')}"
    return f"{value['kind']} of {value['with']}" + (f" since {value['from']}" if value.get("from") else "")


@facts_app.command("list")
def list_facts(
    actor: Annotated[Optional[str], typer.Option("--actor", help="Only this actor (any name or alias).")] = None,
    status: Annotated[Optional[str], typer.Option("--status", help="suggested, accepted or rejected.")] = None,
    db: DbOption = None,
) -> None:
    """List the suggestions with their document, date and status."""
    from sitroom.gazetteer.actors import load_actor_dictionary

    settings = settings_for(db)
    actor_id = None
    if actor:
        found = load_actor_dictionary(settings.country_pack).lookup(actor)
        if not found:
            fail(f"--actor {actor!r}: no such actor in the actor dictionary")
        actor_id = found[0].actor_id
    with open_store(db) as repository, user_errors():
        suggestions = repository.list_profile_suggestions(actor_id, status)
    if not suggestions:
        console.print("no profile suggestions; run `sitroom profile-facts extract` first", highlight=False)
        return
    print_table(
        f"{len(suggestions)} profile suggestions",
        ("id", "actor", "kind", "statement", "document", "date", "status"),
        ((str(s.suggestion_id), s.fact.actor_id, s.fact.kind, _describe(s), s.fact.doc_id, s.fact.stated_on or "?", s.status)
         for s in suggestions),
    )  # fmt: skip


def _decide(suggestion_id: int, status: str, why: str | None, db) -> None:
    analyst = settings_for(db).analyst
    with open_store(db) as repository, user_errors():
        decided = repository.decide_profile_suggestion(suggestion_id, status, analyst, why)
    typer.echo(f"profile suggestion {suggestion_id} ({decided.fact.actor_id}: {_describe(decided)}) {status} by {analyst}")


@facts_app.command("accept")
def accept(suggestion_id: int, why: WhyOption = None, db: DbOption = None) -> None:
    """Accept a suggestion into the actor's profile (sourced by its document)."""
    _decide(suggestion_id, "accepted", why, db)


@facts_app.command("reject")
def reject(suggestion_id: int, why: WhyOption = None, db: DbOption = None) -> None:
    """Reject a suggestion (it stays stored, and re-running extract does not bring it back)."""
    _decide(suggestion_id, "rejected", why, db)


@facts_app.command("add")
def add(
    actor: Annotated[str, typer.Option("--actor", help="The actor (any name or alias).")],
    kind: Annotated[str, typer.Option("--kind", help="leader, base, strength or alliance.")],
    doc_id: Annotated[str, typer.Option("--doc", help="The stored document that states it.")],
    quote: Annotated[str, typer.Option("--quote", help="The document's words that state it, exactly as written.")],
    value: Annotated[Optional[list[str]], typer.Option("--value", help="NAME=TEXT, repeatable: leader name, role; base place; "
                                                          "strength low, high, unit; alliance with, kind, from.")] = None,
    why: WhyOption = None,
    db: DbOption = None,
) -> None:
    """Add a statement the patterns missed, from a stored document; it joins the profile as accepted (audited)."""
    from sitroom.analyze.profile_facts import fact_finder
    from sitroom.analyze.profile_statements import analyst_statement

    values = {}
    for item in value or []:
        name, sep, text = item.partition("=")
        if not sep or not name.strip():
            fail(f"--value {item!r}: write NAME=TEXT, e.g. --value name='Ahmad Massoud'")
        values[name.strip()] = text
    settings = settings_for(db)
    with open_store(db) as repository, user_errors():
        fact = analyst_statement(fact_finder(settings.country_pack), repository.get_document(doc_id), actor, kind, values, quote)
        added = repository.add_profile_statement(fact, settings.analyst, why)
    typer.echo(f"profile statement {added.suggestion_id} ({fact.actor_id}: {_describe(added)}) added and accepted by {settings.analyst}")


def register(application: typer.Typer) -> None:
    application.add_typer(facts_app, name="profile-facts")
