"""Actor-profile suggestions: statements found in stored documents, and an analyst's decisions."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from sitroom.api.access import AnalystDep
from sitroom.api.deps import RepositoryDep, SettingsDep
from sitroom.errors import NotFoundError

router = APIRouter(prefix="/profile-suggestions", tags=["publishing"])


class DecisionIn(BaseModel):
    """An analyst's decision on one suggestion."""

    status: Literal["accepted", "rejected", "suggested"]
    why: str | None = Field(default=None, max_length=2000)


class StatementIn(BaseModel):
    """A profile statement an analyst writes down from a stored document (accepted at once)."""

    actor: str = Field(min_length=1, max_length=200, description="the actor (any name or alias)")
    kind: Literal["leader", "base", "strength", "alliance"]
    values: dict[str, str] = Field(description="leader: name, role; base: place; strength: low, high, unit; "
                                               "alliance: with, kind (member|ally), from (YYYY)")  # fmt: skip
    doc_id: str = Field(min_length=1, max_length=200, description="the stored document that states it")
    quote: str = Field(min_length=1, max_length=2000, description="the document's words that state it, exactly")
    why: str | None = Field(default=None, max_length=2000)


def suggestion_dict(suggestion: Any) -> dict[str, Any]:
    """Return a suggestion as JSON: the fact, its evidence spans, its source document and decision."""
    fact = dataclasses.asdict(suggestion.fact)
    fact["evidence"] = {name: list(span) for name, span in suggestion.fact.evidence.items()}
    return {"suggestion_id": suggestion.suggestion_id, "status": suggestion.status, "created_at": suggestion.created_at,
            "decided_by": suggestion.decided_by, "decided_at": suggestion.decided_at, "why": suggestion.why,
            "document": suggestion.document, **fact}  # fmt: skip


def _actor_id(name: str, pack: str) -> str:
    from sitroom.gazetteer.actors import load_actor_dictionary

    found = load_actor_dictionary(pack).lookup(name)
    if not found:
        raise NotFoundError(f"no actor called {name!r} in the actor dictionary")
    return found[0].actor_id


@router.get("", summary="Profile statements found in documents")
def list_suggestions(
    repository: RepositoryDep, settings: SettingsDep,
    actor: Annotated[str | None, Query(description="the actor (any name or alias)")] = None,
    status: Annotated[Literal["suggested", "accepted", "rejected"] | None, Query(description="only this status")] = None,
) -> dict[str, Any]:
    """Leaders, bases, strength ranges and alliances that reports state, each with its document and spans."""
    actor_id = _actor_id(actor, settings.country_pack) if actor else None
    items = [suggestion_dict(s) for s in repository.list_profile_suggestions(actor_id, status)]  # type: ignore[attr-defined]
    return {"actor_id": actor_id, "items": items, "total": len(items)}


@router.post("", summary="Add a profile statement from a stored document (analyst)", status_code=201,
             responses={404: {"description": "No such document"}, 409: {"description": "These words already hold one"},
                        422: {"description": "Unknown actor, quote not in the document, bad values"}})  # fmt: skip
def add_statement(body: StatementIn, repository: RepositoryDep, settings: SettingsDep, account: AnalystDep) -> dict[str, Any]:
    """Keep a statement the patterns missed, with its document and spans, as accepted; audited."""
    from sitroom.analyze.profile_facts import fact_finder
    from sitroom.analyze.profile_statements import analyst_statement

    document = repository.get_document(body.doc_id)
    fact = analyst_statement(fact_finder(settings.country_pack), document, body.actor, body.kind, body.values, body.quote)
    return suggestion_dict(repository.add_profile_statement(fact, account.username, body.why))  # type: ignore[attr-defined]


@router.post("/{suggestion_id}/decision", summary="Accept or reject a profile suggestion (analyst)",
             responses={404: {"description": "No such suggestion"}})  # fmt: skip
def decide(suggestion_id: Annotated[int, Field(ge=1, lt=2**63)], body: DecisionIn, repository: RepositoryDep,
           account: AnalystDep) -> dict[str, Any]:
    """Accept the suggestion into the actor's profile, reject it, or put it back; audited."""
    decided = repository.decide_profile_suggestion(suggestion_id, body.status, account.username, body.why)  # type: ignore[attr-defined]
    return suggestion_dict(decided)
