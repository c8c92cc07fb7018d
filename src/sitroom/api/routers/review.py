"""The review queue and the reviewer's actions: accept, finalise, correct, reject, send back, reopen, merge, split."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from sitroom.api import convert
from sitroom.api.access import AnalystDep, SessionDep
from sitroom.api.deps import GazetteerDep, RepositoryDep
from sitroom.errors import ConflictError, NotFoundError
from sitroom.review.queue import SORTS, WAITING, queue_item, review_queue
from sitroom.review.workflow import ACTIONS, TRANSITIONS, Reviewer, merge_for_review, review_event, split_for_review
from sitroom.auth.accounts import role_allows

router = APIRouter(prefix="/review", tags=["review"])


class ActionIn(BaseModel):
    action: Literal[ACTIONS]  # type: ignore[valid-type]
    version: int = Field(ge=0, description="The review version the edit was made on.")
    why: str | None = Field(default=None, max_length=2000)
    corrections: dict[str, Any] = Field(default_factory=dict)


class MergeIn(BaseModel):
    event_ids: list[str] = Field(min_length=2, max_length=50)
    versions: dict[str, int] = Field(default_factory=dict)
    why: str = Field(min_length=1, max_length=2000)


class SplitIn(BaseModel):
    mention_ids: list[str] = Field(min_length=1, max_length=500)
    version: int = Field(ge=0)
    why: str = Field(min_length=1, max_length=2000)


def _state(state) -> dict:
    return {name: getattr(state, name) for name in state.__slots__ if name not in ("members", "reviewed_fields")}


def _item(item) -> dict:
    event = item.event
    return {
        "event_id": event["event_id"], "event_date": event["event_date"], "event_type": event["event_type"],
        "sub_event_type": event["sub_event_type"], "admin1": event["admin1"], "admin2": event["admin2"],
        "location": event["location"], "actor1": event["actor1"], "actor2": event["actor2"],
        "fatalities_best": event["fatalities_best"], "fatalities_high": event["fatalities_high"],
        "status": event["status"], "review": _state(item.review), "priority": item.priority, "confidence": item.overall,
        "fields": {name: {"score": c.score, "reason": c.reason} for name, c in item.confidence.items()},
        "new_actors": list(item.new_actors), "sources": item.source_count,
    }  # fmt: skip


@router.get("/queue", summary="Events waiting for review, most urgent first")
def get_queue(
    repository: RepositoryDep,
    status: list[str] = Query(default=list(WAITING), description="Review statuses to list."),
    sort: Literal[SORTS] = "priority",  # type: ignore[valid-type]
    limit: int = Query(default=50, ge=1, le=500),
) -> dict:
    """The queue with each event's field confidences (docs/review.md says how they are derived)."""
    return {"items": [_item(item) for item in review_queue(repository, tuple(status), sort, limit)]}


def _can(session) -> dict[str, bool]:
    role = session.account.role if session.account else None
    return {action: bool(role and role_allows(role, TRANSITIONS[action][2])) for action in ACTIONS} | {
        "merge": bool(role and role_allows(role, "analyst")), "split": bool(role and role_allows(role, "analyst"))}


@router.get("/events/{event_id}", summary="One event for review: fields, confidences, sources, history")
def get_review(event_id: str, repository: RepositoryDep, session: SessionDep) -> dict:
    """The event as the event page has it, plus its review state, confidences, versions and what you may do."""
    event = repository.get_event(event_id)
    lead_text = None
    if event.coded.doc_id:
        try:
            lead_text = repository.get_document(event.coded.doc_id).text
        except NotFoundError:
            lead_text = None
    detail = convert.event_detail(event, repository.event_mentions(event_id), repository.audit_entries("event", event_id), lead_text)
    rows = repository.review_rows([event_id])
    item = queue_item(rows[0], repository.reviewed_actor_names()) if rows else None
    return {
        "event": detail.model_dump(mode="json"),
        "review": _state(repository.get_review(event_id)),
        "confidence": _item(item) if item else None,
        "versions": [{"version": v.version, "at": v.at.isoformat(), "who": v.who, "action": v.action, "why": v.why,
                      "before": v.before, "after": v.after} for v in repository.event_versions(event_id)],  # fmt: skip
        "can": _can(session),
    }


def _conflict(error: ConflictError, edit: dict) -> JSONResponse:
    return JSONResponse(status_code=409, content={"detail": str(error), "current_version": error.current, "your_edit": edit})


@router.post("/events/{event_id}", summary="Act on one event (accept, finalise, correct, reject, send back, reopen)",
             responses={409: {"description": "The event changed since the version the edit was made on"}})  # fmt: skip
def act(event_id: str, body: ActionIn, repository: RepositoryDep, account: AnalystDep) -> Any:
    """Apply the action made on ``version``; a stale version answers 409 with your edit returned unchanged."""
    reviewer = Reviewer(account.username, account.role)
    try:
        state = review_event(repository, event_id, body.action, reviewer=reviewer, version=body.version,
                             why=body.why, corrections=body.corrections)  # fmt: skip
    except ConflictError as error:
        return _conflict(error, body.model_dump())
    return {"review": _state(state)}


@router.post("/merge", summary="Merge events (the first id is kept)", responses={409: {"description": "Stale version"}})
def merge(body: MergeIn, repository: RepositoryDep, account: AnalystDep) -> Any:
    """Merge the events as a stored decision (it survives rebuilds); the kept event goes back for review."""
    try:
        state = merge_for_review(repository, body.event_ids, body.versions, reviewer=Reviewer(account.username, account.role),
                                 why=body.why)  # fmt: skip
    except ConflictError as error:
        return _conflict(error, body.model_dump())
    return {"review": _state(state), "event_id": state.event_id}


@router.post("/events/{event_id}/split", summary="Split mentions off an event", responses={409: {"description": "Stale version"}})
def split(event_id: str, body: SplitIn, repository: RepositoryDep, account: AnalystDep) -> Any:
    """Split the listed mentions into an event of their own, as a stored decision."""
    try:
        state, new_id = split_for_review(repository, event_id, body.mention_ids, body.version,
                                         reviewer=Reviewer(account.username, account.role), why=body.why)  # fmt: skip
    except ConflictError as error:
        return _conflict(error, body.model_dump())
    return {"review": _state(state), "event_id": event_id, "new_event_id": new_id}


@router.get("/taxonomy", summary="ACLED event types and sub-event types (for the correction form)")
def taxonomy() -> dict:
    """The event types a correction may use, each with its sub-event types."""
    from sitroom.review.fields import acled_event_types

    return {"event_types": {name: list(subs) for name, subs in acled_event_types().items()}}


PRECISION_OF_LEVEL = {"populated": 1, "admin2": 2, "admin1": 3}


@router.get("/places", summary="Places a name may denote (for correcting an event's place)")
def find_places(gazetteer: GazetteerDep, name: str = Query(min_length=1, max_length=200)) -> dict:
    """Gazetteer places matching ``name`` (any spelling or script), with the place precision each gives."""
    places = [p for p in gazetteer.lookup(name) if p.level in PRECISION_OF_LEVEL][:20]  # type: ignore[attr-defined]
    return {"items": [{
        "place_id": p.place_id, "name": p.name, "level": p.level, "admin1": p.admin1, "admin1_code": p.admin1_code,
        "admin2": p.admin2, "latitude": p.latitude, "longitude": p.longitude, "geo_precision": PRECISION_OF_LEVEL[p.level],
    } for p in places]}  # fmt: skip
