"""What monitors publish: rule alerts (JSON and Atom), alert rules with their provenance,
propaganda and claim volume, actor profiles, and the UCDP-style and Parquet exports."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response, StreamingResponse

from sitroom.api.deps import FiltersDep, RepositoryDep, SettingsDep
from sitroom.api.params import check_dates
from sitroom.errors import NotFoundError

router = APIRouter(tags=["publishing"])
AsOfParam = Annotated[dt.date | None, Query(description="Day the rules' windows end (default: today, UTC).")]
StartParam = Annotated[dt.date | None, Query(description="Earliest day.")]
EndParam = Annotated[dt.date | None, Query(description="Latest day.")]


@router.get("/alerts", summary="Alerts of the analysts' rules")
def list_alerts(repository: RepositoryDep, as_of: AsOfParam = None) -> dict[str, Any]:
    """Every alert the enabled rules fire, newest first, each with the events and documents behind it."""
    from sitroom.analyze.alert_rules import alert_to_dict, evaluate_rules

    alerts = evaluate_rules(repository, as_of)
    return {"as_of": (as_of or dt.datetime.now(dt.timezone.utc).date()).isoformat(),
            "items": [alert_to_dict(alert) for alert in alerts]}  # fmt: skip


@router.get("/alerts/feed.atom", summary="Alerts as an Atom feed", response_class=Response,
            responses={200: {"content": {"application/atom+xml": {}}}})  # fmt: skip
def alerts_feed(request: Request, repository: RepositoryDep, as_of: AsOfParam = None) -> Response:
    """The same alerts as an Atom 1.0 feed (entry ids stable per rule and event or surge week)."""
    from sitroom.analyze.alert_rules import evaluate_rules
    from sitroom.analyze.atom import alerts_atom

    base = str(request.base_url).rstrip("/")
    body = alerts_atom(evaluate_rules(repository, as_of), base, str(request.url))
    return Response(body, media_type="application/atom+xml; charset=utf-8")


@router.get("/alert-rules", summary="Alert rules with who made and changed them")
def list_alert_rules(repository: RepositoryDep) -> dict[str, Any]:
    """Every stored rule and its audited history (who created or changed it, when, why)."""
    history: dict[str, list[dict[str, Any]]] = {}
    for entry in repository.audit_entries("alert_rule"):
        history.setdefault(entry.entity_id, []).append(
            {"at": entry.at.isoformat(), "who": entry.who, "action": entry.action, "why": entry.why,
             "before": entry.before, "after": entry.after})  # fmt: skip
    items = [{**dataclasses.asdict(rule), "history": history.get(str(rule.rule_id), [])}
             for rule in repository.list_alert_rules()]  # fmt: skip
    return {"items": items}


@router.get("/volume", summary="Posts per channel and group per week; claims per group")
def volume(repository: RepositoryDep, start_date: StartParam = None, end_date: EndParam = None,
           group: Annotated[str | None, Query(max_length=200, description="Only this group.")] = None) -> dict[str, Any]:
    """Every post counts, whether or not it holds an event; claim shares count the events claimed."""
    from sitroom.analyze.volume import group_weekly_posts, volume_for_store

    check_dates(start_date, end_date)
    channels, claims = volume_for_store(repository, start_date, end_date)
    if group:
        channels = [c for c in channels if c.group and c.group.casefold() == group.casefold()]
        claims = [g for g in claims if g.group.casefold() == group.casefold()]
    weekly = group_weekly_posts(channels)
    return {
        "channels": [{"publisher": c.publisher, "source_kind": c.source_kind, "group": c.group, "posts": c.documents,
                      "posts_with_events": c.with_events,
                      "weeks": {w.isoformat(): n for w, n in sorted(c.weeks.items())}} for c in channels],
        "groups_weekly_posts": {g: {w.isoformat(): n for w, n in sorted(rows.items())} for g, rows in weekly.items()},
        "claims": [{**dataclasses.asdict(g), "share_confirmed": g.share(g.confirmed), "share_denied": g.share(g.denied),
                    "share_independently_reported": g.share(g.independently_reported)} for g in claims],
    }  # fmt: skip


@router.get("/actor-profiles/{name:path}", summary="An actor's profile with sources",
            responses={404: {"description": "No profile for this actor"}})  # fmt: skip
def actor_profile(name: str, settings: SettingsDep, repository: RepositoryDep) -> dict[str, Any]:
    """Leaders, bases inside or abroad, strength ranges, alliances over time, aliases by script, dated roles;
    the profiles file's statements and those an analyst accepted from stored documents."""
    from sitroom.analyze.profile_merge import profile_with_accepted

    profile = profile_with_accepted(name, settings.country_pack, repository)
    if profile is None:
        raise NotFoundError(f"no actor profile for {name!r}")
    return dataclasses.asdict(profile)


@router.get("/exports/events.ucdp.csv", summary="Events as UCDP GED-style CSV", response_class=StreamingResponse,
            responses={200: {"content": {"text/csv": {}}}})  # fmt: skip
def export_ucdp(repository: RepositoryDep, filters: FiltersDep) -> StreamingResponse:
    """Every matching event with deaths low / best / high and by side."""
    from sitroom.api.routers.exports import _response
    from sitroom.export import write_ucdp_csv

    events = repository.iter_events(filters.query(limit=None))
    writer = lambda rows, stream: write_ucdp_csv(rows, stream, repository.event_origins, repository.document_briefs)  # noqa: E731
    return _response(events, writer, "text/csv; charset=utf-8", "sitroom-events-ucdp.csv")


@router.get("/exports/events.parquet", summary="Events as Parquet", response_class=Response,
            responses={200: {"content": {"application/vnd.apache.parquet": {}}}})  # fmt: skip
def export_parquet(repository: RepositoryDep, filters: FiltersDep) -> Response:
    """Every matching event as one Parquet table (typed columns, sources as a list of structs)."""
    from sitroom.export import write_parquet

    with tempfile.TemporaryFile() as spool:
        write_parquet(repository.iter_events(filters.query(limit=None)), spool, repository.event_origins)
        spool.seek(0)
        body = spool.read()
    headers = {"Content-Disposition": 'attachment; filename="sitroom-events.parquet"'}
    return Response(body, media_type="application/vnd.apache.parquet", headers=headers)
